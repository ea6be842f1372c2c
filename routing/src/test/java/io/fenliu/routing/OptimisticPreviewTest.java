package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.buyer;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.SubAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attacks {@link Router#preview}'s lock-free optimistic read (R24, Router's "Threads and consistency"): every
 * preview must return a decision that some single state of the router between its call and its return would give.
 * Each test keeps an invariant true in <em>every</em> state the writers can produce, and fails on any preview
 * that only a torn read (half of one change, half of another) could produce. Written from DOMAIN.md and the public
 * Javadoc only.
 */
class OptimisticPreviewTest {
  private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(700);
  private final Instant now = Instant.now();

  private static boolean running(long deadline) {
    return System.nanoTime() < deadline;
  }

  /** Runs {@code body} repeatedly until the deadline. */
  private static Runnable loop(long deadline, Consumer<Long> body) {
    return () -> {
      long i = 0;
      while (running(deadline)) {
        body.accept(i++);
      }
    };
  }

  /** Runs {@code body} repeatedly while {@code more} says so. */
  private static Runnable loopWhile(java.util.function.BooleanSupplier more, Consumer<Long> body) {
    return () -> {
      long i = 0;
      while (more.getAsBoolean()) {
        body.accept(i++);
      }
    };
  }

  private static Consultation plain(String id) {
    return c(id);
  }

  /**
   * R20, R22, R24, R17: agents A and B (limit 1, ONLINE) share one consultation x that a writer moves between them
   * with {@link Router#seat} and {@link Router#restore}, so in every state exactly one of them has a free seat; L is
   * ONLINE but always at or over its limit (it holds 2 seats while updateAccount flips its limit between 1 and 2); C
   * is filled and emptied by seat/end; D (page set of PRODUCT_DETAIL, limit 1) by route/end; settings flip the
   * share mode. A RESIGNED agent and one out of routing are ONLINE throughout. Forbidden for a plain preview, in
   * every state: QUEUED or NO_AGENT (A or B is free), and naming L, the resigned agent or the non-routing one.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS)
  void previewNeverSeesATornSeatCountDuringMovesLimitChangesAndRelayouts() throws InterruptedException {
    SubAccount a = agent("a", 1);
    SubAccount b = agent("b", 1);
    SubAccount cc = agent("c", 1);
    SubAccount d = agent("d", 1);
    SubAccount l = agent("l", 1);
    SubAccount resigned = agent("r", 0).withStatus(AccountStatus.RESIGNED);
    SubAccount notRouting = agent("n", 0).withRoutingParticipation(false);
    RoutingSettings base = RtFixture.settings().page(EntryPage.PRODUCT_DETAIL, List.of(id("d"))).build();
    Router router = Router.builder(shop(a, b, cc, d, l, resigned, notRouting), base).build();
    for (String s : List.of("a", "b", "c", "d", "l", "r", "n")) {
      router.setPresence(id(s), Presence.ONLINE);
    }
    router.seat(cid("x"), buyer("x"), id("a"));
    RestoreReport report = router.restore(List.of(new OpenConsultation(cid("l1"), buyer("l1"), id("l"), now),
        new OpenConsultation(cid("l2"), buyer("l2"), id("l"), now)));
    assertEquals(2, report.restored(), "both seats of L are restored (R20)");
    assertEquals(2, router.seatsHeld(id("l")), "L holds 2 seats over its limit of 1 (R20)");

    long deadline = System.nanoTime() + RUN_NANOS;
    Set<AccountId> allowed = Set.of(id("a"), id("b"), id("c"), id("d"));
    AtomicLong previews = new AtomicLong();
    List<Runnable> workers = new ArrayList<>();
    // Mover: x goes A -> B -> A, by seat() and by restore() in turn.
    workers.add(loop(deadline, i -> {
      AccountId from = router.openConsultation(cid("x")).orElseThrow().agent();
      AccountId to = from.equals(id("a")) ? id("b") : id("a");
      if (i % 2 == 0) {
        assertEquals(from, router.seat(cid("x"), buyer("x"), to).orElseThrow(), "seat() moves x from its holder (R20)");
      } else {
        router.restore(List.of(new OpenConsultation(cid("x"), buyer("x"), to, now)));
      }
    }));
    // L's limit flips 1 <-> 2: it always holds 2, so it is always at or over its limit.
    workers.add(loop(deadline, i -> router.updateAccount(l.withConcurrentLimit(OptionalInt.of(i % 2 == 0 ? 2 : 1)))));
    // C: seat then end.
    workers.add(loop(deadline, i -> {
      ConsultationId y = cid("y-" + i);
      router.seat(y, buyer("y"), id("c"));
      assertEquals(EndResult.Outcome.ENDED, router.end(y).outcome(), "ending a seated consultation frees it (R20)");
    }));
    // D: routed from its page, then ended.
    workers.add(loop(deadline, i -> {
      String zid = "z-" + i;
      Consultation z = Consultation.of(cid(zid), buyer(zid), EntryPage.PRODUCT_DETAIL, OrderStatus.NO_ORDER);
      RoutingDecision dz = router.route(z);
      assertEquals(id("d"), dz.agent().orElse(null), "D is free and its page's only agent (R11): " + dz);
      router.end(cid(zid));
    }));
    // Settings churn: a new layout each time.
    workers.add(loop(deadline, i -> router.updateSettings(
        s -> s.toBuilder().shareMode(i % 2 == 0 ? ShareMode.LEAST_BUSY : ShareMode.WEIGHTED_RANDOM).build())));
    // Previewers.
    for (int t = 0; t < 3; t++) {
      workers.add(loop(deadline, i -> {
        RoutingDecision p = router.preview(plain("p-" + i));
        previews.incrementAndGet();
        if (!p.holdsSeat() || p.agent().isEmpty() || !allowed.contains(p.agent().get())) {
          fail("a preview only a torn read could give: A or B always has a free seat, and only A, B, C, D are "
              + "eligible with a free seat (R17, R20, R22, R24): " + p);
        }
        Consultation toL = plain("q-" + i).withRecentContact(id("l"), now.minus(Duration.ofMinutes(5)));
        RoutingDecision pl = router.preview(toL);
        if (pl.agent().equals(java.util.Optional.of(id("l"))) || pl.isQueued() || !pl.holdsSeat()) {
          fail("L is at or over its limit in every state, so it takes nothing, continuity included (R20), and A or "
              + "B is free: " + pl);
        }
      }));
    }
    RtFixture.runTogether(workers);
    assertTrue(previews.get() > 0, "previews ran");
    assertEquals(2, router.seatsHeld(id("l")), "L's seats survived every limit change (R20)");
    assertEquals(1, router.seatsHeld(id("a")) + router.seatsHeld(id("b")), "x is held by exactly one of A, B (R20)");
  }

  /**
   * R16, R17, R21, R24: E and F (no limit) toggle presence so that at least one is ONLINE in every state (F goes
   * online before E goes offline, and back); G flips between SUSPENDED and OFFLINE and is the offline receiver; K is
   * removed from and re-added to the roster (it rejoins OFFLINE); stale timed presence changes for E are sent and
   * must be ignored; E's limit changes. Forbidden: OFFLINE_RECEIVER, NO_AGENT, QUEUED (someone eligible is always
   * ONLINE with a free seat), or naming G or K.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS)
  void previewNeverSeesNobodyOnlineWhileSomeoneAlwaysIs() throws InterruptedException {
    SubAccount e = agent("e", 0);
    SubAccount f = agent("f", 0);
    SubAccount g = agent("g", 0);
    SubAccount k = agent("k", 0);
    Router router = Router.builder(shop(e, f, g, k), RtFixture.settings("g").connectToExclusiveAgent(true).build())
        .build();
    router.setPresence(id("e"), Presence.ONLINE);
    router.setPresence(id("f"), Presence.OFFLINE);
    router.setPresence(id("g"), Presence.SUSPENDED);
    assertEquals(RoutingStep.ANY_ONLINE, router.preview(plain("warm")).step(), "E is online (R18)");

    long deadline = System.nanoTime() + RUN_NANOS;
    Instant stale = Instant.parse("2000-01-01T00:00:00Z");
    List<Runnable> workers = new ArrayList<>();
    workers.add(loop(deadline, i -> {
      // Always at least one of E, F is ONLINE.
      router.setPresence(id("f"), Presence.ONLINE);
      router.setPresence(id("e"), Presence.OFFLINE);
      router.setPresence(id("e"), Presence.ONLINE);
      router.setPresence(id("f"), Presence.OFFLINE);
    }));
    workers.add(loop(deadline, i -> {
      assertFalse(router.setPresence(id("e"), Presence.OFFLINE, stale),
          "a presence change older than E's last one is ignored (R21)");
      assertFalse(router.setPresence(id("f"), Presence.OFFLINE, stale),
          "a presence change older than F's last one is ignored (R21)");
    }));
    workers.add(loop(deadline, i -> router.setPresence(id("g"), i % 2 == 0 ? Presence.OFFLINE : Presence.SUSPENDED)));
    workers.add(loop(deadline, i -> {
      if (i % 2 == 0) {
        router.removeAccount(id("k"));
      } else {
        router.updateAccount(k);
      }
    }));
    workers.add(loop(deadline, i -> router.updateAccount(e.withConcurrentLimit(
        i % 2 == 0 ? OptionalInt.of(100) : OptionalInt.empty()))));
    AtomicLong previews = new AtomicLong();
    for (int t = 0; t < 3; t++) {
      workers.add(loop(deadline, i -> {
        RoutingDecision p = router.preview(plain("p-" + i));
        previews.incrementAndGet();
        AccountId who = p.agent().orElse(null);
        if (p.step() != RoutingStep.ANY_ONLINE || !(id("e").equals(who) || id("f").equals(who))) {
          fail("E or F is ONLINE with a free seat in every state, so a preview goes to one of them (R17, R18, "
              + "R16 only when nobody is online, R24): " + p);
        }
        RoutingDecision pk = router.preview(plain("k-" + i).withRecentContact(id("k"), now.minus(Duration.ofMinutes(1)))
            .withExclusiveFollower(id("k")));
        AccountId whoK = pk.agent().orElse(null);
        if (!(id("e").equals(whoK) || id("f").equals(whoK))) {
          fail("K, removed and re-added (OFFLINE) over and over, is never ONLINE: continuity and the exclusive "
              + "follower move on at once (R18), to E or F: " + pk);
        }
      }));
    }
    RtFixture.runTogether(workers);
    assertTrue(previews.get() > 0, "previews ran");
  }

  /**
   * R17, R24: "a change that has returned is seen by every decision that starts after it". X is resigned
   * (updateAccount to RESIGNED) and W set OFFLINE while previews run; a preview that starts after either change
   * returned (seen through a volatile flag written after the return) must not name that agent, though every
   * preview names it as the buyer's recent agent (R18) before.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS)
  void previewAfterAReturnedResignationOrLogoutNeverNamesThatAgent() throws InterruptedException {
    SubAccount x = agent("x", 0);
    SubAccount w = agent("w", 0);
    SubAccount y = agent("y", 0);
    SubAccount v = agent("v", 2);
    Router router = Router.builder(shop(x, w, y, v), RtFixture.settings().build()).build();
    for (String s : List.of("x", "w", "y", "v")) {
      router.setPresence(id(s), Presence.ONLINE);
    }
    long start = System.nanoTime();
    long deadline = start + RUN_NANOS;
    long changeAt = start + RUN_NANOS / 3;
    java.util.concurrent.atomic.AtomicBoolean resignedDone = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicBoolean logoutDone = new java.util.concurrent.atomic.AtomicBoolean();
    List<Runnable> workers = new ArrayList<>();
    workers.add(() -> {
      while (System.nanoTime() < changeAt) {
        Thread.onSpinWait();
      }
      router.updateAccount(x.withStatus(AccountStatus.RESIGNED));
      resignedDone.set(true);
      router.setPresence(id("w"), Presence.OFFLINE);
      logoutDone.set(true);
    });
    // Noise: seats on V, settings, Y's presence.
    workers.add(loop(deadline, i -> {
      router.seat(cid("v-" + i), buyer("v"), id("v"));
      router.end(cid("v-" + i));
    }));
    workers.add(loop(deadline, i -> router.updateSettings(
        s -> s.toBuilder().shareMode(i % 2 == 0 ? ShareMode.LEAST_BUSY : ShareMode.WEIGHTED_RANDOM).build())));
    workers.add(loop(deadline, i -> router.setPresence(id("y"), Presence.ONLINE)));
    AtomicLong before = new AtomicLong();
    AtomicLong after = new AtomicLong();
    for (int t = 0; t < 2; t++) {
      // Until the deadline, and on until both changes have returned and a preview has started after them: on a
      // loaded machine the changing thread may return only after the deadline (the test's timeout bounds the wait).
      workers.add(loopWhile(() -> running(deadline) || !logoutDone.get() || after.get() == 0, i -> {
        boolean xGone = resignedDone.get();
        RoutingDecision px = router.preview(
            plain("px-" + i).withRecentContact(id("x"), now.minus(Duration.ofHours(1))));
        if (xGone) {
          after.incrementAndGet();
          assertFalse(px.agent().equals(java.util.Optional.of(id("x"))),
              "X resigned before this preview started, so it is never routed to again (R17, R24): " + px);
        } else {
          before.incrementAndGet();
        }
        boolean wGone = logoutDone.get();
        RoutingDecision pw = router.preview(
            plain("pw-" + i).withRecentContact(id("w"), now.minus(Duration.ofHours(1))));
        if (wGone) {
          assertFalse(pw.agent().equals(java.util.Optional.of(id("w"))),
              "W went OFFLINE before this preview started; routing never waits for or picks an offline agent "
                  + "(R17, R18, R24): " + pw);
        }
      }));
    }
    RtFixture.runTogether(workers);
    assertTrue(before.get() > 0 && after.get() > 0, "previews ran both before and after the change: " + before
        + "/" + after);
    assertEquals(RoutingStep.RECENT_AGENT,
        router.preview(plain("fin").withRecentContact(id("y"), now.minus(Duration.ofHours(1)))).step(),
        "sanity: continuity works for an eligible agent (R18)");
  }

  /**
   * R12–R14, R17, R23, R24 in advanced mode: group "pre" (bound to NO_ORDER) holds A (ONLINE) and, in every other
   * settings version, B (never ONLINE, its weight huge); settings flip between the two versions and between weighted
   * and least-busy sharing, while C (group "post", bound to SHIPPED) flaps ONLINE/OFFLINE and A's seats come and go.
   * In every state A is the only available agent of the matched group, so a NO_ORDER preview is MATCHED_GROUP A —
   * never B, never C, never another step.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS)
  void advancedPreviewNeverPicksAnOfflineGroupMemberDuringRelayouts() throws InterruptedException {
    SubAccount a = agent("a", 0);
    SubAccount b = agent("b", 0);
    SubAccount cAgent = agent("c", 0);
    AgentGroup withB = AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER).member(id("a"), 1)
        .member(id("b"), 1_000_000).build();
    AgentGroup withoutB = AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER).member(id("a"), 7).build();
    AgentGroup post = AgentGroup.builder("post").boundTo(OrderStatus.SHIPPED).member(id("c"), 3).build();
    RoutingSettings v1 = RtFixture.settings().mode(RoutingMode.ADVANCED).group(withB).group(post).build();
    RoutingSettings v2 = RtFixture.settings().mode(RoutingMode.ADVANCED).group(withoutB).group(post)
        .shareMode(ShareMode.LEAST_BUSY).build();
    Router router = Router.builder(shop(a, b, cAgent), v1).build();
    router.setPresence(id("a"), Presence.ONLINE);
    assertEquals(RoutingStep.MATCHED_GROUP, router.preview(plain("warm")).step(), "A is in the matched group (R12)");
    long deadline = System.nanoTime() + RUN_NANOS;
    List<Runnable> workers = new ArrayList<>();
    workers.add(loop(deadline, i -> router.updateSettings(i % 2 == 0 ? v2 : v1)));
    workers.add(loop(deadline, i -> router.setPresence(id("c"), i % 2 == 0 ? Presence.ONLINE : Presence.OFFLINE)));
    workers.add(loop(deadline, i -> router.setPresence(id("b"), i % 2 == 0 ? Presence.SUSPENDED : Presence.OFFLINE)));
    workers.add(loop(deadline, i -> {
      router.seat(cid("s-" + i), buyer("s"), id("a"));
      router.end(cid("s-" + i));
    }));
    AtomicLong previews = new AtomicLong();
    for (int t = 0; t < 3; t++) {
      workers.add(loop(deadline, i -> {
        RoutingDecision p = router.preview(plain("p-" + i));
        previews.incrementAndGet();
        if (p.step() != RoutingStep.MATCHED_GROUP || !p.agent().equals(java.util.Optional.of(id("a")))) {
          fail("A is the only ONLINE member of the group bound to NO_ORDER in every state (R12, R14, R17, R24): "
              + p);
        }
      }));
    }
    RtFixture.runTogether(workers);
    assertTrue(previews.get() > 0, "previews ran");
  }

  /**
   * R22, R24: while the queue is not empty previews take the lock. A (limit 1) is full in every state: a writer
   * routes a new consultation (it queues) before ending the seated one (the head is seated at once). Forbidden: a
   * preview naming A, or anything but QUEUED, or an exception.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS)
  void previewWhileTheQueueChurnsIsAlwaysQueued() throws InterruptedException {
    SubAccount a = agent("a", 1);
    Router router = Router.builder(shop(a), RtFixture.settings().build()).build();
    router.setPresence(id("a"), Presence.ONLINE);
    assertEquals(id("a"), router.route(c("q-0")).agent().orElseThrow(), "A takes the first (R20)");
    assertTrue(router.route(c("q-1")).isQueued(), "the second waits (R22)");
    long deadline = System.nanoTime() + RUN_NANOS;
    List<Runnable> workers = new ArrayList<>();
    workers.add(loop(deadline, i -> {
      long n = i + 2;
      RoutingDecision d = router.route(c("q-" + n));
      assertTrue(d.isQueued(), "A is full, so a new consultation waits (R22): " + d);
      EndResult r = router.end(cid("q-" + i));
      assertEquals(EndResult.Outcome.ENDED, r.outcome(), "the oldest seated one ends (R20): " + r);
      assertEquals(1, r.queueExits().size(), "its seat goes to the head of the queue (R22): " + r);
    }));
    for (int t = 0; t < 3; t++) {
      workers.add(loop(deadline, i -> {
        RoutingDecision p = router.preview(plain("p-" + i));
        assertTrue(p.isQueued() && p.agent().isEmpty(),
            "A is full and someone waits in every state, so a preview queues (R22, R24): " + p);
      }));
    }
    RtFixture.runTogether(workers);
    assertEquals(1, router.seatsHeld(id("a")), "A holds exactly one seat (R20)");
  }

  /**
   * Router.Builder#random: with an injected random source, previews take the write lock (the source need not be
   * thread-safe). Concurrent previews and changes must neither throw nor break the same invariant as above; and
   * on a quiet router a preview with a constant random source decides exactly what route then decides (R19).
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.SECONDS)
  void previewWithAnInjectedRandomSourceIsConsistentAndMatchesRoute() throws InterruptedException {
    SubAccount e = agent("e", 0);
    SubAccount f = agent("f", 0);
    SubAccount g = agent("g", 3);
    Router router = Router.builder(shop(e, f, g), RtFixture.settings("g").build()).seed(7).build();
    router.setPresence(id("e"), Presence.ONLINE);
    long deadline = System.nanoTime() + RUN_NANOS / 2;
    List<Runnable> workers = new ArrayList<>();
    workers.add(loop(deadline, i -> {
      router.setPresence(id("f"), Presence.ONLINE);
      router.setPresence(id("e"), Presence.OFFLINE);
      router.setPresence(id("e"), Presence.ONLINE);
      router.setPresence(id("f"), Presence.OFFLINE);
    }));
    workers.add(loop(deadline, i -> {
      router.seat(cid("s-" + i), buyer("s"), id("e"));
      router.end(cid("s-" + i));
    }));
    for (int t = 0; t < 3; t++) {
      workers.add(loop(deadline, i -> {
        RoutingDecision p = router.preview(plain("p-" + i));
        AccountId who = p.agent().orElse(null);
        assertTrue(p.step() == RoutingStep.ANY_ONLINE && (id("e").equals(who) || id("f").equals(who)),
            "E or F is ONLINE in every state (R16, R17, R24): " + p);
      }));
    }
    RtFixture.runTogether(workers);

    Router quiet = Router.builder(shop(e, f, g), RtFixture.settings("g").build())
        .seed(0x5DEECE66DL).build();
    quiet.setPresence(id("e"), Presence.ONLINE);
    quiet.setPresence(id("f"), Presence.ONLINE);
    quiet.setPresence(id("g"), Presence.ONLINE);
    for (int i = 0; i < 5; i++) {
      RoutingDecision p = quiet.preview(c("m-" + i));
      RoutingDecision r = quiet.route(c("m-" + i));
      assertEquals(p.agent(), r.agent(), "same state, same constant draw: preview says what route does (R19)");
      assertEquals(p.step(), r.step(), "same state, same constant draw: same step (R19)");
      assertEquals(0, quiet.queueLength(), "nothing queued");
    }
    assertEquals(5, quiet.openConsultations().size(), "route seated five, preview none (R20)");
  }
}
