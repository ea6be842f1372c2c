package io.fenliu.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.HealthChange;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ShopId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * R1, R9 on a Flink mini cluster. Ordered output: six roster changes of one agent whose first fetch is the slowest
 * still leave in sequence order. Equal to a batch recomputation: the whole job at parallelism 2 (reader, per-agent
 * verdicts, ordered async fetch on the fetch threads) over the logs of three seeded platforms, interleaved in one
 * stream, gives updates that, folded per relationship, equal {@code HealthChanges.between(start, end, store)} and
 * the moves of {@code TransferPlanner.plan(changes, targets, even())}, shop by shop; no diagnostics for a clean log.
 */
class HealthJobMiniClusterTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /** The slow store of the race test: its first listing takes 300 ms, the others none. */
  private static final java.util.concurrent.atomic.AtomicInteger LISTINGS = new java.util.concurrent.atomic.AtomicInteger();

  @Test
  void twoChangesOfOneAgentRacingTheirFetchesLeaveInSequenceOrder() throws Exception {
    ShopId id = ShopId.of("race");
    io.fenliu.core.SubAccount agent = io.fenliu.core.SubAccount.builder(io.fenliu.core.AccountId.of("a"), "a")
        .exclusiveAgent().build();
    io.fenliu.core.Shop start = io.fenliu.core.Shop.of(id, "race",
        new io.fenliu.core.MainAccount(io.fenliu.core.AccountId.of("owner"), "owner"), List.of(agent));
    String roster = new com.fasterxml.jackson.databind.ObjectMapper()
        .registerModule(io.fenliu.jackson.FenliuModule.create()).writeValueAsString(start);
    List<SequencedEvent> log = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      log.add(SequencedEvent.of(i, io.fenliu.routing.ShopEvent.accountChanged(id,
          agent.withRoutingParticipation(i % 2 == 0)).at(java.time.Instant.ofEpochSecond(i))));
    }
    LISTINGS.set(0);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(RouterJobSettings.configuration(16));
    env.setParallelism(1);
    HealthJob.Streams s = HealthJob.builder(
            shop -> java.util.Optional.of(new com.fasterxml.jackson.databind.ObjectMapper()
                .registerModule(io.fenliu.jackson.FenliuModule.create()).readValue(roster, io.fenliu.core.Shop.class)),
            shop -> new SlowFirstListing(shop))
        .fetchThreads(4)
        .attach(env.fromData(log));
    s.updates().sinkTo(new Collected.ToList<>("race-updates"));
    env.execute("race");
    List<Long> sequences = Collected.<RelationshipHealthUpdate>writes("race-updates").stream()
        .filter(u -> u.relationship().buyer().value().equals("b0")).map(RelationshipHealthUpdate::sequence).toList();
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), sequences, "the first fetch was the slowest, yet left first");
  }

  /** Three relationships of agent {@code a}; the first listing of the JVM sleeps 300 ms. */
  private static final class SlowFirstListing implements io.fenliu.anomaly.RelationshipStore {
    private final io.fenliu.anomaly.InMemoryRelationshipStore store;

    SlowFirstListing(ShopId shop) {
      store = new io.fenliu.anomaly.InMemoryRelationshipStore(shop);
      for (int b = 0; b < 3; b++) {
        store.insert(io.fenliu.core.ExclusiveRelationship.of(BuyerId.of("b" + b), io.fenliu.core.AccountId.of("a")));
      }
    }

    @Override
    public ShopId shop() {
      return store.shop();
    }

    @Override
    public java.util.Optional<io.fenliu.core.ExclusiveRelationship> read(BuyerId buyer) {
      return store.read(buyer);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, io.fenliu.core.ExclusiveRelationship next) {
      return store.compareAndSet(expectedVersion, next);
    }

    @Override
    public void insert(io.fenliu.core.ExclusiveRelationship relationship) {
      store.insert(relationship);
    }

    @Override
    public void forEach(java.util.function.Consumer<? super io.fenliu.core.ExclusiveRelationship> action) {
      store.forEach(action);
    }

    @Override
    public void forEachFollowedBy(io.fenliu.core.AccountId follower,
        java.util.function.Consumer<? super io.fenliu.core.ExclusiveRelationship> action) {
      if (LISTINGS.getAndIncrement() == 0) {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      store.forEachFollowedBy(follower, action);
    }
  }

  @Test
  void theJobsUpdatesEqualABatchRecomputation() throws Exception {
    List<HealthWorld> worlds = List.of(HealthWorld.generate(0x4EA4_0001L, 3), HealthWorld.generate(0x4EA4_0002L, 2),
        HealthWorld.generate(0x4EA4_0003L, 1));
    List<SequencedEvent> log = new ArrayList<>();
    Map<String, RosterLoader> loaders = new HashMap<>();
    Map<String, TransferTargets> targets = new HashMap<>();
    for (HealthWorld w : worlds) {
      // Interleave the worlds: each shop's entries keep their order, as a partitioned topic keeps them.
      for (int i = 0; i < w.log.size(); i++) {
        log.add(Math.min(log.size(), i * worlds.size()), w.log.get(i));
      }
      w.starts.keySet().forEach(id -> {
        loaders.put(id.value(), w.rosterLoader());
        targets.put(id.value(), w.targetsLookup());
      });
    }
    HashMap<String, RosterLoader> rosterBy = new HashMap<>(loaders);
    HashMap<String, TransferTargets> targetBy = new HashMap<>(targets);

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(RouterJobSettings.configuration(16));
    env.setParallelism(2);
    HealthJob.Streams s = HealthJob.builder(shop -> rosterBy.get(shop.value()).load(shop),
            HealthWorld.relationshipLookup())
        .targets(shop -> targetBy.get(shop.value()).targets(shop))
        .fetchThreads(2)
        .capacity(8)
        .attach(env.fromData(log));
    s.updates().sinkTo(new Collected.ToList<>("health-updates"));
    s.verdicts().sinkTo(new Collected.ToList<>("health-verdicts"));
    s.diagnostics().sinkTo(new Collected.ToList<>("health-diagnostics"));
    env.execute("health");

    List<RelationshipHealthUpdate> updates = Collected.writes("health-updates");
    List<VerdictChange> verdicts = Collected.writes("health-verdicts");
    assertEquals(List.of(), Collected.writes("health-diagnostics"));
    Set<HealthChange> batch = new HashSet<>();
    Map<ShopId, Set<BuyerId>> moves = new HashMap<>();
    for (HealthWorld w : worlds) {
      batch.addAll(w.batchChanges());
      moves.putAll(w.batchMoves());
    }
    assertEquals(batch, HealthWorld.netChanges(updates));
    assertEquals(moves, HealthWorld.netMoves(updates));
    assertTrue(batch.size() > 50, "changes: " + batch.size());
    // Each verdict change was fetched once: its updates are exactly its agent's relationships.
    Set<String> keys = new HashSet<>();
    updates.forEach(u -> assertTrue(keys.add(u.dedupKey()), "one update per relationship and change: " + u));
    Set<String> changed = new HashSet<>();
    verdicts.forEach(v -> assertTrue(changed.add(v.dedupKey()), "one record per verdict change: " + v));
    updates.forEach(u -> assertTrue(changed.contains(u.shop().value() + "/" + u.follower().value() + "#"
        + u.sequence()), "an update of a verdict change: " + u));
  }
}
