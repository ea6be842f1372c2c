package io.fenliu.anomaly;

import io.fenliu.core.ExclusiveRelationship;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What became of one planned move (R8). Made only by {@link TransferPlan}'s application; the sentence for an
 * operator ({@link #detail()}) is formatted when asked for, so a million outcomes cost no million strings.
 */
public final class MoveOutcome {

  /** The ends of a move; every planned buyer ends in exactly one on every application. */
  public enum Status {
    /** Written: the relationship now follows the target. */
    MOVED,
    /** The relationship already followed the target: nothing written, so re-applying a plan is safe. */
    ALREADY_AT_TARGET,
    /**
     * The relationship changed since planning (another version or another follower), or is gone; left
     * untouched. Re-plan to move it.
     */
    CONFLICT,
    /**
     * The target is no longer valid by the roster at write time (R3, R8): it resigned, lost its permissions,
     * stopped routing or left the shop. Left untouched; re-plan to another target.
     */
    TARGET_INVALID,
    /** The store (or the roster source) threw; left untouched as far as known. Re-apply the plan to finish. */
    FAILED
  }

  private final PlannedMove move;
  private final Status status;
  private final @Nullable ExclusiveRelationship current;
  private final @Nullable String reason;

  /**
   * @param current the relationship as read at write time, or null if none was read
   * @param reason the specific cause (the store's error, the invalid target's reasons), or null
   */
  MoveOutcome(PlannedMove move, Status status, @Nullable ExclusiveRelationship current, @Nullable String reason) {
    this.move = move;
    this.status = status;
    this.current = current;
    this.reason = reason;
  }

  /** The move. */
  public PlannedMove move() {
    return move;
  }

  /** What happened. */
  public Status status() {
    return status;
  }

  /** The relationship as read (or written) when the move was decided, if one was read. */
  public Optional<ExclusiveRelationship> relationship() {
    return Optional.ofNullable(current);
  }

  /** A sentence for an operator: what happened, why, and what to do; formatted on each call. */
  public String detail() {
    return switch (status) {
      case MOVED -> move.buyer() + " moved to " + move.to();
      case ALREADY_AT_TARGET -> move.buyer() + " already follows " + move.to() + "; nothing written";
      case CONFLICT -> current == null
          ? "the relationship of " + move.buyer() + " is no longer stored; nothing written (R8): re-plan"
          : "the relationship of " + move.buyer() + " is " + current.follower().map(f -> "followed by " + f)
              .orElse("without a follower") + " at version " + current.version() + ", planned "
              + move.from().map(f -> "from " + f).orElse("without a follower") + " at version "
              + move.expectedVersion() + (reason == null ? "" : " (" + reason + ")")
              + "; left untouched (R8): re-plan to move it";
      case TARGET_INVALID -> "not moved to " + move.to() + ": " + reason + "; left untouched (R3, R8): re-plan to a"
          + " valid target";
      case FAILED -> "the store failed on " + move.buyer() + ": " + reason + "; left untouched as far as known"
          + " (R8): re-apply the plan to finish";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MoveOutcome m && move.equals(m.move) && status == m.status
        && Objects.equals(current, m.current) && Objects.equals(reason, m.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(move, status, current, reason);
  }

  @Override
  public String toString() {
    return status + ": " + detail();
  }
}
