/**
 * Fenliu on a relational database through JDBC: a relationship store (R8, R9), a recent-contact store (R18,
 * R21), an open-consultation store (R20) and saved transfer plans with their progress (R3, R8) over a {@link
 * javax.sql.DataSource}, and the schema they need ({@link io.fenliu.jdbc.FenliuSchema}).
 *
 * <p>Only {@code io.fenliu.jdbc} is exported; the SQL and row mapping live in {@code io.fenliu.jdbc.internal}.
 * The module needs no driver at compile time: the host brings its own, and its own connection pool.
 */
module io.fenliu.jdbc {
  requires transitive io.fenliu.routing;
  requires static transitive org.jspecify;
  requires transitive io.fenliu.anomaly;
  requires transitive java.sql;
  requires org.slf4j;

  exports io.fenliu.jdbc;
}
