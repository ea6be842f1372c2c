package io.fenliu.anomaly.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * R1 judged once per follower: a scan looks the follower up and reads its verdict, instead of re-deriving it for
 * each of millions of buyers. Followers the shop does not know are added as they are met.
 *
 * <p>Not thread-safe: one per scan or plan. Invariant: every tally's {@code kinds} is R1's verdict for its
 * follower against the shop given at construction, and {@code healthy == kinds.isEmpty()}.
 *
 * <p>The look-up is the scan's whole per-relationship cost, so it is an open-addressed table rather than a
 * {@code HashMap}: the follower's cached hash code picks a slot, an {@code int[]} of hashes rejects a wrong slot
 * without touching its key, and a key is compared by identity before {@code equals} (stores that reuse their
 * follower ids never reach {@code equals}). Linear probing, load factor at most one half, grown by doubling.
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
  private final Map<AccountId, Tally> tallies = new LinkedHashMap<>();
  private final Tally noFollower;
  private AccountId[] keys;
  private int[] hashes;
  private Tally[] values;
  private int mask;

  /** Indexes the shop's main account and sub-accounts. */
  public FollowerHealthIndex(Shop shop) {
    this.shop = shop;
    int capacity = Integer.highestOneBit(Math.max(8, (shop.subAccounts().size() + 1) * 4 - 1));
    keys = new AccountId[capacity];
    hashes = new int[capacity];
    values = new Tally[capacity];
    mask = capacity - 1;
    add(shop.mainAccount().id());
    shop.subAccounts().forEach(s -> add(s.id()));
    this.noFollower = new Tally(RelationshipHealth.anomaliesOfFollower(shop, Optional.empty()));
  }

  private Tally add(AccountId id) {
    Tally t = new Tally(RelationshipHealth.anomaliesOfFollower(shop, Optional.of(id)));
    tallies.put(id, t);
    if (tallies.size() * 2 > keys.length) {
      rehash(keys.length * 2);
    } else {
      place(id, id.hashCode(), t);
    }
    return t;
  }

  private void place(AccountId id, int h, Tally t) {
    int i = spread(h) & mask;
    while (keys[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = id;
    hashes[i] = h;
    values[i] = t;
  }

  private void rehash(int capacity) {
    keys = new AccountId[capacity];
    hashes = new int[capacity];
    values = new Tally[capacity];
    mask = capacity - 1;
    for (Map.Entry<AccountId, Tally> e : tallies.entrySet()) {
      place(e.getKey(), e.getKey().hashCode(), e.getValue());
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** The tally of {@code relationship}'s follower, or of no follower. */
  public Tally tallyOf(ExclusiveRelationship relationship) {
    Optional<AccountId> follower = relationship.follower();
    return follower.isEmpty() ? noFollower : tally(follower.get());
  }

  /** The tally of a follower, created for an id the shop does not know. */
  @SuppressWarnings("ReferenceEquality") // identity is only the fast path; equals decides otherwise
  public Tally tally(AccountId follower) {
    int h = follower.hashCode();
    AccountId[] k = keys;
    int m = mask;
    for (int i = spread(h) & m; ; i = (i + 1) & m) {
      AccountId key = k[i];
      if (key == null) {
        return add(follower);
      }
      if (key == follower || (hashes[i] == h && key.equals(follower))) {
        return values[i];
      }
    }
  }

  /** The tally of relationships without a follower. */
  public Tally noFollower() {
    return noFollower;
  }

  /** Every tally by follower id, in the order followers were indexed; {@link #noFollower()} is not among them. */
  public Map<AccountId, Tally> tallies() {
    return tallies;
  }
}
