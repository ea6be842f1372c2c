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

/** R10–R19 by example, with the seed's cases. Random sources are seeded: every count here is reproducible. */
class RouterTest {
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

  @Test
  void r16_everybodyOfflineGoesToAnOfflineReceiverInEitherMode() {
    for (RoutingSettings base : List.of(ADVANCED, RoutingSettings.builder().build())) {
      Router r = router(base.toBuilder().offlineReceivers(List.of(E)).build(), 9);
      RoutingDecision d = TestShop.route(r, PRE_SALE);
      assertEquals(RoutingStep.OFFLINE_RECEIVER, d.step());
      assertEquals(E, d.agent().orElseThrow());
      assertTrue(d.reason().contains("R16"));
      online(r, F);
      assertEquals(F, TestShop.route(r, PRE_SALE).agent().orElseThrow(), "an online agent comes before the receivers");
    }
  }

  @Test
  void r16_noReceiverLeavesItUnassignedWithTheReason() {
    Router r = router(ADVANCED, 10);
    RoutingDecision d = TestShop.route(r, PRE_SALE);
    assertEquals(RoutingStep.NO_AGENT, d.step());
    assertFalse(d.isAssigned());
    assertTrue(d.reason().contains("no offline-message receiver is designated"), d.reason());

    Router resigned = router(ADVANCED.toBuilder().offlineReceivers(List.of(E)).build(), 10);
    resigned.updateAccount(TestShop.agent(E, Role.PRE_SALE).withStatus(AccountStatus.RESIGNED));
    RoutingDecision none = TestShop.route(resigned, PRE_SALE);
    assertEquals(RoutingStep.NO_AGENT, none.step());
    assertTrue(none.reason().contains("every designated offline-message receiver"), none.reason());
  }

  @Test
  void r17_resignedOrNonRoutingAgentsAreNeverChosen() {
    Router r = router(ADVANCED, 11);
    online(r, A, B, C, D, E, F);
    r.updateAccount(TestShop.agent(A, Role.PRE_SALE).withStatus(AccountStatus.FROZEN));
    r.updateAccount(TestShop.agent(C, Role.AFTER_SALE).withRoutingParticipation(false));
    for (int i = 0; i < 5_000; i++) {
      AccountId got = TestShop.route(r, i % 2 == 0 ? PRE_SALE : AFTER_SALE).agent().orElseThrow();
      assertFalse(got.equals(A) || got.equals(C), "chose " + got);
    }
    r.updateAccount(TestShop.agent(A, Role.PRE_SALE));
    assertEquals(Presence.ONLINE, r.presence(A), "presence survives account changes");
  }

  @Test
  void r17_settingsNamingTheMainAccountOrAnUnknownIdAreRejectedAndTheRouterKeepsItsState() {
    Router r = router(ADVANCED, 12);
    RoutingSettings withOwner = RoutingSettings.builder().offlineReceivers(List.of(OWNER)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.updateSettings(withOwner));
    assertTrue(e.getMessage().contains("main account") && e.getMessage().contains("R17"), e.getMessage());
    RoutingSettings withGhost = RoutingSettings.builder().page(EntryPage.SHOP_HOME, List.of(AccountId.of("ghost"))).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> r.updateSettings(withGhost)).getMessage().contains("ghost"));
    assertEquals(ADVANCED, r.settings());
    assertThrows(IllegalArgumentException.class, () -> Router.builder(SHOP, withGhost).build());
    assertThrows(IllegalArgumentException.class, () -> r.setPresence(AccountId.of("ghost"), Presence.ONLINE));
    assertThrows(IllegalArgumentException.class, () -> r.setPresence(OWNER, Presence.ONLINE));
    assertThrows(NullPointerException.class, () -> TestShop.route(r, null));
  }

  @Test
  void r18_recentAgentWithinTheWindowComesFirstAndNeverMakesTheBuyerWait() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    Router r = Router.builder(SHOP, ADVANCED).seed(13).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    online(r, A, B, C, D, E, F);
    Consultation recentE = PRE_SALE.withRecentContact(E, now.minus(Duration.ofDays(2)));
    RoutingDecision d = TestShop.route(r, recentE);
    assertEquals(RoutingStep.RECENT_AGENT, d.step());
    assertEquals(E, d.agent().orElseThrow());

    Consultation stale = PRE_SALE.withRecentContact(E, now.minus(Duration.ofDays(3)).minusSeconds(1));
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(r, stale).step(), "outside the 3-day window");

    offline(r, E);
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(r, recentE).step(), "an offline recent agent is skipped at once");
  }

  @Test
  void r18_healthyExclusiveFollowerComesNextWhenTheShopConnectsDirectly() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    RoutingSettings direct = ADVANCED.toBuilder().connectToExclusiveAgent(true).build();
    Router r = Router.builder(SHOP, direct).seed(14).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    online(r, A, B, C, D, E, F);
    Consultation withFollower = PRE_SALE.withExclusiveFollower(F);
    assertEquals(RoutingDecision.of(java.util.Optional.of(F), RoutingStep.EXCLUSIVE_FOLLOWER, TestShop.route(r, withFollower).reason()),
        TestShop.route(r, withFollower));
    assertEquals(RoutingStep.RECENT_AGENT, TestShop.route(r, withFollower.withRecentContact(E, now)).step(), "recent agent first");

    r.updateAccount(TestShop.agent(F, Role.AFTER_SALE).withPermissions(Set.of()));
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(r, withFollower).step(), "an unhealthy relationship (R1.2) is not followed");
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(r, PRE_SALE.withExclusiveFollower(OWNER)).step(), "nor one bound to the main account");

    Router off = Router.builder(SHOP, ADVANCED).seed(14).build();
    online(off, A, B, C, D, E, F);
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(off, PRE_SALE.withExclusiveFollower(E)).step(), "switch off: no direct connection");
  }

  @Test
  void r19_everyDecisionSaysWhichStepAndWhy() {
    Router r = router(ADVANCED.toBuilder().offlineReceivers(List.of(B)).build(), 15);
    online(r, A);
    RoutingDecision d = TestShop.route(r, PRE_SALE);
    assertEquals(RoutingStep.MATCHED_GROUP, d.step());
    assertTrue(d.reason().startsWith("A ") && d.reason().contains("'pre-sale'") && d.reason().contains("R12"), d.reason());
    offline(r, A);
    assertTrue(TestShop.route(r, PRE_SALE).reason().contains("offline-message receiver"));
  }

  @Test
  void r20_aFullAgentTakesNothingNewUntilOneOfItsConsultationsEnds() {
    Router r = router(ADVANCED, 16);
    r.updateAccount(SubAccount.builder(A, "agent A").exclusiveAgent().concurrentLimit(2).build());
    online(r, A, E);
    Consultation first = TestShop.fresh(PRE_SALE);
    Consultation second = TestShop.fresh(PRE_SALE);
    assertEquals(A, r.route(first).agent().orElseThrow());
    assertEquals(A, r.route(second).agent().orElseThrow());
    assertEquals(2, r.seatsHeld(A));
    RoutingDecision third = TestShop.route(r, PRE_SALE);
    assertEquals(E, third.agent().orElseThrow(), "A is full, so the ungrouped E takes it");
    assertEquals(RoutingStep.UNGROUPED, third.step());
    assertEquals(EndResult.Outcome.ENDED, r.end(first.id()).outcome());
    assertEquals(A, TestShop.route(r, PRE_SALE).agent().orElseThrow());
    assertEquals(EndResult.Outcome.NOT_OPEN, r.end(first.id()).outcome(), "ending twice changes nothing");
    assertEquals(2, r.seatsHeld(A));
    assertEquals(1, r.seatsHeld(E), "agents without a limit hold seats too (R20)");
  }

  @Test
  void anInjectedSeedMakesRoutingReproducible() {
    Router one = router(ADVANCED, 99);
    Router two = router(ADVANCED, 99);
    online(one, A, B, C, D);
    online(two, A, B, C, D);
    for (int i = 0; i < 1_000; i++) {
      Consultation c = Consultation.of(ConsultationId.of("c-b" + i), BuyerId.of("b" + i), EntryPage.SHOP_HOME, OrderStatus.values()[i % OrderStatus.values().length]);
      assertEquals(one.route(c), two.route(c), "same seed, same state, same event: same decision (R25)");
    }
  }

  @Test
  void updateShopRejectsAnotherShopAndARosterMissingConfiguredAgents() {
    Router r = router(ADVANCED, 17);
    assertThrows(IllegalArgumentException.class, () -> r.updateShop(io.fenliu.core.Shop.of(
        io.fenliu.core.ShopId.of("other"), "x", SHOP.mainAccount(), SHOP.subAccounts())));
    io.fenliu.core.Shop withoutA = io.fenliu.core.Shop.of(SHOP.id(), SHOP.name(), SHOP.mainAccount(),
        SHOP.subAccounts().subList(1, SHOP.subAccounts().size()));
    assertThrows(IllegalArgumentException.class, () -> r.updateShop(withoutA));
    assertEquals(SHOP, r.shop());
  }
}
