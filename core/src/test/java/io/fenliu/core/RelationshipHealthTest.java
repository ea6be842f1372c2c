package io.fenliu.core;

import static io.fenliu.core.AnomalyKind.AGENT_NOT_EXCLUSIVE;
import static io.fenliu.core.AnomalyKind.AGENT_NOT_ROUTING;
import static io.fenliu.core.AnomalyKind.AGENT_STATUS_ABNORMAL;
import static io.fenliu.core.AnomalyKind.BOUND_TO_MAIN_ACCOUNT;
import static io.fenliu.core.AnomalyKind.NO_EXCLUSIVE_AGENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** R1 by example, including the seed's cases. */
class RelationshipHealthTest {
  private static final MainAccount OWNER = new MainAccount(AccountId.of("owner"), "店主");
  private static final SubAccount HEALTHY = SubAccount.builder(AccountId.of("cy03"), "cy03").exclusiveAgent().build();
  private static final Shop SHOP = Shop.of(ShopId.of("s"), "Shop", OWNER, List.of(HEALTHY));
  private static final BuyerId BUYER = BuyerId.of("buyer");

  private static Set<AnomalyKind> followedBy(SubAccount agent) {
    Shop shop = SHOP.withSubAccount(agent);
    Set<AnomalyKind> kinds = RelationshipHealth.anomalies(shop, ExclusiveRelationship.of(BUYER, agent.id()));
    // A sub-account's verdict needs nothing but its own facts (R9: health is kept per agent).
    assertEquals(kinds, RelationshipHealth.anomaliesOfSubAccount(agent), agent.toString());
    return kinds;
  }

  @Test
  void healthyFollowerHasNoAnomaly() {
    assertEquals(Set.of(), followedBy(HEALTHY));
    assertTrue(RelationshipHealth.isHealthyFollower(HEALTHY));
  }

  @Test
  void r1_1_resignedDisabledFrozenAndUnknownFollowers() {
    for (AccountStatus s : List.of(AccountStatus.RESIGNED, AccountStatus.DISABLED, AccountStatus.FROZEN)) {
      assertEquals(Set.of(AGENT_STATUS_ABNORMAL), followedBy(HEALTHY.withStatus(s)), s.name());
      assertFalse(RelationshipHealth.isHealthyFollower(HEALTHY.withStatus(s)));
    }
    assertEquals(Set.of(AGENT_STATUS_ABNORMAL),
        RelationshipHealth.anomalies(SHOP, ExclusiveRelationship.of(BUYER, AccountId.of("03cy001-gone"))));
  }

  @Test
  void r1_2_permissionsRemoved() {
    assertEquals(Set.of(AGENT_NOT_EXCLUSIVE), followedBy(HEALTHY.withPermissions(Set.of())));
    assertFalse(RelationshipHealth.isHealthyFollower(HEALTHY.withPermissions(Set.of())));
  }

  @Test
  void r1_3_notRouting() {
    assertEquals(Set.of(AGENT_NOT_ROUTING), followedBy(HEALTHY.withRoutingParticipation(false)));
    assertFalse(RelationshipHealth.isHealthyFollower(HEALTHY.withRoutingParticipation(false)));
  }

  @Test
  void r1_4_noFollower() {
    assertEquals(Set.of(NO_EXCLUSIVE_AGENT), RelationshipHealth.anomalies(SHOP, ExclusiveRelationship.withoutFollower(BUYER)));
  }

  @Test
  void r1_5_boundToMainAccount() {
    assertEquals(Set.of(BOUND_TO_MAIN_ACCOUNT), RelationshipHealth.anomalies(SHOP, ExclusiveRelationship.of(BUYER, OWNER.id())));
  }

  @Test
  void severalKindsHoldAtOnce() {
    SubAccount worst = HEALTHY.withStatus(AccountStatus.RESIGNED).withPermissions(Set.of()).withRoutingParticipation(false);
    assertEquals(Set.of(AGENT_STATUS_ABNORMAL, AGENT_NOT_EXCLUSIVE, AGENT_NOT_ROUTING), followedBy(worst));
  }
}
