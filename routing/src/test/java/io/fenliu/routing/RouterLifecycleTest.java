package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.core.UnknownIdException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** R24 agent lifecycle, R15 (the switch guard) and R17 (eligibility) by example. */
class RouterLifecycleTest {
  private static final AccountId A = id("a");
  private static final AccountId B = id("b");
  private static final AccountId X = id("x");

  private final RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);

  private Router router(RoutingSettings s, SubAccount... agents) {
    return Router.builder(shop(agents), s).clock(clock).seed(1).build();
  }

  private static RoutingSettings advanced() {
    AgentGroup g = AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID).member(A, 1)
        .build();
    return RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(g).build();
  }

  // ----- R24: agent lifecycle ------------------------------------------------------------------------------

  /** R24: a removed agent loses its presence; re-added, it starts OFFLINE and gets nothing until set online. */
  @Test
  void r24_removedAgentLosesPresenceAndComesBackOffline() {
    Router r = router(RoutingSettings.builder().build(), agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    r.removeAccount(A);
    UnknownIdException e = assertThrows(UnknownIdException.class, () -> r.presence(A));
    assertEquals(RtFixture.SHOP.value(), e.shop());
    assertThrows(UnknownIdException.class, () -> r.setPresence(A, Presence.OFFLINE),
        "R24: presence for an id the roster does not know is refused");
    r.updateAccount(agent("a", 0));
    assertEquals(Presence.OFFLINE, r.presence(A), "R24: a re-added agent starts OFFLINE (no resurrection)");
    for (int i = 0; i < 30; i++) {
      assertEquals(Optional.of(B), r.route(c("c" + i)).agent(), "R24: the re-added agent is offline");
    }
    assertTrue(r.liveState().presence().getOrDefault(A, Presence.OFFLINE) == Presence.OFFLINE);
  }

  /** R24: removing an agent through updateShop also drops its presence; one holding seats too. */
  @Test
  void r24_removalByUpdateShopDropsPresenceEvenWithSeats() {
    Router r = router(RoutingSettings.builder().build(), agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("held"));
    r.updateShop(s -> Shop.of(s.id(), s.name(), s.mainAccount(), List.of(agent("b", 0))));
    assertThrows(UnknownIdException.class, () -> r.presence(A));
    r.updateShop(s -> s.withSubAccount(agent("a", 0)));
    assertEquals(Presence.OFFLINE, r.presence(A), "R24: re-added while still holding a seat, it starts OFFLINE");
    assertEquals(Optional.of(A), r.openConsultation(RtFixture.cid("held")).map(OpenConsultation::agent));
    assertEquals(1, r.seatsHeld(A), "R20: the seat it held while away is still counted");
  }

  /** R24: presence for an unknown id is refused with UnknownIdException naming the shop, and nothing changes. */
  @Test
  void r24_presenceForAnUnknownIdNamesTheShop() {
    Router r = router(RoutingSettings.builder().build(), agent("a", 0));
    LiveState before = r.liveState();
    UnknownIdException e = assertThrows(UnknownIdException.class, () -> r.setPresence(id("ghost"), Presence.ONLINE));
    assertEquals("ghost", e.id());
    assertEquals(RtFixture.SHOP.value(), e.shop());
    assertTrue(e.getMessage().contains("ghost") && e.getMessage().contains(RtFixture.SHOP.value()), e.getMessage());
    assertThrows(UnknownIdException.class, () -> r.setPresence(id("ghost"), Presence.ONLINE, T0));
    assertThrows(IllegalArgumentException.class, () -> r.setPresence(RtFixture.MAIN, Presence.ONLINE),
        "R17: the main account has no presence to set");
    assertEquals(before, r.liveState());
  }

  /** R24: a change that has returned is seen by the next decision: a resignation stops routing to the agent at once. */
  @Test
  void r17_r24_resignationIsSeenByEveryLaterDecision() {
    RoutingSettings s = RoutingSettings.builder().connectToExclusiveAgent(true).offlineReceivers(List.of(A)).build();
    Router r = router(s, agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    r.updateAccount(agent("a", 0).withStatus(AccountStatus.RESIGNED));
    for (int i = 0; i < 30; i++) {
      RoutingDecision d = r.route(c("c" + i).arrivedAt(T0).withRecentContact(A, T0.minus(Duration.ofMinutes(5)))
          .withExclusiveFollower(A));
      assertEquals(Optional.of(B), d.agent(), "R17: a resigned agent gets nothing, not as recent agent nor follower: " + d);
    }
    r.setPresence(B, Presence.OFFLINE);
    RoutingDecision d = r.route(c("late"));
    assertNotEquals(Optional.of(A), d.agent(), "R17: a resigned receiver receives nothing either: " + d);
    assertEquals(RoutingStep.NO_AGENT, d.step());
  }

  /** R17: only ACTIVE, routing sub-accounts are routed to: DISABLED, FROZEN and non-routing agents never are. */
  @Test
  void r17_ineligibleAgentsAreNeverRouted() {
    Router r = router(RoutingSettings.builder().page(EntryPage.SHOP_HOME, List.of(A, B, X)).build(),
        agent("a", 0).withStatus(AccountStatus.DISABLED), agent("b", 0).withStatus(AccountStatus.FROZEN),
        agent("x", 0).withRoutingParticipation(false), agent("ok", 0));
    for (AccountId id : List.of(A, B, X, id("ok"))) {
      r.setPresence(id, Presence.ONLINE);
    }
    for (int i = 0; i < 40; i++) {
      RoutingDecision d = r.route(c("c" + i));
      assertEquals(Optional.of(id("ok")), d.agent(), "R17: " + d);
      assertEquals(RoutingStep.ANY_ONLINE, d.step(), "R11: no eligible agent in the page's set: " + d);
    }
  }

  /** R16, R17, R22: ineligible agents that are ONLINE do not count as online: no queue, offline routing applies. */
  @Test
  void r17_onlineIneligibleAgentsDoNotMakeAQueue() {
    Router r = router(RoutingSettings.builder().offlineReceivers(List.of(id("rcv"))).build(),
        agent("a", 0).withRoutingParticipation(false), agent("rcv", 0));
    r.setPresence(A, Presence.ONLINE);
    RoutingDecision d = r.route(c("c1"));
    assertEquals(RoutingStep.OFFLINE_RECEIVER, d.step(), "R16: nobody eligible is online: " + d);
  }

  // ----- R15: the switch guard ----------------------------------------------------------------------------

  /** R15: a router in advanced mode with bound agents refuses plain default (basic) settings, and stays as it was. */
  @Test
  void r15_defaultSettingsAreRefusedWhileAgentsAreBound() {
    Router r = router(advanced(), agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    RoutingSettings before = r.settings();
    LiveState live = r.liveState();
    RuleRefusedException e = assertThrows(RuleRefusedException.class,
        () -> r.updateSettings(RoutingSettings.builder().build()));
    assertEquals("R15", e.rule());
    assertTrue(e.getMessage().contains("R15"), e.getMessage());
    assertEquals(before, r.settings(), "R15: a refused switch leaves the settings as they were");
    assertEquals(RoutingMode.ADVANCED, r.settings().mode());
    assertEquals(live, r.liveState());
    assertEquals(RoutingStep.MATCHED_GROUP, r.route(c("c1", OrderStatus.NO_ORDER)).step(),
        "R15: advanced routing still runs");
  }

  /** R15: however the basic settings are built — by value, by function, with pages, with emptied groups — the switch is refused. */
  @Test
  void r15_anySettingsTurningBasicOnAreRefused() {
    Router r = router(advanced(), agent("a", 0), agent("b", 0));
    RoutingSettings before = r.settings();
    RoutingSettings basicWithPages = RoutingSettings.builder().page(EntryPage.SHOP_HOME, List.of(B)).build();
    RoutingSettings basicWithEmptyGroup = RoutingSettings.builder()
        .group(AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER).build()).build();
    for (RoutingSettings s : List.of(basicWithPages, basicWithEmptyGroup)) {
      assertEquals("R15", assertThrows(RuleRefusedException.class, () -> r.updateSettings(s)).rule());
      assertEquals("R15", assertThrows(RuleRefusedException.class, () -> r.updateSettings(cur -> s)).rule());
    }
    assertEquals(before, r.settings());
    // together with a roster change: neither applies
    Shop shopBefore = r.shop();
    assertEquals("R15", assertThrows(RuleRefusedException.class,
        () -> r.update(s -> s.withSubAccount(agent("b", 0).withStatus(AccountStatus.RESIGNED)),
            cur -> basicWithPages)).rule());
    assertEquals(shopBefore, r.shop(), "R15: a refused combined change leaves the roster as it was too");
    assertEquals(before, r.settings());
  }

  /** R15: once every agent is unbound, the switch to basic is accepted. */
  @Test
  void r15_switchIsAcceptedOnceEveryAgentIsUnbound() {
    Router r = router(advanced(), agent("a", 0), agent("b", 0));
    r.updateSettings(s -> {
      RoutingSettings.Builder b = s.toBuilder();
      for (AgentGroup g : s.groups()) {
        b.group(g.withoutMembers());
      }
      return b.build();
    });
    assertEquals(RoutingMode.ADVANCED, r.settings().mode());
    r.updateSettings(RoutingSettings.builder().build());
    assertEquals(RoutingMode.BASIC, r.settings().mode(), "R15: no agent bound: the switch is allowed");
  }

  /** R15: changes that keep advanced mode on are not refused, even with bound agents. */
  @Test
  void r15_advancedToAdvancedIsFine() {
    Router r = router(advanced(), agent("a", 0), agent("b", 0));
    r.updateSettings(s -> s.toBuilder().recentAgentWindow(Duration.ofDays(1)).build());
    assertEquals(Duration.ofDays(1), r.settings().recentAgentWindow());
  }
}
