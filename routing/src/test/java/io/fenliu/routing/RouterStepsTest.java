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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.UnknownIdException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Tests aimed at PIT's surviving and uncovered mutants of the first run: steps R18 (follower), R14 + R23, R22 expiry. */
class RouterStepsTest {
  private static final AccountId A = id("a");
  private static final AccountId B = id("b");
  private static final AccountId C = id("c");

  private final RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);

  /** R18: with "connect directly" on, a healthy follower online with a free seat gets its buyer; otherwise not. */
  @Test
  void r18_exclusiveFollowerStep() {
    io.fenliu.core.SubAccount notExclusive = io.fenliu.core.SubAccount.builder(C, "plain").build();
    Router on = Router.builder(shop(agent("a", 1), agent("b", 0), notExclusive),
        settings().connectToExclusiveAgent(true).build()).clock(clock).seed(3).build();
    on.setPresence(A, Presence.ONLINE);
    on.setPresence(B, Presence.ONLINE);
    on.setPresence(C, Presence.ONLINE);
    RoutingDecision d = on.route(c("f1").withExclusiveFollower(A));
    assertEquals(RoutingStep.EXCLUSIVE_FOLLOWER, d.step(), "R18: a's healthy relationship: " + d);
    assertEquals(Optional.of(A), d.agent());
    for (int i = 0; i < 20; i++) {
      assertNotEquals(RoutingStep.EXCLUSIVE_FOLLOWER, on.route(c("u" + i).withExclusiveFollower(C)).step(),
          "R1.2, R18: c holds no exclusive permission, so the relationship is unhealthy");
    }
    Router off = Router.builder(shop(agent("a", 1), agent("b", 0)), settings().build()).clock(clock)
        .seed(3).build();
    off.setPresence(A, Presence.ONLINE);
    off.setPresence(B, Presence.ONLINE);
    for (int i = 0; i < 20; i++) {
      assertNotEquals(RoutingStep.EXCLUSIVE_FOLLOWER, off.route(c("o" + i).withExclusiveFollower(B)).step(),
          "R18: direct connection is off");
    }
  }

  /** R14, R23: under shop-wide LEAST_BUSY the pooled other groups give the next buyer to the least busy member. */
  @Test
  void r14_r23_otherGroupsPooledLeastBusy() {
    AgentGroup matched = AgentGroup.builder("m").boundTo(OrderStatus.NO_ORDER).member(id("x"), 1).build();
    AgentGroup g1 = AgentGroup.builder("g1").boundTo(OrderStatus.SHIPPED).member(A, 1).build();
    AgentGroup g2 = AgentGroup.builder("g2").boundTo(OrderStatus.DELIVERED).member(B, 2).member(C, 1).build();
    RoutingSettings s = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(matched).group(g1).group(g2)
        .shareMode(ShareMode.LEAST_BUSY).build();
    for (long seed = 0; seed < 10; seed++) {
      Router r = Router.builder(shop(agent("x", 0), agent("a", 0), agent("b", 0), agent("c", 0)), s).clock(clock)
          .seed(seed).build();
      for (AccountId id : List.of(A, B, C)) {
        r.setPresence(id, Presence.ONLINE);
      }
      // x (the matched group) is offline; loads: a 2/1, b 3/2, c 2/1 -> b is least busy
      for (int i = 0; i < 2; i++) {
        r.seat(cid("a" + i), buyer("a" + i), A);
        r.seat(cid("c" + i), buyer("c" + i), C);
      }
      for (int i = 0; i < 3; i++) {
        r.seat(cid("b" + i), buyer("b" + i), B);
      }
      RoutingDecision d = r.route(c("n"));
      assertEquals(RoutingStep.OTHER_GROUP, d.step(), "R14: the matched group's only agent is offline: " + d);
      assertEquals(Optional.of(B), d.agent(), "R23: b (3/2) is less busy than a (2/1) and c (2/1), seed " + seed);
      // now b 4/2 = 2 = a 2/1 = c 2/1: a three-way tie; then whoever took it is busier than the others
      AccountId next = r.route(c("n2")).agent().orElseThrow();
      AccountId third = r.route(c("n3")).agent().orElseThrow();
      assertNotEquals(next, third, "R23: after a tie, the agent that took one is busier; seed " + seed);
    }
  }

  /** R22: when a seat frees after a waiting consultation's maximum wait has passed, it goes to the receivers. */
  @Test
  void r22_anOverdueConsultationIsExpiredNotSeatedWhenASeatFrees() {
    RtFixture.Exits exits = new RtFixture.Exits();
    Router r = Router.builder(shop(agent("a", 1), agent("r", 0)),
        settings("r").maxQueueWait(Duration.ofMinutes(10)).build()).clock(clock).seed(1)
        .listener(exits).build();
    r.setPresence(A, Presence.ONLINE);
    r.route(c("s"));
    r.route(c("w"));
    clock.advance(Duration.ofMinutes(11));
    EndResult e = r.end(cid("s"));
    assertEquals(1, e.queueExits().size(), "" + e);
    assertEquals(RoutingStep.OFFLINE_RECEIVER, e.queueExits().get(0).decision().step(),
        "R22: w waited 11 min > 10 min: to the receivers, not the freed seat");
    assertEquals(0, r.seatsHeld(A));
  }

  /** R22: a router started from a live state seats its waiting consultations at once if seats are free. */
  @Test
  void r22_startingFromALiveStateDrainsTheQueue() {
    LiveState s = LiveState.of(Map.of(A, Presence.ONLINE), Map.of(), List.of(),
        List.of(new WaitingConsultation(c("w1"), T0), new WaitingConsultation(c("w2"), T0)));
    Router r = Router.builder(shop(agent("a", 1)), settings().build()).clock(clock).seed(1)
        .liveState(s).build();
    assertEquals(Optional.of(A), r.openConsultation(cid("w1")).map(OpenConsultation::agent), "R22: FIFO on start");
    assertEquals(1, r.queueLength());
    assertTrue(r.queueStatus(cid("w2")).isPresent());
  }

  /** R17: a router is not built with settings that name an id the shop does not have. */
  @Test
  void r17_settingsNamingAnUnknownAgentAreRefusedAtBuild() {
    RoutingSettings s = settings("ghost").build();
    UnknownIdException e = assertThrows(UnknownIdException.class, () -> Router.builder(shop(agent("a", 1)), s).build());
    assertEquals("ghost", e.id());
  }
}
