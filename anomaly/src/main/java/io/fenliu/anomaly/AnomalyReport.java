package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import java.util.List;
import java.util.Map;

/**
 * What a scan found (R1): how many relationships it read, how many were anomalous, counts per kind (a
 * relationship with two kinds counts in both) and per follower, and the first anomalous relationships up
 * to the scan's retention limit. Memory is bounded by the number of distinct followers and that limit,
 * never by the number of relationships.
 *
 * @param scanned relationships read
 * @param anomalous relationships with at least one kind
 * @param byKind anomalous relationships per kind, every kind present (0 when none); unmodifiable
 * @param anomalousByFollower anomalous relationships per follower id, for followers with any; relationships
 *     without a follower are counted in {@code byKind} under {@link AnomalyKind#NO_EXCLUSIVE_AGENT} only
 * @param examples the first anomalous relationships, at most the retention limit; unmodifiable
 */
public record AnomalyReport(
    long scanned,
    long anomalous,
    Map<AnomalyKind, Long> byKind,
    Map<AccountId, Long> anomalousByFollower,
    List<AnomalousRelationship> examples) {

  /** Copies the collections. */
  public AnomalyReport {
    byKind = Map.copyOf(byKind);
    anomalousByFollower = Map.copyOf(anomalousByFollower);
    examples = List.copyOf(examples);
  }

  /** Relationships with no anomaly. */
  public long healthy() {
    return scanned - anomalous;
  }

  /** The count for one kind. */
  public long count(AnomalyKind kind) {
    return byKind.getOrDefault(kind, 0L);
  }
}
