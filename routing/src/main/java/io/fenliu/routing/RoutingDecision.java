package io.fenliu.routing;

import io.fenliu.routing.internal.ApiAccess;
import io.fenliu.routing.internal.Reason;
import io.fenliu.routing.internal.ScopeCounts;
import java.util.List;
import java.util.Map;
import io.fenliu.core.AccountId;
import io.fenliu.core.internal.Require;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

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
  /** The agent, or null; not an Optional, so that a prepared decision is one small object. */
  private final @Nullable AccountId agent;
  /** The step and the reason's template, shared by every decision of its kind. */
  private final Reason reason;
  /** The queue position shifted left once, with the lowest bit set for a repeat (R20, R22). */
  private final int meta;

  static {
    ApiAccess.register(new ApiAccess.Factory() {
      @Override
      public RoutingDecision decision(@Nullable AccountId agent, Reason reason, int queuePosition, boolean repeat) {
        return new RoutingDecision(agent, reason, queuePosition, repeat);
      }

      @Override
      public RoutingDecision asRepeat(RoutingDecision d) {
        return d.asRepeat();
      }

      @Override
      public RouterStats stats(long[] byStep, Map<AccountId, Long> byAgent, long queued, long seatedFromQueue,
          long expiredFromQueue, long turnedAwayQueueFull, long withdrawnFromQueue, long queueWaitMillis,
          long capacityRefusals, int queueLength, List<ScopeCounts> scopes) {
        return new RouterStats(byStep, byAgent, queued, seatedFromQueue, expiredFromQueue, turnedAwayQueueFull,
            withdrawnFromQueue, queueWaitMillis, capacityRefusals, queueLength, scopes);
      }
    });
  }

  RoutingDecision(@Nullable AccountId agent, Reason reason, int queuePosition, boolean repeated) {
    this.agent = agent;
    this.reason = reason;
    this.meta = queuePosition << 1 | (repeated ? 1 : 0);
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
        "a decision whose step is %s needs its queue position; use queued(position, reason)", step);
    return new RoutingDecision(agent.orElse(null), new Reason(step, reason, ""), 0, false);
  }

  /**
   * A QUEUED decision (R22) at {@code position} (1 for the head of the queue).
   *
   * @throws IllegalArgumentException if {@code position} is below 1
   */
  public static RoutingDecision queued(int position, String reason) {
    Require.notNull(reason, "reason");
    Require.positive(position, "queue position", "R22");
    return new RoutingDecision(null, new Reason(RoutingStep.QUEUED, reason, ""), position, false);
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
    return Optional.ofNullable(agent);
  }

  /** The step that decided. */
  public RoutingStep step() {
    return reason.step;
  }

  /** Why, in a sentence citing the rule (R19). */
  public String reason() {
    AccountId a = agent;
    return reason.format(a == null ? "" : a.value());
  }

  /** Whether an agent was chosen (a live agent or an offline-message receiver). */
  public boolean isAssigned() {
    return agent != null;
  }

  /** Whether the consultation holds a seat of the chosen agent (R20): routed to a live agent, not to a receiver. */
  public boolean holdsSeat() {
    return reason.step.holdsSeat();
  }

  /** Whether the consultation waits in the shop's queue (R22). */
  public boolean isQueued() {
    return reason.step == RoutingStep.QUEUED;
  }

  /** The consultation's place in the queue when the decision was made (1 = next), for QUEUED decisions. */
  public OptionalInt queuePosition() {
    return reason.step == RoutingStep.QUEUED ? OptionalInt.of(meta >>> 1) : OptionalInt.empty();
  }

  /**
   * Whether this decision was made earlier: the consultation's id was already open or waiting when it was
   * routed again, so the router returned its current outcome instead of seating it twice (R20).
   */
  public boolean isRepeat() {
    return (meta & 1) != 0;
  }

  /** This decision, marked as the answer to a repeated id (R20). */
  RoutingDecision asRepeat() {
    return isRepeat() ? this : new RoutingDecision(agent, reason, meta >>> 1, true);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RoutingDecision d
        && Objects.equals(agent, d.agent)
        && reason.step == d.reason.step
        && meta == d.meta
        && reason().equals(d.reason());
  }

  @Override
  public int hashCode() {
    return Objects.hash(agent, reason.step, meta);
  }

  @Override
  public String toString() {
    RoutingStep step = reason.step;
    AccountId a = agent;
    return "RoutingDecision[" + (a == null ? "-" : a.value()) + " via " + step
        + (step == RoutingStep.QUEUED ? " #" + (meta >>> 1) : "") + (isRepeat() ? ", repeat" : "") + ": " + reason()
        + "]";
  }
}
