package io.fenliu.core;

import java.time.Instant;
import java.util.Optional;

/**
 * One incoming chat to be routed (咨询): the host's id for it (R20), who asks, from which page (R11), about
 * an order in which status (R12), when it arrived, and what routing may continue (R18) — the agent the
 * buyer talked to recently, and the buyer's exclusive follower.
 *
 * <p>Create one with {@link #of(ConsultationId, BuyerId, EntryPage, OrderStatus)} and add the optional facts
 * with {@link #arrivedAt(Instant)}, {@link #withRecentContact(AccountId, Instant)} and {@link
 * #withExclusiveFollower(AccountId)}. The router judges the facts (window, presence, health) against its own
 * state; a consultation only states them.
 *
 * <p>The arrival time is what the recent-contact windows (R18, R21) and the queue's order and maximum wait
 * (R22) are measured from. A host that states it makes every decision replayable and saves the router a
 * clock read; without it the router reads its own clock when the consultation reaches it.
 *
 * @param id the host's id for the consultation
 * @param buyer the buyer
 * @param entryPage the page the chat was opened from
 * @param orderStatus the status of the order the chat is about
 * @param arrivedAt when the consultation arrived, if the host says
 * @param recentContact the buyer's last conversation, if any
 * @param exclusiveFollower the follower of the buyer's exclusive relationship, if any
 */
public record Consultation(
    ConsultationId id,
    BuyerId buyer,
    EntryPage entryPage,
    OrderStatus orderStatus,
    Optional<Instant> arrivedAt,
    Optional<RecentContact> recentContact,
    Optional<AccountId> exclusiveFollower) {

  /** Validates every component. */
  public Consultation {
    Checks.notNull(id, "consultation id");
    Checks.notNull(buyer, "buyer");
    Checks.notNull(entryPage, "entry page");
    Checks.notNull(orderStatus, "order status");
    Checks.notNull(arrivedAt, "arrival time");
    Checks.notNull(recentContact, "recent contact");
    Checks.notNull(exclusiveFollower, "exclusive follower");
  }

  /** A consultation with no stated arrival time, no recent contact and no exclusive follower. */
  public static Consultation of(ConsultationId id, BuyerId buyer, EntryPage entryPage, OrderStatus orderStatus) {
    return new Consultation(id, buyer, entryPage, orderStatus, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A copy stating when the consultation arrived. */
  public Consultation arrivedAt(Instant at) {
    return new Consultation(id, buyer, entryPage, orderStatus, Optional.of(Checks.notNull(at, "arrival time")),
        recentContact, exclusiveFollower);
  }

  /** A copy stating that the buyer talked to {@code agent} at {@code at}. */
  public Consultation withRecentContact(AccountId agent, Instant at) {
    return new Consultation(id, buyer, entryPage, orderStatus, arrivedAt, Optional.of(new RecentContact(agent, at)),
        exclusiveFollower);
  }

  /** A copy stating the buyer's exclusive follower. */
  public Consultation withExclusiveFollower(AccountId follower) {
    return new Consultation(id, buyer, entryPage, orderStatus, arrivedAt, recentContact,
        Optional.of(Checks.notNull(follower, "exclusive follower")));
  }
}
