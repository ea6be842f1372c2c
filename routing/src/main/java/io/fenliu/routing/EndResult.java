package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * What ending a consultation did (R20, R22). Ending is idempotent: ending an id that is not open (never
 * routed, already ended, or another router's) changes nothing and says so with {@link Outcome#NOT_OPEN}
 * rather than throwing at the host's happy path.
 *
 * @param consultation the id that was ended
 * @param outcome what happened
 * @param agent the agent whose seat was freed, for {@link Outcome#ENDED}
 * @param queueExits the consultations that left the queue during this call, in the order they left: those that had
 *     passed their deadline by the end's time first (expired, sent to the receivers: R22), then those the freed
 *     seat let in (seated)
 */
public record EndResult(ConsultationId consultation, Outcome outcome, Optional<AccountId> agent,
    List<QueueExit> queueExits) {

  /** What ending did. */
  public enum Outcome {
    /** The consultation held a seat; the seat is free now. */
    ENDED,
    /** The consultation was waiting in the queue; it left it (R22, withdrawn). */
    WITHDRAWN,
    /** The router holds no consultation with this id; nothing changed (R20). */
    NOT_OPEN
  }

  /** Validates every component and copies the list. */
  public EndResult {
    Require.notNull(consultation, "consultation");
    Require.notNull(outcome, "outcome");
    Require.notNull(agent, "agent");
    queueExits = List.copyOf(Require.noNullElements(queueExits, "queue exits"));
    Require.argument(agent.isPresent() == (outcome == Outcome.ENDED), "agent", "R20",
        "an end names the agent exactly when a seat was freed: %s", outcome);
  }
}
