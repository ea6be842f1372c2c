package io.fenliu.anomaly;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of applying a {@link TransferPlan} (R8): one {@link MoveOutcome} per planned buyer, in plan
 * order, plus the buyers the plan itself could not match.
 *
 * @param outcomes every planned move's outcome, each buyer exactly once; unmodifiable
 * @param unmatched selected buyers the planner found no relationship for; unmodifiable
 */
public record TransferResult(List<MoveOutcome> outcomes, List<io.fenliu.core.BuyerId> unmatched) {
  /** Copies the lists. */
  public TransferResult {
    outcomes = List.copyOf(outcomes);
    unmatched = List.copyOf(unmatched);
  }

  /** How many outcomes have each status; every status present. */
  public Map<MoveOutcome.Status, Integer> counts() {
    Map<MoveOutcome.Status, Integer> counts = new EnumMap<>(MoveOutcome.Status.class);
    for (MoveOutcome.Status s : MoveOutcome.Status.values()) {
      counts.put(s, 0);
    }
    for (MoveOutcome o : outcomes) {
      counts.merge(o.status(), 1, Integer::sum);
    }
    return counts;
  }

  /** Whether every move ended at its target (moved now or before). */
  public boolean isComplete() {
    return outcomes.stream().allMatch(o -> o.status() == MoveOutcome.Status.MOVED
        || o.status() == MoveOutcome.Status.ALREADY_AT_TARGET);
  }
}
