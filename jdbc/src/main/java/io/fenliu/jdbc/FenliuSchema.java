package io.fenliu.jdbc;

import io.fenliu.core.internal.Require;
import io.fenliu.jdbc.internal.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables Fenliu's JDBC stores need (relationships for R8 and R9, recent contacts for R18 and R21, open
 * consultations for R20), the {@link DurableRouter}'s (shops with their owner epoch, presence, the queue and its
 * exits: R20–R22, R25, R26) and {@link JdbcTransferPlans}' (saved transfer plans and each move's progress: R3, R8),
 * as versioned SQL files, and a one-call helper that applies them.
 *
 * <h2>Applying the schema</h2>
 *
 * Either let the host's migration tool run the files of its database, in version order, found on the class path
 * at {@code fenliu-schema/<dialect>/V1__fenliu.sql}, {@code V2__durable.sql} and {@code V3__transfer_plans.sql}
 * (Flyway: {@code locations=classpath:fenliu-schema/postgresql}; Liquibase: an {@code sqlFile} change each), or
 * call {@link #apply(DataSource)} once at start-up. Version 1 creates the stores' tables with their indexes — by buyer and by
 * shop (each table's primary key), by follower (R9); version 2 adds the durable router's tables and two columns of
 * the open consultations; version 3 adds the saved transfer plans and their progress. Each records its version in
 * {@code fenliu_schema_version}. {@link #apply(DataSource)} migrates an older database by running the later files
 * alone: a version-1 database gets the second and third, a version-2 database the third.
 *
 * <p>Every store {@linkplain #verify(DataSource) verifies} the version when it is built, and refuses a database
 * without the schema, or with another version, with a message that says what to do: a store never writes into
 * tables it does not know.
 */
public final class FenliuSchema {
  /** The schema version this release of fenliu-jdbc reads and writes. */
  public static final int VERSION = 3;

  /** The file of each version, in order: {@code V1__fenliu.sql}, {@code V2__durable.sql}, {@code V3__transfer_plans.sql}. */
  private static final List<String> FILES = List.of("V1__fenliu.sql", "V2__durable.sql", "V3__transfer_plans.sql");

  private static final Logger LOG = LoggerFactory.getLogger(FenliuSchema.class);

  private FenliuSchema() {}

  /** The SQL dialects the schema is written in. */
  public enum Dialect {
    /** PostgreSQL 12 or later. */
    POSTGRESQL("postgresql"),
    /** H2 2.x, the embedded default. */
    H2("h2"),
    /** MySQL 8.0.16 or later, and MariaDB 10.4 or later (binary collation, so ids compare exactly). */
    MYSQL("mysql");

    private final String folder;

    Dialect(String folder) {
      this.folder = folder;
    }

    /** The class-path resource of this dialect's first schema file, {@code fenliu-schema/<dialect>/V1__fenliu.sql}. */
    public String resource() {
      return resource(1);
    }

    /**
     * The class-path resource of the file that brings this dialect's schema to {@code version}, e.g. {@code
     * fenliu-schema/h2/V2__durable.sql}.
     *
     * @throws io.fenliu.core.InvalidValueException if {@code version} is not in [1, {@link #VERSION}]
     */
    public String resource(int version) {
      Require.inRange(version, 1, VERSION, "schema version", null);
      return "fenliu-schema/" + folder + "/" + FILES.get(version - 1);
    }

    /** The dialect of a database, from the product name its JDBC driver reports. */
    public static Dialect ofProduct(String databaseProductName) {
      String name = Require.notNull(databaseProductName, "database product name").toLowerCase(Locale.ROOT);
      if (name.contains("postgres")) {
        return POSTGRESQL;
      }
      if (name.equals("h2")) {
        return H2;
      }
      if (name.contains("mysql") || name.contains("mariadb")) {
        return MYSQL;
      }
      throw new JdbcStoreException("fenliu-jdbc has no schema for database '" + databaseProductName
          + "'; it ships PostgreSQL, H2 and MySQL/MariaDB schemas: adapt the files of fenliu-schema/<dialect>/ "
          + "(V1 to V" + VERSION + ") with your migration tool", null);
    }
  }

  /** The SQL statements of {@code dialect}'s schema, every version's in order: what creates it from nothing. */
  public static List<String> statements(Dialect dialect) {
    Require.notNull(dialect, "dialect");
    List<String> all = new ArrayList<>();
    for (int v = 1; v <= VERSION; v++) {
      all.addAll(statements(dialect, v));
    }
    return List.copyOf(all);
  }

  /**
   * The SQL statements of the file that brings {@code dialect}'s schema from {@code version - 1} to {@code version}.
   *
   * @throws io.fenliu.core.InvalidValueException if {@code version} is not in [1, {@link #VERSION}]
   */
  public static List<String> statements(Dialect dialect, int version) {
    Require.notNull(dialect, "dialect");
    String resource = dialect.resource(version);
    String text;
    try (InputStream in = FenliuSchema.class.getModule().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("fenliu-jdbc is missing its own resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The files keep to one rule: a statement ends with ';' at the end of a line, and no comment or literal does.
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : (Iterable<String>) text.lines()::iterator) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    return List.copyOf(statements);
  }

  /**
   * Creates the schema if the database has none, migrates a schema of an older version to {@link #VERSION} (running
   * the later files only), and does nothing if it is at {@link #VERSION}. Run it from one node at start-up (or let
   * the migration tool do it): two nodes creating the tables at the same moment may see one of them fail, and then
   * simply start again.
   *
   * @return whether the schema was created or migrated
   * @throws JdbcStoreException if no connection can be had, the database holds a newer version of the schema, or a
   *     statement fails (on PostgreSQL nothing is then left half-done; on H2 and MySQL, whose DDL commits at once,
   *     drop the {@code fenliu_*} tables the failed file created before trying again)
   */
  public static boolean apply(DataSource dataSource) {
    Require.notNull(dataSource, "data source");
    return Sql.withConnection(dataSource, "apply the Fenliu schema", connection -> {
      OptionalInt found = Sql.schemaVersion(connection);
      if (found.isPresent() && (found.getAsInt() >= VERSION || found.getAsInt() < 1)) {
        checkVersion(found.getAsInt());
        return false;
      }
      int from = found.orElse(0);
      Dialect dialect = Dialect.ofProduct(connection.getMetaData().getDatabaseProductName());
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement st = connection.createStatement()) {
        for (int v = from + 1; v <= VERSION; v++) {
          for (String sql : statements(dialect, v)) {
            st.execute(sql);
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        Sql.rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      if (from == 0) {
        LOG.info("Fenliu schema version {} created ({})", VERSION, dialect);
      } else {
        LOG.info("Fenliu schema migrated from version {} to {} ({})", from, VERSION, dialect);
      }
      return true;
    });
  }

  /**
   * Checks that the database holds the schema at {@link #VERSION}; every store calls this when built.
   *
   * @throws JdbcStoreException if no connection can be had, or the schema is missing or of another version; the
   *     message says how to apply or upgrade it
   */
  public static void verify(DataSource dataSource) {
    Require.notNull(dataSource, "data source");
    Sql.run(dataSource, "check the Fenliu schema version", connection -> {
      OptionalInt found = Sql.schemaVersion(connection);
      if (found.isEmpty()) {
        String dialect;
        try {
          dialect = Dialect.ofProduct(connection.getMetaData().getDatabaseProductName()).resource();
        } catch (JdbcStoreException e) {
          dialect = "fenliu-schema/<dialect>/V1__fenliu.sql";
        }
        throw new JdbcStoreException("the Fenliu schema is missing from this database (no table fenliu_schema_version, "
            + "or no 'fenliu' row in it): apply it once with FenliuSchema.apply(dataSource), or run " + dialect
            + " and the later files beside it (up to V" + VERSION + ") with your migration tool", null);
      }
      checkVersion(found.getAsInt());
    });
  }

  private static void checkVersion(int found) {
    if (found != VERSION) {
      throw new JdbcStoreException("the database holds Fenliu schema version " + found + " but this fenliu-jdbc "
          + "reads and writes version " + VERSION + ": " + (found < VERSION
              ? "migrate it with FenliuSchema.apply(dataSource), or run the newer files of fenliu-schema/<dialect>/ "
                  + "(V" + (found + 1) + " to V" + VERSION + ") with your migration tool"
              : "use the fenliu-jdbc release that wrote it, or point this one at another database")
          + "; nothing was read or written", null);
    }
  }
}
