package io.fenliu.jdbc;

import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The database could not do what a Fenliu JDBC store asked, or holds something Fenliu cannot read: the {@code
 * DataSource} failed, the schema is missing or of another version, a statement failed or timed out, or a row
 * holds a value no relationship can have (R8: a negative version, a blank id). The message says what went wrong
 * and what to do; {@link #getCause()} is the driver's exception, if there was one.
 *
 * <p>Unchecked, so that the stores can implement Fenliu's store interfaces. For a read, nothing changed. For a
 * write, the outcome is unknown unless the method says otherwise: read again to find out (a transfer does this by
 * itself when applied again).
 */
public class JdbcStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message for an operator.
   *
   * @param message what went wrong and what to do
   * @param cause the driver's exception, or null
   */
  public JdbcStoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** The SQLSTATE of the driver's exception (e.g. "57014" for a cancelled statement), if there is one. */
  public Optional<String> sqlState() {
    Throwable cause = getCause();
    return cause instanceof SQLException sql ? Optional.ofNullable(sql.getSQLState()) : Optional.empty();
  }
}
