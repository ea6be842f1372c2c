package io.fenliu.anomaly;

import io.fenliu.core.internal.Require;
import io.fenliu.core.InvalidValueException;
import java.util.List;

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
   * @throws NullPointerException if {@code weights} or a weight is null
   * @throws InvalidValueException (R6) for no weight, a weight below 1 or weights whose sum overflows a long
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
    /**
     * Validates every weight and the sum.
     *
     * @throws NullPointerException if {@code weights} or a weight is null
     * @throws InvalidValueException (R6) for no weight, a weight below 1 or weights whose sum overflows a long
     */
    public Weighted {
      weights = List.copyOf(Require.noNullElements(weights, "weights"));
      if (weights.isEmpty()) {
        throw new InvalidValueException("weights", "R6", "weights must name at least one target (R6)");
      }
      long sum = 0;
      for (int i = 0; i < weights.size(); i++) {
        long w = weights.get(i);
        if (w < 1) {
          throw new InvalidValueException("weights[" + i + "]", "R6", "weights[" + i + "] must be positive (R6): " + w
              + "; give every target a weight of at least 1");
        }
        if (sum > Long.MAX_VALUE - w) {
          throw new InvalidValueException("weights", "R6", "weights must sum to at most " + Long.MAX_VALUE + " (R6): "
              + weights);
        }
        sum += w;
      }
    }
  }

  /** Equal totals. */
  record LoadBalancing() implements Distribution {}
}
