package io.fenliu.anomaly;

import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import java.util.Optional;

/**
 * Where a shop's relationships live, as far as applying a transfer needs (R8). The host implements it over
 * its database; {@link InMemoryRelationshipStore} is a thread-safe one for tests and simulations.
 *
 * <p>Writes are compare-and-set by version, so a relationship changed by someone else since it was planned
 * is never overwritten.
 */
public interface RelationshipStore {
  /** The shop whose relationships this store holds. */
  ShopId shop();

  /** The relationship of {@code buyer}, if the store has one. */
  Optional<ExclusiveRelationship> read(BuyerId buyer);

  /**
   * Replaces the relationship of {@code next.buyer()} with {@code next} if, and only if, the stored one is at
   * {@code expectedVersion}; returns whether it did. Any exception means the outcome is unknown: the
   * transfer reports the move failed and a re-application finds out.
   */
  boolean compareAndSet(long expectedVersion, ExclusiveRelationship next);
}
