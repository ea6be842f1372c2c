package io.fenliu.routing.internal;

import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Weighted sampling over items that come and go (agents going online, offline, full and free again) without
 * rebuilding anything: an {@link AliasTable} over all items, drawn with reject-and-retry while at least half
 * of the weight is enabled, and a {@link FenwickTree} over the enabled weights, the exact O(log n) path when it
 * is not. Enabling or disabling an item is an O(log n) tree update.
 *
 * <p>Whether an item is enabled is <em>not</em> stored here: a subclass answers {@link #isEnabled(int)} from
 * wherever that fact lives (the router asks the agent), and calls {@link #enabledChanged(int, boolean)} in the
 * same critical section whenever the answer changes. The tree and {@link #enabledWeight()} are therefore a
 * derived index of that fact, never a second owner of it.
 *
 * <p>Exactness: the alias path draws an item with probability proportional to its weight and keeps it only
 * if enabled (rejection sampling: exact among enabled items); the tree path draws exactly among enabled
 * items. Any mixture of the two is exact too. Not thread-safe: the owner serializes every call.
 */
public abstract class DynamicWeightedSampler {
  /** Draws from the alias table before falling back; at half the weight enabled, 8 misses happen 0.4 % of the time. */
  private static final int ALIAS_TRIES = 8;

  /** The weights, or null when every item weighs 1 (no alias table is needed then). Never written. */
  private final long @Nullable [] weights;
  private final int size;
  private final long totalWeight;
  private final long @Nullable [] buckets;
  private final FenwickTree tree;
  private long enabledWeight;

  /**
   * A sampler over {@code size} items weighing {@code weights} (each at least 1, summing below 2^62; the array
   * is kept, not copied, so the caller must not change it), or 1 each when {@code weights} is null; every item
   * disabled: the subclass calls {@link #enabledChanged(int, boolean)} for each item it enables.
   */
  protected DynamicWeightedSampler(long @Nullable [] weights, int size) {
    this.weights = weights;
    this.size = size;
    if (weights != null && weights.length != size) {
      throw new IllegalArgumentException("weights must have " + size + " entries: " + weights.length);
    }
    if (weights == null) {
      this.buckets = null;
      this.totalWeight = size;
    } else {
      this.buckets = AliasTable.of(weights).buckets;
      long total = 0;
      for (long w : weights) {
        total += w;
      }
      if (total >= 1L << 62) {
        throw new IllegalArgumentException("total weight must be below 2^62: " + total);
      }
      this.totalWeight = total;
    }
    this.tree = new FenwickTree(size);
  }

  /**
   * A sampler that keeps its items' enabled flags itself: for benchmarks, tests and any use where the flag has
   * no other home.
   */
  public static Flagged of(long[] weights, boolean[] initiallyEnabled) {
    return new Flagged(weights, initiallyEnabled);
  }

  /** A {@link DynamicWeightedSampler} that owns its enabled flags. Not thread-safe. */
  public static final class Flagged extends DynamicWeightedSampler {
    private final boolean[] enabled;

    private Flagged(long[] weights, boolean[] initiallyEnabled) {
      super(weights.clone(), weights.length);
      if (weights.length != initiallyEnabled.length) {
        throw new IllegalArgumentException("weights and enabled flags must have the same length: "
            + weights.length + " != " + initiallyEnabled.length);
      }
      this.enabled = new boolean[weights.length];
      for (int i = 0; i < weights.length; i++) {
        setEnabled(i, initiallyEnabled[i]);
      }
    }

    @Override
    protected boolean isEnabled(int index) {
      return enabled[index];
    }

    /** Enables or disables item {@code index}; a no-op if it already is. O(log n). */
    public void setEnabled(int index, boolean on) {
      if (enabled[index] != on) {
        enabled[index] = on;
        enabledChanged(index, on);
      }
    }
  }

  /** Whether item {@code index} may be drawn now. */
  protected abstract boolean isEnabled(int index);

  /** Records that item {@code index} became enabled ({@code on}) or disabled; callers call it once per change. */
  protected final void enabledChanged(int index, boolean on) {
    long w = weight(index);
    long delta = on ? w : -w;
    tree.add(index, delta);
    enabledWeight += delta;
  }

  /** The number of items. */
  public final int size() {
    return size;
  }

  /** The weight of item {@code index}. */
  public final long weight(int index) {
    long[] w = weights;
    return w == null ? 1 : w[index];
  }

  /** The sum of all weights. */
  public final long totalWeight() {
    return totalWeight;
  }

  /** The sum of the enabled items' weights. */
  public final long enabledWeight() {
    return enabledWeight;
  }

  /** Draws an enabled item by weight from {@code random}; -1 if none is enabled. */
  public final int sample(RandomGenerator random) {
    return sample(random.nextLong());
  }

  /**
   * Draws an enabled item by weight, deterministically from {@code stream} (see {@link Draws}): the same stream
   * and the same enabled items give the same item. -1 if none is enabled. Uses draws 0 to {@value #ALIAS_TRIES}
   * of the stream.
   */
  public final int sample(long stream) {
    long live = enabledWeight;
    if (live <= 0) {
      return -1;
    }
    if (live == totalWeight) {
      // Everything is enabled: the alias table alone is exact, and no flag needs reading.
      return draw(Draws.bits(stream, 0));
    }
    if (live >= totalWeight - live) {
      for (int t = 0; t < ALIAS_TRIES; t++) {
        int i = draw(Draws.bits(stream, t));
        if (isEnabled(i)) {
          return i;
        }
      }
    }
    return tree.find(below(Draws.bits(stream, ALIAS_TRIES), live));
  }

  /** An item by weight among all of them, from 64 random bits: the alias table, or a uniform index. */
  private int draw(long bits) {
    long[] b = buckets;
    return b == null ? (int) below(bits, size) : AliasTable.sample(b, bits);
  }

  /**
   * A uniform point in [0, bound) from 64 random bits by multiply-high, not the 64-bit division that a bounded
   * {@code nextLong} costs; the bias, under bound / 2^63, is far below anything a routing share could show.
   */
  public static long below(long bits, long bound) {
    return Math.multiplyHigh(bits >>> 1, bound << 1);
  }
}
