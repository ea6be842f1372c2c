package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import java.util.Objects;
import java.util.Optional;

/**
 * One relationship a plan moves: from its follower at planning time to a target, valid only while the
 * relationship is still at the version the planner read (R8).
 *
 * @param buyer the buyer whose relationship moves
 * @param from the follower when planned, or empty if it had none
 * @param to the target, valid by R3 when planned
 * @param expectedVersion the relationship's version when planned
 */
public record PlannedMove(BuyerId buyer, Optional<AccountId> from, AccountId to, long expectedVersion) {
  /** Validates every component. */
  public PlannedMove {
    Objects.requireNonNull(buyer, "buyer must not be null");
    Objects.requireNonNull(from, "from must not be null");
    Objects.requireNonNull(to, "to must not be null");
    if (expectedVersion < 0) {
      throw new IllegalArgumentException("expected version must be non-negative: " + expectedVersion);
    }
  }
}
