package io.fenliu.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Walks a query's rows by cursor, in constant memory, handing each to the caller: what a scan of a million
 * relationships (R1) or a restore of every open consultation (R20) needs.
 *
 * <p>Design: the rows arrive {@code fetchSize} at a time. PostgreSQL's driver uses a cursor only inside a
 * transaction, so the walk turns auto-commit off for its duration and restores it after; it only reads, and ends
 * with a rollback (nothing to keep), so it never holds a write lock. On PostgreSQL and H2 the walk therefore sees
 * one snapshot of the table, which is stronger than the "weakly consistent" the store interfaces promise. MySQL's
 * Connector/J streams only with {@code useCursorFetch=true} in the URL; MariaDB's driver honours the fetch size.
 *
 * <p>The connection, statement and cursor are closed whatever happens; an exception thrown by the row handler
 * passes unchanged.
 */
public final class Streams {
  private Streams() {}

  /** Binds a statement's parameters. */
  @FunctionalInterface
  public interface Binder {
    /** Sets the parameters of {@code st}. */
    void bind(PreparedStatement st) throws SQLException;
  }

  /** Handles one row; the result set is positioned on it. */
  @FunctionalInterface
  public interface RowHandler {
    /** Reads the current row of {@code rs}. */
    void row(ResultSet rs) throws SQLException;
  }

  /** Runs {@code sql} and hands every row to {@code handler}, {@code fetchSize} rows per round trip. */
  public static void forEachRow(DataSource dataSource, String what, String sql, Binder binder, int fetchSize,
      int queryTimeoutSeconds, RowHandler handler) {
    Sql.run(dataSource, what, connection -> {
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      try {
        walk(connection, sql, binder, fetchSize, queryTimeoutSeconds, handler);
      } finally {
        end(connection, autoCommit);
      }
    });
  }

  private static void walk(Connection connection, String sql, Binder binder, int fetchSize, int queryTimeoutSeconds,
      RowHandler handler) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY)) {
      Sql.timed(st, queryTimeoutSeconds);
      st.setFetchSize(fetchSize);
      binder.bind(st);
      try (ResultSet rs = st.executeQuery()) {
        rs.setFetchSize(fetchSize);
        while (rs.next()) {
          handler.row(rs);
        }
      }
    }
  }

  private static void end(Connection connection, boolean autoCommit) throws SQLException {
    try {
      connection.rollback();
    } finally {
      if (autoCommit) {
        connection.setAutoCommit(true);
      }
    }
  }
}
