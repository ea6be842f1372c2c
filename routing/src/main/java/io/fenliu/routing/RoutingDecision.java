package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.internal.Require;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the router decided for one consultation, and why (R19): the chosen agent (empty for {@link
 * RoutingStep#QUEUED} and {@link RoutingStep#NO_AGENT}), the step that chose it, whether it holds a seat
 * (R20), its place in the queue when it waits (R22), and a sentence an operator can read.
 *
 * <p>Routers hand out decisions prepared when their configuration was applied, so routing a consultation to
 * a live agent allocates nothing; the reason is formatted from a template only when {@link #reason()} is
 * called. Compare decisions with {@link #equals}, not identity: two decisions are equal when they name the
 * same agent, step, reason, queue position and repetition.
 *
 * <p>Build one yourself (e.g. when reading a stored decision back) with {@link #of(Optional, RoutingStep,
 * String)}; the router's own decisions satisfy the same invariants: an agent is named exactly when the step
 * names one (every step but QUEUED and NO_AGENT), and a queue position exactly when the step is QUEUED.
 */
public final class RoutingDecision {
  private static final String AGENT = "{agent}";
  private static final String CONTEXT = "{context}";

  private final Optional<AccountId> agent;
  private final RoutingStep step;
  /** The reason, or a template with {agent} and {context} placeholders filled in lazily. */
  private final String template;
  private final String context;
  private final int queuePosition;
  private final boolean repeated;

  RoutingDecision(Optional<AccountId> agent, RoutingStep step, String template, String context, int queuePosition,
      boolean repeated) {
    this.agent = agent;
    this.step = step;
    this.template = template;
    this.context = context;
    this.queuePosition = queuePosition;
    this.repeated = repeated;
  }

  /**
   * A decision with a fixed reason.
   *
   * @throws IllegalArgumentException if an agent is named for QUEUED or NO_AGENT, or missing for another step
   * @throws NullPointerException if an argument is null
   */
  public static RoutingDecision of(Optional<AccountId> agent, RoutingStep step, String reason) {
    check(agent, step, reason);
    Require.argument(step != RoutingStep.QUEUED, "step", "R22",
        "a QUEUED decision needs its queue position; use queued(position, reason): %s", step);
    return new RoutingDecision(agent, step, reason, "", 0, false);
  }

  /**
   * A QUEUED decision (R22) at {@code position} (1 for the head of the queue).
   *
   * @throws IllegalArgumentException if {@code position} is below 1
   */
  public static RoutingDecision queued(int position, String reason) {
    Require.notNull(reason, "reason");
    Require.positive(position, "queue position", "R22");
    return new RoutingDecision(Optional.empty(), RoutingStep.QUEUED, reason, "", position, false);
  }

  private static void check(Optional<AccountId> agent, RoutingStep step, String reason) {
    Require.notNull(agent, "agent");
    Require.notNull(step, "step");
    Require.notNull(reason, "reason");
    boolean names = step != RoutingStep.NO_AGENT && step != RoutingStep.QUEUED;
    Require.argument(agent.isPresent() == names, "agent", "R19",
        "a decision names an agent exactly when its step is not QUEUED or NO_AGENT: %s", step);
  }

  /** The agent chosen; empty when the consultation waits (QUEUED) or none could be chosen (NO_AGENT). */
  public Optional<AccountId> agent() {
    return agent;
  }

  /** The step that decided. */
  public RoutingStep step() {
    return step;
  }

  /** Why, in a sentence citing the rule (R19). */
  public String reason() {
    if (template.indexOf('{') < 0) {
      return template;
    }
    return template.replace(AGENT, agent.map(AccountId::value).orElse("")).replace(CONTEXT, context);
  }

  /** Whether an agent was chosen (a live agent or an offline-message receiver). */
  public boolean isAssigned() {
    return agent.isPresent();
  }

  /** Whether the consultation holds a seat of the chosen agent (R20): routed to a live agent, not to a receiver. */
  public boolean holdsSeat() {
    return step.holdsSeat();
  }

  /** Whether the consultation waits in the shop's queue (R22). */
  public boolean isQueued() {
    return step == RoutingStep.QUEUED;
  }

  /** The consultation's place in the queue when the decision was made (1 = next), for QUEUED decisions. */
  public OptionalInt queuePosition() {
    return step == RoutingStep.QUEUED ? OptionalInt.of(queuePosition) : OptionalInt.empty();
  }

  /**
   * Whether this decision was made earlier: the consultation's id was already open or waiting when it was
   * routed again, so the router returned its current outcome instead of seating it twice (R20).
   */
  public boolean isRepeat() {
    return repeated;
  }

  /** This decision, marked as the answer to a repeated id (R20). */
  RoutingDecision asRepeat() {
    return repeated ? this : new RoutingDecision(agent, step, template, context, queuePosition, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoutingDecision d
        && agent.equals(d.agent)
        && step == d.step
        && queuePosition == d.queuePosition
        && repeated == d.repeated
        && reason().equals(d.reason());
  }

  @Override
  public int hashCode() {
    return Objects.hash(agent, step, queuePosition, repeated);
  }

  @Override
  public String toString() {
    return "RoutingDecision[" + agent.map(AccountId::value).orElse("-") + " via " + step
        + (step == RoutingStep.QUEUED ? " #" + queuePosition : "") + (repeated ? ", repeat" : "") + ": " + reason()
        + "]";
  }
}
