package io.fenliu.anomaly;

import java.util.Objects;

/**
 * What became of one planned move (R8).
 *
 * @param move the move
 * @param status what happened
 * @param detail a sentence for an operator, e.g. the conflicting version or the store's error
 */
public record MoveOutcome(PlannedMove move, Status status, String detail) {

  /** The four ends of a move; every planned buyer ends in exactly one. */
  public enum Status {
    /** Written: the relationship now follows the target. */
    MOVED,
    /** The relationship already followed the target: nothing written, so re-applying a plan is safe. */
    ALREADY_AT_TARGET,
    /** The relationship changed since planning, or is gone; left untouched. Re-plan to move it. */
    CONFLICT,
    /** The store threw; left untouched as far as known. Re-apply the plan to finish. */
    FAILED
  }

  /** Validates every component. */
  public MoveOutcome {
    Objects.requireNonNull(move, "move must not be null");
    Objects.requireNonNull(status, "status must not be null");
    Objects.requireNonNull(detail, "detail must not be null");
  }
}
