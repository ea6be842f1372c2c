package io.fenliu.anomaly;

import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import java.util.Objects;
import java.util.Set;

/**
 * A relationship and the anomaly kinds it has (R1); never empty.
 *
 * @param relationship the relationship
 * @param kinds its anomaly kinds, at least one; unmodifiable
 */
public record AnomalousRelationship(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
  /** Validates both components. */
  public AnomalousRelationship {
    Objects.requireNonNull(relationship, "relationship must not be null");
    Objects.requireNonNull(kinds, "kinds must not be null");
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("an anomalous relationship has at least one anomaly kind (R1): " + relationship);
    }
    kinds = Set.copyOf(kinds);
  }
}
