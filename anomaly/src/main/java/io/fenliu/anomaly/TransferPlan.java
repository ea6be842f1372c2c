package io.fenliu.anomaly;

import io.fenliu.anomaly.RelationshipStore.Write;
import io.fenliu.anomaly.RelationshipStore.WriteOutcome;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, inspectable list of moves made by {@link TransferPlanner} (R6, R7, R9), applied with {@link
 * #applyTo(Shop, RelationshipStore)} (R3, R8). Only the planner makes plans: there is no public constructor,
 * so every move carries what the planner read and a target that was valid when planned. A plan names its
 * shop and refuses another shop's store or roster.
 *
 * <h2>Applying</h2>
 *
 * <p>Moves are written in chunks of 256 in plan order: for each chunk the roster is taken (once,
 * from the roster source), the chunk's relationships are read with one {@link RelationshipStore#readAll}, and
 * each move is decided:
 *
 * <ul>
 *   <li>the relationship is gone, or is at another version, or is followed by someone other than the planned
 *       "from": CONFLICT, nothing written (R8: a follower changed without a version bump is not overwritten);
 *   <li>it already follows the target: ALREADY_AT_TARGET, nothing written (so re-applying is safe);
 *   <li>the target is not valid by that roster (R3 at write time: resigned, disabled, frozen, no exclusive
 *       permission, not routing, the main account or not in the shop): TARGET_INVALID, nothing written;
 *   <li>otherwise it joins the chunk's {@link RelationshipStore#compareAndSetAll} on the planned version:
 *       MOVED if written; if the store says the version moved on, the relationship is read again and reported
 *       ALREADY_AT_TARGET if a racing applier put it there, CONFLICT otherwise; FAILED if the store cannot say.
 * </ul>
 *
 * <p>Consistency: R3 is checked against the roster the source gives just before each chunk is written. A roster
 * change that returns while a chunk is being written may not be seen by that chunk (no store can make a write
 * atomic with a roster it does not hold); {@link HealthChanges} for that change finds such relationships
 * through the store's listing by follower, and plans them again. Two appliers racing on one plan, or on plans
 * over the same buyers, never both write a buyer: the compare-and-set on the version decides.
 *
 * <h2>Faults</h2>
 *
 * <p>Every planned buyer is reported exactly once on every application, whatever the store, the roster source
 * or the listener throws: a {@link RuntimeException} or a checked exception thrown sneakily from the store
 * makes the chunk's undecided moves FAILED (a failed batch write's outcome is unknown; re-applying finds
 * out) and the transfer goes on with the next chunk. An {@link Error} (out of memory, a linkage error, an
 * assertion) stops further writes: the moves not yet written are reported FAILED ("not attempted"), the report
 * is completed (counts, {@link TransferListener#reported} for every buyer, the summary log line), and only
 * then is the Error rethrown, so a host that catches it has seen every buyer. Nothing but the planned moves is
 * ever written, so the store keeps every relationship it had (R8).
 *
 * <p>A plan is safe to apply from several threads at once. It remembers (in memory of the order of its moves,
 * like the moves themselves) which writes it has told a listener of and which of its writes had an unknown
 * outcome, so that each write is told exactly once per plan; see {@link TransferListener#moved}.
 */
public final class TransferPlan {
  private static final Logger LOG = LoggerFactory.getLogger(TransferPlan.class);

  /** Moves decided and written together: one batch read and one batch write each. */
  static final int CHUNK = 256;

  private final ShopId shop;
  private final List<PlannedMove> moves;
  private final List<BuyerId> unmatched;
  /** Buyers whose write this plan has told a listener of, so each is told once across appliers (R8). */
  private final Set<BuyerId> told = ConcurrentHashMap.newKeySet();
  /** Buyers whose write this plan attempted with an unknown outcome: a later application may find it done. */
  private final Set<BuyerId> uncertain = ConcurrentHashMap.newKeySet();

  /** Trusts its caller, the planner: moves name each buyer once, targets were valid when planned. */
  TransferPlan(ShopId shop, List<PlannedMove> moves, List<BuyerId> unmatched) {
    this.shop = shop;
    this.moves = List.copyOf(moves);
    this.unmatched = List.copyOf(unmatched);
  }

  /** The shop whose relationships move. */
  public ShopId shop() {
    return shop;
  }

  /** The moves, each buyer once, in plan order; unmodifiable. */
  public List<PlannedMove> moves() {
    return moves;
  }

  /** Selected buyers with no relationship where the planner looked (R8: reported, not lost); unmodifiable. */
  public List<BuyerId> unmatched() {
    return unmatched;
  }

  /** How many moves go to each target, in first-seen order. */
  public Map<AccountId, Integer> countsByTarget() {
    Map<AccountId, Integer> counts = new LinkedHashMap<>();
    for (PlannedMove m : moves) {
      counts.merge(m.to(), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * Applies the plan with no listener, checking R3 against {@code roster}; see {@link #applyTo(Supplier,
   * RelationshipStore, TransferListener, int)}.
   */
  public TransferResult applyTo(Shop roster, RelationshipStore store) {
    return applyTo(roster, store, (move, after) -> {});
  }

  /**
   * Applies the plan, checking R3 against {@code roster} (the shop as it is now), telling {@code listener};
   * keeps the first {@value AnomalyScanner#DEFAULT_RETAINED_EXAMPLES} outcomes as examples.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if the roster or the store is another shop's; nothing is read or written
   */
  public TransferResult applyTo(Shop roster, RelationshipStore store, TransferListener listener) {
    Require.notNull(roster, "roster");
    checkShop(roster.id(), "roster");
    return applyTo(() -> roster, store, listener, AnomalyScanner.DEFAULT_RETAINED_EXAMPLES);
  }

  /**
   * Applies the plan to {@code store} (R3, R8), asking {@code roster} for the shop as it is now before each
   * chunk's writes, telling {@code listener} of each write and each outcome, keeping the first {@code retain}
   * outcomes as the result's examples ({@link Integer#MAX_VALUE} keeps every one), and logging one summary line.
   * See the class description for how each move is decided and what a fault does.
   *
   * <p>The roster source is called once before anything is read, to check its shop; a later call that throws
   * or gives another shop's roster (or null) makes that chunk's moves FAILED with the reason.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if {@code retain} is negative, or the store or the roster is another shop's;
   *     nothing is read or written
   * @throws Error only after every planned buyer has been reported, as described above
   */
  public TransferResult applyTo(
      Supplier<? extends Shop> roster, RelationshipStore store, TransferListener listener, int retain) {
    Require.notNull(roster, "roster");
    Require.notNull(store, "store");
    Require.notNull(listener, "listener");
    Require.inRange(retain, 0, Integer.MAX_VALUE, "retained outcomes", null);
    checkShop(store.shop(), "store");
    Shop first = Require.notNull(roster.get(), "roster");
    checkShop(first.id(), "roster");
    return new Application(this, roster, first, store, listener, retain).run();
  }

  /**
   * The part of this plan that moves {@code buyers}: the same shop, the moves of those buyers in this plan's
   * order (a buyer the plan does not move is ignored), and the same unmatched buyers. What a resumed transfer
   * applies when some moves already have a final outcome (R8): every move in it is one the planner made, and
   * applying it checks everything again at write time, as for the whole plan.
   *
   * <p>The part remembers nothing of this plan's applications: a listener may be told again of a write whose
   * acknowledgement an application of this plan lost (see {@link TransferListener#moved}).
   *
   * @throws NullPointerException if {@code buyers} or one of them is null
   */
  public TransferPlan withOnly(Collection<BuyerId> buyers) {
    Require.noNullElements(buyers, "buyers");
    Set<BuyerId> wanted = buyers instanceof Set<BuyerId> set ? set : new HashSet<>(buyers);
    List<PlannedMove> kept = new ArrayList<>(Math.min(moves.size(), wanted.size()));
    for (PlannedMove m : moves) {
      if (wanted.contains(m.buyer())) {
        kept.add(m);
      }
    }
    return new TransferPlan(shop, kept, unmatched);
  }

  private void checkShop(ShopId other, String argument) {
    if (!shop.equals(other)) {
      throw new InvalidValueException(argument, "R8", "the plan moves relationships of shop " + shop + " but the "
          + argument + " is shop " + other + "'s (R8); nothing was written: apply it with shop " + shop + "'s "
          + argument);
    }
  }

  @Override
  public String toString() {
    return "TransferPlan[shop=" + shop + ", moves=" + moves.size() + ", unmatched=" + unmatched.size() + "]";
  }

  /**
   * One application of a plan. Not thread-safe: one per call. Invariant: {@code next} is the index of the first
   * move whose outcome is not yet reported; every outcome is reported through {@link #report} exactly once,
   * in plan order, and {@link #run} reports all of them before returning or rethrowing.
   */
  private static final class Application {
    private final TransferPlan plan;
    private final Supplier<? extends Shop> rosterSource;
    private final RelationshipStore store;
    private final TransferListener listener;
    private final int retain;
    private final long[] counts = new long[MoveOutcome.Status.values().length];
    private final List<MoveOutcome> examples = new ArrayList<>();
    private Shop roster;
    private @Nullable Error stopped;

    Application(TransferPlan plan, Supplier<? extends Shop> rosterSource, Shop first, RelationshipStore store,
        TransferListener listener, int retain) {
      this.plan = plan;
      this.rosterSource = rosterSource;
      this.roster = first;
      this.store = store;
      this.listener = listener;
      this.retain = retain;
    }

    TransferResult run() {
      List<PlannedMove> moves = plan.moves;
      boolean firstChunk = true;
      for (int from = 0; from < moves.size(); from += CHUNK) {
        List<PlannedMove> chunk = moves.subList(from, Math.min(moves.size(), from + CHUNK));
        MoveOutcome[] decided = new MoveOutcome[chunk.size()];
        String undecided = "not attempted: the transfer stopped after " + stopped;
        if (stopped == null) {
          try {
            decide(chunk, decided, firstChunk);
          } catch (Throwable t) {
            // Whatever escaped (a store answering out of contract, say): the undecided are unknown, not lost.
            undecided = "the transfer failed while deciding this move, so whether it was written is unknown: " + t;
            rememberError(t);
          }
        }
        firstChunk = false;
        for (int i = 0; i < chunk.size(); i++) {
          if (decided[i] == null) {
            decided[i] = new MoveOutcome(chunk.get(i), MoveOutcome.Status.FAILED, null, undecided);
          }
          report(decided[i]);
        }
      }
      TransferResult result = new TransferResult(plan.shop, moves.size(), counts, examples, plan.unmatched);
      LOG.info("shop {}: transfer applied: {} planned, {} moved, {} already at target, {} conflicts, {} invalid targets,"
          + " {} failed, {} unmatched", plan.shop, moves.size(), counts[0], counts[1], counts[2], counts[3], counts[4],
          plan.unmatched.size());
      if (stopped != null) {
        throw stopped;
      }
      return result;
    }

    /** Fills {@code decided} for the chunk; an entry left null was not attempted (after an Error). */
    private void decide(List<PlannedMove> chunk, MoveOutcome[] decided, boolean firstChunk) {
      if (!firstChunk && !refreshRoster(chunk, decided)) {
        return;
      }
      Map<BuyerId, ExclusiveRelationship> current;
      try {
        current = readAll(chunk);
      } catch (Throwable t) {
        failAll(chunk, decided, "reading the relationships failed: " + t, t);
        return;
      }
      Map<AccountId, String> invalid = new HashMap<>();
      List<Write> writes = new ArrayList<>();
      int[] writeOf = new int[chunk.size()];
      for (int i = 0; i < chunk.size(); i++) {
        PlannedMove m = chunk.get(i);
        ExclusiveRelationship r = current.get(m.buyer());
        if (r == null) {
          decided[i] = new MoveOutcome(m, MoveOutcome.Status.CONFLICT, null, null);
        } else if (!r.buyer().equals(m.buyer())) {
          decided[i] = new MoveOutcome(m, MoveOutcome.Status.FAILED, null, "the store answered with the relationship of "
              + r.buyer() + "; nothing written");
        } else if (r.isFollowedBy(m.to())) {
          decided[i] = new MoveOutcome(m, MoveOutcome.Status.ALREADY_AT_TARGET, r, null);
          tellIfLost(m, r);
        } else if (r.version() != m.expectedVersion() || !m.fromIs(r.follower())) {
          decided[i] = new MoveOutcome(m, MoveOutcome.Status.CONFLICT, r, null);
        } else {
          String why = invalid.computeIfAbsent(m.to(), t -> {
            TargetCheck check = TargetCheck.of(roster, t);
            return check.isValid() ? "" : String.join("; ", check.reasons());
          });
          if (!why.isEmpty()) {
            decided[i] = new MoveOutcome(m, MoveOutcome.Status.TARGET_INVALID, r, why);
          } else if (r.version() == Long.MAX_VALUE) {
            decided[i] = new MoveOutcome(m, MoveOutcome.Status.CONFLICT, r, "its version is exhausted");
          } else {
            writeOf[writes.size()] = i;
            writes.add(new Write(r.version(), r.movedTo(m.to())));
          }
        }
      }
      if (!writes.isEmpty()) {
        write(chunk, decided, writes, writeOf);
      }
    }

    private Map<BuyerId, ExclusiveRelationship> readAll(List<PlannedMove> chunk) {
      List<BuyerId> buyers = new ArrayList<>(chunk.size());
      for (PlannedMove m : chunk) {
        buyers.add(m.buyer());
      }
      Map<BuyerId, ExclusiveRelationship> read = store.readAll(buyers);
      if (read == null) {
        throw new IllegalStateException("the store answered a batch read with null");
      }
      return read;
    }

    private boolean refreshRoster(List<PlannedMove> chunk, MoveOutcome[] decided) {
      Shop next;
      try {
        next = rosterSource.get();
      } catch (Throwable t) {
        failAll(chunk, decided, "the roster source failed: " + t, t);
        return false;
      }
      if (next == null || !next.id().equals(plan.shop)) {
        failAll(chunk, decided, "the roster source gave " + (next == null ? "no roster" : "shop " + next.id()
            + "'s roster") + " instead of shop " + plan.shop + "'s", null);
        return false;
      }
      roster = next;
      return true;
    }

    private void write(List<PlannedMove> chunk, MoveOutcome[] decided, List<Write> writes, int[] writeOf) {
      List<WriteOutcome> outcomes;
      try {
        outcomes = store.compareAndSetAll(writes);
        if (outcomes == null || outcomes.size() != writes.size()) {
          throw new IllegalStateException("the store answered " + (outcomes == null ? "null" : outcomes.size()
              + " outcomes") + " for " + writes.size() + " writes");
        }
      } catch (Throwable t) {
        for (int w = 0; w < writes.size(); w++) {
          PlannedMove m = chunk.get(writeOf[w]);
          plan.uncertain.add(m.buyer());
          decided[writeOf[w]] = new MoveOutcome(m, MoveOutcome.Status.FAILED, null,
              "the batch write failed, so whether it took effect is unknown: " + t);
        }
        rememberError(t);
        return;
      }
      List<Integer> stale = new ArrayList<>();
      for (int w = 0; w < writes.size(); w++) {
        int i = writeOf[w];
        PlannedMove m = chunk.get(i);
        WriteOutcome o = outcomes.get(w);
        if (o == WriteOutcome.WRITTEN) {
          ExclusiveRelationship after = writes.get(w).next();
          decided[i] = new MoveOutcome(m, MoveOutcome.Status.MOVED, after, null);
          tell(m, after);
        } else if (o == WriteOutcome.STALE) {
          stale.add(i);
        } else if (o == WriteOutcome.ABSENT) {
          decided[i] = new MoveOutcome(m, MoveOutcome.Status.CONFLICT, null, null);
        } else {
          plan.uncertain.add(m.buyer());
          decided[i] = new MoveOutcome(m, MoveOutcome.Status.FAILED, null,
              "the store could not confirm the write (outcome " + o + ")");
        }
      }
      if (!stale.isEmpty()) {
        reread(chunk, decided, stale);
      }
    }

    /** A stale write: a racing applier may have made this very move; one more read tells. */
    private void reread(List<PlannedMove> chunk, MoveOutcome[] decided, List<Integer> stale) {
      List<BuyerId> buyers = new ArrayList<>(stale.size());
      for (int i : stale) {
        buyers.add(chunk.get(i).buyer());
      }
      Map<BuyerId, ExclusiveRelationship> now;
      try {
        now = store.readAll(buyers);
      } catch (Throwable t) {
        rememberError(t);
        now = Map.of();
      }
      for (int i : stale) {
        PlannedMove m = chunk.get(i);
        ExclusiveRelationship r = now == null ? null : now.get(m.buyer());
        if (r != null && r.isFollowedBy(m.to())) {
          decided[i] = new MoveOutcome(m, MoveOutcome.Status.ALREADY_AT_TARGET, r, null);
          tellIfLost(m, r);
        } else {
          decided[i] = new MoveOutcome(m, MoveOutcome.Status.CONFLICT, r, "it changed while being written");
        }
      }
    }

    private void failAll(List<PlannedMove> chunk, MoveOutcome[] decided, String reason, @Nullable Throwable t) {
      for (int i = 0; i < chunk.size(); i++) {
        decided[i] = new MoveOutcome(chunk.get(i), MoveOutcome.Status.FAILED, null, reason);
      }
      rememberError(t);
    }

    /**
     * A move found exactly where this plan would have put it, after this plan attempted the write with an
     * unknown outcome: the write most likely took effect and no listener has heard of it. A move someone else
     * made is not told (the plan never attempted it, or knew its attempt failed).
     */
    private void tellIfLost(PlannedMove m, ExclusiveRelationship r) {
      if (r.version() == m.expectedVersion() + 1 && plan.uncertain.remove(m.buyer())) {
        tell(m, r);
      }
    }

    private void tell(PlannedMove m, ExclusiveRelationship after) {
      if (!plan.told.add(m.buyer())) {
        return;
      }
      try {
        listener.moved(m, after);
      } catch (Throwable t) {
        LOG.warn("shop {}: transfer listener failed on {}; the move stands", plan.shop, m, t);
        rememberError(t);
      }
    }

    private void report(MoveOutcome o) {
      counts[o.status().ordinal()]++;
      if (examples.size() < retain) {
        examples.add(o);
      }
      try {
        listener.reported(o);
      } catch (Throwable t) {
        LOG.warn("shop {}: transfer listener failed on the outcome {}; the outcome stands", plan.shop, o, t);
        rememberError(t);
      }
    }

    private void rememberError(@Nullable Throwable t) {
      if (t instanceof Error e && stopped == null) {
        stopped = e;
      }
    }
  }
}
