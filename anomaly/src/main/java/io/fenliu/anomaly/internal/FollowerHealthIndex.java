package io.fenliu.anomaly.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * R1 judged once per follower: a scan looks the follower up and reads its verdict, instead of re-deriving it for
 * each of millions of buyers. Followers the shop does not know are added as they are met.
 *
 * <p>Not thread-safe: one per scan or plan. Invariant: every tally's {@code kinds} is R1's verdict for its
 * follower against the shop given at construction, and {@code healthy == kinds.isEmpty()}. A one-entry cache of
 * the last follower looked up (by identity) spares the hash look-up for runs of one follower's relationships, as
 * stores that list or cluster by follower produce.
 */
public final class FollowerHealthIndex {
  /** A follower's kinds and how many scanned relationships it follows. */
  public static final class Tally {
    /** Immutable. */
    public final Set<AnomalyKind> kinds;
    /** {@code kinds.isEmpty()}, read on the scan's hot path without an interface call. */
    public final boolean healthy;
    /** Relationships seen with this follower. */
    public long relationships;

    Tally(Set<AnomalyKind> kinds) {
      this.kinds = kinds;
      this.healthy = kinds.isEmpty();
    }
  }

  private final Shop shop;
  private final Map<AccountId, Tally> tallies = new HashMap<>();
  private final Tally noFollower;
  private AccountId lastId;
  private Tally lastTally;

  /** Indexes the shop's main account and sub-accounts. */
  public FollowerHealthIndex(Shop shop) {
    this.shop = shop;
    tallies.put(shop.mainAccount().id(), judge(shop.mainAccount().id()));
    shop.subAccounts().forEach(s -> tallies.put(s.id(), judge(s.id())));
    this.noFollower = new Tally(RelationshipHealth.anomaliesOfFollower(shop, Optional.empty()));
  }

  private Tally judge(AccountId id) {
    return new Tally(RelationshipHealth.anomaliesOfFollower(shop, Optional.of(id)));
  }

  /** The tally of {@code relationship}'s follower, or of no follower. */
  public Tally tallyOf(ExclusiveRelationship relationship) {
    Optional<AccountId> follower = relationship.follower();
    return follower.isEmpty() ? noFollower : tally(follower.get());
  }

  /** The tally of a follower, created for an id the shop does not know. */
  public Tally tally(AccountId follower) {
    if (follower == lastId) {
      return lastTally;
    }
    Tally t = tallies.get(follower);
    if (t == null) {
      t = judge(follower);
      tallies.put(follower, t);
    }
    lastId = follower;
    lastTally = t;
    return t;
  }

  /** The tally of relationships without a follower. */
  public Tally noFollower() {
    return noFollower;
  }

  /** Every tally by follower id; {@link #noFollower()} is not among them. */
  public Map<AccountId, Tally> tallies() {
    return tallies;
  }
}
