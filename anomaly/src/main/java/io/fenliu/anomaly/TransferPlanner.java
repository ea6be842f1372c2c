package io.fenliu.anomaly;

import io.fenliu.anomaly.internal.Allocation;
import io.fenliu.anomaly.internal.FollowerHealthIndex;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans bulk transfers (R6) and manual batch changes (R7) as {@link TransferPlan}s. Planning writes nothing.
 *
 * <p>Every target is checked first (R3): if any is invalid, planning stops with an {@link
 * IllegalArgumentException} listing each invalid target's reasons. A selected relationship already followed
 * by one of the targets stays where it is (a move to itself, reported ALREADY_AT_TARGET when applied) and is
 * not counted by the distribution. Buyers an explicit selection names but the relationships lack are kept
 * as the plan's {@code unmatched} (R8).
 */
public final class TransferPlanner {
  /** The most buyers one manual batch change (批量更换跟进人) may take (R7). */
  public static final int MANUAL_BATCH_LIMIT = 300;

  private TransferPlanner() {}

  /**
   * Plans moving the {@code selection} of {@code relationships} to {@code targets} by {@code distribution}.
   *
   * @throws IllegalArgumentException if a target is invalid (R3) or listed twice, the weights do not match
   *     the targets, or a selected buyer appears twice among the relationships
   */
  public static TransferPlan plan(
      Shop shop,
      Iterable<? extends ExclusiveRelationship> relationships,
      Selection selection,
      List<AccountId> targets,
      Distribution distribution) {
    Objects.requireNonNull(shop, "shop must not be null");
    Objects.requireNonNull(relationships, "relationships must not be null");
    Objects.requireNonNull(selection, "selection must not be null");
    Objects.requireNonNull(distribution, "distribution must not be null");
    checkTargets(shop, targets);
    if (distribution instanceof Distribution.Weighted w && w.weights().size() != targets.size()) {
      throw new IllegalArgumentException("weights must give one weight per target (R6): " + w.weights().size()
          + " weights for " + targets.size() + " targets");
    }

    FollowerHealthIndex index = new FollowerHealthIndex(shop);
    Set<AccountId> targetSet = new HashSet<>(targets);
    List<ExclusiveRelationship> toMove = new ArrayList<>();
    List<PlannedMove> staying = new ArrayList<>();
    Set<BuyerId> selectedBuyers = new HashSet<>();
    Map<AccountId, Long> load = new HashMap<>();
    for (ExclusiveRelationship r : relationships) {
      Objects.requireNonNull(r, "relationship must not be null");
      boolean selected = selection.selects(r, index.tallyOf(r).kinds);
      if (selected && !selectedBuyers.add(r.buyer())) {
        throw new IllegalArgumentException("buyer " + r.buyer() + " appears twice among the relationships (R8)");
      }
      boolean atTarget = r.follower().isPresent() && targetSet.contains(r.follower().get());
      if (atTarget) {
        load.merge(r.follower().get(), 1L, Long::sum);
      }
      if (selected) {
        if (atTarget) {
          staying.add(new PlannedMove(r.buyer(), r.follower(), r.follower().get(), r.version()));
        } else {
          toMove.add(r);
        }
      }
    }

    long[] current = new long[targets.size()];
    for (int i = 0; i < current.length; i++) {
      current[i] = load.getOrDefault(targets.get(i), 0L);
    }
    int[] order = Allocation.assign(toMove.size(), distribution, current);
    List<PlannedMove> moves = new ArrayList<>(toMove.size() + staying.size());
    for (int i = 0; i < toMove.size(); i++) {
      ExclusiveRelationship r = toMove.get(i);
      moves.add(new PlannedMove(r.buyer(), r.follower(), targets.get(order[i]), r.version()));
    }
    moves.addAll(staying);

    List<BuyerId> unmatched = new ArrayList<>();
    if (selection instanceof Selection.Buyers b) {
      for (BuyerId buyer : b.buyers()) {
        if (!selectedBuyers.contains(buyer)) {
          unmatched.add(buyer);
        }
      }
    }
    return new TransferPlan(shop.id(), moves, unmatched);
  }

  /**
   * Plans a manual batch change (批量更换跟进人, R7): up to {@value #MANUAL_BATCH_LIMIT} buyers, all to one new
   * follower.
   *
   * @throws IllegalArgumentException if more than {@value #MANUAL_BATCH_LIMIT} buyers are given (the batch is
   *     refused as a whole), none, one twice, or the new follower is invalid (R3)
   */
  public static TransferPlan manualBatch(
      Shop shop, Iterable<? extends ExclusiveRelationship> relationships, Collection<BuyerId> buyers, AccountId newFollower) {
    Objects.requireNonNull(buyers, "buyers must not be null");
    if (buyers.size() > MANUAL_BATCH_LIMIT) {
      throw new IllegalArgumentException("a manual batch change takes at most " + MANUAL_BATCH_LIMIT
          + " buyers (R7); got " + buyers.size() + ": split it into batches of " + MANUAL_BATCH_LIMIT);
    }
    Objects.requireNonNull(newFollower, "new follower must not be null");
    return plan(shop, relationships, Selection.buyers(buyers), List.of(newFollower), Distribution.even());
  }

  private static void checkTargets(Shop shop, List<AccountId> targets) {
    Objects.requireNonNull(targets, "targets must not be null");
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a transfer needs at least one target (R6)");
    }
    Set<AccountId> seen = new LinkedHashSet<>();
    List<String> reasons = new ArrayList<>();
    for (AccountId t : targets) {
      Objects.requireNonNull(t, "target must not be null");
      if (!seen.add(t)) {
        throw new IllegalArgumentException("target " + t + " is listed twice (R6)");
      }
      reasons.addAll(TargetCheck.of(shop, t).reasons());
    }
    if (!reasons.isEmpty()) {
      throw new IllegalArgumentException("invalid transfer target(s), nothing planned: " + String.join("; ", reasons));
    }
  }
}
