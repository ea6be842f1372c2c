package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.buyer;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Issue 9 item 5 and the bad input of issues 9 and 10: edges of instants and durations, and every null. */
class RouterEdgesTest {
  private static final AccountId A = id("a");
  private static final AccountId B = id("b");

  private final RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);

  private Router router(RoutingSettings s) {
    Router r = Router.builder(shop(agent("a", 2), agent("b", 2)), s).clock(clock)
        .seed(0L).build();
    r.setPresence(A, Presence.ONLINE);
    return r;
  }

  // ----- instants and windows ----------------------------------------------------------------------------

  /** R18: a recent contact dated after the consultation's arrival is no evidence of a conversation: it does not count. */
  @Test
  void r18_futureDatedRecentContactDoesNotCount() {
    Router r = router(RoutingSettings.builder().build());
    RoutingDecision stated = r.route(c("c1").arrivedAt(T0).withRecentContact(A, T0.plus(Duration.ofHours(1))));
    assertEquals(RoutingStep.ANY_ONLINE, stated.step(), "R18: a contact 1 h after arrival is not recent: " + stated);
    RoutingDecision byClock = r.route(c("c2").withRecentContact(A, T0.plusMillis(1)));
    assertEquals(RoutingStep.ANY_ONLINE, byClock.step(), "R18: a contact 1 ms after the clock is not recent: " + byClock);
    RoutingDecision same = r.route(c("c3").withRecentContact(B, T0));
    assertNotEquals(RoutingStep.RECENT_AGENT, same.step(), "b is offline");
  }

  /** Issue 9 item 5: Instant.MIN and Instant.MAX as contacts and arrivals never throw, and judge windows exactly. */
  @Test
  void extremeInstantsDoNotThrow() {
    Router r = router(RoutingSettings.builder().build());
    Instant[] edges = {Instant.MIN, Instant.MAX, Instant.EPOCH, T0};
    int n = 0;
    for (Instant arrival : edges) {
      for (Instant contact : edges) {
        String id = "e" + n++;
        RoutingDecision d = assertDoesNotThrow(() -> r.route(c(id).arrivedAt(arrival).withRecentContact(A, contact)),
            "arrival " + arrival + ", contact " + contact);
        boolean recent = !contact.isAfter(arrival) && Duration.between(contact, arrival).compareTo(Duration.ofDays(3)) <= 0;
        assertEquals(recent ? RoutingStep.RECENT_AGENT : RoutingStep.ANY_ONLINE, d.step(),
            "R18: arrival " + arrival + ", contact " + contact + ": " + d);
        assertDoesNotThrow(() -> r.end(cid(id)));
      }
    }
    RoutingDecision nearMax = r.route(c("m").arrivedAt(Instant.MAX).withRecentContact(A, Instant.MAX.minusSeconds(3600)));
    assertEquals(RoutingStep.RECENT_AGENT, nearMax.step(), "R18: 1 h before Instant.MAX is recent at Instant.MAX");
    assertDoesNotThrow(() -> r.liveState());
    assertDoesNotThrow(() -> r.openConsultations());
  }

  /** R20, R22: restoring seats dated Instant.MIN / MAX and ending them keeps the router sane (no overflow). */
  @Test
  void extremeSeatTimesDoNotBreakTheWaitEstimate() {
    Router r = router(RoutingSettings.builder().build());
    r.restore(List.of(new OpenConsultation(cid("old"), buyer("old"), A, Instant.MIN),
        new OpenConsultation(cid("new"), buyer("new"), A, Instant.MAX)));
    assertDoesNotThrow(() -> r.openConsultations());
    assertDoesNotThrow(() -> r.end(cid("old")));
    assertDoesNotThrow(() -> r.end(cid("new")));
    r.route(c("s1"));
    r.route(c("s2"));
    RoutingDecision q = r.route(c("w"));
    assertEquals(RoutingStep.QUEUED, q.step());
    QueueStatus status = assertDoesNotThrow(() -> r.queueStatus(cid("w")).orElseThrow());
    status.estimatedWait().ifPresent(w -> assertTrue(!w.isNegative(), "R22: an estimated wait is never negative: " + w));
  }

  /** Issue 9 item 5: a window of Long.MAX_VALUE seconds is accepted (saturated) and works. */
  @Test
  void hugeWindowIsAcceptedAndWorks() {
    Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
    RoutingSettings s = assertDoesNotThrow(() -> RoutingSettings.builder().recentAgentWindow(huge)
        .suspendedRecentWindow(huge).maxQueueWait(huge).build());
    Router r = assertDoesNotThrow(() -> router(s));
    RoutingDecision d = r.route(c("c1").arrivedAt(T0).withRecentContact(A, T0.minus(Duration.ofDays(365 * 200))));
    assertEquals(RoutingStep.RECENT_AGENT, d.step(), "a 200-year-old contact is within a ~292-year window: " + d);
    assertDoesNotThrow(() -> r.route(c("c2").arrivedAt(Instant.MAX).withRecentContact(A, Instant.MIN)));
    r.end(cid("c1"));
    r.end(cid("c2"));
    r.setPresence(A, Presence.SUSPENDED);
    RoutingDecision sus = r.route(c("c3").arrivedAt(T0).withRecentContact(A, T0.minus(Duration.ofDays(3650))));
    assertEquals(RoutingStep.RECENT_AGENT, sus.step(), "R21 with a saturated window: " + sus);
    // the queue with a saturated max wait: nothing expires, nothing throws
    r.setPresence(A, Presence.ONLINE);
    assertTrue(r.route(c("fill")).holdsSeat());
    assertEquals(RoutingStep.QUEUED, r.route(c("q")).step());
    clock.advance(Duration.ofDays(365 * 100));
    assertTrue(assertDoesNotThrow(() -> r.expireOverdue()).isEmpty());
    assertDoesNotThrow(() -> r.queueStatus(cid("q")));
  }

  /** Issue 9 item 5: a window under 1 ms still works (it must not silently turn the step off). */
  @Test
  void subMillisecondWindowStillWorks() {
    Router r = router(RoutingSettings.builder().recentAgentWindow(Duration.ofNanos(500_000)).build());
    Instant at = T0.plusNanos(123_456_789);
    RoutingDecision in = r.route(c("c1").arrivedAt(at).withRecentContact(A, at.minusNanos(100_000)));
    assertEquals(RoutingStep.RECENT_AGENT, in.step(), "100 us within a 500 us window: " + in);
    RoutingDecision edge = r.route(c("c2").arrivedAt(at).withRecentContact(A, at.minusNanos(500_000)));
    assertEquals(RoutingStep.RECENT_AGENT, edge.step(), "exactly the window counts (the 24 h example: 'within'): " + edge);
    r.end(cid("c1"));
    r.end(cid("c2"));
    RoutingDecision out = r.route(c("c3").arrivedAt(at).withRecentContact(A, at.minusNanos(600_000)));
    assertEquals(RoutingStep.ANY_ONLINE, out.step(), "600 us is beyond a 500 us window: " + out);
    Router one = router(RoutingSettings.builder().recentAgentWindow(Duration.ofNanos(1)).build());
    assertEquals(RoutingStep.RECENT_AGENT, one.route(c("d").arrivedAt(at).withRecentContact(A, at)).step(),
        "a 1 ns window still counts a contact at the arrival itself");
  }

  /** Bad input: non-positive limits, waits and lengths are refused with the argument named. */
  @Test
  void badValuesAreRefusedNamingTheArgument() {
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
        () -> RoutingSettings.builder().maxQueueWait(Duration.ZERO));
    assertTrue(w.getMessage().contains("max queue wait"), w.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RoutingSettings.builder().maxQueueWait(Duration.ofMillis(-1)));
    IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
        () -> RoutingSettings.builder().maxQueueLength(0));
    assertTrue(l.getMessage().contains("max queue length"), l.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RoutingSettings.builder().recentAgentWindow(Duration.ofNanos(-1)));
    assertThrows(IllegalArgumentException.class, () -> agent("z", 0).withConcurrentLimit(java.util.OptionalInt.of(0)));
    assertThrows(IllegalArgumentException.class, () -> RoutingSettings.builder()
        .recentAgentWindow(Duration.ofHours(1)).suspendedRecentWindow(Duration.ofHours(2)).build(),
        "R21: the suspended window is at most R18's");
  }

  // ----- nulls ---------------------------------------------------------------------------------------------

  private record NullCase(String call, String argument, Executable action) {}

  /** Every null argument of Router gets an NPE naming the argument, and nothing changes. */
  @Test
  void everyNullArgumentOfRouterIsNamedAndChangesNothing() {
    Router r = router(RoutingSettings.builder().offlineReceivers(List.of(B)).build());
    r.route(c("open"));
    AccountId a = A;
    List<NullCase> cases = List.of(
        new NullCase("route", "consultation", () -> r.route(null)),
        new NullCase("preview", "consultation", () -> r.preview(null)),
        new NullCase("end", "consultation", () -> r.end(null)),
        new NullCase("seat/consultation", "consultation", () -> r.seat(null, buyer("x"), a)),
        new NullCase("seat/buyer", "buyer", () -> r.seat(cid("x"), null, a)),
        new NullCase("seat/agent", "agent", () -> r.seat(cid("x"), buyer("x"), null)),
        new NullCase("restore", "open consultations", () -> r.restore(null)),
        new NullCase("restore/element", "open consultations[1]", () -> r.restore(Arrays.asList(
            new OpenConsultation(cid("x"), buyer("x"), a, T0), null))),
        new NullCase("seatsHeld", "agent", () -> r.seatsHeld(null)),
        new NullCase("openConsultation", "consultation", () -> r.openConsultation(null)),
        new NullCase("setPresence/agent", "agent", () -> r.setPresence(null, Presence.OFFLINE)),
        new NullCase("setPresence/presence", "presence", () -> r.setPresence(a, null)),
        new NullCase("setPresence@/agent", "agent", () -> r.setPresence(null, Presence.OFFLINE, T0)),
        new NullCase("setPresence@/presence", "presence", () -> r.setPresence(a, null, T0)),
        new NullCase("setPresence@/time", "time", () -> r.setPresence(a, Presence.OFFLINE, null)),
        new NullCase("presence", "agent", () -> r.presence(null)),
        new NullCase("queueStatus", "consultation", () -> r.queueStatus(null)),
        new NullCase("withdraw", "consultation", () -> r.withdraw(null)),
        new NullCase("updateSettings(value)", "settings", () -> r.updateSettings((RoutingSettings) null)),
        new NullCase("updateSettings(fn)", "settings", () -> r.updateSettings((UnaryOperator<RoutingSettings>) null)),
        new NullCase("updateSettings(fn -> null)", "settings", () -> r.updateSettings(s -> null)),
        new NullCase("updateShop(value)", "shop", () -> r.updateShop((Shop) null)),
        new NullCase("updateShop(fn)", "shop", () -> r.updateShop((UnaryOperator<Shop>) null)),
        new NullCase("updateShop(fn -> null)", "shop", () -> r.updateShop(s -> null)),
        new NullCase("update/shop", "shop", () -> r.update(null, UnaryOperator.identity())),
        new NullCase("update/settings", "settings", () -> r.update(UnaryOperator.identity(), null)),
        new NullCase("updateAccount", "account", () -> r.updateAccount(null)),
        new NullCase("removeAccount", "agent", () -> r.removeAccount(null)));
    LiveState live = r.liveState();
    RoutingSettings settings = r.settings();
    Shop shop = r.shop();
    for (NullCase k : cases) {
      NullPointerException e = assertThrows(NullPointerException.class, k.action(), k.call());
      assertTrue(e.getMessage() != null && e.getMessage().contains(k.argument()),
          k.call() + ": the NPE must name '" + k.argument() + "', got: " + e.getMessage());
      assertEquals(live, r.liveState(), k.call() + " changed the live state");
      assertEquals(settings, r.settings(), k.call() + " changed the settings");
      assertEquals(shop, r.shop(), k.call() + " changed the roster");
    }
  }

  /** Every null argument of Router.Builder gets an NPE naming the argument. */
  @Test
  void everyNullArgumentOfRouterBuilderIsNamed() {
    Shop s = shop(agent("a", 1));
    RoutingSettings rs = RoutingSettings.builder().build();
    List<NullCase> cases = List.of(
        new NullCase("builder/shop", "shop", () -> Router.builder(null, rs)),
        new NullCase("builder/settings", "settings", () -> Router.builder(s, null)),
        new NullCase("clock", "clock", () -> Router.builder(s, rs).clock(null)),
        new NullCase("listener", "listener", () -> Router.builder(s, rs).listener(null)),
        new NullCase("scheduler", "scheduler", () -> Router.builder(s, rs).scheduler(null)),
        new NullCase("liveState", "live state", () -> Router.builder(s, rs).liveState(null)));
    for (NullCase k : cases) {
      NullPointerException e = assertThrows(NullPointerException.class, k.action(), k.call());
      assertTrue(e.getMessage() != null && e.getMessage().contains(k.argument()),
          k.call() + ": the NPE must name '" + k.argument() + "', got: " + e.getMessage());
    }
  }

  /** Every null argument of RoutingSettings.Builder gets an NPE naming the argument, and the builder is unchanged. */
  @Test
  void everyNullArgumentOfSettingsBuilderIsNamedAndChangesNothing() {
    AgentGroup g = AgentGroup.builder("g").boundTo(OrderStatus.SHIPPED).member(A, 1).build();
    RoutingSettings.Builder b = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(g)
        .page(EntryPage.SHOP_HOME, List.of(A)).offlineReceivers(List.of(B)).shareMode("g", ShareMode.LEAST_BUSY);
    RoutingSettings before = b.build();
    List<NullCase> cases = List.of(
        new NullCase("mode", "mode", () -> b.mode(null)),
        new NullCase("page/page", "page", () -> b.page(null, List.of(A))),
        new NullCase("page/agents", "agents", () -> b.page(EntryPage.SHOP_HOME, null)),
        new NullCase("page/element", "agent", () -> b.page(EntryPage.SHOP_HOME, Arrays.asList(B, null))),
        new NullCase("group", "group", () -> b.group(null)),
        new NullCase("removeGroup", "group name", () -> b.removeGroup(null)),
        new NullCase("offlineReceivers", "receivers", () -> b.offlineReceivers(null)),
        new NullCase("offlineReceivers/element", "receiver", () -> b.offlineReceivers(Arrays.asList(A, null))),
        new NullCase("recentAgentWindow", "recent agent window", () -> b.recentAgentWindow(null)),
        new NullCase("suspendedRecentWindow", "suspended recent window", () -> b.suspendedRecentWindow(null)),
        new NullCase("shareMode", "share mode", () -> b.shareMode((ShareMode) null)),
        new NullCase("shareMode(page)/page", "entry page", () -> b.shareMode((EntryPage) null, ShareMode.LEAST_BUSY)),
        new NullCase("shareMode(page)/mode", "share mode", () -> b.shareMode(EntryPage.SHOP_HOME, null)),
        new NullCase("shareMode(group)/group", "group name", () -> b.shareMode((String) null, ShareMode.LEAST_BUSY)),
        new NullCase("shareMode(group)/mode", "share mode", () -> b.shareMode("g", null)),
        new NullCase("maxQueueWait", "max queue wait", () -> b.maxQueueWait(null)));
    for (NullCase k : cases) {
      NullPointerException e = assertThrows(NullPointerException.class, k.action(), k.call());
      assertTrue(e.getMessage() != null && e.getMessage().contains(k.argument()),
          k.call() + ": the NPE must name '" + k.argument() + "', got: " + e.getMessage());
      assertEquals(before, b.build(), k.call() + ": a refused setter must leave the builder as it was");
    }
  }

  /**
   * Issue 9 item 5: every null argument of AgentGroup.Builder gets an NPE naming the argument, and the builder
   * is unchanged — boundTo must not keep the statuses before a null element.
   */
  @Test
  void everyNullArgumentOfGroupBuilderIsNamedAndChangesNothing() {
    assertTrue(assertThrows(NullPointerException.class, () -> AgentGroup.builder(null)).getMessage()
        .contains("group name"));
    AgentGroup.Builder b = AgentGroup.builder("g").boundTo(OrderStatus.UNPAID).member(A, 2);
    AgentGroup before = b.build();
    List<NullCase> cases = List.of(
        new NullCase("boundTo(null)", "order statuses", () -> b.boundTo((OrderStatus[]) null)),
        new NullCase("boundTo(x, null)", "order status", () -> b.boundTo(OrderStatus.SHIPPED, null)),
        new NullCase("member(null)", "agent", () -> b.member(null, 1)));
    for (NullCase k : cases) {
      NullPointerException e = assertThrows(NullPointerException.class, k.action(), k.call());
      assertTrue(e.getMessage() != null && e.getMessage().contains(k.argument()),
          k.call() + ": the NPE must name '" + k.argument() + "', got: " + e.getMessage());
      assertEquals(before, b.build(), k.call() + ": a refused call must leave the group builder as it was (issue 9"
          + " item 5: boundTo kept the statuses before the null); was " + before.orderStatuses() + ", now "
          + b.build().orderStatuses());
    }
  }

  /** The scheduler the host passes in expires the queue on time (R22); it runs no thread of the router's own. */
  @Test
  void schedulerExpiresOnTime() throws Exception {
    ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
    try {
      RtFixture.Exits exits = new RtFixture.Exits();
      Router r = Router.builder(shop(agent("a", 1), agent("b", 1)),
          RoutingSettings.builder().offlineReceivers(List.of(B)).maxQueueWait(Duration.ofMillis(50)).build())
          .listener(exits).scheduler(ses).build();
      r.setPresence(A, Presence.ONLINE);
      r.route(c("s"));
      assertEquals(RoutingStep.QUEUED, r.route(c("w")).step());
      Supplier<Boolean> done = () -> exits.snapshot().size() == 1;
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!done.get() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(1, exits.snapshot().size(), "R22: the scheduler expired w within 5 s of its 50 ms max wait");
      assertEquals(RoutingStep.OFFLINE_RECEIVER, exits.snapshot().get(0).decision().step());
      assertEquals(Optional.of(B), exits.snapshot().get(0).decision().agent());
    } finally {
      ses.shutdownNow();
    }
  }
}
