package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.settings;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
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
        .random(new RtFixture.ConstantRandom(0L)).build();
    r.setPresence(A, Presence.ONLINE, T0.minusSeconds(5));
    r.setPresence(B, Presence.SUSPENDED, T0.minusSeconds(3));
    r.route(c("o1"));
    clock.advance(Duration.ofSeconds(10));
    r.route(c("w1"));
    r.route(c("w2"));
    LiveState exported = r.liveState();
    Router copy = Router.builder(r.shop(), r.settings()).clock(clock).random(new RtFixture.ConstantRandom(0L))
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
  void aLiveStateNamingAnUnknownAgentIsRefused() {
    LiveState bad = LiveState.of(Map.of(id("ghost"), Presence.ONLINE), Map.of(), List.of(), List.of());
    assertThrows(UnknownIdException.class,
        () -> Router.builder(shop(agent("a", 1)), settings().build()).liveState(bad).build());
    LiveState badSeat = LiveState.of(Map.of(), Map.of(),
        List.of(new OpenConsultation(cid("x"), RtFixture.buyer("x"), id("ghost"), T0)), List.of());
    assertThrows(UnknownIdException.class,
        () -> Router.builder(shop(agent("a", 1)), settings().build()).liveState(badSeat).build());
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
        .random(new RtFixture.ConstantRandom(0L)).build();
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
}
