package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.Consultation;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * R24 for {@link Router#preview}, which decides without the lock and validates afterwards: a torn read must never
 * come out as a decision. The shape is Caffeine's {@code ExpiredReadTear}: a state in which a forbidden outcome
 * exists only if a reader mixes two states.
 *
 * <p>Agent {@code a} is the only member of the group bound to NO_ORDER and also a member of a second group with
 * {@code b}. For a NO_ORDER consultation, a consistent state gives {@code a} by MATCHED_GROUP (a available) or
 * {@code b} by OTHER_GROUP, the ungrouped {@code u}, a receiver or the queue. {@code a} by OTHER_GROUP needs
 * {@code a} unavailable in its matched group and available in the pooled one at once — the torn presence of
 * issue 9 — and is forbidden. Several writers of each kind change what makes {@code a} available: two presence
 * togglers, a seat taker that routes and ends (a's limit is 1), and a toggler of {@code b}; two readers preview
 * all the while. No injected generator, so previews take the optimistic path.
 */
class OptimisticPreviewStressTest {
  private static final long RUN_NANOS = 1_500_000_000L;

  private static Router router() {
    RoutingSettings s = RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(AgentGroup.builder("solo").boundTo(OrderStatus.NO_ORDER).member(id("a"), 1).build())
        .group(AgentGroup.builder("pair").boundTo(OrderStatus.SHIPPED).member(id("a"), 1).member(id("b"), 1).build())
        .offlineReceivers(List.of(id("r"))).build();
    Router r = Router.builder(shop(agent("a", 1), agent("b", 0), agent("u", 0), agent("r", 0)), s).build();
    r.setPresence(id("a"), Presence.ONLINE);
    r.setPresence(id("b"), Presence.ONLINE);
    return r;
  }

  @Test
  void noPreviewMixesTwoStates() throws InterruptedException {
    Router r = router();
    AtomicLong previews = new AtomicLong();
    AtomicLong pooledB = new AtomicLong();
    AtomicLong matchedA = new AtomicLong();
    Consultation asked = c("asked", OrderStatus.NO_ORDER);
    List<Runnable> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      workers.add(() -> {
        for (boolean on = false; running(); on = !on) {
          r.setPresence(id("a"), on ? Presence.ONLINE : Presence.OFFLINE);
        }
      });
    }
    workers.add(() -> {
      for (int k = 0; running(); k++) {
        Consultation x = c("seat-" + k, OrderStatus.NO_ORDER);
        r.route(x);
        r.end(x.id());
      }
    });
    workers.add(() -> {
      for (boolean on = false; running(); on = !on) {
        r.setPresence(id("b"), on ? Presence.ONLINE : Presence.OFFLINE);
      }
    });
    for (int w = 0; w < 2; w++) {
      workers.add(() -> {
        while (running()) {
          RoutingDecision d = r.preview(asked);
          previews.incrementAndGet();
          AccountId who = d.agent().orElse(null);
          if (id("a").equals(who)) {
            assertEquals(RoutingStep.MATCHED_GROUP, d.step(),
                "R24: a preview named 'a' by " + d.step() + ", which only a torn read of two states can give: " + d);
            matchedA.incrementAndGet();
          } else if (id("b").equals(who)) {
            assertEquals(RoutingStep.OTHER_GROUP, d.step(), "R14: 'b' is only in the pooled group: " + d);
            pooledB.incrementAndGet();
          }
        }
      });
    }
    deadline = System.nanoTime() + RUN_NANOS;
    RtFixture.runTogether(workers);
    assertTrue(previews.get() > 10_000, "too few previews to mean anything: " + previews.get());
    // Both consistent outcomes occurred, so the writers really moved 'a' in and out while readers read.
    assertTrue(matchedA.get() > 0 && pooledB.get() > 0, "a: " + matchedA + ", b: " + pooledB);
    assertEquals(0, r.seatsHeld(id("a")) + r.seatsHeld(id("b")) + r.seatsHeld(id("u")) + r.seatsHeld(id("r")),
        "every routed consultation was ended");
  }

  private static volatile long deadline;

  private static boolean running() {
    return System.nanoTime() < deadline;
  }
}
