package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.internal.Require;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan found (R1): how many relationships it read, how many were anomalous, counts per kind (a
 * relationship with two kinds counts in both) and per follower, and the first anomalous relationships up to the
 * scan's retention limit. Memory is bounded by the number of distinct followers and that limit, never by the
 * number of relationships.
 *
 * <p>Made only by {@link AnomalyScanner} (no public constructor, so the counts always add up); immutable.
 */
public final class AnomalyReport {
  private final long scanned;
  private final long anomalous;
  private final Map<AnomalyKind, Long> byKind;
  private final Map<AccountId, Long> anomalousByFollower;
  private final List<AnomalousRelationship> examples;

  AnomalyReport(long scanned, long anomalous, Map<AnomalyKind, Long> byKind, Map<AccountId, Long> anomalousByFollower,
      List<AnomalousRelationship> examples) {
    this.scanned = scanned;
    this.anomalous = anomalous;
    this.byKind = Collections.unmodifiableMap(new EnumMap<>(byKind));
    this.anomalousByFollower = Map.copyOf(anomalousByFollower);
    this.examples = List.copyOf(examples);
  }

  /** Relationships read. */
  public long scanned() {
    return scanned;
  }

  /** Relationships with at least one anomaly kind. */
  public long anomalous() {
    return anomalous;
  }

  /** Relationships with no anomaly. */
  public long healthy() {
    return scanned - anomalous;
  }

  /** Anomalous relationships per kind, every kind present (0 when none), in declaration order; unmodifiable. */
  public Map<AnomalyKind, Long> byKind() {
    return byKind;
  }

  /** The count for one kind. */
  public long count(AnomalyKind kind) {
    return byKind.getOrDefault(Require.notNull(kind, "kind"), 0L);
  }

  /**
   * Anomalous relationships per follower id, for followers with any; relationships without a follower are
   * counted in {@link #byKind()} under {@link AnomalyKind#NO_EXCLUSIVE_AGENT} only. Unmodifiable.
   */
  public Map<AccountId, Long> anomalousByFollower() {
    return anomalousByFollower;
  }

  /** The first anomalous relationships, at most the retention limit, in scan order; unmodifiable. */
  public List<AnomalousRelationship> examples() {
    return examples;
  }

  /** Equal when every count, every per-follower count and the examples are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof AnomalyReport r && scanned == r.scanned && anomalous == r.anomalous && byKind.equals(r.byKind)
        && anomalousByFollower.equals(r.anomalousByFollower) && examples.equals(r.examples);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(scanned, anomalous, byKind, anomalousByFollower, examples);
  }

  @Override
  public String toString() {
    return "AnomalyReport[scanned=" + scanned + ", anomalous=" + anomalous + ", " + byKind + "]";
  }
}
