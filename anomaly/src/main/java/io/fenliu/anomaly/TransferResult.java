package io.fenliu.anomaly;

import io.fenliu.core.BuyerId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.ShopId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of applying a {@link TransferPlan} (R8), streamed like a scan: how many planned buyers ended in
 * each {@link MoveOutcome.Status}, the first outcomes up to the application's retention limit, and the buyers
 * the plan itself could not match. Every planned buyer is counted exactly once. Memory is bounded by the
 * retention limit, not by the number of moves; a host that wants every outcome passes a {@link
 * TransferListener} (its {@link TransferListener#reported} sees each one) or retains them all.
 *
 * <p>Made only by {@link TransferPlan}'s application; immutable.
 */
public final class TransferResult {
  private final ShopId shop;
  private final long planned;
  private final Map<MoveOutcome.Status, Long> counts;
  private final List<MoveOutcome> examples;
  private final List<BuyerId> unmatched;

  TransferResult(ShopId shop, long planned, long[] counts, List<MoveOutcome> examples, List<BuyerId> unmatched) {
    this.shop = shop;
    this.planned = planned;
    Map<MoveOutcome.Status, Long> c = new EnumMap<>(MoveOutcome.Status.class);
    for (MoveOutcome.Status s : MoveOutcome.Status.values()) {
      c.put(s, counts[s.ordinal()]);
    }
    this.counts = Collections.unmodifiableMap(c);
    this.examples = List.copyOf(examples);
    this.unmatched = unmatched;
  }

  /** The shop whose relationships the plan moved. */
  public ShopId shop() {
    return shop;
  }

  /** How many moves the plan held; the counts add up to it. */
  public long planned() {
    return planned;
  }

  /** How many outcomes have each status; every status present, in declaration order; unmodifiable. */
  public Map<MoveOutcome.Status, Long> counts() {
    return counts;
  }

  /** How many outcomes have {@code status}. */
  public long count(MoveOutcome.Status status) {
    return counts.getOrDefault(io.fenliu.core.internal.Require.notNull(status, "status"), 0L);
  }

  /**
   * The first outcomes in plan order, at most the retention limit the plan was applied with (every outcome
   * when it was {@link Integer#MAX_VALUE}); unmodifiable.
   */
  public List<MoveOutcome> examples() {
    return examples;
  }

  /** Whether {@link #examples()} holds every outcome, in plan order. */
  public boolean hasEveryOutcome() {
    return examples.size() == planned;
  }

  /** Selected buyers the planner found no relationship for (R8: reported, not lost); unmodifiable. */
  public List<BuyerId> unmatched() {
    return unmatched;
  }

  /** Whether every move ended at its target, moved now or before (the plan's unmatched buyers aside). */
  public boolean isComplete() {
    return count(MoveOutcome.Status.MOVED) + count(MoveOutcome.Status.ALREADY_AT_TARGET) == planned;
  }

  /**
   * This result and {@code other} as one, for applications of disjoint parts of one plan (a transfer resumed
   * chunk by chunk, {@link TransferPlan#withOnly}): the planned moves and the counts add up (saturating at
   * {@link Long#MAX_VALUE}), the examples are this result's followed by {@code other}'s, and the unmatched buyers
   * are this result's followed by those of {@code other}'s not already among them. So two results that each hold
   * every outcome give one that holds every outcome, in the order the parts were applied.
   *
   * @throws NullPointerException if {@code other} is null
   * @throws InvalidValueException (R8) if {@code other} is another shop's
   */
  public TransferResult plus(TransferResult other) {
    io.fenliu.core.internal.Require.notNull(other, "other");
    if (!shop.equals(other.shop)) {
      throw new InvalidValueException("other", "R8", "a transfer result of shop " + shop + " cannot be added to one"
          + " of shop " + other.shop + " (R8): add only results of one shop's plan");
    }
    long[] sum = new long[MoveOutcome.Status.values().length];
    for (MoveOutcome.Status s : MoveOutcome.Status.values()) {
      sum[s.ordinal()] = saturatedAdd(count(s), other.count(s));
    }
    List<MoveOutcome> allExamples = new ArrayList<>(examples);
    allExamples.addAll(other.examples);
    Set<BuyerId> allUnmatched = new LinkedHashSet<>(unmatched);
    allUnmatched.addAll(other.unmatched);
    return new TransferResult(shop, saturatedAdd(planned, other.planned), sum, allExamples,
        List.copyOf(allUnmatched));
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }

  @Override
  public String toString() {
    return "TransferResult[shop=" + shop + ", planned=" + planned + ", " + counts + ", unmatched=" + unmatched.size()
        + "]";
  }
}
