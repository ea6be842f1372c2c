package io.fenliu.flink;

import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.core.ShopId;
import java.io.Serializable;

/**
 * Where the health job ({@link HealthJob}) reads a shop's relationships by follower (R9): the host's {@link
 * RelationshipStore} of a shop, of which the job calls only {@link RelationshipStore#forEachFollowedBy} — so a
 * database store reads one agent's relationships by an index on the follower, never the shop's. Called on the
 * job's fetch threads, several at once; serialisable, as it travels with the job graph (open connections lazily,
 * in the store, not in the lookup).
 */
@FunctionalInterface
public interface RelationshipLookup extends Serializable {
  /**
   * The store of {@code shop}'s relationships; {@link RelationshipStore#shop()} must be {@code shop}.
   *
   * @throws Exception if the store cannot be reached; the fetch fails, and with it the job (which restarts from
   *     its latest checkpoint and fetches again)
   */
  RelationshipStore store(ShopId shop) throws Exception;
}
