package io.fenliu.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The statements of one durable transaction, collected first and sent together: what lets a seated route cost one
 * round trip on PostgreSQL, whose driver sends several statements at once.
 *
 * <p>Design: statement 0 is always the fence, an {@code UPDATE} of the shop's row guarded by the owner's epoch and
 * the shop's seq (R26), and the transaction is refused unless it changed exactly one row. Two ways to send it:
 *
 * <ul>
 *   <li><b>One trip</b> ({@link #runCommitting}, PostgreSQL, on a connection in auto-commit mode): the statements
 *       joined by {@code ;} into one {@link PreparedStatement}, whose parameters number on across them, the fence
 *       {@linkplain DurableSql#guarded guarded} so that it fails when it changes no row. PostgreSQL's driver sends
 *       every statement of such a string, each with its parameters, then one sync; without a {@code BEGIN}, the
 *       server runs everything up to the sync as one implicit transaction, committed at the sync if every statement
 *       succeeded and rolled back whole if one failed — so a refused fence leaves nothing, and the statements after
 *       it never run (no fenced owner waits on, or deadlocks with, the new owner's rows). If the process dies before
 *       the sync reaches the server, nothing commits. One round trip, the commit included.
 *   <li><b>One by one</b> ({@link #run}: H2, whose calls stay in the process; MySQL/MariaDB, whose drivers send one
 *       statement per call unless the URL allows several; and any connection handed out with auto-commit off): the
 *       fence first, and nothing more when it changed nothing; the caller commits.
 * </ul>
 *
 * The caller owns the connection, its auto-commit mode and, for {@link #run}, the commit and the rollback; a value
 * is a {@code String}, {@code Long}, {@code Integer}, {@code byte[]} or a {@link Null} of the column's type.
 */
public final class Transaction {
  /** A typed SQL NULL. */
  public enum Null {
    /** A NULL of a character column. */
    STRING(Types.VARCHAR),
    /** A NULL of a BIGINT column. */
    LONG(Types.BIGINT),
    /** A NULL of an INTEGER column. */
    INT(Types.INTEGER);

    final int type;

    Null(int type) {
      this.type = type;
    }
  }

  /** One statement and its values, in parameter order. */
  private static final class Statement {
    private final String sql;
    private final Object[] values;

    Statement(String sql, Object[] values) {
      this.sql = sql;
      this.values = values;
    }

    String sql() {
      return sql;
    }

    Object[] values() {
      return values;
    }
  }

  private final List<Statement> statements = new ArrayList<>();

  /** Adds a statement; the first one added is the fence. */
  public Transaction add(String sql, Object... values) {
    statements.add(new Statement(sql, values.clone()));
    return this;
  }

  /** How many statements, the fence included. */
  public int size() {
    return statements.size();
  }

  /** {@code value}, or the NULL of its column's type. */
  public static Object orNull(@Nullable Object value, Null type) {
    return value == null ? type : value;
  }

  /**
   * Sends every statement on {@code c}, one call each, and answers whether the fence changed exactly one row; when
   * it did not, nothing after it was sent. The caller commits or rolls back.
   */
  public boolean run(Connection c, int queryTimeoutSeconds) throws SQLException {
    if (statements.isEmpty()) {
      throw new IllegalStateException("a durable transaction starts with its fence");
    }
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      try (PreparedStatement st = Sql.timed(c.prepareStatement(s.sql()), queryTimeoutSeconds)) {
        for (int k = 0; k < s.values().length; k++) {
          bind(st, k + 1, s.values()[k]);
        }
        int changed = st.executeUpdate();
        if (i == 0 && changed != 1) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Sends every statement on {@code c}, which must be a PostgreSQL connection in auto-commit mode, as one pipeline
   * that commits itself (see the class comment); answers whether it committed ({@code false}: the fence changed no
   * row, and nothing was written).
   *
   * @throws SQLException as the driver reports it; then whether the pipeline committed is unknown to the caller
   *     unless the failure came before the server answered
   */
  public boolean runCommitting(Connection c, int queryTimeoutSeconds) throws SQLException {
    if (statements.isEmpty()) {
      throw new IllegalStateException("a durable transaction starts with its fence");
    }
    StringBuilder sql = new StringBuilder(DurableSql.guarded(statements.get(0).sql()));
    for (int i = 1; i < statements.size(); i++) {
      sql.append(";\n").append(statements.get(i).sql());
    }
    try (PreparedStatement st = Sql.timed(c.prepareStatement(sql.toString()), queryTimeoutSeconds)) {
      int index = 1;
      for (Statement s : statements) {
        for (Object v : s.values()) {
          bind(st, index++, v);
        }
      }
      st.execute();
      return true;
    } catch (SQLException e) {
      if (DurableSql.FENCE_REFUSED.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  private static void bind(PreparedStatement st, int index, Object v) throws SQLException {
    if (v instanceof String s) {
      st.setString(index, s);
    } else if (v instanceof Long l) {
      st.setLong(index, l);
    } else if (v instanceof Integer i) {
      st.setInt(index, i);
    } else if (v instanceof byte[] b) {
      st.setBytes(index, b);
    } else if (v instanceof Null n) {
      st.setNull(index, n.type);
    } else {
      throw new IllegalArgumentException("not a value a durable statement binds: " + v.getClass());
    }
  }

  @Override
  public String toString() {
    return "Transaction[" + statements.size() + " statements]";
  }
}
