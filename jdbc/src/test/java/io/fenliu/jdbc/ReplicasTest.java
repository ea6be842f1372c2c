package io.fenliu.jdbc;

import static io.fenliu.jdbc.TestShops.ALICE;
import static io.fenliu.jdbc.TestShops.BOB;
import static io.fenliu.jdbc.TestShops.CAROL;
import static io.fenliu.jdbc.TestShops.DAVE;
import static io.fenliu.jdbc.TestShops.EVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two JVM-level "replicas" — two stores over two connection pools on one PostgreSQL, as two nodes of a host hold
 * them — run transfers and manual batches (R6, R7) on the same buyers at once, from several threads. R8: nothing is
 * lost or duplicated, every buyer of every application is reported once, and every write that lost a race is
 * reported as a conflict, never as a move.
 */
class ReplicasTest {
  private static final int BUYERS = 800;

  @Test
  void r8_concurrentTransfersAndManualBatchesFromTwoNodesLoseAndDuplicateNothing() throws Exception {
    Shop shop = TestShops.shop();
    DataSource nodeA = Databases.postgresNode();
    DataSource nodeB = Databases.postgresNode();
    List<ExclusiveRelationship> initial = TestShops.followedByEve(BUYERS);
    Databases.insertAll(nodeA, shop.id(), initial);
    JdbcRelationshipStore a = JdbcRelationshipStore.builder(nodeA, shop.id()).build();
    JdbcRelationshipStore b = JdbcRelationshipStore.builder(nodeB, shop.id()).build();

    // Both nodes plan every anomalous buyer before either applies: each buyer is planned at version 0 twice.
    TransferPlan planA = TransferPlanner.plan(shop, a, Selection.allAnomalous(), List.of(ALICE, BOB), Distribution.even());
    TransferPlan planB = TransferPlanner.plan(shop, b, Selection.allAnomalous(), List.of(CAROL, DAVE), Distribution.even());
    assertEquals(BUYERS, planA.moves().size());
    assertEquals(BUYERS, planB.moves().size());

    List<Callable<List<MoveOutcome>>> tasks = new ArrayList<>();
    tasks.add(() -> TestShops.apply(planA, shop, a));
    tasks.add(() -> TestShops.apply(planB, shop, b));
    // Manual batches of 300 (R7) on overlapping buyers from both nodes, planned and applied while the transfers run.
    for (int t = 0; t < 2; t++) {
      JdbcRelationshipStore mine = t == 0 ? a : b;
      int offset = t * 150;
      tasks.add(() -> {
        List<MoveOutcome> outcomes = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
          List<BuyerId> batch = new ArrayList<>();
          for (int i = 0; i < 300; i++) {
            batch.add(BuyerId.of("buyer-" + ((offset + round * 230 + i) % BUYERS)));
          }
          TransferPlan manual = TransferPlanner.manualBatch(shop, mine, batch, round % 2 == 0 ? DAVE : ALICE);
          outcomes.addAll(TestShops.apply(manual, shop, mine));
        }
        return outcomes;
      });
    }
    List<List<MoveOutcome>> results = runAtOnce(tasks);

    // Each planned buyer of each application was reported exactly once; no store failure on a healthy database.
    assertEquals(BUYERS, results.get(0).size());
    assertEquals(BUYERS, results.get(1).size());
    Map<BuyerId, Integer> moved = new HashMap<>();
    Map<MoveOutcome.Status, Integer> statuses = new EnumMap<>(MoveOutcome.Status.class);
    for (List<MoveOutcome> outcomes : results) {
      for (MoveOutcome o : outcomes) {
        statuses.merge(o.status(), 1, Integer::sum);
        assertTrue(o.status() != MoveOutcome.Status.FAILED && o.status() != MoveOutcome.Status.TARGET_INVALID,
            "no failure on a healthy database and a constant roster: " + o);
        if (o.status() == MoveOutcome.Status.MOVED) {
          moved.merge(o.move().buyer(), 1, Integer::sum);
        }
      }
    }

    // The two full transfers planned every buyer at version 0: exactly one of them can win each buyer.
    for (int i = 0; i < BUYERS; i++) {
      MoveOutcome oa = results.get(0).get(i);
      BuyerId buyer = oa.move().buyer();
      MoveOutcome ob = results.get(1).stream().filter(o -> o.move().buyer().equals(buyer)).findFirst().orElseThrow();
      boolean aWon = oa.status() == MoveOutcome.Status.MOVED;
      boolean bWon = ob.status() == MoveOutcome.Status.MOVED;
      assertTrue(!(aWon && bWon), "both nodes moved " + buyer + ": " + oa + " / " + ob);
      if (!aWon) {
        assertTrue(lostRace(oa), "a lost race writes nothing and says so: " + oa);
      }
      if (!bWon) {
        assertTrue(lostRace(ob), "a lost race writes nothing and says so: " + ob);
      }
    }

    // Nothing lost or duplicated: one row per buyer, and each row's version counts exactly the reported moves.
    assertEquals(BUYERS, Databases.count(nodeA, "SELECT COUNT(*) FROM fenliu_relationship WHERE shop_id = '"
        + shop.id() + "'"));
    Map<BuyerId, ExclusiveRelationship> now = new HashMap<>();
    b.forEach(r -> assertTrue(now.put(r.buyer(), r) == null, "listed twice: " + r));
    assertEquals(BUYERS, now.size());
    for (ExclusiveRelationship r : now.values()) {
      assertEquals(moved.getOrDefault(r.buyer(), 0).longValue(), r.version(),
          "every reported move of " + r.buyer() + ", and only those, changed it");
      assertTrue(r.version() == 0 ? r.isFollowedBy(EVE) : !r.isFollowedBy(EVE), r.toString());
    }
    int lost = statuses.getOrDefault(MoveOutcome.Status.CONFLICT, 0)
        + statuses.getOrDefault(MoveOutcome.Status.ALREADY_AT_TARGET, 0);
    assertTrue(lost >= BUYERS, "each buyer's lost race reported: " + statuses);
  }

  /** A move that did not write: a conflict, or already where a manual batch of the other node put it. */
  private static boolean lostRace(MoveOutcome o) {
    return o.status() == MoveOutcome.Status.CONFLICT || o.status() == MoveOutcome.Status.ALREADY_AT_TARGET;
  }

  private static <T> List<T> runAtOnce(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(3, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
