/**
 * Fenliu routing (R10–R19): decides which agent answers a consultation, and says why.
 *
 * <p>Only {@code io.fenliu.routing} is exported; the samplers and snapshots behind it are internal.
 */
module io.fenliu.routing {
  requires transitive io.fenliu.core;
  requires static transitive org.jspecify;
  requires org.slf4j;
  requires com.github.benmanes.caffeine;

  exports io.fenliu.routing;
}
