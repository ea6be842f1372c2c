package io.fenliu.routing;

import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A waiting consultation left the shop's queue (R22): seated with a live agent once a seat freed, or sent to
 * the offline receivers (or to nobody) because it waited longer than the shop's maximum wait. Withdrawals are
 * the host's own doing and are not reported this way.
 *
 * <p>It carries what a host needs to act on it without a look-up of its own: the buyer (to open the chat or
 * the offline message) and {@linkplain #at() when} it left — the moment its seat was taken, or its deadline
 * when it expired, which is when a replay (R25) says it left even if the expiry ran later. A final class with
 * a factory rather than a record, so that it can grow without breaking its callers.
 */
public final class QueueExit {
  private final ConsultationId consultation;
  private final BuyerId buyer;
  private final RoutingDecision decision;
  private final Duration waited;
  private final Instant at;

  private QueueExit(ConsultationId consultation, BuyerId buyer, RoutingDecision decision, Duration waited,
      Instant at) {
    this.consultation = consultation;
    this.buyer = buyer;
    this.decision = decision;
    this.waited = waited;
    this.at = at;
  }

  /**
   * A queue exit.
   *
   * @param consultation the consultation's id
   * @param buyer the buyer who asked
   * @param decision how it was decided when it left; its step says whether it was seated or expired
   * @param waited how long it waited (R22)
   * @param at when it left the queue: its seat's time, or its deadline when it expired
   * @throws NullPointerException if an argument is null
   * @throws io.fenliu.core.InvalidValueException if {@code waited} is negative or beyond the longest
   *     duration the library handles
   */
  public static QueueExit of(ConsultationId consultation, BuyerId buyer, RoutingDecision decision, Duration waited,
      Instant at) {
    return new QueueExit(Require.notNull(consultation, "consultation"), Require.notNull(buyer, "buyer"),
        Require.notNull(decision, "decision"), Require.nonNegativeSaturated(waited, "waited"),
        Require.notNull(at, "at"));
  }

  /** The consultation's id. */
  public ConsultationId consultation() {
    return consultation;
  }

  /** The buyer who asked. */
  public BuyerId buyer() {
    return buyer;
  }

  /** How it was decided when it left; its step says which way it left (R22). */
  public RoutingDecision decision() {
    return decision;
  }

  /** How long it waited. */
  public Duration waited() {
    return waited;
  }

  /** When it left the queue: its seat's time, or its deadline when it expired (R22, R25). */
  public Instant at() {
    return at;
  }

  /**
   * When it took its seat — the {@link OpenConsultation#seatedAt()} the router keeps for it — present exactly
   * when its decision {@linkplain RoutingDecision#holdsSeat() holds a seat} (R20), so a host writes the seat
   * without asking the router again.
   */
  public Optional<Instant> seatedAt() {
    return decision.holdsSeat() ? Optional.of(at) : Optional.empty();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof QueueExit e && consultation.equals(e.consultation) && buyer.equals(e.buyer)
        && decision.equals(e.decision) && waited.equals(e.waited) && at.equals(e.at);
  }

  @Override
  public int hashCode() {
    return Objects.hash(consultation, buyer, decision, waited, at);
  }

  @Override
  public String toString() {
    return "QueueExit[" + consultation + " of " + buyer + " at " + at + " after " + waited + ": " + decision + "]";
  }
}
