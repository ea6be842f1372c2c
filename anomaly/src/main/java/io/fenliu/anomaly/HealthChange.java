package io.fenliu.anomaly;

import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.internal.Require;
import java.util.Set;

/**
 * One relationship whose health a roster change changed (R9): its anomaly kinds before and after.
 *
 * @param relationship the relationship, as the store listed it
 * @param before its anomaly kinds under the roster before the change (empty: healthy); unmodifiable
 * @param after its anomaly kinds under the roster after the change (empty: healthy); unmodifiable
 */
public record HealthChange(ExclusiveRelationship relationship, Set<AnomalyKind> before, Set<AnomalyKind> after) {

  /** How a relationship's health changed. */
  public enum Direction {
    /** Healthy before, anomalous after: plan it away (R6). */
    BECAME_ANOMALOUS,
    /** Anomalous before, healthy after: it may be used again, e.g. for campaigns (R2). */
    BECAME_HEALTHY,
    /** Anomalous before and after, with other kinds. */
    KINDS_CHANGED
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component or a kind is null
   * @throws InvalidValueException if {@code before} equals {@code after} (nothing changed)
   */
  public HealthChange {
    Require.notNull(relationship, "relationship");
    before = Set.copyOf(Require.noNullElements(before, "before"));
    after = Set.copyOf(Require.noNullElements(after, "after"));
    if (before.equals(after)) {
      throw new InvalidValueException("after", "R9", "a health change needs different kinds before and after (R9): "
          + before);
    }
  }

  /** How the health changed. */
  public Direction direction() {
    if (before.isEmpty()) {
      return Direction.BECAME_ANOMALOUS;
    }
    return after.isEmpty() ? Direction.BECAME_HEALTHY : Direction.KINDS_CHANGED;
  }
}
