package io.fenliu.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.routing.Applied;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.Router;
import io.fenliu.routing.ShopEvent;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * Crash recovery (R20, R22, R25): a child JVM runs a durable router under load and is killed with SIGKILL at a random
 * point, again and again; after each kill the shop is taken and loaded, and must equal, row for row and in its whole
 * router state, a reference router fed exactly the events the database says were committed: no consultation lost,
 * none seated twice, no half-written event. At the end every consultation is ended, each exactly once.
 *
 * <p>{@code fenliu.durable.kills} kills per database: 3 in the default build; {@code -Pdurable-crash} runs 20.
 */
class DurableCrashTest {
  private static final int KILLS = Integer.getInteger("fenliu.durable.kills", 3);

  @Test
  void postgresRecoversExactlyAfterEveryKill() {
    crashes(Databases.postgresShared(), Databases.server().getJdbcUrl("postgres", "postgres"), 1);
  }

  @Test
  void h2RecoversExactlyAfterEveryKill() throws SQLException {
    Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    try {
      String url = "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:crash;DB_CLOSE_DELAY=-1";
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
      FenliuSchema.apply(pool);
      crashes(pool, url, 2);
      pool.dispose();
    } finally {
      server.stop();
    }
  }

  private static void crashes(DataSource db, String url, long seed) {
    ShopId id = DurableRouterTest.newShop("crash");
    Shop roster = DurableWorkload.roster(id);
    DurableRouter.builder(db, id).createIfAbsent(roster, DurableWorkload.settings()).seed(seed).take();
    Router reference = Router.builder(roster, DurableWorkload.settings()).seed(seed).build();
    Map<Long, String> eventBySeq = new HashMap<>();
    long replayed = 0;
    Random random = new Random(seed);
    for (int run = 0; run < KILLS; run++) {
      try (ChildJvm child = ChildJvm.start(List.of(url, Long.toString(seed * 1000 + run), "r" + run, "0", "true",
          id.value()))) {
        int commits = 5 + random.nextInt(120);
        assertTrue(child.await(l -> l.startsWith("C "), commits, Duration.ofSeconds(90)),
            () -> "the child committed fewer than " + commits + " events: " + child.lines());
        sleepUpTo(random.nextInt(25));
        child.kill();
        record(child.lines(), eventBySeq);
      }
      replayed = verify(db, id, reference, eventBySeq, replayed);
    }
    assertTrue(replayed > KILLS * 5L, "events committed across the kills: " + replayed);
    endEverythingOnce(db, id, reference);
  }

  private static void sleepUpTo(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Keeps, per seq, the last event a child announced for it: a later announcement replaces an uncommitted one. */
  static void record(List<String> lines, Map<Long, String> eventBySeq) {
    for (String line : lines) {
      if (line.startsWith("E ")) {
        String[] f = line.split(" ", 4);
        eventBySeq.put(Long.parseLong(f[2]), f[3]);
      }
    }
  }

  /**
   * Takes the shop (a new owner, after the crash) and checks it against the reference fed the committed events;
   * returns the seq now replayed.
   */
  static long verify(DataSource db, ShopId id, Router reference, Map<Long, String> eventBySeq, long replayed) {
    DurableRouter taken = DurableRouter.builder(db, id).take();
    long committed = taken.sequence();
    assertTrue(committed >= replayed, "committed events never disappear: " + committed + " < " + replayed);
    for (long s = replayed + 1; s <= committed; s++) {
      String event = eventBySeq.get(s);
      assertNotNull(event, "seq " + s + " was committed (the shop is at " + committed + "), so the child announced it "
          + "before applying it; its announcement is missing");
      reference.apply(DurableWorkload.read(id, event));
    }
    assertEquals(reference.snapshot(), taken.snapshot(), "the reload is exactly the committed events' state (R25)");
    DurableRouterTest.assertRowsAre(db, id, reference);
    return committed;
  }

  /** Ends every consultation through the durable router: each exactly once, and nothing is left (R20, R22). */
  static void endEverythingOnce(DataSource db, ShopId id, Router reference) {
    DurableRouter owner = DurableRouter.builder(db, id).take();
    Set<ConsultationId> ended = new HashSet<>();
    for (List<OpenConsultation> open = owner.openConsultations(); !open.isEmpty(); open = owner.openConsultations()) {
      ConsultationId c = open.get(0).id();
      ShopEvent end = ShopEvent.ended(id, c).at(owner.liveState().time().orElseThrow().plusSeconds(1));
      Applied a = owner.apply(end);
      assertEquals(reference.apply(end), a);
      assertEquals(EndResult.Outcome.ENDED, a.end().orElseThrow().outcome());
      assertTrue(ended.add(c), c + " ended twice");
      ShopEvent again = ShopEvent.ended(id, c).at(end.time().orElseThrow());
      Applied second = owner.apply(again);
      assertEquals(reference.apply(again), second);
      assertEquals(EndResult.Outcome.NOT_OPEN, second.end().orElseThrow().outcome(), "a second end is no end");
    }
    for (ConsultationId w : DurableRouterTest.waitingIds(reference)) {
      ShopEvent withdrawn = ShopEvent.withdrawn(id, w).at(owner.liveState().time().orElseThrow());
      Applied a = owner.apply(withdrawn);
      assertEquals(reference.apply(withdrawn), a);
      assertTrue(a.changed());
    }
    assertEquals(reference.snapshot(), owner.snapshot());
    assertEquals(0, owner.queueLength());
    assertEquals(0, Databases.count(db, "SELECT COUNT(*) FROM fenliu_open_consultation WHERE shop_id = '"
        + id.value() + "'") + Databases.count(db, "SELECT COUNT(*) FROM fenliu_waiting WHERE shop_id = '"
        + id.value() + "'"), "nothing left open or waiting");
  }
}
