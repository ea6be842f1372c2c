package io.fenliu.anomaly;

import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link RelationshipStore} in memory, one relationship per buyer (R8). */
public final class InMemoryRelationshipStore implements RelationshipStore {
  private final ShopId shop;
  private final ConcurrentHashMap<BuyerId, ExclusiveRelationship> byBuyer = new ConcurrentHashMap<>();

  /** An empty store for {@code shop}. */
  public InMemoryRelationshipStore(ShopId shop) {
    this.shop = Objects.requireNonNull(shop, "shop must not be null");
  }

  /** A store holding {@code relationships}, one per buyer. */
  public static InMemoryRelationshipStore of(ShopId shop, Iterable<? extends ExclusiveRelationship> relationships) {
    InMemoryRelationshipStore store = new InMemoryRelationshipStore(shop);
    for (ExclusiveRelationship r : Objects.requireNonNull(relationships, "relationships must not be null")) {
      store.insert(r);
    }
    return store;
  }

  /**
   * Adds a relationship for a buyer the store does not hold yet.
   *
   * @throws IllegalStateException if the buyer already has one: every buyer has exactly one relationship
   */
  public void insert(ExclusiveRelationship relationship) {
    Objects.requireNonNull(relationship, "relationship must not be null");
    if (byBuyer.putIfAbsent(relationship.buyer(), relationship) != null) {
      throw new IllegalStateException("buyer " + relationship.buyer() + " already has a relationship");
    }
  }

  @Override
  public ShopId shop() {
    return shop;
  }

  @Override
  public Optional<ExclusiveRelationship> read(BuyerId buyer) {
    return Optional.ofNullable(byBuyer.get(Objects.requireNonNull(buyer, "buyer must not be null")));
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // identity tells whether this call's next went in, whatever equals says
  public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
    Objects.requireNonNull(next, "next must not be null");
    ExclusiveRelationship after = byBuyer.computeIfPresent(next.buyer(),
        (buyer, current) -> current.version() == expectedVersion ? next : current);
    return after == next;
  }

  /** How many relationships the store holds. */
  public int size() {
    return byBuyer.size();
  }

  /** A copy of every relationship, in no particular order. */
  public List<ExclusiveRelationship> all() {
    return new ArrayList<>(byBuyer.values());
  }
}
