package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.CY03;
import static io.fenliu.anomaly.SeedShop.CY04;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.MainAccount;
import io.fenliu.core.ShopId;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * R9: health follows the roster, found through the listing by follower. The property that it equals a full rescan
 * over generated roster changes is in fenliu-testing's tests (HealthChangesPropertiesTest), beside the generators.
 */
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
}
