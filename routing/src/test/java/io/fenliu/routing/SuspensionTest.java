package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.buyer;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.settings;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.Presence;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** R21 by example: suspension (挂起), its shorter recent window, and the ordering of timed presence events. */
class SuspensionTest {
  private static final AccountId A = id("a");
  private static final AccountId B = id("b");
  private static final AccountId R = id("r");

  private final RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);
  private final RtFixture.Exits exits = new RtFixture.Exits();

  private Router router(RoutingSettings s, io.fenliu.core.SubAccount... agents) {
    return Router.builder(shop(agents), s).clock(clock).seed(0L).listener(exits)
        .build();
  }

  /** R21: under the default 24 h window, a suspended agent still gets a buyer it talked to 23 h ago. */
  @Test
  void r21_suspendedAgentGetsARecentBuyerWithin24Hours() {
    Router r = router(settings().build(), agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.SUSPENDED);
    r.setPresence(B, Presence.ONLINE);
    RoutingDecision d = r.route(c("c1").arrivedAt(T0).withRecentContact(A, T0.minus(Duration.ofHours(23))));
    assertEquals(RoutingStep.RECENT_AGENT, d.step(), "R21: 23 h < 24 h, the suspended agent keeps its buyer: " + d);
    assertEquals(Optional.of(A), d.agent());
    assertTrue(d.holdsSeat());
    assertEquals(1, r.seatsHeld(A));
  }

  /** R21: a contact 25 h ago is within R18's 3-day window but not R21's 24 h: a suspended agent does not get it. */
  @Test
  void r21_suspendedAgentDoesNotGetABuyerFrom25HoursAgo() {
    Router r = router(settings().build(), agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.SUSPENDED);
    r.setPresence(B, Presence.ONLINE);
    RoutingDecision d = r.route(c("c1").arrivedAt(T0).withRecentContact(A, T0.minus(Duration.ofHours(25))));
    assertEquals(Optional.of(B), d.agent(), "R21: 25 h > 24 h: routing moves on to the online agent: " + d);
    assertNotEquals(RoutingStep.RECENT_AGENT, d.step());
    assertEquals(0, r.seatsHeld(A));
    // the same contact counts for an ONLINE agent (R18's 3 days)
    r.setPresence(A, Presence.ONLINE);
    RoutingDecision online = r.route(c("c2").arrivedAt(T0).withRecentContact(A, T0.minus(Duration.ofHours(25))));
    assertEquals(RoutingStep.RECENT_AGENT, online.step(), "R18: 25 h is within 3 days for an online agent");
  }

  /** R21: the window is measured against the clock when the consultation states no arrival. */
  @Test
  void r21_windowAgainstTheClockWithoutAnArrival() {
    Router r = router(settings().build(), agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.SUSPENDED);
    r.setPresence(B, Presence.ONLINE);
    Optional<AccountId> near = r.route(c("c1").withRecentContact(A, T0.minus(Duration.ofHours(23)))).agent();
    Optional<AccountId> far = r.route(c("c2").withRecentContact(A, T0.minus(Duration.ofHours(25)))).agent();
    assertEquals(Optional.of(A), near, "R21: 23 h before the clock");
    assertEquals(Optional.of(B), far, "R21: 25 h before the clock");
  }

  /** R21: a suspended agent gets nothing new from any other step: not as follower, page set, or any-online. */
  @Test
  void r21_suspendedAgentGetsNoNewBuyers() {
    RoutingSettings s = settings().connectToExclusiveAgent(true)
        .page(io.fenliu.core.EntryPage.SHOP_HOME, java.util.List.of(A)).build();
    Router r = router(s, agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.SUSPENDED);
    r.setPresence(B, Presence.ONLINE);
    for (int i = 0; i < 20; i++) {
      RoutingDecision d = r.route(c("c" + i).withExclusiveFollower(A));
      assertEquals(Optional.of(B), d.agent(), "R21: a suspended agent takes no new buyer, got " + d);
    }
    assertEquals(0, r.seatsHeld(A));
  }

  /** R20, R21: a suspended agent at its limit does not take even its recent buyer. */
  @Test
  void r21_suspendedAgentAtLimitTakesNoRecentBuyer() {
    Router r = router(settings().build(), agent("a", 1), agent("b", 0));
    r.seat(cid("held"), buyer("held"), A);
    r.setPresence(A, Presence.SUSPENDED);
    r.setPresence(B, Presence.ONLINE);
    RoutingDecision d = r.route(c("c1").arrivedAt(T0).withRecentContact(A, T0.minus(Duration.ofHours(1))));
    assertEquals(Optional.of(B), d.agent(), "R20: full, even for a recent buyer: " + d);
  }

  /** R16, R21: when every agent is suspended or offline, offline routing applies — the consultation does not queue. */
  @Test
  void r21_suspendedAgentsDoNotCountAsOnlineForOfflineRouting() {
    Router r = router(settings("r").build(), agent("a", 0), agent("b", 0), agent("r", 0));
    r.setPresence(A, Presence.SUSPENDED);
    r.setPresence(B, Presence.SUSPENDED);
    RoutingDecision d = r.route(c("c1"));
    assertEquals(RoutingStep.OFFLINE_RECEIVER, d.step(), "R21, R16: suspended is not online: " + d);
    assertEquals(Optional.of(R), d.agent());
    assertEquals(0, r.queueLength(), "R22 needs an ONLINE agent for a consultation to wait");
  }

  /** R21, R22: a suspended agent with free seats does not count as online: full online agents make the buyer wait. */
  @Test
  void r21_r22_suspendedAgentsFreeSeatsDoNotPreventTheQueue() {
    Router r = router(settings("r").build(), agent("a", 1), agent("b", 5), agent("r", 0));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.SUSPENDED);
    r.route(c("c1"));
    RoutingDecision d = r.route(c("c2"));
    assertEquals(RoutingStep.QUEUED, d.step(), "R22: a is online and full, b is suspended: c2 waits: " + d);
    // b resumes: a seat frees, the waiting c2 takes it (R22)
    r.setPresence(B, Presence.ONLINE);
    assertEquals(0, r.queueLength(), "R22: an agent resuming frees seats for the queue");
    assertEquals(Optional.of(B), r.openConsultation(cid("c2")).map(OpenConsultation::agent));
    assertEquals(1, exits.snapshot().size(), "R22: the listener hears c2 was seated: " + exits.seen);
    assertTrue(exits.snapshot().get(0).decision().holdsSeat());
  }

  /** R21: a presence event older than the last one applied to the agent is ignored. */
  @Test
  void r21_stalePresenceEventsAreIgnored() {
    Router r = router(settings().build(), agent("a", 0), agent("b", 0));
    Instant t = T0.plusSeconds(100);
    assertTrue(r.setPresence(A, Presence.ONLINE, t));
    assertFalse(r.setPresence(A, Presence.OFFLINE, t.minusMillis(1)), "R21: an older event is stale");
    assertEquals(Presence.ONLINE, r.presence(A), "R21: the stale OFFLINE must not apply");
    assertFalse(r.setPresence(A, Presence.SUSPENDED, t.minusSeconds(50)));
    assertEquals(Presence.ONLINE, r.presence(A));
    assertTrue(r.setPresence(A, Presence.SUSPENDED, t.plusMillis(1)), "a newer event applies");
    assertEquals(Presence.SUSPENDED, r.presence(A));
    assertFalse(r.setPresence(A, Presence.ONLINE, t), "R21: older than the last applied (t+1ms), so stale");
    assertEquals(Presence.SUSPENDED, r.presence(A));
    // another agent's clock is its own
    assertTrue(r.setPresence(B, Presence.ONLINE, T0), "each agent's events are ordered separately");
    assertEquals(Presence.ONLINE, r.presence(B));
  }

  /** R21: a stale event carries no effect on routing either. */
  @Test
  void r21_staleOfflineEventDoesNotStopRouting() {
    Router r = router(settings().build(), agent("a", 0));
    r.setPresence(A, Presence.ONLINE, T0.plusSeconds(10));
    r.setPresence(A, Presence.OFFLINE, T0.plusSeconds(5));
    assertEquals(Optional.of(A), r.route(c("c1")).agent(), "R21: the stale OFFLINE was ignored; a is online");
  }
}
