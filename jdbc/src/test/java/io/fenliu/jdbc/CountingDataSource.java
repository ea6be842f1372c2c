package io.fenliu.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} in front of a real one that counts the calls that reach the database server — every {@code
 * execute…} of a statement and every commit and rollback: with PostgreSQL's driver, one round trip each (a
 * statement's parameters travel with it; auto-commit changes and the transaction's start travel with the next
 * statement) — and can make one of them fail, as a lost connection would.
 */
final class CountingDataSource implements DataSource {
  /** Where to fail, once. */
  enum Fault {
    NONE,
    /** The commit (or, in auto-commit mode, the fenced write) fails and nothing is committed. */
    BEFORE_COMMIT,
    /** The commit (or, in auto-commit mode, the fenced write) is done but its answer is lost. */
    AFTER_COMMIT,
    /** The second {@code execute} of a connection fails. */
    SECOND_STATEMENT
  }

  private final DataSource target;
  final AtomicInteger roundTrips = new AtomicInteger();
  private volatile Fault fault = Fault.NONE;

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  void failOnce(Fault f) {
    fault = f;
  }

  private boolean take(Fault f) {
    if (fault == f) {
      fault = Fault.NONE;
      return true;
    }
    return false;
  }

  private static SQLException lost() {
    return new SQLException("injected: the connection was lost", "08006");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(target.getConnection(user, password));
  }

  private Connection wrap(Connection c) {
    AtomicInteger executes = new AtomicInteger();
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("commit")) {
            roundTrips.incrementAndGet();
            if (take(Fault.BEFORE_COMMIT)) {
              c.rollback();
              throw lost();
            }
            c.commit();
            if (take(Fault.AFTER_COMMIT)) {
              throw lost();
            }
            return null;
          }
          if (name.equals("rollback")) {
            roundTrips.incrementAndGet();
          }
          Object result = invoke(method, c, args);
          if (result instanceof Statement st && (name.equals("prepareStatement") || name.equals("createStatement"))) {
            String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : "";
            return statement(c, st, sql, method.getReturnType(), executes);
          }
          return result;
        });
  }

  /**
   * A statement that counts its executions; in auto-commit mode, the one that writes the durable router's fence
   * commits its transaction by itself, so the commit faults strike it.
   */
  private Object statement(Connection c, Statement st, String sql, Class<?> type, AtomicInteger executes) {
    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        roundTrips.incrementAndGet();
        if (executes.incrementAndGet() == 2 && take(Fault.SECOND_STATEMENT)) {
          throw lost();
        }
        boolean commits = c.getAutoCommit() && sql.contains("UPDATE fenliu_shop SET seq");
        if (commits && take(Fault.BEFORE_COMMIT)) {
          throw lost();
        }
        Object result = invoke(method, st, args);
        if (commits && take(Fault.AFTER_COMMIT)) {
          throw lost();
        }
        return result;
      }
      return invoke(method, st, args);
    });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
