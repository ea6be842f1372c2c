package io.fenliu.benchmarks;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.jdbc.DurableRouter;
import io.fenliu.jdbc.FenliuSchema;
import io.fenliu.routing.Applied;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * Issue 20's figures for the durable router (R20, R22, R25, R26), on the embedded PostgreSQL these benchmarks start
 * (the server binaries come from Maven Central, as in fenliu-jdbc's tests), one client thread:
 *
 * <ul>
 *   <li>{@link RouteAndEnd#durableRouteAndEnd}: a consultation routed to a free seat and ended through {@link DurableRouter}:
 *       two events, two transactions, with every row each writes (the open consultation with its decision, the
 *       buyer's recent contact, the shop's fenced counters);
 *   <li>{@link RouteAndEnd#bareInsertAndDelete}: the least any host pays for the same seat — an insert and a delete of the
 *       open-consultation row, each committed on its own, on one connection, with nothing else. The target is
 *       {@code durableRouteAndEnd} ≥ 0.5× this rate;
 *   <li>{@link Load#takeBusyShop}: taking (loading) a shop of 1,000 agents with 3,000 open and 1,000 waiting
 *       consultations. The target is ≤ 50 ms.
 * </ul>
 *
 * Both rates are per pair (one route and its end; one insert and its delete). Connections come from a small pool
 * (H2's pool over PostgreSQL's {@code ConnectionPoolDataSource}), as a host's pool would give them.
 */
public class DurableRouterBenchmark {
  private DurableRouterBenchmark() {}

  /** A started embedded PostgreSQL with Fenliu's schema, and a pool on it. */
  abstract static class Database {
    @Nullable EmbeddedPostgres server;
    @Nullable JdbcConnectionPool pool;

    DataSource start() {
      try {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        server = pg;
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(pg.getJdbcUrl("postgres", "postgres"));
        JdbcConnectionPool p = JdbcConnectionPool.create(source);
        p.setMaxConnections(4);
        pool = p;
        FenliuSchema.apply(p);
        return p;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void stop() throws IOException {
      JdbcConnectionPool p = pool;
      if (p != null) {
        p.dispose();
      }
      EmbeddedPostgres pg = server;
      if (pg != null) {
        pg.close();
      }
    }
  }

  static Shop roster(ShopId id, int agents, int limit) {
    List<SubAccount> subs = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      subs.add(SubAccount.builder(AccountId.of("agent-" + i), "agent " + i).exclusiveAgent().concurrentLimit(limit)
          .build());
    }
    return Shop.of(id, "bench", new MainAccount(AccountId.of("owner"), "owner"), subs);
  }

  /** Route and end, against the bare statements. */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(1)
  @Warmup(iterations = 3, time = 3)
  @Measurement(iterations = 5, time = 3)
  public static class RouteAndEnd extends Database {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private DurableRouter shop;
    private Connection bare;
    private PreparedStatement insert;
    private PreparedStatement delete;
    private long next;

    @Setup
    public void setUp() throws SQLException {
      DataSource db = start();
      ShopId id = ShopId.of("bench");
      DurableRouter d = DurableRouter.builder(db, id).createIfAbsent(roster(id, 50, 1_000), RoutingSettings.builder().build())
          .seed(1).take();
      for (int i = 0; i < 50; i++) {
        d.setPresence(AccountId.of("agent-" + i), Presence.ONLINE, T0);
      }
      shop = d;
      Connection c = db.getConnection();
      bare = c;
      insert = c.prepareStatement("INSERT INTO fenliu_open_consultation (shop_id, consultation_id, buyer_id, "
          + "agent_id, seated_at_us, step, reason) VALUES (?, ?, ?, ?, ?, ?, ?)");
      delete = c.prepareStatement("DELETE FROM fenliu_open_consultation WHERE shop_id = ? AND consultation_id = ?");
    }

    @TearDown
    public void tearDown() throws SQLException, IOException {
      bare.close();
      stop();
    }

    /** One seated route and its end, each an event committed with all its rows. */
    @Benchmark
    public Applied durableRouteAndEnd() {
      DurableRouter d = shop;
      long n = next++;
      ConsultationId c = ConsultationId.of("c-" + n);
      Instant at = T0.plusMillis(n);
      d.apply(ShopEvent.arrived(d.shop(), Consultation.of(c, BuyerId.of("b-" + (n % 10_000)),
          EntryPage.SHOP_HOME, OrderStatus.NO_ORDER).arrivedAt(at)));
      return d.apply(ShopEvent.ended(d.shop(), c).at(at));
    }

    /** The open-consultation row inserted and deleted, each committed on its own. */
    @Benchmark
    public int bareInsertAndDelete() throws SQLException {
      PreparedStatement in = insert;
      PreparedStatement out = delete;
      long n = next++;
      String c = "x-" + n;
      in.setString(1, "bare");
      in.setString(2, c);
      in.setString(3, "b-" + (n % 10_000));
      in.setString(4, "agent-" + (n % 50));
      in.setLong(5, n);
      in.setString(6, "WEIGHTED");
      in.setString(7, "bench");
      int rows = in.executeUpdate();
      out.setString(1, "bare");
      out.setString(2, c);
      return rows + out.executeUpdate();
    }
  }

  /** Taking a busy shop: what a standby or a restarted node pays before its first decision. */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Fork(1)
  @Warmup(iterations = 3, time = 3)
  @Measurement(iterations = 5, time = 3)
  public static class Load extends Database {
    private DataSource db;
    private final ShopId id = ShopId.of("busy");

    @Setup
    public void setUp() {
      DataSource source = start();
      db = source;
      Shop roster = roster(id, 1_000, 3);
      RoutingSettings settings = RoutingSettings.builder().maxQueueLength(2_000).maxQueueWait(Duration.ofDays(1))
          .build();
      DurableRouter d = DurableRouter.builder(source, id).createIfAbsent(roster, settings).seed(1).take();
      Instant t = Instant.parse("2026-12-01T09:00:00Z");
      for (SubAccount a : roster.subAccounts()) {
        d.setPresence(a.id(), Presence.ONLINE, t);
      }
      for (int i = 0; i < 4_000; i++) {
        d.route(Consultation.of(ConsultationId.of("c-" + i), BuyerId.of("b-" + i), EntryPage.SHOP_HOME,
            OrderStatus.NO_ORDER).arrivedAt(t.plusMillis(i)));
      }
      if (d.openConsultations().size() != 3_000 || d.queueLength() != 1_000) {
        throw new IllegalStateException("the busy shop is not 3,000 open and 1,000 waiting: "
            + d.openConsultations().size() + " open, " + d.queueLength() + " waiting");
      }
    }

    @TearDown
    public void tearDown() throws IOException {
      stop();
    }

    /** A take: the epoch raised and every row of the shop read and installed in one transaction (R26). */
    @Benchmark
    public DurableRouter takeBusyShop() {
      return DurableRouter.builder(db, id).take();
    }
  }
}
