/**
 * Fenliu's Jackson module: reads and writes Fenliu's values (shop and accounts, routing settings, live state,
 * decisions, anomaly reports, transfer plans and results) in one documented JSON shape.
 *
 * <p>Only {@code io.fenliu.jackson} ({@link io.fenliu.jackson.FenliuModule}) is exported; the readers and writers
 * behind it live in {@code io.fenliu.jackson.internal}. Jackson databind is a {@code requires transitive}: the
 * module's public type is a Jackson {@code Module}.
 */
module io.fenliu.jackson {
  requires transitive io.fenliu.core;
  requires transitive io.fenliu.routing;
  requires transitive io.fenliu.anomaly;
  requires transitive com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports io.fenliu.jackson;
}
