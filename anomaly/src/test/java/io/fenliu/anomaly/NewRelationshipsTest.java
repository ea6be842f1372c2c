package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** R4 and R5: who may receive new relationships (an exclusive agent) and who may invite buyers into them. */
class NewRelationshipsTest {

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
}
