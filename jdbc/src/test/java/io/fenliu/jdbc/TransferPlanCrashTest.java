package io.fenliu.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * Resume of an interrupted transfer apply (R8): a child JVM ({@link TransferPlanChild}) resumes a saved plan of 3,000
 * moves through {@link JdbcRelationshipStore} and is killed with SIGKILL at a random point after some chunks, again
 * and again; after each kill every relationship is either where it was (at its planned version) or at its target
 * exactly one version later, and every outcome recorded final is true of the store. Then the test resumes the plan
 * in-process: every relationship moved exactly once (version = original + 1, follower = target) and the progress
 * table says done. On PostgreSQL and on H2 (over a TCP server, so the child and the test share the database).
 *
 * <p>{@code fenliu.plans.kills} kills per database: 3 in the default build; {@code -Pdurable-crash} runs 20.
 */
class TransferPlanCrashTest {
  private static final int KILLS = Integer.getInteger("fenliu.plans.kills", 3);
  private static final int MOVES = 3_000;
  private static final AccountId EVE = AccountId.of("eve");
  private static final List<AccountId> TARGETS =
      List.of(AccountId.of("alice"), AccountId.of("bob"), AccountId.of("carol"));

  /** The roster the test and the child share: alice, bob and carol healthy exclusive agents, eve resigned. */
  static Shop roster(ShopId id) {
    List<SubAccount> subs = new ArrayList<>();
    for (AccountId a : TARGETS) {
      subs.add(SubAccount.builder(a, a.value()).exclusiveAgent().build());
    }
    subs.add(SubAccount.builder(EVE, "eve").exclusiveAgent().status(AccountStatus.RESIGNED).build());
    return Shop.of(id, "crash shop", new MainAccount(AccountId.of("owner"), "owner"), subs);
  }

  @Test
  void r8_postgresResumesAfterEveryKillMovingEachRelationshipOnce() {
    crashes(Databases.postgresShared(), Databases.server().getJdbcUrl("postgres", "postgres"), 11);
  }

  @Test
  void r8_h2ResumesAfterEveryKillMovingEachRelationshipOnce() throws SQLException {
    Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    try {
      String url = "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:plans;DB_CLOSE_DELAY=-1";
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
      FenliuSchema.apply(pool);
      crashes(pool, url, 12);
      pool.dispose();
    } finally {
      server.stop();
    }
  }

  private static void crashes(DataSource db, String url, long seed) {
    ShopId id = ShopId.of("plan-crash-" + seed + "-" + Long.toHexString(System.nanoTime()));
    Shop roster = roster(id);
    List<ExclusiveRelationship> relationships = new ArrayList<>(MOVES);
    for (int i = 0; i < MOVES; i++) {
      relationships.add(new ExclusiveRelationship(BuyerId.of("buyer-" + i), Optional.of(EVE), i % 7));
    }
    Databases.insertAll(db, id, relationships);
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, id).build();
    TransferPlan plan = TransferPlanner.plan(roster, store, Selection.allAnomalous(), TARGETS, Distribution.even());
    assertEquals(MOVES, plan.moves().size());
    JdbcTransferPlans plans = JdbcTransferPlans.of(db, id);
    String planId = plans.save(plan);

    Random random = new Random(seed);
    int midway = 0;
    for (int run = 0; run < KILLS; run++) {
      long pending = plans.progress(planId).pending();
      if (pending == 0) {
        break;
      }
      try (ChildJvm child = ChildJvm.start(TransferPlanChild.class, List.of(url, id.value(), planId, "8"))) {
        int outcomes = 1 + random.nextInt((int) Math.max(1, pending / 2));
        assertTrue(child.await(l -> l.startsWith("R ") || l.startsWith("DONE"), outcomes, Duration.ofSeconds(60)),
            () -> "the child reported fewer than " + outcomes + " outcomes: " + child.lines());
        sleepUpTo(random.nextInt(20));
        child.kill();
        if (child.lines().stream().noneMatch(l -> l.startsWith("DONE"))) {
          midway++;
        }
      }
      assertNothingMovedTwice(db, plan, store, planId);
    }
    assertTrue(KILLS == 0 || midway > 0, "at least one kill landed in the middle of a resume");

    TransferResult last = plans.resume(planId, () -> roster, store);
    JdbcTransferPlansTest.assertEveryMoveMadeOnce(plan, store);
    TransferProgress done = plans.progress(planId);
    assertTrue(done.isDone(), done.toString());
    assertEquals(MOVES, done.count(MoveOutcome.Status.MOVED) + done.count(MoveOutcome.Status.ALREADY_AT_TARGET),
        done.toString());
    assertTrue(done.finishedAt().isPresent());
    assertEquals(List.of(), plans.unfinished());
    assertTrue(last.planned() < MOVES || KILLS == 0, "the kills left part of the plan done: " + last);
  }

  /**
   * Between kills: each relationship is untouched or at its target exactly one version on (never two), and each
   * move recorded MOVED or ALREADY_AT_TARGET is at its target (an outcome is recorded only after its write).
   */
  private static void assertNothingMovedTwice(DataSource db, TransferPlan plan, JdbcRelationshipStore store,
      String planId) {
    Map<BuyerId, ExclusiveRelationship> now = JdbcTransferPlansTest.snapshot(store);
    Map<Integer, String> status = statuses(db, planId);
    assertEquals(MOVES, status.size());
    for (int i = 0; i < MOVES; i++) {
      PlannedMove m = plan.moves().get(i);
      ExclusiveRelationship r = now.get(m.buyer());
      boolean untouched = r.follower().equals(Optional.of(EVE)) && r.version() == m.expectedVersion();
      boolean movedOnce = r.follower().equals(Optional.of(m.to())) && r.version() == m.expectedVersion() + 1;
      assertTrue(untouched || movedOnce, () -> m + " is now " + r);
      String s = status.get(i);
      if (s.equals("MOVED") || s.equals("ALREADY_AT_TARGET")) {
        assertTrue(movedOnce, () -> m + " recorded " + s + " but is " + r);
      } else {
        assertTrue(s.equals("PENDING"), () -> m + " recorded " + s);
      }
    }
  }

  private static Map<Integer, String> statuses(DataSource db, String planId) {
    Map<Integer, String> all = new HashMap<>();
    try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
        "SELECT idx, status FROM fenliu_transfer_move WHERE plan_id = ?")) {
      st.setString(1, planId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          all.put(rs.getInt(1), rs.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return all;
  }

  private static void sleepUpTo(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
