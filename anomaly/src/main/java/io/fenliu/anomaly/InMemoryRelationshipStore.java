package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe {@link RelationshipStore} in memory, one relationship per buyer (R8), with an index by follower
 * for R9's listing.
 *
 * <p>Design: the map by buyer is the one home of every relationship: every change of a buyer runs inside that
 * buyer's {@link ConcurrentHashMap#compute} and, under the same bin lock, updates the follower index — a map per
 * follower from buyer to the relationship as last written. The index can lag the primary only by a write in
 * flight (it is updated just before the new value is published), so a listing keeps an entry only if its
 * relationship is followed by the follower asked for, and may hand over a relationship one write behind a
 * concurrent writer. That is exactly the weak consistency {@link RelationshipStore#forEachFollowedBy} allows, and
 * a relationship not written during the listing is listed exactly once, as stored. Listing reads the index alone
 * (no second look-up per buyer), so it costs O(the follower's relationships). Follower maps are never removed
 * (they are bounded by the distinct followers ever seen, a few thousand at most), which avoids a race between
 * removing an empty map and adding to it.
 */
public final class InMemoryRelationshipStore implements RelationshipStore {
  private final ShopId shop;
  private final ConcurrentHashMap<BuyerId, ExclusiveRelationship> byBuyer = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<AccountId, ConcurrentHashMap<BuyerId, ExclusiveRelationship>> byFollower =
      new ConcurrentHashMap<>();

  /**
   * An empty store for {@code shop}.
   *
   * @throws NullPointerException if {@code shop} is null
   */
  public InMemoryRelationshipStore(ShopId shop) {
    this.shop = Require.notNull(shop, "shop");
  }

  /**
   * A store holding {@code relationships}, one per buyer, at the versions they carry.
   *
   * @throws NullPointerException if {@code relationships} or one of them is null
   * @throws RuleRefusedException (R8) if a buyer appears twice
   */
  public static InMemoryRelationshipStore of(ShopId shop, Iterable<? extends ExclusiveRelationship> relationships) {
    InMemoryRelationshipStore store = new InMemoryRelationshipStore(shop);
    int i = 0;
    for (ExclusiveRelationship r : Require.notNull(relationships, "relationships")) {
      store.insert(Require.notNull(r, "relationships[" + i++ + "]"));
    }
    return store;
  }

  @Override
  public void insert(ExclusiveRelationship relationship) {
    Require.notNull(relationship, "relationship");
    ExclusiveRelationship[] existing = new ExclusiveRelationship[1];
    byBuyer.compute(relationship.buyer(), (buyer, current) -> {
      if (current != null) {
        existing[0] = current;
        return current;
      }
      reindex(null, relationship);
      return relationship;
    });
    if (existing[0] != null) {
      throw new RuleRefusedException("R8", "buyer " + relationship.buyer() + " of shop " + shop
          + " already has an exclusive relationship (" + describe(existing[0]) + "); a buyer has exactly one (R8): "
          + "move the existing one with a transfer instead of adding another");
    }
  }

  @Override
  public ShopId shop() {
    return shop;
  }

  @Override
  public Optional<ExclusiveRelationship> read(BuyerId buyer) {
    return Optional.ofNullable(byBuyer.get(Require.notNull(buyer, "buyer")));
  }

  @Override
  public Map<BuyerId, ExclusiveRelationship> readAll(Collection<BuyerId> buyers) {
    Require.noNullElements(buyers, "buyers");
    Map<BuyerId, ExclusiveRelationship> found = new HashMap<>(Math.max(16, buyers.size() * 2));
    for (BuyerId b : buyers) {
      ExclusiveRelationship r = byBuyer.get(b);
      if (r != null) {
        found.put(b, r);
      }
    }
    return Collections.unmodifiableMap(found);
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // identity tells whether this call's next went in, whatever equals says
  public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
    return write(expectedVersion, next) == WriteOutcome.WRITTEN;
  }

  @Override
  public List<WriteOutcome> compareAndSetAll(List<Write> writes) {
    Require.noNullElements(writes, "writes");
    List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
    for (Write w : writes) {
      outcomes.add(write(w.expectedVersion(), w.next()));
    }
    return Collections.unmodifiableList(outcomes);
  }

  private WriteOutcome write(long expectedVersion, ExclusiveRelationship next) {
    Require.inRange(expectedVersion, 0, Long.MAX_VALUE, "expected version", "R8");
    Require.notNull(next, "next");
    WriteOutcome[] outcome = {WriteOutcome.ABSENT};
    byBuyer.computeIfPresent(next.buyer(), (buyer, current) -> {
      if (current.version() != expectedVersion) {
        outcome[0] = WriteOutcome.STALE;
        return current;
      }
      reindex(current, next);
      outcome[0] = WriteOutcome.WRITTEN;
      return next;
    });
    return outcome[0];
  }

  /** Moves the buyer between follower maps; runs under the buyer's bin lock in {@code byBuyer}. */
  private void reindex(@Nullable ExclusiveRelationship before, ExclusiveRelationship after) {
    Optional<AccountId> from = before == null ? Optional.empty() : before.follower();
    Optional<AccountId> to = after.follower();
    to.ifPresent(f -> byFollower.computeIfAbsent(f, k -> new ConcurrentHashMap<>()).put(after.buyer(), after));
    if (from.isPresent() && !from.equals(to)) {
      Map<BuyerId, ExclusiveRelationship> old = byFollower.get(from.get());
      if (old != null) {
        old.remove(after.buyer());
      }
    }
  }

  @Override
  public void forEachFollowedBy(AccountId follower, Consumer<? super ExclusiveRelationship> action) {
    Require.notNull(follower, "follower");
    Require.notNull(action, "action");
    Map<BuyerId, ExclusiveRelationship> followed = byFollower.get(follower);
    if (followed == null) {
      return;
    }
    for (ExclusiveRelationship r : followed.values()) {
      if (r.isFollowedBy(follower)) {
        action.accept(r);
      }
    }
  }

  @Override
  public void forEach(Consumer<? super ExclusiveRelationship> action) {
    Require.notNull(action, "action");
    for (ExclusiveRelationship r : byBuyer.values()) {
      action.accept(r);
    }
  }

  /** How many relationships the store holds. */
  public int size() {
    return byBuyer.size();
  }

  /**
   * A copy of every relationship, in no particular order. Takes memory in the number of relationships: prefer
   * {@link #forEach} for a scan.
   */
  public List<ExclusiveRelationship> all() {
    return new ArrayList<>(byBuyer.values());
  }

  private static String describe(ExclusiveRelationship r) {
    return r.follower().map(f -> "followed by " + f).orElse("without a follower") + ", version " + r.version();
  }

  @Override
  public String toString() {
    return "InMemoryRelationshipStore[shop=" + shop + ", relationships=" + byBuyer.size() + "]";
  }

}
