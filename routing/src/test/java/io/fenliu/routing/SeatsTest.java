package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.buyer;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.openNaming;
import static io.fenliu.routing.RtFixture.settings;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.UnknownIdException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** R20 by example: seats by the host's consultation id. */
class SeatsTest {
  private static final AccountId A = id("a");
  private static final AccountId B = id("b");
  private static final AccountId R = id("r");

  private final RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);

  private Router router(RoutingSettings s, io.fenliu.core.SubAccount... agents) {
    return Router.builder(shop(agents), s).clock(clock).seed(0L).build();
  }

  /** R20: routing an id that is open returns its existing outcome, marked as a repeat, and seats nothing. */
  @Test
  void r20_repeatRouteReturnsTheExistingOutcomeAsARepeat() {
    Router r = router(settings().build(), agent("a", 2), agent("b", 2));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    RoutingDecision first = r.route(c("c1"));
    assertTrue(first.holdsSeat(), "first route seats: " + first);
    assertFalse(first.isRepeat());
    for (int i = 0; i < 3; i++) {
      RoutingDecision again = r.route(c("c1"));
      assertTrue(again.isRepeat(), "R20: a repeated id must be answered as a repeat, got " + again);
      assertEquals(first.agent(), again.agent(), "R20: the repeat names the agent holding the seat");
      assertEquals(first.step(), again.step(), "R20: the repeat keeps the step that decided");
    }
    assertEquals(1, r.openConsultations().size(), "R20: one id holds one seat, whatever the repeats");
    assertEquals(1, r.seatsHeld(first.agent().get()) , "R20: the agent holds one seat for c1");
  }

  /** R20, R22: routing an id that waits returns QUEUED again with its position, and queues nothing more. */
  @Test
  void r20_repeatRouteOfAWaitingIdIsARepeatWithItsPosition() {
    Router r = router(settings().build(), agent("a", 1));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("c1"));
    RoutingDecision q = r.route(c("c2"));
    assertEquals(RoutingStep.QUEUED, q.step(), "a full online agent makes c2 wait (R22): " + q);
    RoutingDecision again = r.route(c("c2"));
    assertTrue(again.isRepeat(), "R20: " + again);
    assertEquals(RoutingStep.QUEUED, again.step());
    assertEquals(OptionalInt.of(1), again.queuePosition());
    assertEquals(1, r.queueLength(), "R20: a repeated waiting id must not wait twice");
  }

  /** R20: ending twice reports NOT_OPEN the second time and changes nothing. */
  @Test
  void r20_doubleEndIsNotOpenAndChangesNothing() {
    Router r = router(settings().build(), agent("a", 2));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("c1"));
    r.route(c("c2"));
    EndResult e1 = r.end(cid("c1"));
    assertEquals(EndResult.Outcome.ENDED, e1.outcome());
    assertEquals(Optional.of(A), e1.agent());
    LiveState before = r.liveState();
    EndResult e2 = r.end(cid("c1"));
    assertEquals(EndResult.Outcome.NOT_OPEN, e2.outcome(), "R20: a second end of c1 must be NOT_OPEN");
    assertTrue(e2.queueExits().isEmpty());
    assertEquals(before, r.liveState(), "R20: a second end changes nothing (it must not free c2's seat)");
    assertEquals(1, r.seatsHeld(A), "R20: ending c1 twice must not free the seat of c2");
  }

  /** R20: ending an id the router never seated reports NOT_OPEN and frees nobody's seat. */
  @Test
  void r20_unknownEndIsNotOpenAndChangesNothing() {
    Router r = router(settings().build(), agent("a", 1));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("c1"));
    LiveState before = r.liveState();
    EndResult e = r.end(cid("never-routed"));
    assertEquals(EndResult.Outcome.NOT_OPEN, e.outcome());
    assertEquals(Optional.empty(), e.agent());
    assertEquals(before, r.liveState(), "R20: ending an unknown id changes nothing");
    assertEquals(1, r.seatsHeld(A));
  }

  /** R20: an agent at its limit takes no new consultation from any step — continuity and follower included. */
  @Test
  void r20_agentAtLimitTakesNothingEvenAsRecentAgentOrFollower() {
    Router r = router(settings().connectToExclusiveAgent(true).build(), agent("a", 1), agent("b", 0));
    r.setPresence(A, Presence.ONLINE);
    r.seat(cid("held"), buyer("held"), A);
    r.setPresence(B, Presence.ONLINE);
    RoutingDecision recent = r.route(c("c1").arrivedAt(T0).withRecentContact(A, T0.minus(Duration.ofHours(1))));
    assertEquals(Optional.of(B), recent.agent(), "R20: a full recent agent is skipped at once (R18), got " + recent);
    assertNotEquals(RoutingStep.RECENT_AGENT, recent.step());
    RoutingDecision follower = r.route(c("c2").withExclusiveFollower(A));
    assertEquals(Optional.of(B), follower.agent(), "R20: a full exclusive follower is skipped, got " + follower);
    assertEquals(1, r.seatsHeld(A), "R20: the full agent still holds exactly its limit");
  }

  /** R20: the host seats a consultation it assigned itself; routing that id again is a repeat of it. */
  @Test
  void r20_hostSeatHoldsASeat() {
    Router r = router(settings().build(), agent("a", 2), agent("b", 2));
    Optional<AccountId> before = r.seat(cid("m1"), buyer("m1"), A);
    assertEquals(Optional.empty(), before, "a new consultation was held by nobody before");
    assertEquals(1, r.seatsHeld(A));
    assertEquals(Optional.of(A), r.openConsultation(cid("m1")).map(OpenConsultation::agent));
    r.setPresence(B, Presence.ONLINE);
    RoutingDecision again = r.route(c("m1"));
    assertTrue(again.isRepeat(), "R20: an id seated by the host is open; routing it is a repeat: " + again);
    assertEquals(Optional.of(A), again.agent());
    assertEquals(RoutingStep.ASSIGNED_BY_HOST, again.step());
    assertEquals(0, r.seatsHeld(B));
  }

  /** R20: a transfer moves the seat from one agent to the other; nothing is held twice. */
  @Test
  void r20_transferMovesTheSeat() {
    Router r = router(settings().build(), agent("a", 2), agent("b", 2));
    r.setPresence(A, Presence.ONLINE);
    RoutingDecision d = r.route(c("c1"));
    assertEquals(Optional.of(A), d.agent());
    Optional<AccountId> previous = r.seat(cid("c1"), buyer("c1"), B);
    assertEquals(Optional.of(A), previous, "R20: the transfer reports the agent that held the seat");
    assertEquals(0, r.seatsHeld(A), "R20: the transfer frees the seat of the agent it moves from");
    assertEquals(1, r.seatsHeld(B));
    List<OpenConsultation> open = r.openConsultations();
    assertEquals(1, open.size(), "R20: one consultation, one seat: " + open);
    assertEquals(B, open.get(0).agent());
    EndResult e = r.end(cid("c1"));
    assertEquals(Optional.of(B), e.agent(), "R20: ending a transferred consultation frees the new agent's seat");
    assertEquals(0, r.seatsHeld(B));
  }

  /** R20, R22: a transfer frees a seat, and the oldest waiting consultation takes it at once. */
  @Test
  void r20_r22_transferFreesASeatForTheQueue() {
    RtFixture.Exits exits = new RtFixture.Exits();
    Router r = Router.builder(shop(agent("a", 1), agent("d", 1)), settings().build()).clock(clock)
        .seed(0L).listener(exits).build();
    r.setPresence(A, Presence.ONLINE);
    r.route(c("c1"));
    assertEquals(RoutingStep.QUEUED, r.route(c("c2")).step());
    r.seat(cid("c1"), buyer("c1"), id("d")); // d is offline: the host may still hand it a chat
    assertEquals(0, r.queueLength(), "R22: the seat freed by the transfer goes to the waiting c2");
    assertEquals(Optional.of(A), r.openConsultation(cid("c2")).map(OpenConsultation::agent));
    assertEquals(1, exits.snapshot().size(), "R22: the listener hears that c2 left the queue: " + exits.seen);
    assertEquals(cid("c2"), exits.snapshot().get(0).consultation());
  }

  /** R20: seating with an agent at its limit is refused and nothing changes. */
  @Test
  void r20_hostSeatAtLimitIsRefusedAndNothingChanges() {
    Router r = router(settings().build(), agent("a", 1), agent("b", 1));
    r.seat(cid("m1"), buyer("m1"), A);
    r.seat(cid("m2"), buyer("m2"), B);
    LiveState before = r.liveState();
    RuleRefusedException e = assertThrows(RuleRefusedException.class, () -> r.seat(cid("m2"), buyer("m2"), A));
    assertEquals("R20", e.rule());
    RuleRefusedException e2 = assertThrows(RuleRefusedException.class, () -> r.seat(cid("m3"), buyer("m3"), A));
    assertEquals("R20", e2.rule());
    assertEquals(before, r.liveState(), "a refused seat changes nothing");
  }

  /** R17, R20: the host cannot seat with an unknown id, the main account, or an ineligible agent. */
  @Test
  void r17_hostSeatRefusesIneligibleAgents() {
    io.fenliu.core.SubAccount resigned = agent("x", 0).withStatus(AccountStatus.RESIGNED);
    io.fenliu.core.SubAccount notRouting = agent("y", 0).withRoutingParticipation(false);
    Router r = router(settings().build(), agent("a", 1), resigned, notRouting);
    LiveState before = r.liveState();
    UnknownIdException unknown = assertThrows(UnknownIdException.class, () -> r.seat(cid("m"), buyer("m"), id("ghost")));
    assertTrue(unknown.getMessage().contains(RtFixture.SHOP.value()), "names the shop: " + unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> r.seat(cid("m"), buyer("m"), RtFixture.MAIN));
    assertEquals("R17", assertThrows(RuleRefusedException.class, () -> r.seat(cid("m"), buyer("m"), id("x"))).rule());
    assertEquals("R17", assertThrows(RuleRefusedException.class, () -> r.seat(cid("m"), buyer("m"), id("y"))).rule());
    assertEquals(before, r.liveState(), "refused seats change nothing");
  }

  /** R20: after a restart the host restores every open consultation, even over a limit, and is told so. */
  @Test
  void r20_restoreAfterRestartReportsOverLimitAgents() {
    Router r = router(settings().build(), agent("a", 2), agent("b", 2));
    RestoreReport report = r.restore(List.of(
        new OpenConsultation(cid("o1"), buyer("o1"), A, T0.minusSeconds(60)),
        new OpenConsultation(cid("o2"), buyer("o2"), A, T0.minusSeconds(50)),
        new OpenConsultation(cid("o3"), buyer("o3"), A, T0.minusSeconds(40)),
        new OpenConsultation(cid("o4"), buyer("o4"), B, T0.minusSeconds(30))));
    assertEquals(4, report.restored());
    assertEquals(Map.of(A, 3), report.overLimit(), "R20: a is over its limit of 2 with 3 seats; b is not");
    assertEquals(3, r.seatsHeld(A));
    assertEquals(1, r.seatsHeld(B));
    r.setPresence(A, Presence.ONLINE);
    RoutingDecision d = r.route(c("n1"));
    assertEquals(RoutingStep.QUEUED, d.step(), "R20: a (over its limit) takes nothing new; b is offline: " + d);
    r.end(cid("o1"));
    assertEquals(1, r.queueLength(), "R20: with 2 of 2 seats a is still full");
    EndResult e = r.end(cid("o2"));
    assertEquals(1, e.queueExits().size(), "R22: a's first really free seat goes to the waiting n1: " + e);
    assertEquals(2, r.seatsHeld(A));
    assertTrue(r.route(c("o4")).isRepeat(), "R20: a restored id is open: routing it again is a repeat");
  }

  /** R20, R17: a restore that names an id twice or seats the main account is refused whole: nothing is restored. */
  @Test
  void r20_badRestoreRestoresNothing() {
    Router r = router(settings().build(), agent("a", 2));
    LiveState before = r.liveState();
    OpenConsultation ok = new OpenConsultation(cid("o1"), buyer("o1"), A, T0);
    assertThrows(IllegalArgumentException.class, () -> r.restore(List.of(ok, ok)));
    assertThrows(IllegalArgumentException.class,
        () -> r.restore(List.of(ok, new OpenConsultation(cid("o2"), buyer("o2"), RtFixture.MAIN, T0))));
    assertEquals(before, r.liveState(), "R20: a refused restore restores nothing, not even the entries before the bad one");
  }

  /**
   * R20, the old "phantom seats" bug: lowering, removing and restoring a limit never loses or invents a seat;
   * once every consultation has ended the agent is idle and routable again.
   */
  @Test
  void r20_changingLimitsNeverLosesOrInventsASeat() {
    Router r = router(settings().build(), agent("a", 2));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("c1"));
    r.route(c("c2"));
    assertEquals(RoutingStep.QUEUED, r.route(c("q1")).step());
    r.end(cid("q1"));
    // remove the limit: a takes more
    r.updateAccount(agent("a", 0));
    assertEquals(2, r.seatsHeld(A), "R20: removing a limit keeps every seat");
    assertTrue(r.route(c("c3")).holdsSeat());
    assertEquals(3, r.seatsHeld(A));
    // lower it under the seats held: nothing new, nothing lost
    r.updateAccount(agent("a", 1));
    assertEquals(3, r.seatsHeld(A), "R20: lowering a limit keeps every seat");
    assertEquals(RoutingStep.QUEUED, r.route(c("c4")).step(), "R20: an agent over a lowered limit takes nothing new");
    // restore the old limit of 2: still full (3 > 2)
    r.updateAccount(agent("a", 2));
    assertEquals(1, r.queueLength());
    r.end(cid("c1"));
    assertEquals(1, r.queueLength(), "2 of 2 seats: still full");
    r.end(cid("c2"));
    assertEquals(0, r.queueLength(), "1 of 2 seats: c4 is seated from the queue");
    assertEquals(2, r.seatsHeld(A));
    assertEquals(2, openNaming(r, A), "R20: seatsHeld equals the open consultations naming the agent");
    r.end(cid("c3"));
    r.end(cid("c4"));
    assertEquals(0, r.seatsHeld(A), "R20: no phantom seat once every consultation has ended");
    assertTrue(r.openConsultations().isEmpty());
    r.route(c("c5"));
    assertTrue(r.route(c("c6")).holdsSeat(), "R20: an idle agent with limit 2 takes two consultations");
    assertEquals(RoutingStep.QUEUED, r.route(c("c7")).step());
  }

  /** R16, R20: a consultation sent to an offline receiver is a message: it holds no seat and is not open. */
  @Test
  void r16_r20_offlineReceiverDecisionsHoldNoSeat() {
    Router r = router(settings("r").build(), agent("a", 1), agent("r", 1));
    for (int i = 0; i < 3; i++) {
      RoutingDecision d = r.route(c("m" + i));
      assertEquals(RoutingStep.OFFLINE_RECEIVER, d.step(), "R16: nobody online: " + d);
      assertEquals(Optional.of(R), d.agent());
      assertFalse(d.holdsSeat(), "R20: a receiver's message holds no seat");
    }
    assertEquals(0, r.seatsHeld(R), "R20: receivers get messages, not seats, even past their limit of 1");
    assertTrue(r.openConsultations().isEmpty());
    assertEquals(EndResult.Outcome.NOT_OPEN, r.end(cid("m0")).outcome(), "R20: a message is not open");
    r.setPresence(R, Presence.ONLINE);
    assertTrue(r.route(c("live")).holdsSeat(), "R20: the receiver, now online, still has its one seat free");
  }

  /** R20, R24: a removed agent's consultations stay open until ended; ending them frees the seat. */
  @Test
  void r20_removedAgentsConsultationsStayOpenUntilEnded() {
    Router r = router(settings().build(), agent("a", 1), agent("b", 1));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("c1"));
    r.removeAccount(A);
    assertEquals(Optional.of(A), r.openConsultation(cid("c1")).map(OpenConsultation::agent),
        "R20: removing an agent does not end its consultations");
    EndResult e = r.end(cid("c1"));
    assertEquals(EndResult.Outcome.ENDED, e.outcome());
    assertEquals(Optional.of(A), e.agent());
    r.updateAccount(agent("a", 1));
    assertEquals(0, r.seatsHeld(A), "R20: the ended consultation's seat is not held by the re-added agent");
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.OFFLINE);
    assertTrue(r.route(c("c2")).holdsSeat(), "R20: the re-added agent has its seat free");
  }

  /**
   * R20 through the routing steps (the seed's advanced settings): a full agent takes nothing new from its group, the
   * next tier does; an end frees the seat, a second end changes nothing.
   */
  @Test
  void r20_aFullAgentTakesNothingNewUntilOneOfItsConsultationsEnds() {
    AccountId a = TestShop.A;
    AccountId e = TestShop.E;
    io.fenliu.core.Consultation preSale = TestShop.consult(io.fenliu.core.EntryPage.PRODUCT_DETAIL,
        io.fenliu.core.OrderStatus.NO_ORDER);
    Router r = TestShop.router(TestShop.ADVANCED, 16);
    r.updateAccount(io.fenliu.core.SubAccount.builder(a, "agent A").exclusiveAgent().concurrentLimit(2).build());
    TestShop.online(r, a, e);
    io.fenliu.core.Consultation first = TestShop.fresh(preSale);
    io.fenliu.core.Consultation second = TestShop.fresh(preSale);
    assertEquals(a, r.route(first).agent().orElseThrow());
    assertEquals(a, r.route(second).agent().orElseThrow());
    assertEquals(2, r.seatsHeld(a));
    RoutingDecision third = TestShop.route(r, preSale);
    assertEquals(e, third.agent().orElseThrow(), "A is full, so the ungrouped E takes it");
    assertEquals(RoutingStep.UNGROUPED, third.step());
    assertEquals(EndResult.Outcome.ENDED, r.end(first.id()).outcome());
    assertEquals(a, TestShop.route(r, preSale).agent().orElseThrow());
    assertEquals(EndResult.Outcome.NOT_OPEN, r.end(first.id()).outcome(), "ending twice changes nothing");
    assertEquals(2, r.seatsHeld(a));
    assertEquals(1, r.seatsHeld(e), "agents without a limit hold seats too (R20)");
  }
}
