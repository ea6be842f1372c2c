package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.ALL;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** R2 (campaign audiences), R3 (target validity), R4–R5 (who may take and invite new relationships). */
class CampaignAndTargetTest {

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
  void r3_aValidTargetIsAnActiveRoutingExclusiveSubAccount() {
    assertTrue(TargetCheck.of(SHOP, SeedShop.CY03).isValid());
    assertEquals(List.of(), TargetCheck.of(SHOP, SeedShop.CY03).reasons());
  }

  @Test
  void r3_invalidTargetsSayWhy() {
    TargetCheck main = TargetCheck.of(SHOP, SeedShop.OWNER);
    assertFalse(main.isValid());
    assertTrue(main.reasons().get(0).contains("main account"), main.reasons().toString());
    assertTrue(TargetCheck.of(SHOP, SeedShop.RESIGNED).reasons().get(0).contains("RESIGNED"));
    assertEquals(Set.of(AnomalyKind.AGENT_NOT_EXCLUSIVE), TargetCheck.of(SHOP, SeedShop.NO_PERMISSION).problems());
    assertEquals(Set.of(AnomalyKind.AGENT_NOT_ROUTING), TargetCheck.of(SHOP, SeedShop.NOT_ROUTING).problems());
    assertTrue(TargetCheck.of(SHOP, AccountId.of("nobody")).reasons().get(0).contains("not an account of shop"));
  }

  @Test
  void r4_removingBothPermissionsStopsNewRelationships() {
    assertTrue(RelationshipEligibility.mayReceiveNew(SHOP, SeedShop.CY03));
    var stripped = SHOP.withSubAccount(SHOP.subAccount(SeedShop.CY03).orElseThrow().withPermissions(Set.of()));
    assertFalse(RelationshipEligibility.mayReceiveNew(stripped, SeedShop.CY03));
    assertEquals(List.of(SeedShop.CY04),
        RelationshipEligibility.receivers(stripped).stream().map(s -> s.id()).toList());
    assertFalse(RelationshipEligibility.mayReceiveNew(SHOP, SeedShop.OWNER));
    assertFalse(RelationshipEligibility.mayReceiveNew(SHOP, SeedShop.RESIGNED));
  }

  @Test
  void r5_anAgentRemovedFromTheSendRestrictionInvitesNoMore() {
    InvitationSettings both = InvitationSettings.of(SHOP, List.of(SeedShop.CY03, SeedShop.CY04));
    assertTrue(RelationshipEligibility.mayInvite(SHOP, both, SeedShop.CY03));
    InvitationSettings without = both.withoutSender(SeedShop.CY03);
    assertFalse(RelationshipEligibility.mayInvite(SHOP, without, SeedShop.CY03));
    assertEquals(List.of(SeedShop.CY04), RelationshipEligibility.inviters(SHOP, without).stream().map(s -> s.id()).toList());
    assertTrue(both.allows(SeedShop.CY03), "the original settings are untouched");
    assertTrue(without.withSender(SHOP, SeedShop.CY03).allows(SeedShop.CY03));
    // An allowed sender that lost its permissions still invites nobody (R4 over R5).
    InvitationSettings withStripped = InvitationSettings.of(SHOP, List.of(SeedShop.NO_PERMISSION));
    assertFalse(RelationshipEligibility.mayInvite(SHOP, withStripped, SeedShop.NO_PERMISSION));
  }

  @Test
  void invitationSettingsRejectTheMainAccountAndUnknownIds() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> InvitationSettings.of(SHOP, List.of(SeedShop.OWNER)))
        .getMessage().contains("main account"));
    assertThrows(IllegalArgumentException.class, () -> InvitationSettings.of(SHOP, List.of(AccountId.of("ghost"))));
    InvitationSettings s = InvitationSettings.of(SHOP, List.of(SeedShop.CY03));
    assertThrows(IllegalArgumentException.class, () -> s.withSender(SHOP, SeedShop.OWNER));
    assertEquals(Set.of(SeedShop.CY03), s.allowedSenders());
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
