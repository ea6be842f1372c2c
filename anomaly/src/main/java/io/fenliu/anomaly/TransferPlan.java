package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable, inspectable list of moves made by {@link TransferPlanner} (R6, R7), applied with {@link
 * #applyTo(RelationshipStore, TransferListener)} (R8).
 *
 * <p>Applying reads each buyer's relationship and writes the move by compare-and-set on the planned
 * version. Every planned buyer ends exactly once as MOVED, ALREADY_AT_TARGET, CONFLICT or FAILED; nothing
 * else is written. Applying the same plan again is safe and finishes what a failure or interruption left:
 * moves already done report ALREADY_AT_TARGET.
 *
 * <p>The targets were checked against the roster when the plan was made (R3); a plan does not hold the roster,
 * so applying cannot see a later change to it. If a target may have resigned or lost its permissions since,
 * plan again over the current relationships.
 *
 * @param shop the shop whose relationships move
 * @param moves the moves, each buyer once, in plan order; unmodifiable
 * @param unmatched selected buyers with no relationship among those planned over; unmodifiable (R8: reported,
 *     not lost)
 */
public record TransferPlan(ShopId shop, List<PlannedMove> moves, List<BuyerId> unmatched) {
  private static final Logger LOG = LoggerFactory.getLogger(TransferPlan.class);

  /** Validates: each buyer at most once across moves and unmatched. */
  public TransferPlan {
    Objects.requireNonNull(shop, "shop must not be null");
    moves = List.copyOf(moves);
    unmatched = List.copyOf(unmatched);
    Set<BuyerId> seen = new HashSet<>();
    for (PlannedMove m : moves) {
      if (!seen.add(m.buyer())) {
        throw new IllegalArgumentException("buyer " + m.buyer() + " is planned twice (R8)");
      }
    }
    for (BuyerId b : unmatched) {
      if (!seen.add(b)) {
        throw new IllegalArgumentException("buyer " + b + " is both planned and unmatched (R8)");
      }
    }
  }

  /** How many moves go to each target, in first-seen order. */
  public Map<AccountId, Integer> countsByTarget() {
    Map<AccountId, Integer> counts = new LinkedHashMap<>();
    for (PlannedMove m : moves) {
      counts.merge(m.to(), 1, Integer::sum);
    }
    return counts;
  }

  /** Applies the plan with no listener; see {@link #applyTo(RelationshipStore, TransferListener)}. */
  public TransferResult applyTo(RelationshipStore store) {
    return applyTo(store, (move, after) -> {});
  }

  /**
   * Applies the plan to {@code store}, telling {@code listener} of each write, and logs one summary line.
   *
   * @throws IllegalArgumentException if the store holds another shop; nothing is written
   */
  public TransferResult applyTo(RelationshipStore store, TransferListener listener) {
    Objects.requireNonNull(store, "store must not be null");
    Objects.requireNonNull(listener, "listener must not be null");
    if (!shop.equals(store.shop())) {
      throw new IllegalArgumentException("the plan is for shop " + shop + " but the store holds unknown shop " + store.shop());
    }
    List<MoveOutcome> outcomes = new ArrayList<>(moves.size());
    for (PlannedMove m : moves) {
      outcomes.add(apply(m, store, listener));
    }
    TransferResult result = new TransferResult(outcomes, unmatched);
    Map<MoveOutcome.Status, Integer> c = result.counts();
    LOG.info("shop {}: transfer applied: {} planned, {} moved, {} already at target, {} conflicts, {} failed, {} unmatched",
        shop, moves.size(), c.get(MoveOutcome.Status.MOVED), c.get(MoveOutcome.Status.ALREADY_AT_TARGET),
        c.get(MoveOutcome.Status.CONFLICT), c.get(MoveOutcome.Status.FAILED), unmatched.size());
    return result;
  }

  private static MoveOutcome apply(PlannedMove m, RelationshipStore store, TransferListener listener) {
    ExclusiveRelationship written;
    try {
      Optional<ExclusiveRelationship> read = store.read(m.buyer());
      if (read.isEmpty()) {
        return new MoveOutcome(m, MoveOutcome.Status.CONFLICT, "the relationship of " + m.buyer() + " is no longer stored");
      }
      ExclusiveRelationship current = read.get();
      if (current.isFollowedBy(m.to())) {
        return new MoveOutcome(m, MoveOutcome.Status.ALREADY_AT_TARGET, m.buyer() + " already follows " + m.to());
      }
      if (current.version() != m.expectedVersion()) {
        return new MoveOutcome(m, MoveOutcome.Status.CONFLICT, "the relationship of " + m.buyer() + " is at version "
            + current.version() + ", planned at " + m.expectedVersion() + "; left untouched");
      }
      written = current.movedTo(m.to());
      if (!store.compareAndSet(current.version(), written)) {
        return new MoveOutcome(m, MoveOutcome.Status.CONFLICT,
            "the relationship of " + m.buyer() + " changed while moving; left untouched");
      }
    } catch (RuntimeException e) {
      return new MoveOutcome(m, MoveOutcome.Status.FAILED, "the store failed: " + e);
    }
    try {
      listener.moved(m, written);
    } catch (RuntimeException e) {
      LOG.warn("transfer listener failed on {}; the move stands", m, e);
    }
    return new MoveOutcome(m, MoveOutcome.Status.MOVED, m.buyer() + " moved to " + m.to());
  }
}
