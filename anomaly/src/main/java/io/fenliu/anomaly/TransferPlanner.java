package io.fenliu.anomaly;

import io.fenliu.anomaly.internal.Allocation;
import io.fenliu.anomaly.internal.FollowerHealthIndex;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import io.fenliu.core.internal.Require;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Plans bulk transfers (R6), manual batch changes (R7) and the transfers a roster change calls for (R9) as
 * {@link TransferPlan}s, the only way to make one. Planning writes nothing.
 *
 * <p>Every target is checked first (R3), against the shop given: an id the shop does not know is an {@link
 * UnknownIdException}; a known account that is not a valid target (the main account, not ACTIVE, no exclusive
 * permission, not routing) is a {@link RuleRefusedException} citing R3 with every invalid target's reasons.
 * Nothing is planned in either case. A selected relationship already followed by one of the targets stays where
 * it is (a move to itself, reported ALREADY_AT_TARGET when applied) and is not counted by the distribution.
 * Buyers an explicit selection names but the relationships lack are kept as the plan's {@code unmatched} (R8).
 *
 * <p>Cost: planning over an {@code Iterable} reads each relationship once and decides its selection in O(1), so
 * it is O(relationships + selected). Planning over a {@link RelationshipStore} reads only what the selection
 * needs: an explicit set of buyers (and so a manual batch) with the store's batch read, a source follower with
 * its listing by follower, anything else with its walk of the whole shop; a load-balancing distribution then
 * counts each target's relationships with the listing by follower. Memory is O(selected).
 */
public final class TransferPlanner {
  /** The most buyers one manual batch change (批量更换跟进人) may take (R7). */
  public static final int MANUAL_BATCH_LIMIT = 300;

  /** Buyers read per batch read when an explicit selection is planned over a store. */
  private static final int READ_CHUNK = 1_000;

  private TransferPlanner() {}

  /**
   * Plans moving the {@code selection} of {@code relationships} to {@code targets} by {@code distribution}.
   *
   * @throws NullPointerException if an argument, a target or a relationship is null
   * @throws InvalidValueException if no target is given or one twice, the weights do not match the targets, or
   *     a selected buyer appears twice among the relationships
   * @throws UnknownIdException if a target is not an account of {@code shop}
   * @throws RuleRefusedException (R3) if a target is not a valid one
   */
  public static TransferPlan plan(
      Shop shop,
      Iterable<? extends ExclusiveRelationship> relationships,
      Selection selection,
      List<AccountId> targets,
      Distribution distribution) {
    Require.notNull(shop, "shop");
    Require.notNull(relationships, "relationships");
    Planning p = new Planning(shop, selection, targets, distribution, true);
    int i = 0;
    for (ExclusiveRelationship r : relationships) {
      p.offer(Require.notNull(r, "relationships[" + i + "]"));
      i++;
    }
    return p.finish(null);
  }

  /**
   * Plans moving the {@code selection} of {@code store}'s relationships to {@code targets} by {@code
   * distribution}, reading only what the selection needs (see the class description).
   *
   * @throws NullPointerException if an argument or a target is null
   * @throws InvalidValueException if the store is another shop's, no target is given or one twice, or the
   *     weights do not match the targets
   * @throws UnknownIdException if a target is not an account of {@code shop}
   * @throws RuleRefusedException (R3) if a target is not a valid one
   * @throws RuntimeException whatever the store throws while reading; nothing is written
   */
  public static TransferPlan plan(
      Shop shop, RelationshipStore store, Selection selection, List<AccountId> targets, Distribution distribution) {
    Require.notNull(shop, "shop");
    Require.notNull(store, "store");
    checkStore(shop.id(), store);
    if (selection instanceof Selection.Buyers b) {
      Planning p = new Planning(shop, selection, targets, distribution, false);
      readBuyers(store, b.buyers(), p::offer);
      return p.finish(store);
    }
    if (selection instanceof Selection.FromFollower f) {
      Planning p = new Planning(shop, selection, targets, distribution, false);
      store.forEachFollowedBy(f.follower(), p::offer);
      return p.finish(store);
    }
    Planning p = new Planning(shop, selection, targets, distribution, true);
    store.forEach(p::offer);
    return p.finish(null);
  }

  /**
   * Plans a manual batch change (批量更换跟进人, R7) over {@code store}: up to {@value #MANUAL_BATCH_LIMIT} buyers,
   * all to one new follower, read with the store's batch read — the rest of the shop is not read at all.
   *
   * @throws NullPointerException if an argument or a buyer is null
   * @throws InvalidValueException (R7) if more than {@value #MANUAL_BATCH_LIMIT} buyers are given (the batch is
   *     refused as a whole), none, or one twice; or the store is another shop's
   * @throws UnknownIdException if the new follower is not an account of {@code shop}
   * @throws RuleRefusedException (R3) if the new follower is not a valid target
   */
  public static TransferPlan manualBatch(
      Shop shop, RelationshipStore store, Collection<BuyerId> buyers, AccountId newFollower) {
    Require.notNull(shop, "shop");
    Require.notNull(store, "store");
    Selection selection = manualSelection(buyers, newFollower);
    return plan(shop, store, selection, List.of(newFollower), Distribution.even());
  }

  /**
   * Plans a manual batch change (R7) over {@code relationships}, in O(relationships + buyers). Prefer {@link
   * #manualBatch(Shop, RelationshipStore, Collection, AccountId)}, which reads only the batch's buyers.
   *
   * @throws NullPointerException if an argument, a buyer or a relationship is null
   * @throws InvalidValueException (R7) if more than {@value #MANUAL_BATCH_LIMIT} buyers are given (the batch is
   *     refused as a whole), none, or one twice
   * @throws UnknownIdException if the new follower is not an account of {@code shop}
   * @throws RuleRefusedException (R3) if the new follower is not a valid target
   */
  public static TransferPlan manualBatch(
      Shop shop, Iterable<? extends ExclusiveRelationship> relationships, Collection<BuyerId> buyers,
      AccountId newFollower) {
    Require.notNull(shop, "shop");
    Require.notNull(relationships, "relationships");
    Selection selection = manualSelection(buyers, newFollower);
    return plan(shop, relationships, selection, List.of(newFollower), Distribution.even());
  }

  /**
   * Plans moving the relationships a roster change made anomalous, or left anomalous with other kinds (R9), to
   * {@code targets}, judged and checked against the roster after the change. The relationships are listed
   * again from the store by follower (only the changed followers'), so the plan sees them as they are now.
   *
   * @throws NullPointerException if an argument or a target is null
   * @throws InvalidValueException if no target is given or one twice, or the weights do not match the targets
   * @throws UnknownIdException if a target is not an account of the shop
   * @throws RuleRefusedException (R3) if a target is not a valid one after the change
   */
  public static TransferPlan plan(HealthChanges changes, List<AccountId> targets, Distribution distribution) {
    Require.notNull(changes, "changes");
    Planning p = new Planning(changes.after(), Selection.allAnomalous(), targets, distribution, false);
    for (AccountId f : changes.changedFollowers()) {
      if (!RelationshipHealth.anomaliesOfFollower(changes.after(), Optional.of(f)).isEmpty()) {
        changes.store().forEachFollowedBy(f, p::offer);
      }
    }
    return p.finish(changes.store());
  }

  private static Selection manualSelection(Collection<BuyerId> buyers, AccountId newFollower) {
    Require.noNullElements(buyers, "buyers");
    Require.notNull(newFollower, "new follower");
    if (buyers.size() > MANUAL_BATCH_LIMIT) {
      throw new InvalidValueException("buyers", "R7", "a manual batch change takes at most " + MANUAL_BATCH_LIMIT
          + " buyers (R7); got " + buyers.size() + ", so none was planned: split it into batches of "
          + MANUAL_BATCH_LIMIT);
    }
    return Selection.buyers(buyers);
  }

  private static void readBuyers(RelationshipStore store, List<BuyerId> buyers, Consumer<ExclusiveRelationship> to) {
    for (int from = 0; from < buyers.size(); from += READ_CHUNK) {
      List<BuyerId> chunk = buyers.subList(from, Math.min(buyers.size(), from + READ_CHUNK));
      Map<BuyerId, ExclusiveRelationship> read = store.readAll(chunk);
      for (BuyerId b : chunk) {
        ExclusiveRelationship r = read.get(b);
        if (r != null) {
          if (!r.buyer().equals(b)) {
            throw new IllegalStateException("the store answered buyer " + b + " with the relationship of " + r.buyer());
          }
          to.accept(r);
        }
      }
    }
  }

  private static void checkStore(ShopId shop, RelationshipStore store) {
    if (!shop.equals(store.shop())) {
      throw new InvalidValueException("store", null, "the store holds the relationships of shop " + store.shop()
          + ", not of shop " + shop + ": plan over shop " + shop + "'s own store");
    }
  }

  /**
   * The planning of one plan: relationships are offered one at a time, each selected or not in O(1); {@link
   * #finish} allocates the targets. Not thread-safe; one per plan.
   */
  private static final class Planning {
    private final Shop shop;
    private final Selection selection;
    private final List<AccountId> targets;
    private final Distribution distribution;
    private final boolean seesEveryRelationship;
    private final FollowerHealthIndex index;
    private final Set<AccountId> targetSet;
    private final List<ExclusiveRelationship> toMove = new ArrayList<>();
    private final List<PlannedMove> staying = new ArrayList<>();
    private final Set<BuyerId> selectedBuyers = new HashSet<>();
    private final Map<AccountId, Long> load = new HashMap<>();

    Planning(Shop shop, Selection selection, List<AccountId> targets, Distribution distribution,
        boolean seesEveryRelationship) {
      this.shop = shop;
      this.selection = Require.notNull(selection, "selection");
      this.distribution = Require.notNull(distribution, "distribution");
      checkTargets(shop, targets);
      if (distribution instanceof Distribution.Weighted w && w.weights().size() != targets.size()) {
        throw new InvalidValueException("weights", "R6", "weights must give one weight per target (R6): "
            + w.weights().size() + " weights for " + targets.size() + " targets");
      }
      this.targets = List.copyOf(targets);
      this.seesEveryRelationship = seesEveryRelationship;
      this.index = new FollowerHealthIndex(shop);
      this.targetSet = new HashSet<>(targets);
    }

    void offer(ExclusiveRelationship r) {
      Require.notNull(r, "relationship");
      boolean selected = selection.selects(r, index.tallyOf(r).kinds);
      if (selected && !selectedBuyers.add(r.buyer())) {
        throw new InvalidValueException("relationships", "R8", "buyer " + r.buyer() + " appears twice among the"
            + " relationships (R8): a buyer has exactly one; plan over one relationship per buyer");
      }
      AccountId atTarget = r.follower().filter(targetSet::contains).orElse(null);
      if (atTarget != null && seesEveryRelationship) {
        load.merge(atTarget, 1L, Long::sum);
      }
      if (selected) {
        if (atTarget != null) {
          staying.add(new PlannedMove(r.buyer(), r.follower(), atTarget, r.version()));
        } else {
          toMove.add(r);
        }
      }
    }

    /** @param store where to count the targets' loads when the walk did not see every relationship */
    TransferPlan finish(@Nullable RelationshipStore store) {
      long[] current = new long[targets.size()];
      if (distribution instanceof Distribution.LoadBalancing) {
        for (int i = 0; i < current.length; i++) {
          if (store != null) {
            long[] n = new long[1];
            store.forEachFollowedBy(targets.get(i), r -> n[0]++);
            current[i] = n[0];
          } else {
            current[i] = load.getOrDefault(targets.get(i), 0L);
          }
        }
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
  }

  private static void checkTargets(Shop shop, List<AccountId> targets) {
    Require.noNullElements(targets, "targets");
    if (targets.isEmpty()) {
      throw new InvalidValueException("targets", "R6", "a transfer needs at least one target (R6)");
    }
    Set<AccountId> seen = new HashSet<>();
    List<String> reasons = new ArrayList<>();
    for (AccountId t : targets) {
      if (!seen.add(t)) {
        throw new InvalidValueException("targets", "R6", "target " + t + " is listed twice (R6): name each once");
      }
      if (!shop.isMainAccount(t) && shop.subAccount(t).isEmpty()) {
        throw new UnknownIdException(t.toString(), shop.id().toString(), "transfer target " + t
            + " is not an account of shop " + shop.id() + " (R3); nothing planned: choose one of its sub-accounts");
      }
      reasons.addAll(TargetCheck.of(shop, t).reasons());
    }
    if (!reasons.isEmpty()) {
      throw new RuleRefusedException("R3", "invalid transfer target(s) (R3), nothing planned: "
          + String.join("; ", reasons)
          + ". Choose ACTIVE sub-accounts with an exclusive permission that participate in routing");
    }
  }
}
