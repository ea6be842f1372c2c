package io.fenliu.routing;

import static io.fenliu.routing.RegistryFixture.X;
import static io.fenliu.routing.RegistryFixture.Y;
import static io.fenliu.routing.RegistryFixture.consultation;
import static io.fenliu.routing.RegistryFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Presence;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The router registry (issue 12 item 1): loading once, hand-over on eviction, reload, bulk presence, bad input. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterRegistryTest {
  private static final ShopId S0 = shop(0);
  private static final ShopId S1 = shop(1);

  private static RouterRegistry.Builder registry(RegistryFixture f) {
    return RouterRegistry.builder(f.loader).saver(f.saver).clock(RegistryFixture.CLOCK);
  }

  @Test
  void concurrentFirstUseOfOneShopLoadsItOnce() throws Exception {
    int threads = 16;
    RegistryFixture f = RegistryFixture.create().with(1);
    CountDownLatch inLoader = new CountDownLatch(1);
    RouterRegistry r = RouterRegistry.builder(shop -> {
      inLoader.countDown();
      sleep(20); // widen the window in which the other threads ask for the same shop
      return f.load(shop);
    }).build();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Router>> got = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        got.add(pool.submit(() -> {
          start.await();
          return r.router(S0);
        }));
      }
      start.countDown();
      Router first = got.get(0).get(10, TimeUnit.SECONDS);
      for (Future<Router> g : got) {
        assertSame(first, g.get(10, TimeUnit.SECONDS));
      }
      assertEquals(0, inLoader.getCount());
      assertEquals(1, f.loads(S0), "the loader must run once for concurrent first uses");
      assertEquals(1, r.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLookupOfALoadedShopReturnsTheSameRouterWithoutCallingTheLoader() {
    RegistryFixture f = RegistryFixture.create().with(2);
    RouterRegistry r = registry(f).build();
    Router a = r.router(S0);
    assertSame(a, r.router(S0));
    assertSame(a, r.withRouter(S0, x -> x));
    assertSame(a, r.ifLoaded(S0).orElseThrow());
    assertNotSame(a, r.router(S1));
    assertEquals(1, f.loads(S0));
    assertEquals(Set.of(S0, S1), r.shops());
    Map<ShopId, Router> seen = new LinkedHashMap<>();
    r.forEach(seen::put);
    assertEquals(Set.of(S0, S1), seen.keySet());
    assertSame(a, seen.get(S0));
    assertTrue(r.ifLoaded(shop(7)).isEmpty());
    assertEquals(0, f.loads(shop(7)), "ifLoaded never loads");
  }

  @Test
  void routersRecordStatisticsOnlyWhenTheRegistryIsToldTo() {
    RegistryFixture f = RegistryFixture.create().with(2);
    RouterRegistry recording = registry(f).recordStats().build();
    RouterRegistry plain = registry(f).build();
    for (RouterRegistry r : List.of(recording, plain)) {
      r.withRouter(S0, router -> {
        router.setPresence(X, Presence.ONLINE);
        return router.route(consultation("c1"));
      });
    }
    assertEquals(1, recording.router(S0).stats().decisions(), "R19: the decision is counted");
    assertEquals(RouterStats.empty().decisions(), plain.router(S0).stats().decisions());
  }

  @Test
  void aLoaderThatThrowsLeavesNothingRegisteredAndTheNextCallTriesAgain() {
    RegistryFixture f = RegistryFixture.create().with(1);
    AtomicBoolean fail = new AtomicBoolean(true);
    RouterRegistry r = RouterRegistry.builder(shop -> {
      if (fail.getAndSet(false)) {
        throw new IllegalStateException("database down");
      }
      return f.load(shop);
    }).build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.router(S0));
    assertEquals("database down", e.getMessage());
    assertEquals(0, r.size());
    assertTrue(r.shops().isEmpty());
    assertTrue(r.ifLoaded(S0).isEmpty());
    assertEquals(S0, r.router(S0).shop().id());
    assertEquals(1, r.size());
  }

  @Test
  void aLoadedShopTheRouterRefusesLeavesNothingRegistered() {
    RegistryFixture f = RegistryFixture.create().with(1);
    // A live state naming an agent the roster lacks: Router.Builder#build refuses it.
    LiveState foreign = LiveState.of(Map.of(AccountId.of("ghost"), Presence.ONLINE), Map.of(), List.of(), List.of());
    RouterRegistry r = RouterRegistry.builder(
        shop -> new LoadedShop(f.rosters.get(shop), RoutingSettings.builder().build(), foreign)).build();
    assertThrows(UnknownIdException.class, () -> r.router(S0));
    assertEquals(0, r.size());
  }

  @Test
  void anUnknownShopIsReportedAndNothingIsRegistered() {
    RegistryFixture f = RegistryFixture.create().with(1);
    RouterRegistry r = registry(f).build();
    UnknownIdException e = assertThrows(UnknownIdException.class, () -> r.router(shop(9)));
    assertTrue(e.getMessage().contains("shop-9"), e.getMessage());
    assertEquals(0, r.size());
  }

  @Test
  void aLoaderReturningAnotherShopsRosterIsRefusedNamingBothShops() {
    RegistryFixture f = RegistryFixture.create().with(2);
    RouterRegistry r = RouterRegistry.builder(shop -> f.load(S1)).build();
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> r.router(S0));
    assertTrue(e.getMessage().contains("shop-0") && e.getMessage().contains("shop-1"), e.getMessage());
    assertEquals(0, r.size());
  }

  @Test
  void nullsAndBadBuilderValuesAreRefused() {
    RegistryFixture f = RegistryFixture.create().with(1);
    RouterRegistry r = registry(f).build();
    assertThrows(NullPointerException.class, () -> RouterRegistry.builder(null));
    assertThrows(NullPointerException.class, () -> r.router(null));
    assertThrows(NullPointerException.class, () -> r.withRouter(S0, null));
    assertThrows(NullPointerException.class, () -> r.withRouter(null, x -> x));
    assertThrows(NullPointerException.class, () -> r.setPresence(S0, null));
    assertThrows(NullPointerException.class, () -> r.remove(null));
    assertThrows(NullPointerException.class, () -> r.reload(null));
    Map<AccountId, Presence> withNull = new LinkedHashMap<>();
    withNull.put(X, null);
    assertThrows(NullPointerException.class, () -> r.setPresence(S0, withNull));
    InvalidValueException idle = assertThrows(InvalidValueException.class,
        () -> RouterRegistry.builder(f.loader).expireAfterIdle(Duration.ofSeconds(-5)));
    assertTrue(idle.getMessage().contains("PT-5S"), idle.getMessage());
    assertThrows(InvalidValueException.class, () -> RouterRegistry.builder(f.loader).expireAfterIdle(Duration.ZERO));
    InvalidValueException max = assertThrows(InvalidValueException.class,
        () -> RouterRegistry.builder(f.loader).maximumSize(0));
    assertTrue(max.getMessage().contains("0"), max.getMessage());
    // A huge idle duration saturates rather than overflowing.
    RouterRegistry.builder(f.loader).expireAfterIdle(Duration.ofSeconds(Long.MAX_VALUE)).build().router(S0);
  }

  @Test
  void bulkPresenceSetsEveryAgentOrNone() {
    RegistryFixture f = RegistryFixture.create().with(1);
    RouterRegistry r = registry(f).build();
    r.setPresence(S0, Map.of(X, Presence.ONLINE, Y, Presence.SUSPENDED));
    Router router = r.router(S0);
    assertEquals(Presence.ONLINE, router.presence(X));
    assertEquals(Presence.SUSPENDED, router.presence(Y));

    Map<AccountId, Presence> bad = new LinkedHashMap<>();
    bad.put(X, Presence.OFFLINE);
    bad.put(AccountId.of("ghost"), Presence.ONLINE);
    UnknownIdException e = assertThrows(UnknownIdException.class, () -> r.setPresence(S0, bad));
    assertTrue(e.getMessage().contains("ghost") && e.getMessage().contains("shop-0"), e.getMessage());
    assertEquals(Presence.ONLINE, router.presence(X), "nothing changes when one id is unknown");

    Instant t1 = Instant.parse("2026-11-23T09:00:00Z");
    assertEquals(2, r.setPresence(S0, Map.of(X, Presence.OFFLINE, Y, Presence.ONLINE), t1));
    assertEquals(0, r.setPresence(S0, Map.of(X, Presence.ONLINE), t1.minusSeconds(1)),
        "a change older than the agent's latest is ignored (R21)");
    assertEquals(Presence.OFFLINE, router.presence(X));
    assertEquals(Presence.ONLINE, router.presence(Y));
  }

  @Test
  void reloadAppliesTheLoadersRosterAndKeepsTheLiveState() {
    RegistryFixture f = RegistryFixture.create().with(1);
    RouterRegistry r = registry(f).build();
    Router router = busy(r, S0);
    LiveState before = router.liveState();
    assertEquals(1, before.waiting().size());

    f.rosters.put(S0, RegistryFixture.roster(S0, 3)); // the host raised the limits in its database
    assertSame(router, r.reload(S0), "reload changes the router in place: no second router");
    assertEquals(2, f.loads(S0));
    assertEquals(3, router.shop().subAccount(X).orElseThrow().concurrentLimit().orElseThrow());
    LiveState after = router.liveState();
    assertEquals(before.presence(), after.presence());
    assertTrue(after.waiting().isEmpty(), "the raised limit seated the waiting consultation (R22)");
    assertEquals(before.open().size() + 1, after.open().size(), "every open consultation stays open");
    assertTrue(after.open().containsAll(before.open()));
  }

  @Test
  void reloadOfAShopNotLoadedLoadsIt() {
    RegistryFixture f = RegistryFixture.create().with(1);
    RouterRegistry r = registry(f).build();
    assertEquals(S0, r.reload(S0).shop().id());
    assertEquals(1, r.size());
    assertThrows(UnknownIdException.class, () -> r.reload(shop(5)));
    assertEquals(1, r.size());
  }

  @Test
  void removeHandsTheLiveStateToTheSaverAndTheNextUseRestoresIt() {
    RegistryFixture f = RegistryFixture.create().with(1);
    RouterRegistry r = registry(f).build();
    LiveState state = busy(r, S0).liveState();
    WeakReference<Router> old = new WeakReference<>(r.router(S0));
    assertEquals(state, r.remove(S0).orElseThrow());
    assertEquals(state, f.saved.get(S0));
    assertEquals(0, r.size());
    assertTrue(r.remove(S0).isEmpty(), "removing a shop not loaded does nothing");
    // Nothing holds the old router any more: once it is collected, the loader rebuilds it from the saved state.
    assumeTrue(RegistryFixture.gcUntil(RegistryFixture.cleared(old)), "the GC did not collect the router");
    assertEquals(state, r.router(S0).liveState());
    assertEquals(2, f.loads(S0));
  }

  @Test
  void evictionUnderUseNeverLosesLiveState_aHeldRouterComesBack() {
    RegistryFixture f = RegistryFixture.create().with(2);
    AtomicLong nanos = new AtomicLong();
    RouterRegistry r = registry(f).expireAfterIdle(Duration.ofMinutes(1)).ticker(nanos::get).build();
    Router held = busy(r, S0); // a request thread keeps this reference
    LiveState before = held.liveState();
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    r.cleanUp();
    assertEquals(0, r.size(), "idle: let go");
    assertEquals(before, f.saved.get(S0), "the saver got the state at the hand-over");
    // The holder keeps changing the router after it was let go...
    held.route(consultation("late"));
    held.setPresence(Y, Presence.OFFLINE);
    // ...and the next use of the shop gets that same router back, with the late changes: no second router.
    assertSame(held, r.router(S0));
    assertEquals(1, f.loads(S0));
    assertTrue(held.liveState().waiting().stream().anyMatch(w -> w.consultation().id().value().equals("late")));
    assertEquals(Presence.OFFLINE, r.router(S0).presence(Y));
    assertEquals(List.of(S0), List.copyOf(r.shops()));
  }

  @Test
  void evictionBySizeHandsOverTheLetGoRouter() {
    RegistryFixture f = RegistryFixture.create().with(3);
    RouterRegistry r = registry(f).maximumSize(1).build();
    for (int i = 0; i < 3; i++) {
      busy(r, shop(i));
    }
    r.cleanUp();
    assertEquals(1, r.size());
    Set<ShopId> letGo = new HashSet<>(Set.of(shop(0), shop(1), shop(2)));
    letGo.removeAll(r.shops());
    assertEquals(2, letGo.size());
    assertTrue(f.saved.keySet().containsAll(letGo), "every let-go shop was saved: " + f.saved.keySet());
    f.saved.forEach((shop, state) -> assertEquals(4, state.open().size()));
  }

  @Test
  void evictionUnderUseNeverLosesLiveState_changesInWithRouterAfterTheExportAreSavedAgain() {
    RegistryFixture f = RegistryFixture.create().with(2);
    RouterRegistry r = registry(f).build();
    busy(r, S0);
    WeakReference<Router> first = new WeakReference<>(r.router(S0));
    r.withRouter(S0, router -> {
      r.remove(S0); // the registry lets it go while this call still uses it (an eviction does the same)
      router.route(consultation("late"));
      router.end(ConsultationId.of("c0"));
      return null;
    });
    LiveState saved = f.saved.get(S0);
    assertTrue(saved.waiting().stream().anyMatch(w -> w.consultation().id().value().equals("late"))
        || saved.open().stream().anyMatch(o -> o.id().value().equals("late")), "late change saved: " + saved);
    assertTrue(saved.open().stream().noneMatch(o -> o.id().value().equals("c0")), "late end saved: " + saved);
    // Once nobody holds the router, the next use builds a new one from the saved state: nothing was lost.
    assumeTrue(RegistryFixture.gcUntil(RegistryFixture.cleared(first)), "the GC did not collect the router");
    Router next = r.router(S0);
    assertEquals(2, f.loads(S0));
    assertEquals(saved, next.liveState());
  }

  @Test
  void idleRoutersAreLetGoWithTheirStateAndComeBackFromTheSaver() {
    RegistryFixture f = RegistryFixture.create().with(2);
    AtomicLong nanos = new AtomicLong();
    RouterRegistry r = registry(f).expireAfterIdle(Duration.ofMinutes(30)).ticker(nanos::get).build();
    LiveState state = busy(r, S0).liveState();
    r.router(S1);
    nanos.addAndGet(Duration.ofMinutes(20).toNanos());
    r.router(S1); // used: stays
    r.forEach((shop, router) -> assertEquals(shop, router.shop().id())); // iteration is not a use
    assertEquals(Set.of(S0, S1), r.shops());
    nanos.addAndGet(Duration.ofMinutes(20).toNanos());
    r.cleanUp();
    assertEquals(Set.of(S1), r.shops(), "only the shop idle for 40 minutes is let go");
    assertEquals(state, f.saved.get(S0));
    assertFalse(f.saved.containsKey(S1));
    assertEquals(state, r.router(S0).liveState());
  }

  @Test
  void aSaverIsCalledOnlyWhenTheStateChanged() {
    RegistryFixture f = RegistryFixture.create().with(1);
    RouterRegistry r = registry(f).build();
    busy(r, S0);
    Router held = r.router(S0);
    r.remove(S0);
    assertEquals(1, f.saves.get());
    r.cleanUp(); // the held router did not change: no second save
    assertEquals(1, f.saves.get());
    held.setPresence(X, Presence.OFFLINE);
    r.cleanUp(); // it changed through the kept reference: saved again
    assertEquals(2, f.saves.get());
    assertEquals(Presence.OFFLINE, f.saved.get(S0).presence().get(X));
  }

  @Test
  void aSaverThatThrowsOnEvictionIsLoggedAndTheRouterStaysReachable() {
    RegistryFixture f = RegistryFixture.create().with(2);
    RouterRegistry r = RouterRegistry.builder(f.loader).clock(RegistryFixture.CLOCK).maximumSize(1)
        .saver((shop, state) -> {
          throw new IllegalStateException("store down");
        }).build();
    Router a = r.router(S0);
    Router b = r.router(S1);
    r.cleanUp();
    assertEquals(1, r.size());
    assertSame(a, r.router(S0));
    assertSame(b, r.router(S1));
    RouterRegistry unbounded = RouterRegistry.builder(f.loader).saver((shop, state) -> {
      throw new IllegalStateException("store down");
    }).build();
    unbounded.router(S0);
    unbounded.router(S1);
    assertThrows(IllegalStateException.class, () -> unbounded.remove(S0), "remove reports the saver's failure");
    assertEquals(Set.of(S1), unbounded.shops());
    unbounded.removeAll(); // logs, does not throw
    assertEquals(0, unbounded.size());
  }

  @Test
  void listenersAreMadePerShop() {
    RegistryFixture f = RegistryFixture.create().with(2);
    Set<ShopId> asked = new HashSet<>();
    RouterRegistry r = registry(f).listeners(shop -> {
      asked.add(shop);
      return exit -> { };
    }).build();
    r.router(S0);
    r.router(S1);
    r.router(S0);
    assertEquals(Set.of(S0, S1), asked);
  }

  @Test
  void manyThreadsOnFewShopsWithConstantEvictionLoseNoConsultation() throws Exception {
    int threads = 4;
    int shops = 3;
    int perThread = 300;
    RegistryFixture f = RegistryFixture.create();
    for (int i = 0; i < shops; i++) {
      f.rosters.put(shop(i), RegistryFixture.roster(shop(i), 1_000_000));
    }
    RouterRegistry r = registry(f).maximumSize(1).build();
    for (int i = 0; i < shops; i++) {
      r.setPresence(shop(i), Map.of(X, Presence.ONLINE, Y, Presence.ONLINE));
    }
    AtomicInteger[] open = new AtomicInteger[shops];
    for (int i = 0; i < shops; i++) {
      open[i] = new AtomicInteger();
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            int s = (thread + i) % shops;
            String id = "t" + thread + "-" + i;
            boolean seated = r.withRouter(shop(s), router -> router.route(consultation(id)).holdsSeat());
            if (seated) {
              open[s].incrementAndGet();
            }
            if (i % 3 == 0 && seated) {
              boolean ended = r.withRouter(shop(s), router -> router.end(ConsultationId.of(id)).agent().isPresent());
              if (ended) {
                open[s].decrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> d : done) {
        d.get(20, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    r.removeAll();
    for (int i = 0; i < shops; i++) {
      assertEquals(open[i].get(), f.saved.get(shop(i)).open().size(), "open consultations of " + shop(i));
    }
  }

  @Test
  void concurrentRemovalsWhileThreadsChangeTheRouterLoseNothing() throws Exception {
    int workers = 3;
    int perWorker = 200;
    RegistryFixture f = RegistryFixture.create();
    f.rosters.put(S0, RegistryFixture.roster(S0, 1_000_000));
    RouterRegistry r = registry(f).build();
    r.setPresence(S0, Map.of(X, Presence.ONLINE, Y, Presence.ONLINE));
    AtomicInteger open = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(workers + 1);
    try {
      Future<Integer> remover = pool.submit(() -> {
        start.await();
        int removals = 0;
        while (running.get()) {
          if (r.remove(S0).isPresent()) {
            removals++;
          }
          Thread.onSpinWait();
        }
        return removals;
      });
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < workers; t++) {
        int worker = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perWorker; i++) {
            String id = "w" + worker + "-" + i;
            if (r.withRouter(S0, router -> router.route(consultation(id)).holdsSeat())) {
              open.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> d : done) {
        d.get(20, TimeUnit.SECONDS);
      }
      running.set(false);
      assertTrue(remover.get(20, TimeUnit.SECONDS) > 0, "the shop was let go at least once");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(workers * perWorker, open.get());
    r.remove(S0);
    assertEquals(open.get(), f.saved.get(S0).open().size(), "every seated consultation reached the saver");
  }

  @Test
  void savesOfEvictedRoutersRunOnTheExecutor() {
    RegistryFixture f = RegistryFixture.create().with(1);
    List<Runnable> tasks = new ArrayList<>();
    AtomicLong nanos = new AtomicLong();
    RouterRegistry r = registry(f).expireAfterIdle(Duration.ofMinutes(1)).ticker(nanos::get).executor(tasks::add)
        .build();
    LiveState state = busy(r, S0).liveState();
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    r.cleanUp();
    for (int i = 0; i < 10 && !f.saved.containsKey(S0); i++) { // run maintenance and saves handed to the executor
      List<Runnable> now = new ArrayList<>(tasks);
      tasks.clear();
      now.forEach(Runnable::run);
      r.cleanUp();
    }
    assertEquals(state, f.saved.get(S0));
    assertEquals(0, r.size());
  }

  /** Puts {@code shop} in a busy state: both agents online and full, one consultation waiting (R20, R22). */
  private static Router busy(RouterRegistry r, ShopId shop) {
    r.setPresence(shop, Map.of(X, Presence.ONLINE, Y, Presence.ONLINE));
    return r.withRouter(shop, router -> {
      for (int i = 0; i < 2 * RegistryFixture.LIMIT; i++) {
        assertTrue(router.route(consultation("c" + i)).holdsSeat());
      }
      assertTrue(router.route(consultation("w")).isQueued());
      return router;
    });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
