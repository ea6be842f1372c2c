package io.fenliu.routing;

import java.util.Map;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.Presence;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** R22 by example: the shop's first-come-first-served queue. */
class QueueTest {
  private static final AccountId A = id("a");
  private static final AccountId B = id("b");
  private static final AccountId R = id("r");

  private final RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);
  private final RtFixture.Exits exits = new RtFixture.Exits();

  private Router router(RoutingSettings s, io.fenliu.core.SubAccount... agents) {
    return Router.builder(shop(agents), s).clock(clock).seed(0L).listener(exits)
        .build();
  }

  /** Two online agents with one seat each, both taken; r is the offline receiver. */
  private Router fullShop(RoutingSettings s) {
    Router r = router(s, agent("a", 1), agent("b", 1), agent("r", 0));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    assertTrue(r.route(c("s1")).holdsSeat());
    assertTrue(r.route(c("s2")).holdsSeat());
    return r;
  }

  /** R22: when every online agent is full, the consultation waits with its position — not to the receivers. */
  @Test
  void r22_queuedWithPositionWhenEveryOnlineAgentIsFull() {
    Router r = fullShop(settings("r").build());
    for (int i = 1; i <= 5; i++) {
      RoutingDecision d = r.route(c("w" + i));
      assertEquals(RoutingStep.QUEUED, d.step(), "R22: agents are online, merely busy: " + d);
      assertEquals(Optional.empty(), d.agent());
      assertEquals(OptionalInt.of(i), d.queuePosition());
      assertFalse(d.holdsSeat());
      assertEquals(i, r.queueStatus(cid("w" + i)).orElseThrow().position());
    }
    assertEquals(5, r.queueLength());
    assertEquals(0, r.seatsHeld(R), "R22: nobody goes to the receivers while an online agent is merely busy");
  }

  /** R22: a freed seat goes to the oldest waiting consultation, reported by EndResult and by the listener. */
  @Test
  void r22_fifoWhenASeatFrees() {
    Router r = fullShop(settings("r").build());
    r.route(c("w1"));
    clock.advance(Duration.ofSeconds(1));
    r.route(c("w2"));
    clock.advance(Duration.ofSeconds(1));
    r.route(c("w3"));
    clock.advance(Duration.ofSeconds(30));
    AccountId holder = r.openConsultation(cid("s2")).orElseThrow().agent();
    EndResult e = r.end(cid("s2"));
    assertEquals(EndResult.Outcome.ENDED, e.outcome());
    assertEquals(1, e.queueExits().size(), "R22: one seat freed, one consultation seated: " + e);
    QueueExit exit = e.queueExits().get(0);
    assertEquals(cid("w1"), exit.consultation(), "R22: first come, first served: the oldest waiting (w1) is seated");
    assertEquals(Optional.of(holder), exit.decision().agent(), "the freed seat was the one s2 held");
    assertTrue(exit.decision().holdsSeat());
    assertEquals(Duration.ofSeconds(32), exit.waited(), "w1 waited from T0 to T0+32s");
    assertEquals(List.of(exit), exits.snapshot(), "R22: the listener hears the same exit");
    assertEquals(Optional.of(holder), r.openConsultation(cid("w1")).map(OpenConsultation::agent));
    assertEquals(1, r.queueStatus(cid("w2")).orElseThrow().position(), "w2 moves up to the head");
    assertEquals(2, r.queueStatus(cid("w3")).orElseThrow().position());
    EndResult e2 = r.end(cid("s1"));
    assertEquals(List.of(cid("w2")), e2.queueExits().stream().map(QueueExit::consultation).toList());
  }

  /** R22: an end of several seats' worth seats several waiting consultations, in queue order. */
  @Test
  void r22_aRaisedLimitSeatsSeveralInOrder() {
    Router r = fullShop(settings("r").build());
    for (int i = 1; i <= 4; i++) {
      r.route(c("w" + i));
    }
    r.updateAccount(agent("a", 3));
    assertEquals(2, r.queueLength(), "R22: a raised limit (1 -> 3) seats two waiting consultations");
    List<ConsultationId> seated = exits.snapshot().stream().map(QueueExit::consultation).toList();
    assertEquals(List.of(cid("w1"), cid("w2")), seated, "R22: in queue order, via the listener");
    assertEquals(1, r.queueStatus(cid("w3")).orElseThrow().position());
  }

  /** R22: an agent coming online seats the head of the queue. */
  @Test
  void r22_anAgentComingOnlineSeatsTheHead() {
    Router r = router(settings("r").build(), agent("a", 1), agent("b", 1), agent("r", 0));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("s1"));
    r.route(c("w1"));
    r.route(c("w2"));
    r.setPresence(B, Presence.ONLINE);
    assertEquals(List.of(cid("w1")), exits.snapshot().stream().map(QueueExit::consultation).toList());
    assertEquals(Optional.of(B), r.openConsultation(cid("w1")).map(OpenConsultation::agent));
  }

  /** R22: a consultation that waited the maximum goes to the receivers with that reason. */
  @Test
  void r22_maxWaitExpiryGoesToTheReceivers() {
    Router r = fullShop(settings("r").maxQueueWait(Duration.ofMinutes(10)).build());
    r.route(c("w1"));
    clock.advance(Duration.ofMinutes(5));
    r.route(c("w2"));
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertTrue(r.expireOverdue().isEmpty(), "w1 has waited 10 min - 1 ms: not yet");
    clock.advance(Duration.ofMillis(1));
    List<QueueExit> expired = r.expireOverdue();
    assertEquals(1, expired.size(), "R22: w1 waited 10 min: it leaves the queue: " + expired);
    QueueExit e = expired.get(0);
    assertEquals(cid("w1"), e.consultation());
    assertEquals(RoutingStep.OFFLINE_RECEIVER, e.decision().step(), "R22, R16: to the offline receivers");
    assertEquals(Optional.of(R), e.decision().agent());
    assertFalse(e.decision().holdsSeat());
    assertTrue(e.waited().compareTo(Duration.ofMinutes(10)) >= 0, "waited " + e.waited());
    String reason = e.decision().reason().toLowerCase(java.util.Locale.ROOT);
    assertTrue(reason.contains("wait") || reason.contains("10 min"), "R19: the reason says the wait ran out: " + reason);
    assertEquals(List.of(e), exits.snapshot(), "R22: the listener hears the expiry");
    assertEquals(1, r.queueLength());
    assertEquals(0, r.seatsHeld(R), "R20: a message to a receiver holds no seat");
    // any call expires too: route, after w2 waited its 10 minutes
    clock.advance(Duration.ofMinutes(5));
    RoutingDecision d = r.route(c("w3"));
    assertEquals(RoutingStep.QUEUED, d.step());
    assertEquals(OptionalInt.of(1), d.queuePosition(), "R22: w2 expired during the call, so w3 is first");
    assertEquals(2, exits.snapshot().size(), "R22: w2's expiry was reported: " + exits.seen);
  }

  /** R22: with no receiver designated, an expired consultation ends with NO_AGENT and the reason — never dropped silently. */
  @Test
  void r22_expiryWithoutReceiversIsNoAgentWithAReason() {
    Router r = fullShop(settings().maxQueueWait(Duration.ofMinutes(1)).build());
    r.route(c("w1"));
    clock.advance(Duration.ofMinutes(2));
    List<QueueExit> expired = r.expireOverdue();
    assertEquals(1, expired.size());
    assertEquals(RoutingStep.NO_AGENT, expired.get(0).decision().step());
    assertFalse(expired.get(0).decision().reason().isBlank(), "R19: says why");
    assertEquals(0, r.queueLength());
  }

  /** R22: a consultation that finds the queue at its maximum length goes to the receivers. */
  @Test
  void r22_maxLengthOverflowGoesToTheReceivers() {
    Router r = fullShop(settings("r").maxQueueLength(2).build());
    assertEquals(RoutingStep.QUEUED, r.route(c("w1")).step());
    assertEquals(RoutingStep.QUEUED, r.route(c("w2")).step());
    RoutingDecision d = r.route(c("w3"));
    assertEquals(RoutingStep.OFFLINE_RECEIVER, d.step(), "R22: the queue is full (2): " + d);
    assertEquals(Optional.of(R), d.agent());
    assertTrue(d.reason().contains("2") || d.reason().toLowerCase(java.util.Locale.ROOT).contains("queue"),
        "R19: the reason says the queue was full: " + d.reason());
    assertEquals(2, r.queueLength());
    assertTrue(r.queueStatus(cid("w3")).isEmpty(), "w3 does not wait");
  }

  /** R22: a waiting buyer may leave; the others move up; leaving twice says it was not waiting. */
  @Test
  void r22_withdraw() {
    Router r = fullShop(settings("r").build());
    r.route(c("w1"));
    r.route(c("w2"));
    r.route(c("w3"));
    assertTrue(r.withdraw(cid("w2")));
    assertFalse(r.withdraw(cid("w2")), "R22: w2 is no longer waiting");
    assertFalse(r.withdraw(cid("s1")), "an open consultation is not waiting");
    assertEquals(2, r.queueLength());
    assertEquals(2, r.queueStatus(cid("w3")).orElseThrow().position(), "w3 moves up behind w1");
    assertTrue(r.queueStatus(cid("w2")).isEmpty());
    EndResult e = r.end(cid("w1"));
    assertEquals(EndResult.Outcome.WITHDRAWN, e.outcome(), "R22: ending a waiting consultation withdraws it");
    assertEquals(1, r.queueLength());
    r.end(cid("s1"));
    assertEquals(List.of(cid("w3")), exits.snapshot().stream().map(QueueExit::consultation).toList(),
        "R22: withdrawn consultations are never seated");
    assertTrue(r.openConsultation(cid("w2")).isEmpty());
  }

  /** R22: position and estimated wait: position × the mean service time ÷ the online seats (QueueStatus). */
  @Test
  void r22_positionAndEstimatedWait() {
    Router r = router(settings("r").build(), agent("a", 1), agent("r", 0));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("s1"));
    r.route(c("w0"));
    assertEquals(Optional.empty(), r.queueStatus(cid("w0")).orElseThrow().estimatedWait(),
        "no end seen yet: no estimate");
    assertEquals(T0, r.queueStatus(cid("w0")).orElseThrow().waitingSince());
    clock.advance(Duration.ofSeconds(60));
    r.end(cid("s1")); // served in 60 s; w0 takes the seat at T0+60s
    r.route(c("w1"));
    r.route(c("w2"));
    QueueStatus q1 = r.queueStatus(cid("w1")).orElseThrow();
    QueueStatus q2 = r.queueStatus(cid("w2")).orElseThrow();
    assertEquals(1, q1.position());
    assertEquals(2, q2.position());
    assertEquals(Optional.of(Duration.ofMinutes(1)), q1.estimatedWait(), "1 × 60 s ÷ 1 seat online");
    assertEquals(Optional.of(Duration.ofMinutes(2)), q2.estimatedWait(), "2 × 60 s ÷ 1 seat online");
  }

  /**
   * R22 and QueueStatus: the estimate is position × a recent mean service time ÷ the online seats. How the mean weighs
   * older ends is not specified, so this asserts only what any recent mean does: an end in the millisecond it was
   * seated counts, as 0 ms; after ends of 0, 100 and 150 s the mean lies strictly above 0 (the later ends count) and at
   * most 150 s; and the estimate grows in proportion to the position and is shared over both online seats.
   */
  @Test
  void r22_estimatedWaitIsPositionTimesARecentMeanServiceTimeOverTheOnlineSeats() {
    Router r = router(settings("r").build(), agent("a", 2), agent("r", 0));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("s0"));
    r.end(cid("s0")); // 0 ms
    r.route(c("s1"));
    r.route(c("s2"));
    r.route(c("w0"));
    assertEquals(Optional.of(Duration.ZERO), r.queueStatus(cid("w0")).orElseThrow().estimatedWait(),
        "an end in the same millisecond counts, as 0 ms");
    clock.advance(Duration.ofSeconds(100));
    r.end(cid("s1")); // 100 s; w0 takes the seat
    clock.advance(Duration.ofSeconds(50));
    r.end(cid("s2")); // 150 s
    r.route(c("s3")); // both seats taken again (w0 and s3)
    r.route(c("w1"));
    r.route(c("w2"));
    r.route(c("w3"));
    Duration first = r.queueStatus(cid("w1")).orElseThrow().estimatedWait().orElseThrow();
    Duration third = r.queueStatus(cid("w3")).orElseThrow().estimatedWait().orElseThrow();
    assertTrue(first.compareTo(Duration.ZERO) > 0, "the ends of 100 and 150 s count: " + first);
    assertTrue(first.compareTo(Duration.ofSeconds(75)) <= 0, "at most 150 s ÷ 2 online seats: " + first);
    assertTrue(Math.abs(third.toMillis() - 3 * first.toMillis()) <= 2, "position 3 waits 3 times position 1: "
        + first + ", " + third);
  }

  /** R22: nobody goes to the receivers while an online agent is merely busy, however many arrive. */
  @Test
  void r22_busyIsNotOffline() {
    Router r = fullShop(settings("r").maxQueueLength(1_000).build());
    for (int i = 0; i < 300; i++) {
      RoutingDecision d = r.route(c("w" + i));
      assertEquals(RoutingStep.QUEUED, d.step(), "R22: busy is not offline: " + d);
    }
    // once nobody is online any more, new consultations go to the receivers (R16)
    r.setPresence(A, Presence.OFFLINE);
    r.setPresence(B, Presence.SUSPENDED);
    assertEquals(RoutingStep.OFFLINE_RECEIVER, r.route(c("late")).step());
  }

  /**
   * R21, R22: a seat freed by a suspended agent can be taken only by its recent buyers; the oldest such waiting
   * consultation takes it, even though an older one without that contact is ahead of it (it could not take it).
   */
  @Test
  void r21_r22_aSuspendedAgentsSeatGoesToItsRecentBuyerBehindTheHead() {
    Router r = router(settings("r").build(), agent("a", 1), agent("s", 1), agent("r", 0));
    r.setPresence(A, Presence.ONLINE);
    r.seat(cid("held-a"), buyer("held-a"), A);
    r.seat(cid("held-s"), buyer("held-s"), id("s"));
    r.setPresence(id("s"), Presence.SUSPENDED);
    assertEquals(RoutingStep.QUEUED, r.route(c("w1")).step());
    RoutingDecision w2 = r.route(c("w2").withRecentContact(id("s"), T0.minus(Duration.ofHours(2))));
    assertEquals(RoutingStep.QUEUED, w2.step(), "s is suspended and full: " + w2);
    EndResult e = r.end(cid("held-s"));
    assertEquals(List.of(cid("w2")), e.queueExits().stream().map(QueueExit::consultation).toList(),
        "R21, R22: only w2 can take suspended s's seat");
    assertEquals(RoutingStep.RECENT_AGENT, e.queueExits().get(0).decision().step());
    assertEquals(1, r.queueLength());
    EndResult e2 = r.end(cid("held-a"));
    assertEquals(List.of(cid("w1")), e2.queueExits().stream().map(QueueExit::consultation).toList());
  }

  /** R22: a queued consultation's wait is dated by the clock when it started waiting. */
  @Test
  void r22_waitingSinceIsWhenItStartedWaiting() {
    Router r = fullShop(settings("r").build());
    clock.advance(Duration.ofSeconds(7));
    r.route(c("w1"));
    assertEquals(T0.plusSeconds(7), r.queueStatus(cid("w1")).orElseThrow().waitingSince());
    assertEquals(1, r.liveState().waiting().size());
    assertEquals(cid("w1"), r.liveState().waiting().get(0).consultation().id());
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
  /** R22: the next deadline is the longest-waiting consultation's waiting-since plus the maximum wait. */
  @Test
  void theNextQueueDeadlineIsTheLongestWaitersSincePlusTheMaximumWait() {
    Router r = Router.builder(shop(agent("a", 1)), settings().maxQueueWait(Duration.ofMinutes(5)).build()).build();
    assertEquals(Optional.empty(), r.nextQueueDeadline(), "nobody waits");
    r.setPresence(A, Presence.ONLINE, T0);
    r.apply(ShopEvent.arrived(RtFixture.SHOP, c("x").arrivedAt(T0)));
    r.apply(ShopEvent.arrived(RtFixture.SHOP, c("w1").arrivedAt(T0.plusSeconds(10))));
    r.apply(ShopEvent.arrived(RtFixture.SHOP, c("w2").arrivedAt(T0.plusSeconds(20))));
    assertEquals(Optional.of(T0.plusSeconds(10).plus(Duration.ofMinutes(5))), r.nextQueueDeadline());
    r.apply(ShopEvent.withdrawn(RtFixture.SHOP, cid("w1")).at(T0.plusSeconds(30)));
    assertEquals(Optional.of(T0.plusSeconds(20).plus(Duration.ofMinutes(5))), r.nextQueueDeadline(),
        "the next in line");
    Applied due = r.apply(ShopEvent.timeAdvanced(RtFixture.SHOP, r.nextQueueDeadline().orElseThrow()));
    assertEquals(List.of(cid("w2")), due.exits().stream().map(QueueExit::consultation).toList(),
        "at its deadline it leaves");
    assertEquals(Optional.empty(), r.nextQueueDeadline());
  }
}
