package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.Presence;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * R20–R24 under several writer threads of each kind at once — routers, enders, presence togglers, limit changers
 * (updateAccount), settings changers (updateSettings(UnaryOperator)) and a resignation — bounded to ~2 s each.
 * Checked: no limit exceeded in any atomic liveState() snapshot, snapshots are consistent and the queue's order never
 * flips, no lost update between concurrent roster and settings changes, no decision names an agent after its
 * resignation returned, and once everything is ended every count is 0.
 */
class RouterMultiWriterStressTest {
  private static final int AGENTS = 6;
  private static final long RUN_NANOS = 2_000_000_000L;
  private static final int MAX_OPS = 200_000;

  private static AccountId a(int i) {
    return id("s" + i);
  }

  private static Router router(int[] limits, RtFixture.Exits exits) {
    SubAccount[] roster = new SubAccount[AGENTS + 1];
    for (int i = 0; i < AGENTS; i++) {
      roster[i] = agent("s" + i, limits[i]);
    }
    roster[AGENTS] = agent("rcv", 1);
    RoutingSettings s = RoutingSettings.builder().offlineReceivers(List.of(id("rcv"))).maxQueueLength(20).build();
    Router r = Router.builder(shop(roster), s).seed(5).listener(exits).build();
    for (int i = 0; i < AGENTS; i++) {
      r.setPresence(a(i), Presence.ONLINE);
    }
    return r;
  }

  private static boolean running(long deadline, int ops) {
    return System.nanoTime() < deadline && ops < MAX_OPS;
  }

  /** Checks one atomic snapshot: seats within {@code maxSeats}, no id twice, queue order never flipping. */
  private static final class Observer {
    private Map<ConsultationId, Integer> lastOrder = Map.of();
    int snapshots;

    void check(LiveState s, Map<AccountId, Integer> maxSeats) {
      snapshots++;
      Map<AccountId, Integer> seats = new HashMap<>();
      Set<ConsultationId> ids = new HashSet<>();
      for (OpenConsultation o : s.open()) {
        assertTrue(ids.add(o.id()), "R20: " + o.id() + " is open twice in one snapshot");
        seats.merge(o.agent(), 1, Integer::sum);
      }
      seats.forEach((agent, n) -> {
        Integer max = maxSeats.get(agent);
        assertTrue(max == null || n <= max, "R20: " + agent + " holds " + n + " seats in one snapshot; limit " + max);
      });
      Map<ConsultationId, Integer> order = new HashMap<>();
      int last = -1;
      for (WaitingConsultation w : s.waiting()) {
        ConsultationId id = w.consultation().id();
        assertTrue(ids.add(id), "R20, R22: " + id + " is both open and waiting, or waits twice");
        order.put(id, order.size());
        Integer before = lastOrder.get(id);
        if (before != null) {
          assertTrue(before > last, "R22: first come first served: " + id + " overtook another waiting consultation");
          last = before;
        }
      }
      lastOrder = order;
    }
  }

  /** Ends every open and waiting consultation until none is left; then every count must be 0. */
  private static void endEverything(Router r) {
    for (int round = 0; round < 1_000; round++) {
      LiveState s = r.liveState();
      if (s.open().isEmpty() && s.waiting().isEmpty()) {
        break;
      }
      for (OpenConsultation o : s.open()) {
        r.end(o.id());
      }
      for (WaitingConsultation w : s.waiting()) {
        r.end(w.consultation().id());
      }
    }
    assertTrue(r.openConsultations().isEmpty(), "R20: open after ending everything: " + r.openConsultations());
    assertEquals(0, r.queueLength(), "R22: waiting after ending everything");
    for (SubAccount s : r.shop().subAccounts()) {
      assertEquals(0, r.seatsHeld(s.id()), "R20: " + s.id() + " holds a seat after everything ended (a lost or"
          + " phantom seat)");
    }
  }

  /**
   * Fixed limits; 2 routers, 2 enders, 2 presence togglers, 2 settings changers and an observer at once: no
   * snapshot ever shows an agent over its limit (R20, R24).
   */
  @Test
  void noLimitIsExceededAtAnyObservedInstant() throws InterruptedException {
    int[] limits = {1, 2, 3, 1, 2, 3};
    RtFixture.Exits exits = new RtFixture.Exits();
    Router r = router(limits, exits);
    Map<AccountId, Integer> max = new HashMap<>();
    for (int i = 0; i < AGENTS; i++) {
      max.put(a(i), limits[i]);
    }
    max.put(id("rcv"), 1);
    long deadline = System.nanoTime() + RUN_NANOS;
    AtomicInteger routed = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    Observer observer = new Observer();
    List<Runnable> workers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int seed = t;
      workers.add(() -> { // router
        int n = 0;
        while (running(deadline, n++)) {
          r.route(c("c" + routed.getAndIncrement()));
        }
      });
      workers.add(() -> { // ender
        SplittableRandom rnd = new SplittableRandom(100 + seed);
        int n = 0;
        while (running(deadline, n++)) {
          int k = routed.get();
          if (k > 0) {
            r.end(cid("c" + rnd.nextInt(k)));
          }
        }
      });
      workers.add(() -> { // presence
        SplittableRandom rnd = new SplittableRandom(200 + seed);
        int n = 0;
        while (running(deadline, n++)) {
          r.setPresence(a(rnd.nextInt(AGENTS)), Presence.values()[rnd.nextInt(3)]);
        }
      });
      workers.add(() -> { // settings
        SplittableRandom rnd = new SplittableRandom(300 + seed);
        int n = 0;
        while (running(deadline, n++) && n < 2_000) {
          int len = 1 + rnd.nextInt(30);
          ShareMode mode = rnd.nextBoolean() ? ShareMode.LEAST_BUSY : ShareMode.WEIGHTED_RANDOM;
          r.updateSettings(s -> s.toBuilder().maxQueueLength(len).shareMode(mode).build());
        }
      });
    }
    workers.add(() -> {
      int n = 0;
      while (running(deadline, n++) && !stop.get()) {
        observer.check(r.liveState(), max);
      }
    });
    RtFixture.runTogether(workers);
    assertTrue(observer.snapshots > 10, "the observer saw " + observer.snapshots + " snapshots");
    assertTrue(routed.get() > 100, "routed " + routed.get());
    for (SubAccount s : r.shop().subAccounts()) {
      assertEquals(RtFixture.openNaming(r, s.id()), r.seatsHeld(s.id()), "R20: seatsHeld agrees with the open list");
    }
    for (int i = 0; i < AGENTS; i++) {
      r.setPresence(a(i), Presence.ONLINE);
    }
    endEverything(r);
  }

  /**
   * Every kind of writer at once, several of each, plus a resignation in the middle. Two limit changers own
   * disjoint agents, so each agent's last written limit must survive (no lost update, issue 9 item 1); after the
   * resignation of s0 returns, no decision that starts later names s0 (R17, R24), and s0 stays RESIGNED however
   * many concurrent roster and settings changes ran after it.
   */
  @Test
  void noChangeIsLostAndResignationHolds() throws InterruptedException {
    int[] limits = {2, 2, 2, 2, 2, 2};
    RtFixture.Exits exits = new RtFixture.Exits();
    Router r = router(limits, exits);
    Map<AccountId, Integer> max = new HashMap<>();
    for (int i = 0; i < AGENTS; i++) {
      max.put(a(i), 3); // limits change among 1..3 concurrently; no snapshot may exceed the largest
    }
    long deadline = System.nanoTime() + RUN_NANOS;
    AtomicInteger routed = new AtomicInteger();
    AtomicBoolean resigned = new AtomicBoolean();
    ConcurrentHashMap<AccountId, Integer> lastLimit = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    Observer observer = new Observer();
    List<Runnable> workers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int seed = t;
      workers.add(() -> { // router: checks the resignation
        int n = 0;
        while (running(deadline, n++)) {
          boolean after = resigned.get();
          RoutingDecision d = r.route(c("c" + routed.getAndIncrement()));
          if (after && d.agent().equals(java.util.Optional.of(a(0))) && !d.isRepeat()) {
            violations.add("R17, R24: " + d + " named s0 after its resignation returned");
          }
        }
      });
      workers.add(() -> { // ender
        SplittableRandom rnd = new SplittableRandom(100 + seed);
        int n = 0;
        while (running(deadline, n++)) {
          int k = routed.get();
          if (k > 0) {
            r.end(cid("c" + rnd.nextInt(k)));
          }
        }
      });
      workers.add(() -> { // presence (never s0's: its presence does not matter once resigned)
        SplittableRandom rnd = new SplittableRandom(200 + seed);
        int n = 0;
        while (running(deadline, n++)) {
          r.setPresence(a(1 + rnd.nextInt(AGENTS - 1)), Presence.values()[rnd.nextInt(3)]);
        }
      });
      workers.add(() -> { // limits: thread 0 owns s1, s2; thread 1 owns s3, s4, s5
        SplittableRandom rnd = new SplittableRandom(300 + seed);
        int[] own = seed == 0 ? new int[] {1, 2} : new int[] {3, 4, 5};
        int n = 0;
        while (running(deadline, n++) && n < 3_000) {
          int i = own[rnd.nextInt(own.length)];
          int limit = 1 + rnd.nextInt(3);
          r.updateAccount(agent("s" + i, limit));
          lastLimit.put(a(i), limit);
        }
      });
      workers.add(() -> { // settings
        SplittableRandom rnd = new SplittableRandom(400 + seed);
        int n = 0;
        while (running(deadline, n++) && n < 3_000) {
          int len = 1 + rnd.nextInt(30);
          r.updateSettings(s -> s.toBuilder().maxQueueLength(len).build());
        }
      });
    }
    workers.add(() -> { // the resignation, a quarter of the way in
      while (System.nanoTime() < deadline - RUN_NANOS * 3 / 4) {
        Thread.onSpinWait();
      }
      r.updateAccount(agent("s0", 2).withStatus(AccountStatus.RESIGNED));
      resigned.set(true);
    });
    workers.add(() -> {
      int n = 0;
      while (running(deadline, n++)) {
        observer.check(r.liveState(), max);
      }
    });
    RtFixture.runTogether(workers);
    assertTrue(violations.isEmpty(), violations.size() + " violations, first: " + violations.peek());
    assertTrue(resigned.get());
    assertEquals(AccountStatus.RESIGNED, r.shop().subAccount(a(0)).orElseThrow().status(),
        "issue 9 item 1: the resignation of s0 was undone by a concurrent roster or settings change");
    lastLimit.forEach((agent, limit) -> assertEquals(java.util.OptionalInt.of(limit),
        r.shop().subAccount(agent).orElseThrow().concurrentLimit(),
        "issue 9 item 1: the last limit written for " + agent + " was lost to a concurrent change"));
    for (int i = 1; i < AGENTS; i++) {
      r.setPresence(a(i), Presence.ONLINE);
    }
    endEverything(r);
  }
}
