package io.fenliu.routing;

import static io.fenliu.routing.TestShop.A;
import static io.fenliu.routing.TestShop.ADVANCED;
import static io.fenliu.routing.TestShop.B;
import static io.fenliu.routing.TestShop.C;
import static io.fenliu.routing.TestShop.D;
import static io.fenliu.routing.TestShop.E;
import static io.fenliu.routing.TestShop.F;
import static io.fenliu.routing.TestShop.OWNER;
import static io.fenliu.routing.TestShop.SHOP;
import static io.fenliu.routing.ChiSquare.statistic;
import static io.fenliu.routing.TestShop.consult;
import static io.fenliu.routing.TestShop.counts;
import static io.fenliu.routing.TestShop.offline;
import static io.fenliu.routing.TestShop.online;
import static io.fenliu.routing.TestShop.router;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Role;
import io.fenliu.core.SubAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * R10–R14 by example, with the seed's cases: exactly one mode (R10), basic routing by entry page (R11), advanced
 * routing by order-status group (R12), by weight (R13) and tier by tier (R14). Random sources are seeded: every count
 * here is reproducible.
 */
class RoutingModesTest {
  private static final Consultation PRE_SALE = consult(EntryPage.PRODUCT_DETAIL, OrderStatus.NO_ORDER);
  private static final Consultation AFTER_SALE = consult(EntryPage.REFUND_DETAIL, OrderStatus.AFTER_SALE);
  /** Chi-square critical values at p = 1e-6, by degrees of freedom. */
  private static final double[] CHI2_1E6 = {0, 23.93, 27.63, 30.66, 33.38, 35.89};

  @Test
  void r13_weight500Versus100GivesFiveTimesTheConsultations() {
    Router r = router(ADVANCED, 1);
    online(r, A, B, C, D, E, F);
    int n = 60_000;
    Map<AccountId, Integer> got = counts(r, PRE_SALE, n, RoutingStep.MATCHED_GROUP);
    assertEquals(Set.of(A, B), got.keySet());
    double chi = statistic(got, Map.of(A, 5.0 / 6, B, 1.0 / 6), n);
    assertTrue(chi < CHI2_1E6[1], "chi-square " + chi + " for " + got);
    double ratio = got.get(A) / (double) got.get(B);
    assertTrue(Math.abs(ratio - 5) < 0.25, "A/B = " + ratio);
  }

  @Test
  void r12_theOrderStatusPicksItsGroup() {
    Router r = router(ADVANCED, 2);
    online(r, A, B, C, D, E, F);
    Map<AccountId, Integer> got = counts(r, AFTER_SALE, 10_000, RoutingStep.MATCHED_GROUP);
    assertEquals(Set.of(C, D), got.keySet());
    assertTrue(statistic(got, Map.of(C, 0.5, D, 0.5), 10_000) < CHI2_1E6[1]);
  }

  @Test
  void r14_ungroupedAgentsGetNothingWhileAnyGroupedAgentIsOnline() {
    Router r = router(ADVANCED, 3);
    online(r, A, B, C, D, E, F);
    offline(r, A, B, C);
    // Only D is grouped and online: every consultation of every status goes to D, none to E or F.
    for (OrderStatus status : OrderStatus.values()) {
      for (int i = 0; i < 2_000; i++) {
        RoutingDecision d = TestShop.route(r, consult(EntryPage.SHOP_HOME, status));
        assertEquals(D, d.agent().orElseThrow(), status + ": " + d);
      }
    }
  }

  @Test
  void r14_fallsBackToOtherGroupsByWeightThenUngroupedEvenly() {
    Router r = router(ADVANCED, 4);
    online(r, A, B, C, D, E, F);
    offline(r, C, D);
    Map<AccountId, Integer> other = counts(r, AFTER_SALE, 12_000, RoutingStep.OTHER_GROUP);
    assertTrue(statistic(other, Map.of(A, 5.0 / 6, B, 1.0 / 6), 12_000) < CHI2_1E6[1], other.toString());

    offline(r, A, B);
    Map<AccountId, Integer> loose = counts(r, AFTER_SALE, 10_000, RoutingStep.UNGROUPED);
    assertTrue(statistic(loose, Map.of(E, 0.5, F, 0.5), 10_000) < CHI2_1E6[1], loose.toString());
  }

  @Test
  void r14_aStatusBoundToNoGroupGoesToAllGroupsByWeight() {
    Router r = router(ADVANCED, 5);
    online(r, A, B, C, D, E, F);
    // DELIVERED is bound to no group: tier 1 is empty, tier 2 pools every group: 500, 100, 1, 1.
    Map<AccountId, Integer> got = counts(r, consult(EntryPage.SHOP_HOME, OrderStatus.DELIVERED), 60_200, RoutingStep.OTHER_GROUP);
    assertTrue(statistic(got, Map.of(A, 500 / 602.0, B, 100 / 602.0, C, 1 / 602.0, D, 1 / 602.0), 60_200) < CHI2_1E6[3], got.toString());
  }

  @Test
  void r14_anAgentInSeveralGroupsKeepsItsWeightInEach() {
    AgentGroup pre = AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER).member(A, 1).member(B, 3).build();
    AgentGroup post = AgentGroup.builder("post").boundTo(OrderStatus.SHIPPED).member(A, 3).member(C, 1).build();
    Router r = router(RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(pre).group(post).build(), 6);
    online(r, A, B, C);
    Map<AccountId, Integer> inPre = counts(r, consult(EntryPage.SHOP_HOME, OrderStatus.NO_ORDER), 20_000, RoutingStep.MATCHED_GROUP);
    Map<AccountId, Integer> inPost = counts(r, consult(EntryPage.SHOP_HOME, OrderStatus.SHIPPED), 20_000, RoutingStep.MATCHED_GROUP);
    assertTrue(statistic(inPre, Map.of(A, 0.25, B, 0.75), 20_000) < CHI2_1E6[1], inPre.toString());
    assertTrue(statistic(inPost, Map.of(A, 0.75, C, 0.25), 20_000) < CHI2_1E6[1], inPost.toString());
  }

  @Test
  void r11_basicRoutingUsesThePageSetAtEqualChancesThenAnyOnline() {
    RoutingSettings basic = RoutingSettings.builder()
        .page(EntryPage.REFUND_DETAIL, RoutingSettings.idsOf(SHOP.agentsWithRole(Role.AFTER_SALE)))
        .page(EntryPage.PRODUCT_DETAIL, RoutingSettings.idsOf(SHOP.agentsNamed("agent a")))
        .build();
    Router r = router(basic, 7);
    online(r, A, B, C, D, E, F);
    Map<AccountId, Integer> refund = counts(r, AFTER_SALE, 9_000, RoutingStep.PAGE_SET);
    assertTrue(statistic(refund, Map.of(C, 1 / 3.0, D, 1 / 3.0, F, 1 / 3.0), 9_000) < CHI2_1E6[2], refund.toString());
    assertEquals(Set.of(A), counts(r, PRE_SALE, 100, RoutingStep.PAGE_SET).keySet());

    // Unset page: any online eligible agent, evenly.
    Map<AccountId, Integer> home = counts(r, consult(EntryPage.SHOP_HOME, OrderStatus.NO_ORDER), 12_000, RoutingStep.ANY_ONLINE);
    assertEquals(Set.of(A, B, C, D, E, F), home.keySet());
    // None of the page's agents online: the other online agents.
    offline(r, C, D, F);
    assertEquals(Set.of(A, B, E), counts(r, AFTER_SALE, 3_000, RoutingStep.ANY_ONLINE).keySet());
  }

  @Test
  void r10_exactlyOneModeIsActive() {
    RoutingSettings both = ADVANCED.toBuilder().page(EntryPage.PRODUCT_DETAIL, List.of(E)).build();
    Router r = router(both, 8);
    online(r, A, B, C, D, E, F);
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(r, PRE_SALE).step(), "advanced ignores the page sets");
    RoutingSettings unbound = both.toBuilder().group(TestShop.PRE.withoutMembers()).group(TestShop.POST.withoutMembers())
        .build();
    assertThrows(io.fenliu.core.RuleRefusedException.class,
        () -> r.updateSettings(unbound.toBuilder().mode(RoutingMode.BASIC).build()),
        "R15 guards the switch: the router's current groups still have members");
    r.updateSettings(unbound);
    r.updateSettings(unbound.toBuilder().mode(RoutingMode.BASIC).build());
    RoutingDecision d = TestShop.route(r, PRE_SALE);
    assertEquals(RoutingStep.PAGE_SET, d.step(), "basic ignores the groups");
    assertEquals(E, d.agent().orElseThrow());
  }
}
