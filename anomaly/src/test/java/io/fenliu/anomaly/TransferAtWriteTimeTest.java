package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.CY03;
import static io.fenliu.anomaly.SeedShop.CY04;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static io.fenliu.anomaly.TransferTest.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** R3 and R8 when a plan is written, plans that cannot be forged, and faults of every kind (issue 13). */
class TransferAtWriteTimeTest {

  private static List<ExclusiveRelationship> on(AccountId follower, int n) {
    List<ExclusiveRelationship> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(ExclusiveRelationship.of(BuyerId.of("b" + i), follower));
    }
    return list;
  }

  private static Shop with(Shop shop, AccountId id, java.util.function.UnaryOperator<SubAccount> change) {
    return shop.withSubAccount(change.apply(shop.subAccount(id).orElseThrow()));
  }

  private static Map<BuyerId, ExclusiveRelationship> snapshot(InMemoryRelationshipStore store) {
    Map<BuyerId, ExclusiveRelationship> m = new HashMap<>();
    store.forEach(r -> m.put(r.buyer(), r));
    return m;
  }

  @Test
  void r3_aTargetThatResignedAfterPlanningIsRefusedForEveryMoveAndNothingIsWritten() {
    List<ExclusiveRelationship> rels = on(SeedShop.RESIGNED, 10);
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), rels);
    TransferPlan plan = TransferPlanner.plan(SHOP, store, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    Shop cy03Left = with(SHOP, CY03, a -> a.withStatus(AccountStatus.RESIGNED));
    TransferResult result = plan.applyTo(cy03Left, store);
    assertEquals(10, result.count(MoveOutcome.Status.TARGET_INVALID));
    assertTrue(result.examples().get(0).detail().contains("RESIGNED") && result.examples().get(0).detail().contains("R3"),
        result.examples().get(0).detail());
    assertEquals(Map.copyOf(snapshot(InMemoryRelationshipStore.of(SHOP.id(), rels))), Map.copyOf(snapshot(store)),
        "the anomaly reminder stays: nothing was written");
    for (var change : List.<java.util.function.UnaryOperator<SubAccount>>of(
        a -> a.withPermissions(Set.of()), a -> a.withRoutingParticipation(false), a -> a.withStatus(AccountStatus.FROZEN))) {
      assertEquals(10, plan.applyTo(with(SHOP, CY03, change), store).count(MoveOutcome.Status.TARGET_INVALID));
    }
    Shop removed = Shop.of(SHOP.id(), SHOP.name(), SHOP.mainAccount(),
        SHOP.subAccounts().stream().filter(s -> !s.id().equals(CY03)).toList());
    assertEquals(10, plan.applyTo(removed, store).count(MoveOutcome.Status.TARGET_INVALID), "a target that left the shop");
    assertTrue(plan.applyTo(SHOP, store).isComplete(), "with the target valid again, the same plan completes");
  }

  @Test
  void r3_aRosterSourceIsAskedBeforeEachChunkSoAResignationMidwayStopsTheRest() {
    int n = 3 * TransferPlan.CHUNK;
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, n));
    TransferPlan plan = TransferPlanner.plan(SHOP, store, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    Shop cy03Left = with(SHOP, CY03, a -> a.withStatus(AccountStatus.RESIGNED));
    AtomicInteger asked = new AtomicInteger();
    // The first call checks the shop, the first chunk uses it; the roster changes before the second chunk.
    TransferResult result = plan.applyTo(() -> asked.getAndIncrement() < 1 ? SHOP : cy03Left, store,
        (m, after) -> {}, 0);
    assertEquals(TransferPlan.CHUNK, result.count(MoveOutcome.Status.MOVED));
    assertEquals(n - TransferPlan.CHUNK, result.count(MoveOutcome.Status.TARGET_INVALID));
    long[] onTarget = new long[1];
    store.forEachFollowedBy(CY03, r -> onTarget[0]++);
    assertEquals(TransferPlan.CHUNK, onTarget[0]);
    assertEquals(List.of(), result.examples(), "retain 0 keeps no example");
  }

  @Test
  void r8_aRelationshipWhoseFollowerChangedWithoutAVersionBumpIsNotOverwritten() {
    List<ExclusiveRelationship> planned = on(SeedShop.RESIGNED, 100);
    TransferPlan plan = TransferPlanner.plan(SHOP, planned, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    // Another export of the same shop with the same buyer ids and versions, but healthy followers.
    InMemoryRelationshipStore other = InMemoryRelationshipStore.of(SHOP.id(), on(CY04, 100));
    TransferResult result = plan.applyTo(SHOP, other);
    assertEquals(100, result.count(MoveOutcome.Status.CONFLICT));
    assertTrue(result.examples().get(0).detail().contains("followed by cy04"), result.examples().get(0).detail());
    long[] still = new long[1];
    other.forEachFollowedBy(CY04, r -> still[0]++);
    assertEquals(100, still[0], "all 100 healthy relationships are untouched");
  }

  @Test
  void r8_aPlanRefusesAnotherShopsStoreAndRosterBeforeReadingAnything() {
    List<ExclusiveRelationship> rels = on(SeedShop.RESIGNED, 3);
    TransferPlan plan = TransferPlanner.plan(SHOP, rels, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    Shop otherShop = Shop.of(ShopId.of("elsewhere"), "Other", new MainAccount(SeedShop.OWNER, "o"), SHOP.subAccounts());
    InMemoryRelationshipStore ours = InMemoryRelationshipStore.of(SHOP.id(), rels);
    FaultyStore watched = new FaultyStore(ours);
    InvalidValueException roster = assertThrows(InvalidValueException.class, () -> plan.applyTo(otherShop, watched));
    assertEquals("roster", roster.argument());
    assertEquals(0, watched.readAllCalls, "nothing was read");
    InvalidValueException store = assertThrows(InvalidValueException.class,
        () -> plan.applyTo(SHOP, InMemoryRelationshipStore.of(otherShop.id(), rels)));
    assertEquals("store", store.argument());
    assertThrows(InvalidValueException.class, () -> plan.applyTo(() -> otherShop, ours, (m, a) -> {}, 10));
    assertThrows(InvalidValueException.class,
        () -> TransferPlanner.plan(SHOP, InMemoryRelationshipStore.of(otherShop.id(), rels), Selection.allAnomalous(),
            List.of(CY03), Distribution.even()));
    assertTrue(snapshot(ours).values().stream().allMatch(r -> r.version() == 0));
  }

  @Test
  void plansMovesOutcomesAndResultsCannotBeBuiltOutsideTheModule() {
    for (Class<?> c : List.of(TransferPlan.class, PlannedMove.class, MoveOutcome.class, TransferResult.class,
        AnomalyReport.class, CampaignAudience.class, HealthChanges.class, Selection.Buyers.class)) {
      assertFalse(c.isRecord(), c + " is not a record");
      assertTrue(Modifier.isFinal(c.getModifiers()), c + " is final");
      for (var k : c.getDeclaredConstructors()) {
        assertFalse(Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers()),
            c + " has no public or protected constructor: " + k);
      }
    }
  }

  @Test
  void r8_aSneakyCheckedExceptionFromTheStoreFailsItsChunkAndTheRestGoesOn() {
    int n = 2 * TransferPlan.CHUNK;
    InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, n));
    FaultyStore store = new FaultyStore(backing);
    int[] writes = {0};
    store.beforeWrite = () -> {
      if (writes[0]++ == 0) {
        throw FaultyStore.sneaky(new IOException("socket closed"));
      }
    };
    TransferPlan plan = TransferPlanner.plan(SHOP, backing, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    List<BuyerId> reported = new ArrayList<>();
    TransferResult result = plan.applyTo(() -> SHOP, store, new TransferListener() {
      @Override public void moved(PlannedMove move, ExclusiveRelationship after) {}
      @Override public void reported(MoveOutcome o) { reported.add(o.move().buyer()); }
    }, Integer.MAX_VALUE);
    assertEquals(TransferPlan.CHUNK, result.count(MoveOutcome.Status.FAILED));
    assertEquals(TransferPlan.CHUNK, result.count(MoveOutcome.Status.MOVED));
    assertTrue(result.examples().get(0).detail().contains("socket closed"), result.examples().get(0).detail());
    assertEquals(plan.moves().stream().map(PlannedMove::buyer).toList(), reported, "each planned buyer once, in order");
    assertEquals(n, backing.size());
    assertTrue(plan.applyTo(SHOP, backing).isComplete(), "re-applying finishes");
  }

  @Test
  void r8_anErrorFromTheStoreStopsWritingButEveryBuyerIsReportedBeforeItPropagates() {
    int n = 3 * TransferPlan.CHUNK;
    InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, n));
    FaultyStore store = new FaultyStore(backing);
    int[] writes = {0};
    OutOfMemoryError oom = new OutOfMemoryError("simulated");
    store.afterWrite = () -> {
      if (writes[0]++ == 1) {
        throw oom;
      }
    };
    TransferPlan plan = TransferPlanner.plan(SHOP, backing, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    List<MoveOutcome> reported = new ArrayList<>();
    List<BuyerId> told = new ArrayList<>();
    TransferListener listener = new TransferListener() {
      @Override public void moved(PlannedMove move, ExclusiveRelationship after) { told.add(move.buyer()); }
      @Override public void reported(MoveOutcome o) { reported.add(o); }
    };
    OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> plan.applyTo(() -> SHOP, store, listener, 0));
    assertSame(oom, thrown);
    assertEquals(n, reported.size(), "every planned buyer was reported before the Error propagated");
    assertEquals(plan.moves().stream().map(PlannedMove::buyer).toList(),
        reported.stream().map(o -> o.move().buyer()).toList());
    Map<MoveOutcome.Status, Long> counts = new HashMap<>();
    reported.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
    assertEquals(Map.of(MoveOutcome.Status.MOVED, (long) TransferPlan.CHUNK, MoveOutcome.Status.FAILED,
        (long) (n - TransferPlan.CHUNK)), counts, "chunk 1 moved; chunk 2 written but unacknowledged; chunk 3 not attempted");
    assertTrue(reported.get(n - 1).detail().contains("not attempted"), reported.get(n - 1).detail());
    assertEquals(TransferPlan.CHUNK, told.size());

    store.afterWrite = () -> {};
    TransferResult again = plan.applyTo(SHOP, store, listener);
    assertTrue(again.isComplete());
    assertEquals(TransferPlan.CHUNK, again.count(MoveOutcome.Status.ALREADY_AT_TARGET) - TransferPlan.CHUNK,
        "chunk 2's lost acknowledgements are found done");
    assertEquals(n, told.size(), "and told once: every written buyer is told exactly once");
    assertEquals(n, Set.copyOf(told).size());
  }

  @Test
  void r8_listenersThatThrowAnythingChangeNoOutcome() {
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, 5));
    TransferPlan plan = TransferPlanner.plan(SHOP, store, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    TransferResult r = plan.applyTo(() -> SHOP, store, new TransferListener() {
      @Override public void moved(PlannedMove move, ExclusiveRelationship after) {
        throw FaultyStore.sneaky(new IOException("audit log full"));
      }
      @Override public void reported(MoveOutcome o) { throw new IllegalStateException("metrics down"); }
    }, 100);
    assertEquals(5, r.count(MoveOutcome.Status.MOVED));

    InMemoryRelationshipStore store2 = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, 5));
    TransferPlan plan2 = TransferPlanner.plan(SHOP, store2, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    List<MoveOutcome> seen = new ArrayList<>();
    assertThrows(StackOverflowError.class, () -> plan2.applyTo(() -> SHOP, store2, new TransferListener() {
      @Override public void moved(PlannedMove move, ExclusiveRelationship after) {
        throw new StackOverflowError("listener");
      }
      @Override public void reported(MoveOutcome o) { seen.add(o); }
    }, 100));
    assertEquals(5, seen.size(), "the report was completed before the listener's Error propagated");
    assertTrue(seen.stream().allMatch(o -> o.status() == MoveOutcome.Status.MOVED), "the writes stand");
  }

  @Test
  void r8_aRosterSourceThatFailsOrChangesShopFailsOnlyItsChunk() {
    int n = 3 * TransferPlan.CHUNK;
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, n));
    TransferPlan plan = TransferPlanner.plan(SHOP, store, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    Shop foreign = Shop.of(ShopId.of("elsewhere"), "Other", SHOP.mainAccount(), SHOP.subAccounts());
    int[] calls = {0};
    TransferResult r = plan.applyTo(() -> switch (calls[0]++) {
      case 0 -> SHOP; // checked before anything is read, and used for the first chunk
      case 1 -> throw new IllegalStateException("HR system down");
      default -> foreign;
    }, store, (m, a) -> {}, Integer.MAX_VALUE);
    assertEquals(List.of(MoveOutcome.Status.MOVED, MoveOutcome.Status.FAILED, MoveOutcome.Status.FAILED),
        List.of(statuses(r).get(0), statuses(r).get(TransferPlan.CHUNK), statuses(r).get(2 * TransferPlan.CHUNK)));
    assertTrue(r.examples().get(TransferPlan.CHUNK).detail().contains("HR system down"));
    assertTrue(r.examples().get(2 * TransferPlan.CHUNK).detail().contains("elsewhere"));
  }

  @Test
  void r8_aStoreThatLiesAboutItsBatchIsReportedFailedNotTrusted() {
    InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, 3));
    RelationshipStore liar = new FaultyStore(backing) {
      @Override
      public List<WriteOutcome> compareAndSetAll(List<Write> writes) {
        return List.of(WriteOutcome.WRITTEN);
      }
    };
    TransferPlan plan = TransferPlanner.plan(SHOP, backing, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    TransferResult r = plan.applyTo(SHOP, liar);
    assertEquals(3, r.count(MoveOutcome.Status.FAILED));
    assertTrue(r.examples().get(0).detail().contains("1 outcomes for 3 writes"), r.examples().get(0).detail());
  }

  @Test
  void r8_aStoreThatAnswersAReadWithAnotherBuyersRelationshipGetsNothingWritten() {
    InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, 2));
    RelationshipStore swapping = new FaultyStore(backing) {
      @Override
      public Map<BuyerId, ExclusiveRelationship> readAll(java.util.Collection<BuyerId> buyers) {
        Map<BuyerId, ExclusiveRelationship> swapped = new HashMap<>();
        swapped.put(BuyerId.of("b0"), backing.read(BuyerId.of("b1")).orElseThrow());
        swapped.put(BuyerId.of("b1"), backing.read(BuyerId.of("b0")).orElseThrow());
        return swapped;
      }
    };
    TransferPlan plan = TransferPlanner.plan(SHOP, backing, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    TransferResult r = plan.applyTo(SHOP, swapping);
    assertEquals(2, r.count(MoveOutcome.Status.FAILED));
    assertTrue(snapshot(backing).values().stream().allMatch(x -> x.version() == 0), "nothing written");
  }

  @Test
  void r8_aStoreAnsweringOutOfContractStillGetsEveryBuyerReportedOnce() {
    InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, 3));
    RelationshipStore broken = new FaultyStore(backing) {
      @Override
      public Map<BuyerId, ExclusiveRelationship> readAll(java.util.Collection<BuyerId> buyers) {
        return new java.util.AbstractMap<>() {
          @Override
          public Set<Map.Entry<BuyerId, ExclusiveRelationship>> entrySet() {
            throw new UnsupportedOperationException("a lazy map whose rows are gone");
          }

          @Override
          public ExclusiveRelationship get(Object key) {
            throw new UnsupportedOperationException("a lazy map whose rows are gone");
          }
        };
      }
    };
    TransferPlan plan = TransferPlanner.plan(SHOP, backing, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    TransferResult r = plan.applyTo(SHOP, broken);
    assertEquals(3, r.count(MoveOutcome.Status.FAILED));
    assertTrue(r.examples().get(0).detail().contains("rows are gone"), r.examples().get(0).detail());
    assertTrue(plan.applyTo(SHOP, backing).isComplete());
  }

  @Test
  void r7_aManualBatchReadsItsBuyersFromTheStoreAndNeverWalksTheShop() {
    InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(SHOP.id(), on(SeedShop.RESIGNED, 5_000));
    FaultyStore store = new FaultyStore(backing);
    store.forbidFullWalk = true;
    List<BuyerId> batch = new ArrayList<>();
    for (int i = 0; i < 300; i += 1) {
      batch.add(BuyerId.of("b" + (i * 7)));
    }
    batch.set(299, BuyerId.of("not-a-buyer"));
    TransferPlan plan = TransferPlanner.manualBatch(SHOP, store, batch, CY04);
    assertEquals(1, store.readAllCalls, "one batch read");
    assertEquals(0, store.walks);
    assertEquals(299, plan.moves().size());
    assertEquals(List.of(BuyerId.of("not-a-buyer")), plan.unmatched());
    assertEquals(batch.subList(0, 299), plan.moves().stream().map(PlannedMove::buyer).toList(), "in the batch's order");
    TransferResult r = plan.applyTo(SHOP, store);
    assertEquals(299, r.count(MoveOutcome.Status.MOVED));
    assertEquals(List.of(BuyerId.of("not-a-buyer")), r.unmatched());
    assertEquals(0, store.walks);
    Optional<ExclusiveRelationship> first = backing.read(BuyerId.of("b0"));
    assertTrue(first.orElseThrow().isFollowedBy(CY04));
  }

  @Test
  void r6_fromFollowerAndLoadBalancingUseTheListingByFollower() {
    List<ExclusiveRelationship> rels = new ArrayList<>(on(SeedShop.RESIGNED, 10));
    for (int i = 0; i < 4; i++) {
      rels.add(ExclusiveRelationship.of(BuyerId.of("kept" + i), CY03));
    }
    FaultyStore store = new FaultyStore(InMemoryRelationshipStore.of(SHOP.id(), rels));
    store.forbidFullWalk = true;
    TransferPlan plan = TransferPlanner.plan(SHOP, store, Selection.fromFollower(SeedShop.RESIGNED),
        List.of(CY03, CY04), Distribution.loadBalancing());
    assertEquals(Map.of(CY04, 7, CY03, 3), plan.countsByTarget(), "cy03 already follows 4: 4 + 3 = 0 + 7");
    assertEquals(0, store.walks);
  }
  /**
   * R8: between this plan's read and its write another writer moves two relationships — one to the plan's own
   * target, one elsewhere. Their compare-and-set finds another version; read again, the first is reported
   * ALREADY_AT_TARGET (the move is made, by someone) and the second CONFLICT, neither overwritten; the rest move.
   */
  @Test
  void r8_aWriteThatLosesARaceIsReadAgainAndReportedAsFound() {
    List<ExclusiveRelationship> rels = on(SeedShop.RESIGNED, 5);
    TransferPlan plan = TransferPlanner.plan(SHOP, rels, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(SHOP.id(), rels);
    FaultyStore store = new FaultyStore(backing);
    AtomicInteger writes = new AtomicInteger();
    store.beforeWrite = () -> {
      if (writes.getAndIncrement() == 0) {
        ExclusiveRelationship b0 = backing.read(BuyerId.of("b0")).orElseThrow();
        assertTrue(backing.compareAndSet(b0.version(), b0.movedTo(CY03)));
        ExclusiveRelationship b1 = backing.read(BuyerId.of("b1")).orElseThrow();
        assertTrue(backing.compareAndSet(b1.version(), b1.movedTo(CY04)));
      }
    };
    List<BuyerId> told = new ArrayList<>();
    TransferResult result = plan.applyTo(() -> SHOP, store, new TransferListener() {
      @Override
      public void moved(PlannedMove move, ExclusiveRelationship after) {
        told.add(move.buyer());
      }
    }, Integer.MAX_VALUE);
    Map<BuyerId, MoveOutcome.Status> by = new HashMap<>();
    for (MoveOutcome o : result.examples()) {
      by.put(o.move().buyer(), o.status());
    }
    assertEquals(MoveOutcome.Status.ALREADY_AT_TARGET, by.get(BuyerId.of("b0")), "the racer made this very move");
    assertEquals(MoveOutcome.Status.CONFLICT, by.get(BuyerId.of("b1")), "the racer moved it elsewhere");
    assertEquals(3, result.count(MoveOutcome.Status.MOVED));
    assertTrue(result.examples().stream().filter(o -> o.move().buyer().equals(BuyerId.of("b1")))
        .allMatch(o -> o.detail().contains("changed while being written")));
    Map<BuyerId, ExclusiveRelationship> now = snapshot(backing);
    assertTrue(now.get(BuyerId.of("b1")).isFollowedBy(CY04), "the racer's write stands (R8)");
    assertEquals(1, now.get(BuyerId.of("b0")).version(), "moved once, by the racer");
    assertFalse(told.contains(BuyerId.of("b1")), "no move is told for a relationship this plan did not write");
    assertTrue(told.containsAll(List.of(BuyerId.of("b2"), BuyerId.of("b3"), BuyerId.of("b4"))));
  }
}
