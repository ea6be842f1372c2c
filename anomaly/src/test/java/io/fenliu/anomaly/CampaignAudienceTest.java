package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.ALL;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * R2: a campaign over the exclusive channel reaches exactly the healthy relationships, and lists every buyer it leaves
 * out with the reasons.
 */
class CampaignAudienceTest {

  @Test
  void r2_onlyHealthyRelationshipsAreReachedAndEveryExcludedBuyerHasItsReasons() {
    for (CampaignKind kind : CampaignKind.values()) {
      CampaignAudience audience = CampaignAudience.of(SHOP, ALL, kind);
      assertEquals(List.of(SeedShop.HEALTHY.buyer()), audience.reachable(), kind.name());
      assertEquals(6, audience.excluded().size());
      assertTrue(audience.excluded().contains(
          new CampaignAudience.Excluded(SeedShop.ON_MAIN.buyer(), Set.of(AnomalyKind.BOUND_TO_MAIN_ACCOUNT))));
      assertTrue(audience.excluded().contains(
          new CampaignAudience.Excluded(SeedShop.NOBODY.buyer(), Set.of(AnomalyKind.NO_EXCLUSIVE_AGENT))));
    }
    assertThrows(IllegalArgumentException.class, () -> new CampaignAudience.Excluded(BuyerId.of("b"), Set.of()));
  }

  @Test
  void r2_anAudienceStreamsCountsBoundedExamplesAndEveryBuyerToItsVisitor() {
    List<io.fenliu.core.ExclusiveRelationship> rels = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rels.add(io.fenliu.core.ExclusiveRelationship.of(BuyerId.of("b" + i), i % 5 == 0 ? SeedShop.RESIGNED : SeedShop.CY03));
    }
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), rels);
    long[] seen = new long[2];
    CampaignAudience a = CampaignAudience.of(SHOP, store, CampaignKind.NEW_ARRIVAL, 7, new CampaignAudience.Visitor() {
      @Override public void reachable(BuyerId buyer) { seen[0]++; }
      @Override public void excluded(CampaignAudience.Excluded e) { seen[1]++; }
    });
    assertEquals(400, a.reachableCount());
    assertEquals(100, a.excludedCount());
    assertEquals(100L, a.excludedByKind().get(AnomalyKind.AGENT_STATUS_ABNORMAL));
    assertEquals(0L, a.excludedByKind().get(AnomalyKind.AGENT_NOT_ROUTING));
    assertEquals(7, a.reachable().size());
    assertEquals(7, a.excluded().size());
    assertEquals(400, seen[0]);
    assertEquals(100, seen[1]);
    assertEquals(false, a.isEveryBuyerListed());
    CampaignAudience full = CampaignAudience.of(SHOP, rels, CampaignKind.NEW_ARRIVAL, Integer.MAX_VALUE,
        new CampaignAudience.Visitor() {});
    assertEquals(true, full.isEveryBuyerListed());
    assertEquals(rels.get(1).buyer(), full.reachable().get(0), "in input order");
    assertThrows(io.fenliu.core.InvalidValueException.class, () -> CampaignAudience.of(SHOP,
        new InMemoryRelationshipStore(io.fenliu.core.ShopId.of("elsewhere")), CampaignKind.RESTOCK, 1,
        new CampaignAudience.Visitor() {}));
  }
}
