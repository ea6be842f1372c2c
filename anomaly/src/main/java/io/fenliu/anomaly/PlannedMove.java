package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One relationship a plan moves: from the follower it had when planned to a target that was valid then (R3),
 * and only while the relationship is still at the version and follower the planner read (R8).
 *
 * <p>Only {@link TransferPlanner} makes moves (there is no public constructor), so a move always carries what
 * the planner saw; applying re-checks all of it against the store and the roster at write time.
 */
public final class PlannedMove {
  private final BuyerId buyer;
  private final @Nullable AccountId from;
  private final AccountId to;
  private final long expectedVersion;

  PlannedMove(BuyerId buyer, Optional<AccountId> from, AccountId to, long expectedVersion) {
    this.buyer = buyer;
    this.from = from.orElse(null);
    this.to = to;
    this.expectedVersion = expectedVersion;
  }

  /** The buyer whose relationship moves. */
  public BuyerId buyer() {
    return buyer;
  }

  /** The follower when planned, or empty if the relationship had none (R1.4). */
  public Optional<AccountId> from() {
    return Optional.ofNullable(from);
  }

  /** The target, valid by R3 when planned and checked again when written. */
  public AccountId to() {
    return to;
  }

  /** The relationship's version when planned. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** Whether {@code follower} is the one the planner saw ({@code null} for none). */
  boolean fromIs(Optional<AccountId> follower) {
    return Objects.equals(from, follower.orElse(null));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlannedMove m && buyer.equals(m.buyer) && Objects.equals(from, m.from) && to.equals(m.to)
        && expectedVersion == m.expectedVersion;
  }

  @Override
  public int hashCode() {
    return Objects.hash(buyer, from, to, expectedVersion);
  }

  @Override
  public String toString() {
    return buyer + ": " + (from == null ? "(no follower)" : from) + " -> " + to + " at version " + expectedVersion;
  }
}
