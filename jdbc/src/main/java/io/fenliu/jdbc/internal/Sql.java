package io.fenliu.jdbc.internal;

import io.fenliu.core.InvalidValueException;
import io.fenliu.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * The JDBC plumbing every Fenliu store shares: borrowing a connection for one operation, translating driver
 * failures into {@link JdbcStoreException}s an operator can act on, and instants as epoch microseconds.
 *
 * <p>Design: a store holds no connection between calls. Each operation borrows one from the host's {@link
 * DataSource} (normally a pool), uses it for one statement or one short transaction, restores the auto-commit
 * mode it found, and gives it back, whatever happens. So a store is as thread-safe as its {@code DataSource},
 * and a dropped connection costs one operation, never the store.
 */
public final class Sql {
  private Sql() {}

  /** One operation on a borrowed connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work; may throw what the driver throws. */
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} on a connection borrowed from {@code dataSource} and closes it; a driver failure becomes a
   * {@link JdbcStoreException} saying what was being done ({@code what}), and runtime exceptions of the work
   * itself (e.g. a visitor's) pass unchanged.
   */
  public static <T> T withConnection(DataSource dataSource, String what, Work<T> work) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException | RuntimeException e) {
      throw new JdbcStoreException("could not " + what + ": the DataSource gave no connection (" + e
          + "); check its URL, credentials and that the database is up, then try again", e);
    }
    try (Connection c = connection) {
      // The stores' statements are meant to commit one by one; a pool that hands out connections with auto-commit
      // off gets its work committed here, so nothing a store wrote is left to a later borrower's transaction.
      boolean autoCommit = c.getAutoCommit();
      T result;
      try {
        result = work.run(c);
      } catch (SQLException | RuntimeException e) {
        if (!autoCommit) {
          rollbackQuietly(c, e);
        }
        throw e;
      }
      if (!autoCommit) {
        c.commit();
      }
      return result;
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** One operation on a borrowed connection that answers nothing. */
  @FunctionalInterface
  public interface Action {
    /** Does the work; may throw what the driver throws. */
    void run(Connection connection) throws SQLException;
  }

  /** {@link #withConnection} for work that answers nothing. */
  public static void run(DataSource dataSource, String what, Action action) {
    withConnection(dataSource, what, c -> {
      action.run(c);
      return Boolean.TRUE;
    });
  }

  /** A driver failure while doing {@code what}, with the advice that fits its kind. */
  public static JdbcStoreException failure(String what, SQLException e) {
    String advice;
    if (isTimeout(e)) {
      advice = "the statement timed out; the database is overloaded or a lock is held: try again, or raise the "
          + "store's queryTimeout";
    } else if (isConnectionLost(e)) {
      advice = "the connection to the database was lost; try again once the database is reachable";
    } else {
      advice = "see the cause";
    }
    return new JdbcStoreException("could not " + what + ": " + advice + " (SQLState " + e.getSQLState() + ": "
        + e.getMessage() + ")", e);
  }

  /** Whether {@code e} says a unique or primary key was violated (PostgreSQL, H2, MySQL/MariaDB). */
  public static boolean isUniqueViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      String state = x.getSQLState();
      if ("23505".equals(state) || x.getErrorCode() == 1062 || x.getErrorCode() == 23505) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} is a statement timeout or cancellation. */
  public static boolean isTimeout(SQLException e) {
    return e instanceof SQLTimeoutException || "57014".equals(e.getSQLState()) || "HYT00".equals(e.getSQLState());
  }

  /** Whether {@code e} is a lost or refused connection (SQLState class 08, or a terminated backend). */
  public static boolean isConnectionLost(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.equals("57P01"));
  }

  /** A unit of work on a connection that yields a value. */
  @FunctionalInterface
  public interface InTransaction<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code body} as one transaction on {@code c}: committed whole, or rolled back whole when it throws; the
   * connection's auto-commit mode is restored afterwards, after the commit or rollback (turning auto-commit back on
   * first would commit whatever the transaction holds).
   */
  public static <T> T inTransaction(Connection c, InTransaction<T> body) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = body.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Rolls back after {@code cause}, adding a failed rollback to it as suppressed. */
  public static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** The version in {@code fenliu_schema_version}, or empty when the table or its row is missing. */
  public static OptionalInt schemaVersion(Connection connection) throws SQLException {
    if (!tableExists(connection, "fenliu_schema_version")) {
      return OptionalInt.empty();
    }
    try (PreparedStatement st = connection.prepareStatement(
        "SELECT version FROM fenliu_schema_version WHERE component = 'fenliu'");
        ResultSet rs = st.executeQuery()) {
      return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
    }
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    // Unquoted names are folded to lower case by PostgreSQL and to upper case by H2; MySQL keeps them.
    for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE", "BASE TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code at} in microseconds since the epoch, truncated toward the past (PostgreSQL's own timestamp resolution).
   *
   * @throws InvalidValueException if {@code at} is beyond ±292,000 years, which no long of microseconds holds
   */
  public static long micros(Instant at, String argument) {
    try {
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    } catch (ArithmeticException e) {
      throw new InvalidValueException(argument, null, argument + " is too far from 1970 to be stored "
          + "(at most about 292,000 years either way): " + at);
    }
  }

  /** The instant {@code micros} microseconds after the epoch. */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** Applies the store's statement time limit (whole seconds, as JDBC has it; 0 = none). */
  public static PreparedStatement timed(PreparedStatement st, int queryTimeoutSeconds) throws SQLException {
    if (queryTimeoutSeconds > 0) {
      st.setQueryTimeout(queryTimeoutSeconds);
    }
    return st;
  }
}
