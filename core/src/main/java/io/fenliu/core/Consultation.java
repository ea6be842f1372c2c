package io.fenliu.core;

import java.time.Instant;
import java.util.Optional;

/**
 * One incoming chat to be routed (咨询): who asks, from which page (R11), about an order in which
 * status (R12), and what routing may continue (R18) — the agent the buyer talked to recently, and the
 * buyer's exclusive follower.
 *
 * <p>Create one with {@link #of(BuyerId, EntryPage, OrderStatus)} and add the optional facts with
 * {@link #withRecentContact(AccountId, Instant)} and {@link #withExclusiveFollower(AccountId)}. The
 * router judges the facts (window, presence, health) against its own state; a consultation only states
 * them.
 *
 * @param buyer the buyer
 * @param entryPage the page the chat was opened from
 * @param orderStatus the status of the order the chat is about
 * @param recentContact the buyer's last conversation, if any
 * @param exclusiveFollower the follower of the buyer's exclusive relationship, if any
 */
public record Consultation(
    BuyerId buyer,
    EntryPage entryPage,
    OrderStatus orderStatus,
    Optional<RecentContact> recentContact,
    Optional<AccountId> exclusiveFollower) {

  /** Validates every component. */
  public Consultation {
    Checks.notNull(buyer, "buyer");
    Checks.notNull(entryPage, "entry page");
    Checks.notNull(orderStatus, "order status");
    Checks.notNull(recentContact, "recent contact");
    Checks.notNull(exclusiveFollower, "exclusive follower");
  }

  /** A consultation with no recent contact and no exclusive follower. */
  public static Consultation of(BuyerId buyer, EntryPage entryPage, OrderStatus orderStatus) {
    return new Consultation(buyer, entryPage, orderStatus, Optional.empty(), Optional.empty());
  }

  /** A copy stating that the buyer talked to {@code agent} at {@code at}. */
  public Consultation withRecentContact(AccountId agent, Instant at) {
    return new Consultation(buyer, entryPage, orderStatus, Optional.of(new RecentContact(agent, at)), exclusiveFollower);
  }

  /** A copy stating the buyer's exclusive follower. */
  public Consultation withExclusiveFollower(AccountId follower) {
    return new Consultation(
        buyer, entryPage, orderStatus, recentContact, Optional.of(Checks.notNull(follower, "exclusive follower")));
  }
}
