package io.fenliu.jdbc;

import static io.fenliu.jdbc.TestShops.ALICE;
import static io.fenliu.jdbc.TestShops.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's performance figures on the embedded PostgreSQL, each against a baseline measured in the same run:
 * applying a 10,000-move plan through the JDBC store (batched) against today's one-buyer-at-a-time shape (a read
 * and a compare-and-set per buyer), and scanning 1,000,000 relationships by cursor against a plain JDBC loop that
 * reads the same columns. Prints the figures; asserts only correctness (never a time), so it cannot flake.
 *
 * <p>Opt-in, about a minute: {@code ./mvnw -B -pl jdbc -am verify -Pperformance -Dtest=PersistencePerformanceTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. The profile runs it in a 128 MiB heap, so finishing is the proof that
 * the scan's memory does not grow with the shop; the peak heap is printed too.
 */
@Tag("performance")
class PersistencePerformanceTest {
  private static final int MOVES = 10_000;
  private static final int BASELINE_MOVES = 2_000;
  private static final int SCANNED = 1_000_000;
  private static final int ROUNDS = 5;

  @Test
  void applyingATenThousandMovePlan() {
    DataSource db = Databases.postgresShared();
    // Warm-up: the same path on a small shop, so that the measured run is not the JIT's first.
    applyOnce(db, 2_000);
    double[] rates = new double[3];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = applyOnce(db, MOVES);
    }
    double[] baseline = new double[3];
    for (int i = 0; i < baseline.length; i++) {
      baseline[i] = oneAtATime(db, BASELINE_MOVES);
    }
    double plan = median(rates);
    double old = median(baseline);
    System.out.printf(Locale.ROOT, "PERF apply: %,d-move plan through JdbcRelationshipStore: %,.0f moves/s (runs %s); "
        + "one buyer at a time (read + compare-and-set each): %,.0f moves/s; ratio %.1fx%n",
        MOVES, plan, Arrays.toString(round(rates)), old, plan / old);
  }

  /** Plans and applies every anomalous buyer of a fresh shop of {@code n}; moves per second of the apply. */
  private static double applyOnce(DataSource db, int n) {
    Shop shop = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(n));
    // As after any bulk import (autovacuum does it too, later): without statistics PostgreSQL's generic plan for
    // the batch read walks the whole shop instead of probing the primary key (see JdbcRelationshipStore).
    Databases.execute(db, "ANALYZE fenliu_relationship");
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
    TransferPlan plan = TransferPlanner.plan(shop, store, Selection.allAnomalous(), java.util.List.of(ALICE, BOB),
        Distribution.even());
    long t0 = System.nanoTime();
    TransferResult result = plan.applyTo(shop, store);
    long t1 = System.nanoTime();
    assertTrue(result.isComplete(), result.toString());
    assertEquals(n, result.planned());
    return n / ((t1 - t0) / 1e9);
  }

  /** Today's shape (~220 moves/s in the report): one read and one compare-and-set per buyer. */
  private static double oneAtATime(DataSource db, int n) {
    Shop shop = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(n));
    // As after any bulk import (autovacuum does it too, later): without statistics PostgreSQL's generic plan for
    // the batch read walks the whole shop instead of probing the primary key (see JdbcRelationshipStore).
    Databases.execute(db, "ANALYZE fenliu_relationship");
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
    TransferPlan plan = TransferPlanner.plan(shop, store, Selection.allAnomalous(), java.util.List.of(ALICE, BOB),
        Distribution.even());
    long t0 = System.nanoTime();
    for (PlannedMove m : plan.moves()) {
      ExclusiveRelationship current = store.read(m.buyer()).orElseThrow();
      assertTrue(store.compareAndSet(current.version(), current.movedTo(m.to())));
    }
    long t1 = System.nanoTime();
    return n / ((t1 - t0) / 1e9);
  }

  @Test
  void scanningAMillionRelationshipsByCursor() throws SQLException {
    DataSource db = Databases.postgresShared();
    Shop shop = TestShops.shop();
    // A million rows made by the server itself; one in ten followed by eve (resigned), the rest by alice or bob.
    Databases.execute(db, "INSERT INTO fenliu_relationship (shop_id, buyer_id, follower_id, version) "
        + "SELECT '" + shop.id() + "', 'buyer-' || i, CASE WHEN i % 10 = 0 THEN 'eve' WHEN i % 2 = 0 THEN 'alice' "
        + "ELSE 'bob' END, i % 4 FROM generate_series(1, " + SCANNED + ") AS i", "ANALYZE fenliu_relationship");
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();

    double[] plain = new double[ROUNDS];
    double[] walk = new double[ROUNDS];
    double[] scan = new double[ROUNDS];
    long peak = 0;
    for (int round = 0; round < ROUNDS; round++) {
      // Interleaved, so that a slower moment of the machine hits each of the three alike.
      long t0 = System.nanoTime();
      assertEquals(SCANNED, plainLoop(db, shop));
      plain[round] = (System.nanoTime() - t0) / 1e6;

      resetPeaks();
      long[] count = new long[1];
      t0 = System.nanoTime();
      store.forEach(r -> count[0]++);
      walk[round] = (System.nanoTime() - t0) / 1e6;
      assertEquals(SCANNED, count[0]);

      t0 = System.nanoTime();
      AnomalyReport report = AnomalyScanner.scan(shop, store);
      scan[round] = (System.nanoTime() - t0) / 1e6;
      assertEquals(SCANNED / 10, report.anomalous());
      peak = Math.max(peak, peakHeap());
    }
    double p = median(plain);
    double w = median(walk);
    double s = median(scan);
    System.out.printf(Locale.ROOT, "PERF scan: %,d relationships, max heap %d MiB, peak heap used %.1f MiB%n", SCANNED,
        Runtime.getRuntime().maxMemory() >> 20, peak / 1048576.0);
    System.out.printf(Locale.ROOT, "PERF scan: plain JDBC loop %.0f ms (runs %s); store.forEach %.0f ms (runs %s), "
        + "ratio %.2fx; AnomalyScanner.scan(shop, store) %.0f ms (runs %s), ratio %.2fx%n",
        p, Arrays.toString(round(plain)), w, Arrays.toString(round(walk)), w / p, s, Arrays.toString(round(scan)), s / p);
    Databases.execute(db, "DELETE FROM fenliu_relationship WHERE shop_id = '" + shop.id() + "'");
  }

  /**
   * The yardstick: the same query, fetch size and transaction as the store's walk, reading the same three columns
   * into the values a scan needs (strings and a long), with no Fenliu type built.
   */
  private static long plainLoop(DataSource db, Shop shop) throws SQLException {
    long rows = 0;
    long check = 0;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement st = c.prepareStatement(
          "SELECT buyer_id, follower_id, version FROM fenliu_relationship WHERE shop_id = ?")) {
        st.setFetchSize(JdbcRelationshipStore.DEFAULT_FETCH_SIZE);
        st.setString(1, shop.id().value());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            String buyer = rs.getString(1);
            String follower = rs.getString(2);
            long version = rs.getLong(3);
            check += buyer.length() + (follower == null ? 0 : follower.length()) + version;
            rows++;
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
    assertTrue(check > 0);
    return rows;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap in use at any moment. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long[] round(double[] values) {
    return Arrays.stream(values).mapToLong(Math::round).toArray();
  }
}
