package io.fenliu.anomaly;

import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.internal.Require;
import java.util.Set;

/**
 * A relationship and the anomaly kinds it has (R1); never empty.
 *
 * @param relationship the relationship
 * @param kinds its anomaly kinds, at least one; unmodifiable
 */
public record AnomalousRelationship(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
  /**
   * Validates both components.
   *
   * @throws NullPointerException if a component or a kind is null
   * @throws InvalidValueException if {@code kinds} is empty
   */
  public AnomalousRelationship {
    Require.notNull(relationship, "relationship");
    Require.noNullElements(kinds, "kinds");
    if (kinds.isEmpty()) {
      throw new InvalidValueException("kinds", "R1", "an anomalous relationship has at least one anomaly kind (R1): "
          + relationship);
    }
    kinds = Set.copyOf(kinds);
  }
}
