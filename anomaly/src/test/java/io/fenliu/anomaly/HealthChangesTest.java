package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.CY03;
import static io.fenliu.anomaly.SeedShop.CY04;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.MainAccount;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.core.testing.FenliuGenerators;
import io.fenliu.core.testing.FenliuGenerators.ShopScenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** R9: health follows the roster, found through the listing by follower, and equal to a full rescan. */
class HealthChangesTest {

  private static List<ExclusiveRelationship> mixed() {
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      AccountId f = i % 3 == 0 ? CY03 : i % 3 == 1 ? CY04 : SeedShop.RESIGNED;
      rels.add(ExclusiveRelationship.of(BuyerId.of("b" + i), f));
    }
    rels.add(ExclusiveRelationship.withoutFollower(BuyerId.of("nobody")));
    return rels;
  }

  @Test
  void r9_aResignationMakesExactlyThatAgentsRelationshipsAnomalousWithoutAFullScan() {
    FaultyStore store = new FaultyStore(InMemoryRelationshipStore.of(SHOP.id(), mixed()));
    store.forbidFullWalk = true;
    SubAccount resigned = SHOP.subAccount(CY04).orElseThrow().withStatus(AccountStatus.RESIGNED);
    List<HealthChange> seen = new ArrayList<>();
    HealthChanges changes = HealthChanges.between(SHOP, SHOP.withSubAccount(resigned), store, 3, seen::add);
    assertEquals(Set.of(CY04), changes.changedFollowers());
    assertEquals(10, changes.count(HealthChange.Direction.BECAME_ANOMALOUS));
    assertEquals(10, changes.total());
    assertEquals(10, seen.size(), "the visitor sees every change");
    assertEquals(3, changes.examples().size(), "examples stop at the limit");
    assertTrue(seen.stream().allMatch(c -> c.relationship().isFollowedBy(CY04)
        && c.after().equals(Set.of(AnomalyKind.AGENT_STATUS_ABNORMAL)) && c.before().isEmpty()));
    assertEquals(0, store.walks, "no full scan");

    TransferPlan plan = TransferPlanner.plan(changes, List.of(CY03), Distribution.even());
    assertEquals(Map.of(CY03, 10), plan.countsByTarget(), "a plan for exactly those");
    assertTrue(plan.applyTo(changes.after(), store).isComplete());
    assertEquals(0, store.walks);

    HealthChanges back = HealthChanges.afterChange(SHOP, SHOP.subAccount(SeedShop.RESIGNED).orElseThrow()
        .withStatus(AccountStatus.ACTIVE), store);
    assertEquals(10, back.count(HealthChange.Direction.BECAME_HEALTHY), "03cy001 back at work: its 10 are healthy");
  }

  @Test
  void r9_permissionsRoutingAndKindChangesAreFoundToo() {
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), mixed());
    Shop noPermission = SHOP.withSubAccount(SHOP.subAccount(CY03).orElseThrow().withPermissions(Set.of()));
    assertEquals(10, HealthChanges.between(SHOP, noPermission, store).count(HealthChange.Direction.BECAME_ANOMALOUS));
    Shop noRouting = SHOP.withSubAccount(SHOP.subAccount(CY03).orElseThrow().withRoutingParticipation(false));
    assertEquals(10, HealthChanges.between(SHOP, noRouting, store).count(HealthChange.Direction.BECAME_ANOMALOUS));
    Shop resignedAndStripped = SHOP.withSubAccount(SHOP.subAccount(SeedShop.RESIGNED).orElseThrow()
        .withPermissions(Set.of()));
    HealthChanges kinds = HealthChanges.between(SHOP, resignedAndStripped, store);
    assertEquals(10, kinds.count(HealthChange.Direction.KINDS_CHANGED));
    assertEquals(0, HealthChanges.between(SHOP, SHOP, store).total(), "no change, no answer");
  }

  @Test
  void r9_refusesRostersOrAStoreOfAnotherShop() {
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), mixed());
    Shop other = Shop.of(ShopId.of("elsewhere"), "Other", new MainAccount(SeedShop.OWNER, "o"), SHOP.subAccounts());
    assertEquals("after", assertThrows(InvalidValueException.class,
        () -> HealthChanges.between(SHOP, other, store)).argument());
    assertEquals("store", assertThrows(InvalidValueException.class,
        () -> HealthChanges.between(other, other, store)).argument());
    assertThrows(InvalidValueException.class, () -> HealthChanges.afterChange(SHOP,
        SubAccount.builder(SeedShop.OWNER, "owner").build(), store));
  }

  /** A roster change: each sub-account may change status, permissions or routing; new agents may join. */
  private static Gen<Shop> changed(Shop before) {
    return in -> {
      List<SubAccount> next = new ArrayList<>();
      for (SubAccount s : before.subAccounts()) {
        int roll = FenliuGenerators.draw(in, 0, 5);
        if (roll == 0) {
          continue; // left the shop: its relationships become AGENT_STATUS_ABNORMAL
        }
        next.add(roll == 1 ? FenliuGenerators.subAccount(in, s.id()) : s);
      }
      int joining = FenliuGenerators.draw(in, 0, 2);
      for (int j = 0; j < joining; j++) {
        // "gone-k" ids are followers the generator gives but the shop does not know: they may join now.
        next.add(FenliuGenerators.subAccount(in, AccountId.of("gone-" + FenliuGenerators.draw(in, 0, 9))));
      }
      Map<AccountId, SubAccount> unique = new java.util.LinkedHashMap<>();
      next.forEach(s -> unique.put(s.id(), s));
      return Shop.of(before.id(), before.name(), before.mainAccount(), unique.values());
    };
  }

  private record Diff(Set<AnomalyKind> before, Set<AnomalyKind> after) {}

  @Test
  void r9_theIncrementalAnswerEqualsAFullRescanOverRandomRosterChanges() {
    Gen<ShopScenario> scenarios = FenliuGenerators.scenarios(1, 10, 150);
    Gen<Object[]> cases = in -> {
      ShopScenario sc = scenarios.generate(in);
      return new Object[] {sc, changed(sc.shop()).generate(in)};
    };
    qt().withExamples(400).forAll(cases, integers().between(0, 5)).checkAssert((c, retain) -> {
      ShopScenario sc = (ShopScenario) c[0];
      Shop before = sc.shop();
      Shop after = (Shop) c[1];
      FaultyStore store = new FaultyStore(InMemoryRelationshipStore.of(before.id(), sc.relationships()));
      store.forbidFullWalk = true;
      Map<BuyerId, Diff> incremental = new HashMap<>();
      HealthChanges changes = HealthChanges.between(before, after, store, retain, h ->
          assertEquals(null, incremental.put(h.relationship().buyer(), new Diff(h.before(), h.after())), "once each"));

      Map<BuyerId, Diff> rescan = new HashMap<>();
      for (ExclusiveRelationship r : sc.relationships()) {
        Set<AnomalyKind> b = RelationshipHealth.anomalies(before, r);
        Set<AnomalyKind> a = RelationshipHealth.anomalies(after, r);
        if (!b.equals(a)) {
          rescan.put(r.buyer(), new Diff(b, a));
        }
      }
      assertEquals(rescan, incremental);
      assertEquals(rescan.size(), changes.total());
      assertEquals(Math.min(retain, rescan.size()), changes.examples().size());
      assertEquals(rescan.values().stream().filter(d -> d.before().isEmpty()).count(),
          changes.count(HealthChange.Direction.BECAME_ANOMALOUS));

      List<AccountId> targets = RelationshipEligibility.receivers(after).stream().map(SubAccount::id).limit(2).toList();
      if (!targets.isEmpty()) {
        TransferPlan plan = TransferPlanner.plan(changes, targets, Distribution.even());
        Set<BuyerId> expected = rescan.entrySet().stream().filter(e -> !e.getValue().after().isEmpty())
            .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(expected, plan.moves().stream().map(PlannedMove::buyer).collect(Collectors.toSet()),
            "the plan moves exactly the relationships the change left anomalous");
        TransferResult result = plan.applyTo(after, store);
        assertTrue(result.isComplete(), result.toString());
        for (BuyerId b : expected) {
          assertTrue(RelationshipHealth.anomalies(after, store.read(b).orElseThrow()).isEmpty());
        }
      }
      assertEquals(0, store.walks, "never a full scan");
    });
  }
}
