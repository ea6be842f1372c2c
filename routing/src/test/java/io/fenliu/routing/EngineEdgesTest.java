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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Edges of the routing engine found by independent tests (issue 18), each failing before its fix. */
class EngineEdgesTest {
  private static final AccountId A = id("a");

  /**
   * R22: a listener that ends each seated consultation from inside {@code onQueueExit} (a host that closes or
   * forwards it at once) drains the whole queue one exit at a time, on one stack frame, not one per exit.
   */
  @Test
  void r22_aListenerEndingEachExitFromInsideTheCallbackDoesNotRecurse() {
    AtomicReference<Router> self = new AtomicReference<>();
    AtomicInteger depth = new AtomicInteger();
    AtomicInteger deepest = new AtomicInteger();
    List<QueueExit> heard = new ArrayList<>();
    RouterListener closer = exit -> {
      int d = depth.incrementAndGet();
      deepest.accumulateAndGet(d, Math::max);
      try {
        heard.add(exit);
        self.get().end(exit.consultation());
      } finally {
        depth.decrementAndGet();
      }
    };
    Router r = Router.builder(shop(agent("a", 1), agent("r", 0)),
        settings("r").maxQueueLength(30_000).maxQueueWait(Duration.ofDays(1)).build()).seed(1).listener(closer).build();
    self.set(r);
    r.setPresence(A, Presence.ONLINE);
    r.route(c("first"));
    int waiting = 5_000; // the recursive delivery overflowed the stack at about a thousand
    for (int i = 0; i < waiting; i++) {
      r.route(c("w" + i));
    }
    r.end(cid("first"));
    assertEquals(0, r.queueLength(), "every waiting consultation was seated and ended in turn");
    assertEquals(waiting, heard.size());
    assertEquals(1, deepest.get(), "the listener heard the exits one at a time, never inside itself");
    assertEquals(cid("w0"), heard.get(0).consultation(), "in queue order (R22)");
    assertEquals(cid("w" + (waiting - 1)), heard.get(waiting - 1).consultation());
  }

  /** R22, R25: a live state whose waiting consultations wait since the edges of time builds and routes. */
  @Test
  void r22_aLiveStateWaitingSinceTheEdgesOfTimeBuilds() {
    for (Instant since : List.of(Instant.MAX, Instant.MIN)) {
      LiveState s = LiveState.of(Map.of(A, Presence.ONLINE), Map.of(), List.of(
          new OpenConsultation(cid("held"), RtFixture.buyer("held"), A, T0)),
          List.of(new WaitingConsultation(c("edge"), since)));
      Router r = Router.builder(shop(agent("a", 1), agent("r", 0)), settings("r").build()).liveState(s).build();
      assertTrue(r.queueLength() <= 1, "built, with the consultation waiting or expired: " + since);
    }
  }

  /** R22: with the queue full of overdue consultations, a preview answers what the route then does. */
  @Test
  void r22_aPreviewWithAFullQueueOfOverdueConsultationsPredictsTheRoute() {
    RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);
    Router r = Router.builder(shop(agent("a", 1), agent("r", 0)),
        settings("r").maxQueueLength(3).maxQueueWait(Duration.ofMinutes(5)).build()).clock(clock).seed(2).build();
    r.setPresence(A, Presence.ONLINE);
    r.route(c("held"));
    for (int i = 0; i < 3; i++) {
      r.route(c("w" + i));
    }
    clock.advance(Duration.ofMinutes(6));
    RoutingDecision predicted = r.preview(c("new"));
    assertEquals(RoutingStep.QUEUED, predicted.step(), "the overdue ones leave first, so there is room: " + predicted);
    RoutingDecision decided = r.route(c("new"));
    assertEquals(predicted, decided);
    assertEquals(1, r.queueLength());
  }

  /** R21: a live state that dates the presence of an agent the roster lacks is refused, as documented. */
  @Test
  void r21_aLiveStateDatingAnUnknownAgentsPresenceIsRefused() {
    LiveState s = LiveState.of(Map.of(), Map.of(id("ghost"), T0), List.of(), List.of());
    Router.Builder b = Router.builder(shop(agent("a", 1), agent("r", 0)), settings("r").build()).liveState(s);
    assertThrows(UnknownIdException.class, b::build);
  }
}
