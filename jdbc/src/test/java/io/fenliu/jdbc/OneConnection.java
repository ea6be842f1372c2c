package io.fenliu.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The smallest pool: one physical connection, handed out again and again ({@code close} gives it back), and a new
 * one once the database closed it. What a child process of the crash tests routes through: a host's pool in
 * miniature, without a pool library.
 */
final class OneConnection implements DataSource {
  private final String url;
  private @Nullable Connection physical;

  OneConnection(String url) {
    this.url = url;
  }

  @Override
  public synchronized Connection getConnection() throws SQLException {
    Connection c = physical;
    if (c == null || c.isClosed()) {
      c = DriverManager.getConnection(url);
      physical = c;
    }
    Connection held = c;
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(held, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Drops the physical connection, e.g. after the database ended its session. */
  synchronized void reset() {
    Connection c = physical;
    physical = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // Already broken: that is why it is dropped.
      }
    }
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public @Nullable PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
