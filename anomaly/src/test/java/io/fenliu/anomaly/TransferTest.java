package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.ALL;
import static io.fenliu.anomaly.SeedShop.CY03;
import static io.fenliu.anomaly.SeedShop.CY04;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.UnknownIdException;
import io.fenliu.core.ShopId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** R6–R8 by example. */
class TransferTest {

  private static Set<BuyerId> buyersOf(TransferPlan plan) {
    return plan.moves().stream().map(PlannedMove::buyer).collect(Collectors.toSet());
  }

  @Test
  void r6_selectsAllAnomalousByKindBySourceOrByBuyers() {
    List<AccountId> to = List.of(CY03);
    assertEquals(6, TransferPlanner.plan(SHOP, ALL, Selection.allAnomalous(), to, Distribution.even()).moves().size());
    assertEquals(Set.of(SeedShop.ON_RESIGNED.buyer(), SeedShop.ON_GONE.buyer()), buyersOf(TransferPlanner.plan(
        SHOP, ALL, Selection.ofKind(AnomalyKind.AGENT_STATUS_ABNORMAL), to, Distribution.even())));
    assertEquals(Set.of(SeedShop.ON_NO_PERMISSION.buyer()), buyersOf(TransferPlanner.plan(
        SHOP, ALL, Selection.fromFollower(SeedShop.NO_PERMISSION), to, Distribution.even())));
    TransferPlan chosen = TransferPlanner.plan(SHOP, ALL,
        Selection.buyers(List.of(SeedShop.ON_MAIN.buyer(), BuyerId.of("not-there"))), to, Distribution.even());
    assertEquals(Set.of(SeedShop.ON_MAIN.buyer()), buyersOf(chosen));
    assertEquals(List.of(BuyerId.of("not-there")), chosen.unmatched(), "R8: an unmatched buyer is reported, not lost");
  }

  @Test
  void r6_invalidTargetsAreRejectedBeforeAnythingIsPlannedWithEveryReason() {
    RuleRefusedException e = assertThrows(RuleRefusedException.class, () -> TransferPlanner.plan(
        SHOP, ALL, Selection.allAnomalous(), List.of(CY03, SeedShop.OWNER, SeedShop.RESIGNED), Distribution.even()));
    assertTrue(e.getMessage().contains("main account") && e.getMessage().contains("RESIGNED"), e.getMessage());
    assertEquals("R3", e.rule());
    assertThrows(UnknownIdException.class, () -> TransferPlanner.plan(
        SHOP, ALL, Selection.allAnomalous(), List.of(AccountId.of("ghost")), Distribution.even()));
    assertThrows(IllegalArgumentException.class,
        () -> TransferPlanner.plan(SHOP, ALL, Selection.allAnomalous(), List.of(), Distribution.even()));
    assertThrows(IllegalArgumentException.class,
        () -> TransferPlanner.plan(SHOP, ALL, Selection.allAnomalous(), List.of(CY03, CY03), Distribution.even()));
  }

  @Test
  void r6_badSelectionsAndWeightsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Selection.buyers(List.of()));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Selection.buyers(List.of(BuyerId.of("x"), BuyerId.of("x"))))
        .getMessage().contains("twice"));
    assertThrows(NullPointerException.class, () -> TransferPlanner.plan(SHOP, ALL, null, List.of(CY03), Distribution.even()));
    for (long bad : new long[] {0, -3}) {
      assertTrue(assertThrows(IllegalArgumentException.class, () -> Distribution.weighted(List.of(1L, bad)))
          .getMessage().contains("positive"));
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Distribution.weighted(List.of(Long.MAX_VALUE, 1L)))
        .getMessage().contains("sum"));
    assertThrows(IllegalArgumentException.class, () -> TransferPlanner.plan(
        SHOP, ALL, Selection.allAnomalous(), List.of(CY03, CY04), Distribution.weighted(List.of(1L))));
    List<ExclusiveRelationship> twice = new ArrayList<>(ALL);
    twice.add(SeedShop.ON_RESIGNED);
    assertThrows(IllegalArgumentException.class,
        () -> TransferPlanner.plan(SHOP, twice, Selection.allAnomalous(), List.of(CY03), Distribution.even()));
  }

  static List<MoveOutcome.Status> statuses(TransferResult result) {
    assertTrue(result.hasEveryOutcome(), result.toString());
    return result.examples().stream().map(MoveOutcome::status).toList();
  }

  private static List<ExclusiveRelationship> onResigned(int n) {
    List<ExclusiveRelationship> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(ExclusiveRelationship.of(BuyerId.of("r" + i), SeedShop.RESIGNED));
    }
    return list;
  }

  @Test
  void r6_evenWeightedAndLoadBalancingDistributions() {
    List<ExclusiveRelationship> rels = onResigned(11);
    assertEquals(Map.of(CY03, 6, CY04, 5),
        TransferPlanner.plan(SHOP, rels, Selection.allAnomalous(), List.of(CY03, CY04), Distribution.even()).countsByTarget());
    // 11 * 3/4 = 8.25 and 11 * 1/4 = 2.75: floors 8 and 2, the larger remainder (0.75) takes the last one.
    assertEquals(Map.of(CY03, 8, CY04, 3), TransferPlanner.plan(SHOP, rels, Selection.allAnomalous(),
        List.of(CY03, CY04), Distribution.weighted(List.of(3L, 1L))).countsByTarget());
    // cy03 already follows 5 buyers: load balancing gives cy04 the first 5, then alternates.
    List<ExclusiveRelationship> withLoad = new ArrayList<>(rels);
    for (int i = 0; i < 5; i++) {
      withLoad.add(ExclusiveRelationship.of(BuyerId.of("kept" + i), CY03));
    }
    assertEquals(Map.of(CY04, 8, CY03, 3), TransferPlanner.plan(SHOP, withLoad, Selection.allAnomalous(),
        List.of(CY03, CY04), Distribution.loadBalancing()).countsByTarget());
  }

  @Test
  void r7_aManualBatchTakesAtMost300BuyersAndRefuses301AsAWhole() {
    List<ExclusiveRelationship> rels = onResigned(301);
    List<BuyerId> buyers = rels.stream().map(ExclusiveRelationship::buyer).toList();
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), rels);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TransferPlanner.manualBatch(SHOP, rels, buyers, CY03));
    assertTrue(e.getMessage().contains("at most 300") && e.getMessage().contains("301") && e.getMessage().contains("R7"),
        e.getMessage());
    assertTrue(store.all().stream().allMatch(r -> r.isFollowedBy(SeedShop.RESIGNED)), "nothing was written");

    TransferPlan plan = TransferPlanner.manualBatch(SHOP, rels, buyers.subList(0, 300), CY03);
    assertEquals(Map.of(CY03, 300), plan.countsByTarget());
    assertTrue(plan.applyTo(SHOP, store).isComplete());
    assertEquals(300, store.all().stream().filter(r -> r.isFollowedBy(CY03)).count());
    assertThrows(RuleRefusedException.class, () -> TransferPlanner.manualBatch(SHOP, rels, buyers.subList(0, 2), SeedShop.OWNER));
  }

  @Test
  void r8_everyPlannedBuyerEndsOnceAsMovedAlreadyConflictOrFailed() {
    List<ExclusiveRelationship> rels = onResigned(4);
    InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(SHOP.id(), rels);
    TransferPlan plan = TransferPlanner.plan(SHOP, rels, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    // r1 is moved by someone else to cy03 (already there), r2 changes follower (conflict), the batch write of r0 and r3
    // writes r0 and then throws on r3: both outcomes are unknown, so both are FAILED.
    backing.compareAndSet(0, rels.get(1).movedTo(CY03));
    backing.compareAndSet(0, rels.get(2).movedTo(CY04));
    RelationshipStore flaky = new RelationshipStore() {
      @Override public ShopId shop() { return backing.shop(); }
      @Override public Optional<ExclusiveRelationship> read(BuyerId b) { return backing.read(b); }
      @Override public boolean compareAndSet(long v, ExclusiveRelationship next) {
        if (next.buyer().equals(rels.get(3).buyer())) {
          throw new IllegalStateException("database down");
        }
        return backing.compareAndSet(v, next);
      }
      @Override public void insert(ExclusiveRelationship r) { backing.insert(r); }
      @Override public void forEachFollowedBy(AccountId f, Consumer<? super ExclusiveRelationship> a) {
        backing.forEachFollowedBy(f, a);
      }
      @Override public void forEach(Consumer<? super ExclusiveRelationship> a) { backing.forEach(a); }
    };
    List<PlannedMove> audited = new ArrayList<>();
    List<MoveOutcome> reported = new ArrayList<>();
    TransferListener listener = new TransferListener() {
      @Override public void moved(PlannedMove m, ExclusiveRelationship after) { audited.add(m); }
      @Override public void reported(MoveOutcome o) { reported.add(o); }
    };
    TransferResult result = plan.applyTo(() -> SHOP, flaky, listener, Integer.MAX_VALUE);
    assertEquals(List.of(MoveOutcome.Status.FAILED, MoveOutcome.Status.ALREADY_AT_TARGET, MoveOutcome.Status.CONFLICT,
        MoveOutcome.Status.FAILED), statuses(result));
    assertEquals(result.examples(), reported, "the listener sees every outcome, in plan order");
    assertTrue(result.examples().get(3).detail().contains("database down"), result.examples().get(3).detail());
    assertEquals(List.of(), audited, "no write was acknowledged");
    assertEquals(4, backing.size());
    assertTrue(backing.read(rels.get(2).buyer()).orElseThrow().isFollowedBy(CY04), "a conflict is left untouched");

    TransferResult again = plan.applyTo(SHOP, backing, listener);
    assertEquals(List.of(MoveOutcome.Status.ALREADY_AT_TARGET, MoveOutcome.Status.ALREADY_AT_TARGET,
        MoveOutcome.Status.CONFLICT, MoveOutcome.Status.MOVED), statuses(again),
        "re-applying completes what failed and changes nothing else");
    assertEquals(List.of(rels.get(0).buyer(), rels.get(3).buyer()), audited.stream().map(PlannedMove::buyer).toList(),
        "the write whose acknowledgement was lost (r0) is told on re-apply; r1, moved by someone else earlier, is not");
    plan.applyTo(SHOP, backing, listener);
    assertEquals(2, audited.size(), "each write is told once per plan");
    assertFalse(again.isComplete());
  }

  @Test
  void r8_aListenerThatThrowsDoesNotStopTheTransfer() {
    List<ExclusiveRelationship> rels = onResigned(3);
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), rels);
    TransferPlan plan = TransferPlanner.plan(SHOP, rels, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    TransferResult r = plan.applyTo(SHOP, store, (m, after) -> { throw new RuntimeException("audit log full"); });
    assertTrue(r.isComplete());
  }

  @Test
  void applyingToAStoreOfAnotherShopWritesNothing() {
    List<ExclusiveRelationship> rels = onResigned(2);
    InMemoryRelationshipStore other = InMemoryRelationshipStore.of(ShopId.of("elsewhere"), rels);
    TransferPlan plan = TransferPlanner.plan(SHOP, rels, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> plan.applyTo(SHOP, other));
    assertEquals("store", e.argument());
    assertTrue(e.getMessage().contains("elsewhere"), e.getMessage());
    assertTrue(other.all().stream().allMatch(r -> r.version() == 0));
  }

  @Test
  void aSelectedRelationshipAlreadyAtATargetStays() {
    TransferPlan plan = TransferPlanner.plan(SHOP, ALL, Selection.buyers(List.of(SeedShop.HEALTHY.buyer())),
        List.of(CY03, CY04), Distribution.even());
    PlannedMove only = plan.moves().get(0);
    assertEquals(List.of(SeedShop.HEALTHY.buyer(), Optional.of(CY03), CY03, 0L),
        List.of(only.buyer(), only.from(), only.to(), only.expectedVersion()));
    assertEquals(MoveOutcome.Status.ALREADY_AT_TARGET,
        plan.applyTo(SHOP, InMemoryRelationshipStore.of(SHOP.id(), ALL)).examples().get(0).status());
    assertEquals(new HashSet<>(List.of(CY03)), plan.countsByTarget().keySet());
  }
}
