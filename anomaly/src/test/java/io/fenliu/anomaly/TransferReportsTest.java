package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.ALL;
import static io.fenliu.anomaly.SeedShop.CY03;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the anomaly engine reports, as values a host keeps and compares: a scan of a store (R1), a plan's moves and
 * their outcomes (R6, R8), and the direction of a health change (R9).
 */
class TransferReportsTest {

  /** R1: scanning a store counts exactly what scanning its relationships counts. */
  @Test
  void r1_aScanOfAStoreEqualsAScanOfItsRelationships() {
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), ALL);
    AnomalyReport fromStore = AnomalyScanner.scan(SHOP, store);
    AnomalyReport fromList = AnomalyScanner.scan(SHOP, ALL);
    assertEquals(fromList.byKind(), fromStore.byKind());
    assertEquals(fromList.anomalousByFollower(), fromStore.anomalousByFollower());
    assertEquals(ALL.size(), fromStore.scanned());
    assertEquals(6, fromStore.anomalous());
    assertEquals(fromList, AnomalyScanner.scan(SHOP, ALL), "the same relationships in the same order: equal reports");
    assertEquals(fromList.hashCode(), AnomalyScanner.scan(SHOP, ALL).hashCode());
    assertNotEquals(AnomalyScanner.scan(SHOP, List.of(SeedShop.HEALTHY)), fromList);
  }

  /** R6, R8: planned moves and their outcomes are values; every planned buyer ends in exactly one outcome. */
  @Test
  void r6_r8_movesAndOutcomesAreValuesAndEveryBuyerEndsOnce() {
    TransferPlan plan = TransferPlanner.plan(SHOP, ALL, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    TransferPlan again = TransferPlanner.plan(SHOP, ALL, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    assertEquals(SHOP.id(), plan.shop());
    assertEquals(plan.moves(), again.moves());
    assertEquals(plan.moves().get(0).hashCode(), again.moves().get(0).hashCode());
    assertNotEquals(plan.moves().get(0), plan.moves().get(1));
    io.fenliu.core.ExclusiveRelationship movedOnce = SeedShop.ON_MAIN.movedTo(SeedShop.RESIGNED);
    assertEquals(1, TransferPlanner.plan(SHOP, List.of(movedOnce), Selection.allAnomalous(), List.of(CY03),
        Distribution.even()).moves().get(0).expectedVersion(), "planned against the version it saw");
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), ALL);
    store.compareAndSet(0, SeedShop.ON_MAIN.movedTo(SeedShop.CY04));
    TransferResult result = plan.applyTo(SHOP, store);
    assertEquals(SHOP.id(), result.shop());
    assertEquals(6, result.planned());
    assertTrue(result.hasEveryOutcome());
    assertEquals(6, result.examples().size());
    assertEquals(6L, result.counts().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(5, result.count(MoveOutcome.Status.MOVED));
    MoveOutcome moved = result.examples().stream().filter(o -> o.status() == MoveOutcome.Status.MOVED).findFirst()
        .orElseThrow();
    assertTrue(moved.relationship().orElseThrow().isFollowedBy(CY03));
    MoveOutcome conflict = result.examples().stream().filter(o -> o.status() != MoveOutcome.Status.MOVED)
        .findFirst().orElseThrow();
    assertEquals(SeedShop.ON_MAIN.buyer(), conflict.move().buyer());
    assertTrue(conflict.detail().contains("R8"), conflict.detail());
    assertEquals(moved, moved);
    assertNotEquals(moved, conflict);
    TransferResult second = TransferPlanner.plan(SHOP, ALL, Selection.allAnomalous(), List.of(CY03),
        Distribution.even()).applyTo(() -> SHOP, InMemoryRelationshipStore.of(SHOP.id(), ALL), (move, after) -> {}, 2);
    assertFalse(second.hasEveryOutcome(), "two examples kept of six");
  }

  /** R6: a selection of buyers selects those buyers and no others, and equals another of the same buyers in order. */
  @Test
  void r6_aSelectionOfBuyersSelectsThoseOnly() {
    Selection some = Selection.buyers(List.of(SeedShop.ON_MAIN.buyer(), SeedShop.NOBODY.buyer()));
    assertTrue(some.selects(SeedShop.ON_MAIN, Set.of(AnomalyKind.BOUND_TO_MAIN_ACCOUNT)));
    assertFalse(some.selects(SeedShop.ON_RESIGNED, Set.of(AnomalyKind.AGENT_STATUS_ABNORMAL)));
    Selection same = Selection.buyers(List.of(SeedShop.ON_MAIN.buyer(), SeedShop.NOBODY.buyer()));
    assertEquals(some, same);
    assertEquals(some.hashCode(), same.hashCode());
    assertTrue(((Selection.Buyers) some).contains(SeedShop.NOBODY.buyer()));
    assertFalse(((Selection.Buyers) some).contains(SeedShop.HEALTHY.buyer()));
    assertNotEquals(some, Selection.buyers(List.of(SeedShop.ON_MAIN.buyer())));
    assertNotEquals(some, Selection.buyers(List.of(BuyerId.of("x"), BuyerId.of("y"))));
  }

  /** R9: a health change says which way it went. */
  @Test
  void r9_aHealthChangeSaysWhichWayItWent() {
    Set<AnomalyKind> none = Set.of();
    Set<AnomalyKind> resigned = Set.of(AnomalyKind.AGENT_STATUS_ABNORMAL);
    Set<AnomalyKind> both = Set.of(AnomalyKind.AGENT_STATUS_ABNORMAL, AnomalyKind.AGENT_NOT_ROUTING);
    assertEquals(HealthChange.Direction.BECAME_ANOMALOUS,
        new HealthChange(SeedShop.ON_RESIGNED, none, resigned).direction());
    assertEquals(HealthChange.Direction.BECAME_HEALTHY,
        new HealthChange(SeedShop.ON_RESIGNED, resigned, none).direction());
    assertEquals(HealthChange.Direction.KINDS_CHANGED,
        new HealthChange(SeedShop.ON_RESIGNED, resigned, both).direction());
  }
}
