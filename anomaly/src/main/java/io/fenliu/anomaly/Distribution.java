package io.fenliu.anomaly;

import java.util.List;
import java.util.Objects;

/**
 * How a bulk transfer spreads the selected relationships over its targets (R6).
 *
 * <ul>
 *   <li>{@link #even()}: per-target counts differ by at most one;
 *   <li>{@link #weighted(List)}: each target's count is within one of its exact proportional share, by the
 *       largest-remainder method (ties go to the earlier target), so the plan is deterministic;
 *   <li>{@link #loadBalancing()}: after the move, the targets' total relationship counts (as seen in the
 *       relationships given to the planner) are as equal as possible: each relationship goes to the target
 *       with the fewest, earlier target first on ties.
 * </ul>
 */
public sealed interface Distribution {

  /** Even counts. */
  static Distribution even() {
    return new Even();
  }

  /**
   * Counts proportional to {@code weights}, one per target in the same order.
   *
   * @throws IllegalArgumentException for a weight below 1 or weights whose sum overflows a long
   */
  static Distribution weighted(List<Long> weights) {
    return new Weighted(weights);
  }

  /** Equal totals after the move. */
  static Distribution loadBalancing() {
    return new LoadBalancing();
  }

  /** Even counts. */
  record Even() implements Distribution {}

  /**
   * Weighted counts.
   *
   * @param weights one positive weight per target, in target order; unmodifiable
   */
  record Weighted(List<Long> weights) implements Distribution {
    /** Validates every weight and the sum. */
    public Weighted {
      Objects.requireNonNull(weights, "weights must not be null");
      if (weights.isEmpty()) {
        throw new IllegalArgumentException("weights must name at least one target (R6)");
      }
      long sum = 0;
      for (int i = 0; i < weights.size(); i++) {
        Long w = Objects.requireNonNull(weights.get(i), "weight " + i + " must not be null");
        if (w < 1) {
          throw new IllegalArgumentException("weight " + i + " must be positive (R6): " + w);
        }
        try {
          sum = Math.addExact(sum, w);
        } catch (ArithmeticException e) {
          throw new IllegalArgumentException("weights must sum to at most " + Long.MAX_VALUE + " (R6): " + weights, e);
        }
      }
      weights = List.copyOf(weights);
    }
  }

  /** Equal totals. */
  record LoadBalancing() implements Distribution {}
}
