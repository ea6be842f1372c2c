package io.fenliu.core;

import java.util.Optional;

/**
 * An exclusive relationship (专属客服关系): a buyer and its follower (跟进人), the agent who owns that
 * buyer. The follower is normally a sub-account, but may be the main account (R1.5) or nobody (R1.4):
 * the value records what the platform holds, and {@link RelationshipHealth} judges it.
 *
 * <p>{@link #version()} supports optimistic updates: a store writes a new follower only if the version
 * it holds is the one the writer read (R8).
 *
 * @param buyer the buyer
 * @param follower the follower's account id, or empty when the buyer has none
 * @param version a non-negative version, incremented by every change of follower
 */
public record ExclusiveRelationship(BuyerId buyer, Optional<AccountId> follower, long version) {

  /** Validates every component. */
  public ExclusiveRelationship {
    Checks.notNull(buyer, "buyer");
    Checks.notNull(follower, "follower");
    if (version < 0) {
      throw new InvalidValueException("relationship version", null,
          "the relationship version of buyer " + buyer.value() + " must not be negative: " + version);
    }
  }

  /** A relationship at version 0 with {@code follower}. */
  public static ExclusiveRelationship of(BuyerId buyer, AccountId follower) {
    return new ExclusiveRelationship(buyer, Optional.of(Checks.notNull(follower, "follower")), 0);
  }

  /** A relationship at version 0 with no follower (R1.4). */
  public static ExclusiveRelationship withoutFollower(BuyerId buyer) {
    return new ExclusiveRelationship(buyer, Optional.empty(), 0);
  }

  /**
   * The next version of this relationship, followed by {@code newFollower}.
   *
   * @throws IllegalStateException if the version would overflow (no rule refuses it: it cannot happen in
   *     practice, at one change a nanosecond it takes 292 years)
   */
  public ExclusiveRelationship movedTo(AccountId newFollower) {
    Checks.notNull(newFollower, "new follower");
    if (version == Long.MAX_VALUE) {
      throw new IllegalStateException("buyer " + buyer.value()
          + "'s relationship has changed too often to record another change (its version is at the maximum)");
    }
    return new ExclusiveRelationship(buyer, Optional.of(newFollower), version + 1);
  }

  /**
   * Whether {@code account} is the follower.
   *
   * @throws NullPointerException if {@code account} is null ("account must not be null"): a relationship without
   *     a follower is asked with {@code follower().isEmpty()}, not with null
   */
  public boolean isFollowedBy(AccountId account) {
    Checks.notNull(account, "account");
    return follower.isPresent() && follower.get().equals(account);
  }
}
