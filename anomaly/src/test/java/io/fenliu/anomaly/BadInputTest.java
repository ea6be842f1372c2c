package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.CY03;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Issue 9 item 5 for anomaly: every null named, checked before anything changes; values validated. */
class BadInputTest {
  private static final BuyerId B = BuyerId.of("b1");

  @Test
  void everyPublicEntryPointNamesTheNullArgument() {
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), SeedShop.ALL);
    TransferPlan plan = TransferPlanner.plan(SHOP, store, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    InvitationSettings settings = InvitationSettings.of(SHOP, List.of(CY03));
    Map<String, Executable> calls = new LinkedHashMap<>();
    calls.put("buyers[1]", () -> Selection.buyers(Arrays.asList(B, null)));
    calls.put("buyers", () -> Selection.buyers(null));
    calls.put("kind", () -> Selection.ofKind(null));
    calls.put("follower", () -> Selection.fromFollower(null));
    calls.put("buyers[2]", () -> TransferPlanner.manualBatch(SHOP, store, Arrays.asList(B, BuyerId.of("b2"), null), CY03));
    calls.put("new follower", () -> TransferPlanner.manualBatch(SHOP, store, List.of(B), null));
    calls.put("store", () -> TransferPlanner.manualBatch(SHOP, (RelationshipStore) null, List.of(B), CY03));
    calls.put("shop", () -> TransferPlanner.plan(null, store, Selection.allAnomalous(), List.of(CY03), Distribution.even()));
    calls.put("selection", () -> TransferPlanner.plan(SHOP, store, null, List.of(CY03), Distribution.even()));
    calls.put("targets[0]", () -> TransferPlanner.plan(SHOP, store, Selection.allAnomalous(), Arrays.asList((AccountId) null),
        Distribution.even()));
    calls.put("distribution", () -> TransferPlanner.plan(SHOP, store, Selection.allAnomalous(), List.of(CY03), null));
    calls.put("relationships[1]", () -> TransferPlanner.plan(SHOP, Arrays.asList(SeedShop.HEALTHY, null),
        Selection.allAnomalous(), List.of(CY03), Distribution.even()));
    calls.put("changes", () -> TransferPlanner.plan((HealthChanges) null, List.of(CY03), Distribution.even()));
    calls.put("roster", () -> plan.applyTo((io.fenliu.core.Shop) null, store));
    calls.put("store ", () -> plan.applyTo(SHOP, null));
    calls.put("listener", () -> plan.applyTo(SHOP, store, null));
    calls.put("weights[1]", () -> Distribution.weighted(Arrays.asList(1L, null)));
    calls.put("relationship", () -> AnomalyScanner.inspect(SHOP, null));
    calls.put("shop ", () -> AnomalyScanner.scan(null, store));
    calls.put("visitor", () -> AnomalyScanner.scan(SHOP, store, 1, null));
    calls.put("campaign kind", () -> CampaignAudience.of(SHOP, SeedShop.ALL, null));
    calls.put("visitor ", () -> CampaignAudience.of(SHOP, store, CampaignKind.RESTOCK, 1, null));
    calls.put("after", () -> HealthChanges.between(SHOP, null, store));
    calls.put("agent", () -> Invitations.acceptInvitation(SHOP, settings, store, B, null));
    calls.put("invitation settings", () -> RelationshipEligibility.mayInvite(SHOP, null, CY03));
    calls.put("allowed senders", () -> new InvitationSettings(null));
    calls.put("senders[0]", () -> InvitationSettings.of(SHOP, Arrays.asList((AccountId) null)));
    calls.put("target", () -> TargetCheck.of(SHOP, null));
    calls.put("kinds[0]", () -> new AnomalousRelationship(SeedShop.HEALTHY, new java.util.HashSet<>(Arrays.asList(
        (AnomalyKind) null))));
    calls.put("reasons", () -> new CampaignAudience.Excluded(B, null));
    calls.put("next", () -> new RelationshipStore.Write(0, null));
    calls.put("buyers[0]", () -> store.readAll(Arrays.asList((BuyerId) null)));
    calls.put("writes[0]", () -> store.compareAndSetAll(Arrays.asList((RelationshipStore.Write) null)));
    calls.put("action", () -> store.forEach(null));
    calls.put("follower ", () -> store.forEachFollowedBy(null, r -> {}));
    for (Map.Entry<String, Executable> e : calls.entrySet()) {
      NullPointerException npe = assertThrows(NullPointerException.class, e.getValue(), e.getKey());
      assertEquals(e.getKey().strip() + " must not be null", npe.getMessage(), e.getKey());
    }
    assertEquals(SeedShop.ALL.size(), store.size());
    assertTrue(store.all().stream().allMatch(r -> r.version() == 0), "no refusal changed anything");
  }

  /** A null is refused by name by every selection (R6), not answered, nor thrown as an anonymous JVM NPE. */
  @Test
  void r6_selectionsRefuseANullRelationshipKindsOrBuyerNamingIt() {
    Selection.Buyers buyers = (Selection.Buyers) Selection.buyers(List.of(B));
    List<Selection> all = List.of(Selection.allAnomalous(), Selection.ofKind(AnomalyKind.AGENT_NOT_ROUTING),
        Selection.fromFollower(CY03), buyers);
    for (Selection s : all) {
      NullPointerException relationship = assertThrows(NullPointerException.class,
          () -> s.selects(null, Set.of()), s.toString());
      assertEquals("relationship must not be null", relationship.getMessage(), s.toString());
      NullPointerException kinds = assertThrows(NullPointerException.class,
          () -> s.selects(SeedShop.HEALTHY, null), s.toString());
      assertEquals("kinds must not be null", kinds.getMessage(), s.toString());
    }
    assertEquals("buyer must not be null",
        assertThrows(NullPointerException.class, () -> buyers.contains(null)).getMessage());
    assertTrue(buyers.contains(B));
  }

  @Test
  void r7_301BuyersAreRefusedAsAWholeBeforeAnythingIsRead() {
    List<BuyerId> buyers = new ArrayList<>();
    for (int i = 0; i < 301; i++) {
      buyers.add(BuyerId.of("x" + i));
    }
    FaultyStore store = new FaultyStore(InMemoryRelationshipStore.of(SHOP.id(), SeedShop.ALL));
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> TransferPlanner.manualBatch(SHOP, store, buyers, CY03));
    assertEquals("R7", e.rule().orElseThrow());
    assertEquals("buyers", e.argument());
    assertTrue(e.getMessage().contains("split it into batches of 300"), e.getMessage());
    assertEquals(0, store.readAllCalls);
    assertThrows(InvalidValueException.class, () -> TransferPlanner.manualBatch(SHOP, store, List.of(), CY03));
    assertThrows(InvalidValueException.class, () -> TransferPlanner.manualBatch(SHOP, store, List.of(B, B), CY03));
  }

  @Test
  void valuesAreValidatedWhereverAPublicConstructorRemains() {
    assertThrows(InvalidValueException.class, () -> new RelationshipStore.Write(-1, SeedShop.HEALTHY));
    assertThrows(InvalidValueException.class, () -> new AnomalousRelationship(SeedShop.HEALTHY, Set.of()));
    assertThrows(InvalidValueException.class, () -> new CampaignAudience.Excluded(B, Set.of()));
    assertThrows(InvalidValueException.class, () -> new HealthChange(SeedShop.HEALTHY, Set.of(), Set.of()));
    assertThrows(InvalidValueException.class, () -> new TargetCheck(CY03, Set.of(AnomalyKind.AGENT_NOT_ROUTING), List.of()));
    assertThrows(InvalidValueException.class, () -> AnomalyScanner.scan(SHOP, SeedShop.ALL, -1, null));
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), SeedShop.ALL);
    TransferPlan plan = TransferPlanner.plan(SHOP, store, Selection.allAnomalous(), List.of(CY03), Distribution.even());
    assertThrows(InvalidValueException.class, () -> plan.applyTo(() -> SHOP, store, (m, a) -> {}, -1));
    assertTrue(store.all().stream().allMatch(r -> r.version() == 0));
    ExclusiveRelationship dup = ExclusiveRelationship.of(SeedShop.HEALTHY.buyer(), CY03);
    assertThrows(io.fenliu.core.RuleRefusedException.class, () -> InMemoryRelationshipStore.of(SHOP.id(), List.of(dup, dup)));
  }
}
