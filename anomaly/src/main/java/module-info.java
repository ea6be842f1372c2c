/**
 * Fenliu anomaly detection and transfer (R1–R8): finds unhealthy exclusive relationships, says which
 * buyers a campaign can reach, and moves relationships to valid agents without losing any.
 *
 * <p>Only {@code io.fenliu.anomaly} is exported.
 */
module io.fenliu.anomaly {
  requires transitive io.fenliu.core;
  requires static transitive org.jspecify;
  requires org.slf4j;

  exports io.fenliu.anomaly;
}
