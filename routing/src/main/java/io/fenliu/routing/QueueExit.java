package io.fenliu.routing;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.internal.Require;
import java.time.Duration;

/**
 * A waiting consultation left the shop's queue (R22): seated with a live agent once a seat freed, or sent to
 * the offline receivers (or to nobody) because it waited longer than the shop's maximum wait. Withdrawals are
 * the host's own doing and are not reported this way.
 *
 * @param consultation the consultation's id
 * @param decision how it was decided when it left; its step says which of the above happened
 * @param waited how long it waited
 */
public record QueueExit(ConsultationId consultation, RoutingDecision decision, Duration waited) {
  /** Validates every component. */
  public QueueExit {
    Require.notNull(consultation, "consultation");
    Require.notNull(decision, "decision");
    Require.nonNegativeSaturated(waited, "waited");
  }
}
