package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.CY03;
import static io.fenliu.anomaly.SeedShop.CY04;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Several writers at once (R3, R8, R9): two appliers race on the same plan while the roster changes (a target
 * resigns) and a third writer moves some of the same buyers by hand. Nothing is lost or duplicated, no buyer is
 * written twice by the plan, every buyer is reported once per application, and R9's answer for the resignation
 * then heals what was written just before it.
 */
class TransferConcurrencyTest {
  private static final int BUYERS = 3_000;

  @Test
  void r8_twoAppliersARosterChangeAndAHandWriterLoseAndDuplicateNothing() throws Exception {
    for (int round = 0; round < 5; round++) {
      race(round);
    }
  }

  private static void race(int round) throws Exception {
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < BUYERS; i++) {
      rels.add(ExclusiveRelationship.of(BuyerId.of("b" + i), SeedShop.RESIGNED));
    }
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), rels);
    TransferPlan plan = TransferPlanner.plan(SHOP, store, Selection.allAnomalous(), List.of(CY03, CY04),
        Distribution.even());
    AtomicReference<Shop> roster = new AtomicReference<>(SHOP);
    Shop cy04Left = SHOP.withSubAccount(SHOP.subAccount(CY04).orElseThrow().withStatus(AccountStatus.RESIGNED));
    Map<BuyerId, Integer> told = new ConcurrentHashMap<>();
    List<List<MoveOutcome>> reports = List.of(new ArrayList<>(), new ArrayList<>());
    int[] handMoved = new int[1];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int a = 0; a < 2; a++) {
      List<MoveOutcome> report = reports.get(a);
      threads.add(new Thread(() -> {
        await(start);
        plan.applyTo(roster::get, store, new TransferListener() {
          @Override public void moved(PlannedMove m, ExclusiveRelationship after) { told.merge(m.buyer(), 1, Integer::sum); }
          @Override public void reported(MoveOutcome o) { report.add(o); }
        }, 0);
      }));
    }
    threads.add(new Thread(() -> {
      await(start);
      for (int spin = 0; spin < 10_000; spin++) {
        Thread.onSpinWait(); // let the appliers start, so the change lands mid-way
      }
      roster.set(cy04Left);
    }));
    threads.add(new Thread(() -> {
      await(start);
      for (int i = round; i < BUYERS; i += 7) {
        ExclusiveRelationship cur = store.read(BuyerId.of("b" + i)).orElseThrow();
        if (store.compareAndSet(cur.version(), cur.movedTo(CY03))) {
          handMoved[0]++;
        }
      }
    }));
    for (Thread t : threads) {
      t.setUncaughtExceptionHandler((th, e) -> failures.add(e));
      t.start();
    }
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failures);

    // Nothing lost or duplicated; each application reported every planned buyer exactly once, in plan order.
    assertEquals(BUYERS, store.size());
    List<BuyerId> planned = plan.moves().stream().map(PlannedMove::buyer).toList();
    for (List<MoveOutcome> report : reports) {
      assertEquals(planned, report.stream().map(o -> o.move().buyer()).toList());
    }
    // The plan wrote each buyer at most once, and told the listener of exactly the writes it made.
    Map<BuyerId, Integer> moved = new HashMap<>();
    for (List<MoveOutcome> report : reports) {
      for (MoveOutcome o : report) {
        if (o.status() == MoveOutcome.Status.MOVED) {
          moved.merge(o.move().buyer(), 1, Integer::sum);
        }
      }
    }
    assertTrue(moved.values().stream().allMatch(n -> n == 1), "no buyer written twice by the plan");
    assertEquals(moved, told, "every write told exactly once");
    long versions = 0;
    for (ExclusiveRelationship r : store.all()) {
      versions += r.version();
    }
    assertEquals(moved.size() + handMoved[0], versions, "every version bump is a reported write: none hidden, none lost");
    for (int a = 0; a < 2; a++) {
      for (MoveOutcome o : reports.get(a)) {
        ExclusiveRelationship now = store.read(o.move().buyer()).orElseThrow();
        switch (o.status()) {
          case MOVED, ALREADY_AT_TARGET -> assertTrue(now.isFollowedBy(o.move().to()) || now.isFollowedBy(CY03), o.toString());
          case TARGET_INVALID -> assertEquals(CY04, o.move().to(), o.toString());
          case CONFLICT -> assertTrue(now.version() > 0, "a conflict only where someone else wrote: " + o);
          case FAILED -> throw new AssertionError("nothing failed here: " + o);
        }
      }
    }

    // R9 closes the window between a chunk's roster check and its writes: what sits on cy04 is found and moved.
    HealthChanges changes = HealthChanges.between(SHOP, cy04Left, store);
    TransferResult healed = TransferPlanner.plan(changes, List.of(CY03), Distribution.even()).applyTo(cy04Left, store);
    assertTrue(healed.isComplete(), healed.toString());
    assertEquals(0, AnomalyScanner.scan(cy04Left, store).anomalous() - countOnResigned(store),
        "only buyers the plan refused (still on 03cy001) remain anomalous");
  }

  private static long countOnResigned(InMemoryRelationshipStore store) {
    long[] n = new long[1];
    store.forEachFollowedBy(SeedShop.RESIGNED, r -> n[0]++);
    return n[0];
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
