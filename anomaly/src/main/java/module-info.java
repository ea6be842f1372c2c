/**
 * Fenliu anomaly detection and transfer (R1–R9): finds unhealthy exclusive relationships, says which
 * buyers a campaign can reach, moves relationships to valid agents without losing any, and finds the
 * relationships a roster change made anomalous. {@code io.fenliu.anomaly.RelationshipStore} is the SPI a host
 * implements over its database.
 *
 * <p>Only {@code io.fenliu.anomaly} is exported.
 */
module io.fenliu.anomaly {
  requires transitive io.fenliu.core;
  requires static transitive org.jspecify;
  requires org.slf4j;

  exports io.fenliu.anomaly;
}
