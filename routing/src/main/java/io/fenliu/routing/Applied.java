package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.internal.Require;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What applying one {@link ShopEvent} did (R25): the event as applied (with the time it was applied at filled
 * in), what it decided, the consultations it let leave the queue, or why it was refused. Two routers that
 * apply the same log from the same snapshot return equal outcomes, event by event; that equality is what a
 * replay checks.
 *
 * <ul>
 *   <li>{@link #decision()}: for {@link ShopEvent.Arrived}, the routing decision (R19).
 *   <li>{@link #end()}: for {@link ShopEvent.Ended}, what the end did (R20).
 *   <li>{@link #previousAgent()}: for {@link ShopEvent.SeatedByHost}, the agent that held the seat before.
 *   <li>{@link #restore()}: for {@link ShopEvent.Restored}, the restore's report.
 *   <li>{@link #changed()}: whether the event changed anything: false for a stale dated presence change (R21), a
 *       withdrawal of a consultation that was not waiting, an end of one neither open nor waiting, a refusal.
 *   <li>{@link #exits()}: every consultation that left the queue while the event was applied, in order: those
 *       that fell due before it (R22, as of their deadlines), then those its freed seats took.
 *   <li>{@link #refusal()}: why a rule refused the event (R15, R17, R20, an unknown agent); the router is then
 *       exactly as it was before the event, but for the consultations that fell due by its time.
 * </ul>
 */
public final class Applied {
  private final ShopEvent event;
  private final @Nullable RoutingDecision decision;
  private final @Nullable EndResult end;
  private final @Nullable AccountId previousAgent;
  private final @Nullable RestoreReport restore;
  private final boolean changed;
  private final List<QueueExit> exits;
  private final @Nullable Refusal refusal;

  private Applied(ShopEvent event, @Nullable RoutingDecision decision, @Nullable EndResult end,
      @Nullable AccountId previousAgent, @Nullable RestoreReport restore, boolean changed, List<QueueExit> exits,
      @Nullable Refusal refusal) {
    this.event = event;
    this.decision = decision;
    this.end = end;
    this.previousAgent = previousAgent;
    this.restore = restore;
    this.changed = changed;
    this.exits = List.copyOf(exits);
    this.refusal = refusal;
  }

  static Applied decided(ShopEvent event, RoutingDecision decision, List<QueueExit> exits) {
    return new Applied(event, decision, null, null, null, !decision.isRepeat(), exits, null);
  }

  static Applied ended(ShopEvent event, EndResult end, List<QueueExit> exits) {
    return new Applied(event, null, end, null, null, end.outcome() != EndResult.Outcome.NOT_OPEN, exits, null);
  }

  static Applied seated(ShopEvent event, Optional<AccountId> previous, AccountId agent, List<QueueExit> exits) {
    boolean same = previous.isPresent() && previous.get().equals(agent);
    return new Applied(event, null, null, previous.orElse(null), null, !same, exits, null);
  }

  static Applied restored(ShopEvent event, RestoreReport report, List<QueueExit> exits) {
    return new Applied(event, null, null, null, report, true, exits, null);
  }

  static Applied other(ShopEvent event, boolean changed, List<QueueExit> exits) {
    return new Applied(event, null, null, null, null, changed, exits, null);
  }

  static Applied refused(ShopEvent event, RuntimeException cause, List<QueueExit> exits) {
    return new Applied(event, null, null, null, null, false, exits, Refusal.of(cause));
  }

  /** The event as applied: with the time it was applied at when it stated none. Log this one to replay. */
  public ShopEvent event() {
    return event;
  }

  /** The routing decision, for an {@link ShopEvent.Arrived} that was not refused. */
  public Optional<RoutingDecision> decision() {
    return Optional.ofNullable(decision);
  }

  /** What an {@link ShopEvent.Ended} did. */
  public Optional<EndResult> end() {
    return Optional.ofNullable(end);
  }

  /** For a {@link ShopEvent.SeatedByHost}: the agent that held the seat before, if any. */
  public Optional<AccountId> previousAgent() {
    return Optional.ofNullable(previousAgent);
  }

  /** For a {@link ShopEvent.Restored}: the restore's report. */
  public Optional<RestoreReport> restore() {
    return Optional.ofNullable(restore);
  }

  /** Whether the event changed anything (see the class comment). */
  public boolean changed() {
    return changed;
  }

  /** The consultations that left the queue while the event was applied, in order (R22). Unmodifiable. */
  public List<QueueExit> exits() {
    return exits;
  }

  /** Why a rule refused the event; empty when it was applied. */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Applied a && event.equals(a.event) && Objects.equals(decision, a.decision)
        && Objects.equals(end, a.end) && Objects.equals(previousAgent, a.previousAgent)
        && Objects.equals(restore, a.restore) && changed == a.changed && exits.equals(a.exits)
        && Objects.equals(refusal, a.refusal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(event, decision, end, previousAgent, restore, changed, exits, refusal);
  }

  @Override
  public String toString() {
    return "Applied[" + event + (decision == null ? "" : " -> " + decision) + (end == null ? "" : " -> " + end)
        + (refusal == null ? "" : " refused: " + refusal) + (exits.isEmpty() ? "" : ", exits " + exits) + "]";
  }

  /** Why an event was refused: the rule it broke, when one did, and the refusal's message. */
  public static final class Refusal {
    private final @Nullable String rule;
    private final String message;

    private Refusal(@Nullable String rule, String message) {
      this.rule = rule;
      this.message = message;
    }

    /**
     * A refusal.
     *
     * @param rule the rule id, e.g. {@code "R20"}, or null when no rule is cited (an unknown id)
     * @throws NullPointerException if {@code message} is null
     */
    public static Refusal of(@Nullable String rule, String message) {
      return new Refusal(rule, Require.notNull(message, "message"));
    }

    static Refusal of(RuntimeException cause) {
      String rule = cause instanceof RuleRefusedException r ? r.rule()
          : cause instanceof InvalidValueException v ? v.rule().orElse(null) : null;
      return new Refusal(rule, String.valueOf(cause.getMessage()));
    }

    /** The rule the event broke, e.g. {@code "R20"}; empty when no rule is cited. */
    public Optional<String> rule() {
      return Optional.ofNullable(rule);
    }

    /** The refusal's message, as the exception the same call would have thrown says it. */
    public String message() {
      return message;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Refusal r && Objects.equals(rule, r.rule) && message.equals(r.message);
    }

    @Override
    public int hashCode() {
      return Objects.hash(rule, message);
    }

    @Override
    public String toString() {
      return (rule == null ? "" : rule + ": ") + message;
    }
  }
}
