package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
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
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Shop;
import io.fenliu.core.Presence;
import io.fenliu.core.UnknownIdException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** R20–R22, issue 10 item 6: the live state exported as a plain value starts an equal router; bad states are refused. */
class LiveStateRoundTripTest {
  private static final AccountId A = id("a");
  private static final AccountId B = id("b");

  private final RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);

  @Test
  void exportedStateStartsAnEqualRouter() {
    Router r = Router.builder(shop(agent("a", 1), agent("b", 1), agent("r", 0)), settings("r").build()).clock(clock)
        .seed(0L).build();
    r.setPresence(A, Presence.ONLINE, T0.minusSeconds(5));
    r.setPresence(B, Presence.SUSPENDED, T0.minusSeconds(3));
    r.route(c("o1"));
    clock.advance(Duration.ofSeconds(10));
    r.route(c("w1"));
    r.route(c("w2"));
    LiveState exported = r.liveState();
    Router copy = Router.builder(r.shop(), r.settings()).clock(clock).seed(0L)
        .liveState(exported).build();
    assertEquals(exported, copy.liveState(), "the restored router has the same live state");
    assertEquals(2, copy.queueLength());
    assertEquals(1, copy.seatsHeld(A));
    assertEquals(Presence.SUSPENDED, copy.presence(B));
    assertTrue(copy.route(c("w1")).isRepeat(), "R20: a waiting id stays waiting across the export");
    assertEquals(List.of(cid("w1")), copy.end(cid("o1")).queueExits().stream().map(QueueExit::consultation).toList(),
        "R22: the queue's order survives the export");
    assertEquals(T0.plusSeconds(10), copy.queueStatus(cid("w2")).orElseThrow().waitingSince());
    assertEquals(false, copy.setPresence(A, Presence.OFFLINE, T0.minusSeconds(6)),
        "R21: the presence times survive the export, so a stale event is still ignored");
  }

  @Test
  void aLiveStateGivingPresenceToAnUnknownAgentOrASeatToTheMainAccountIsRefused() {
    LiveState bad = LiveState.of(Map.of(id("ghost"), Presence.ONLINE), Map.of(), List.of(), List.of());
    assertThrows(UnknownIdException.class,
        () -> Router.builder(shop(agent("a", 1)), settings().build()).liveState(bad).build());
    LiveState mainsSeat = LiveState.of(Map.of(), Map.of(),
        List.of(new OpenConsultation(cid("x"), RtFixture.buyer("x"), RtFixture.MAIN, T0)), List.of());
    assertThrows(InvalidValueException.class,
        () -> Router.builder(shop(agent("a", 1)), settings().build()).liveState(mainsSeat).build(),
        "R17: the main account holds no seat");
    assertThrows(IllegalArgumentException.class, () -> LiveState.of(Map.of(), Map.of(),
        List.of(new OpenConsultation(cid("x"), RtFixture.buyer("x"), A, T0)),
        List.of(new WaitingConsultation(c("x"), T0))), "R20, R22: open and waiting at once");
  }

  /**
   * R22 and Consultation's Javadoc: "the arrival time is what ... the queue's order and maximum wait (R22) are
   * measured from". A consultation that arrived 9 minutes before it reached a full shop has 1 minute left of a
   * 10-minute maximum wait.
   */
  @Test
  void r22_maxWaitCountsFromTheStatedArrival() {
    Router r = Router.builder(shop(agent("a", 1), agent("r", 0)), settings("r").build()).clock(clock)
        .seed(0L).build();
    r.setPresence(A, Presence.ONLINE);
    r.route(c("s"));
    assertEquals(RoutingStep.QUEUED, r.route(c("w").arrivedAt(T0.minus(Duration.ofMinutes(9)))).step());
    clock.advance(Duration.ofMinutes(1));
    List<QueueExit> expired = r.expireOverdue();
    assertEquals(List.of(cid("w")), expired.stream().map(QueueExit::consultation).toList(),
        "R22: w arrived at T0-9min and the maximum wait is 10 min, so at T0+1min it has waited its maximum"
            + " (Consultation: the queue's maximum wait is measured from the arrival time); queue status: "
            + r.queueStatus(cid("w")));
    assertEquals(Optional.of(id("r")), expired.get(0).decision().agent());
  }

  /**
   * R20 and the registry's save-and-reload: an agent that left the roster while holding a seat is in the export
   * (its consultation is still open), and the export loads again; the seat stays its own, no routing reaches it,
   * and if the agent rejoins it finds the seat.
   */
  @Test
  void aSeatOfAnAgentThatLeftTheRosterSurvivesExportAndReload() {
    Router r = Router.builder(shop(agent("a", 2), agent("b", 0)), settings().build()).build();
    r.setPresence(A, Presence.ONLINE);
    r.route(c("held"));
    r.updateShop(s -> Shop.of(s.id(), s.name(), s.mainAccount(), List.of(agent("b", 0))));
    LiveState saved = r.liveState();
    assertEquals(List.of(A), saved.open().stream().map(OpenConsultation::agent).toList());

    Router copy = Router.builder(r.shop(), r.settings()).liveState(saved).build();
    assertEquals(saved, copy.liveState(), "the reloaded router exports what it was given");
    copy.setPresence(id("b"), Presence.ONLINE);
    assertEquals(Optional.of(id("b")), copy.route(c("next")).agent(), "R17: an agent off the roster is never routed to");
    copy.updateShop(s -> s.withSubAccount(agent("a", 2)));
    assertEquals(1, copy.seatsHeld(A), "R20: back on the roster, the agent finds its seat");
    assertEquals(Presence.OFFLINE, copy.presence(A), "and starts OFFLINE");
    assertEquals(EndResult.Outcome.ENDED, copy.end(cid("held")).outcome());
    assertEquals(0, copy.seatsHeld(A));
  }

  /** R20: a restore may name an agent the roster does not know; ending its consultation frees the seat for good. */
  @Test
  void aRestoredSeatOfAnAgentOffTheRosterIsKeptUntilEnded() {
    Router r = Router.builder(shop(agent("a", 1)), settings().build()).build();
    RestoreReport report = r.restore(List.of(new OpenConsultation(cid("x"), RtFixture.buyer("x"), id("gone"), T0)));
    assertEquals(Map.of(), report.overLimit());
    assertEquals(Optional.of(id("gone")), r.openConsultation(cid("x")).map(OpenConsultation::agent));
    assertTrue(r.route(c("x")).isRepeat(), "R20: the restored id is open, so routing it again is a repeat");
    assertEquals(EndResult.Outcome.ENDED, r.end(cid("x")).outcome());
    r.updateShop(s -> s.withSubAccount(agent("gone", 1)));
    assertEquals(0, r.seatsHeld(id("gone")), "the ended seat does not come back with the agent");
  }

  /** R20: an agent off the roster with two seats loses them one end at a time, and rejoins with what is left. */
  @Test
  void seatsOfAnAgentOffTheRosterAreFreedOneByOne() {
    Router r = Router.builder(shop(agent("b", 0)), settings().build()).build();
    r.restore(List.of(new OpenConsultation(cid("x"), RtFixture.buyer("x"), A, T0),
        new OpenConsultation(cid("y"), RtFixture.buyer("y"), A, T0)));
    assertEquals(EndResult.Outcome.ENDED, r.end(cid("x")).outcome());
    r.updateShop(s -> s.withSubAccount(agent("a", 2)));
    assertEquals(1, r.seatsHeld(A), "one of its two seats was ended while it was away");
    assertEquals(EndResult.Outcome.ENDED, r.end(cid("y")).outcome());
    assertEquals(0, r.seatsHeld(A));
  }

  /** R20: restoring an id the router already holds moves its seat: the old agent's is freed. */
  @Test
  void restoringAnOpenIdMovesItsSeat() {
    Router r = Router.builder(shop(agent("a", 1), agent("b", 1)), settings().build()).build();
    r.setPresence(A, Presence.ONLINE);
    assertEquals(Optional.of(A), r.route(c("x")).agent());
    r.restore(List.of(new OpenConsultation(cid("x"), RtFixture.buyer("x"), id("b"), T0)));
    assertEquals(0, r.seatsHeld(A), "the seat left a");
    assertEquals(1, r.seatsHeld(id("b")));
    assertEquals(Optional.of(id("b")), r.openConsultation(cid("x")).map(OpenConsultation::agent));
  }
  /**
   * R19, R25: a host that kept the decision that seated each open consultation hands it back with the restore, and
   * a repeat then answers with it — step and reason — as the router that seated it did; without it, "restored".
   */
  @Test
  void aRestoreWithTheSeatingDecisionsKeepsTheirStepsForRepeats() {
    Router original = Router.builder(shop(agent("a", 2), agent("b", 2)), settings().build()).seed(5L).build();
    original.setPresence(A, Presence.ONLINE);
    RoutingDecision seated = original.route(c("x"));
    OpenConsultation open = original.openConsultation(cid("x")).orElseThrow();
    RoutingDecision repeat = original.route(c("x"));

    Router withDecisions = Router.builder(original.shop(), original.settings()).build();
    withDecisions.restore(List.of(open), Map.of(cid("x"), seated));
    RoutingDecision again = withDecisions.route(c("x"));
    assertTrue(again.isRepeat());
    assertEquals(repeat.step(), again.step(), "the step that chose the agent, not a restore's");
    assertEquals(repeat.reason(), again.reason());
    assertEquals(repeat.agent(), again.agent());

    Router without = Router.builder(original.shop(), original.settings()).build();
    without.restore(List.of(open));
    assertNotEquals(repeat.step(), without.route(c("x")).step(), "without the decision the seat is a restored one");
  }

  /** R20: a decision for a consultation not restored, or naming another agent than its seat's, refuses everything. */
  @Test
  void aRestoreWhoseDecisionsDoNotMatchItsSeatsChangesNothing() {
    Router r = Router.builder(shop(agent("a", 2), agent("b", 2)), settings().build()).build();
    OpenConsultation x = new OpenConsultation(cid("x"), RtFixture.buyer("x"), A, T0);
    RoutingDecision byB = RoutingDecision.of(Optional.of(id("b")), RoutingStep.ANY_ONLINE, "any online");
    InvalidValueException other = assertThrows(InvalidValueException.class,
        () -> r.restore(List.of(x), Map.of(cid("x"), byB)));
    assertEquals("decisions", other.argument());
    assertEquals(Optional.of("R20"), other.rule());
    RoutingDecision byA = RoutingDecision.of(Optional.of(A), RoutingStep.ANY_ONLINE, "any online");
    assertThrows(InvalidValueException.class, () -> r.restore(List.of(x), Map.of(cid("y"), byA)));
    assertEquals(0, r.seatsHeld(A), "nothing was restored");
    assertTrue(r.openConsultation(cid("x")).isEmpty());
  }
}
