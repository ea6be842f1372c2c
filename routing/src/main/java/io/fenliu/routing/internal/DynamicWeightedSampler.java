package io.fenliu.routing.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Weighted sampling over items that come and go (agents going online and offline) without rebuilding
 * anything: an {@link AliasTable} over all items, drawn with reject-and-retry while most of the weight is
 * enabled, and a {@link FenwickTree} over the enabled weights as the exact O(log n) fallback when it is
 * not. Enabling or disabling an item is an O(log n) update; draws never lock.
 *
 * <p>Exactness: each path returns an index with probability proportional to its weight among the enabled
 * (and accepted) items, so any mixture of the paths does too. An optional {@link Acceptor} adds a second,
 * live condition (an agent's capacity); when it keeps refusing, a linear scan over the items it accepts
 * finds one exactly or proves there is none.
 *
 * <p>The draw path reads its arrays and counters straight from this object's fields, with volatile reads
 * through a {@link VarHandle} instead of atomic wrapper objects: every pointer the JIT must follow costs a
 * dependent load on the routing hot path. Routing's tables extend this class for the same reason.
 */
public class DynamicWeightedSampler {
  private static final VarHandle FLAGS = MethodHandles.arrayElementVarHandle(int[].class);
  /** Draws from the alias table before falling back; at half the weight enabled, 8 misses happen 0.4 % of the time. */
  private static final int ALIAS_TRIES = 8;

  private static final int TREE_TRIES = 8;

  /** A live condition checked on the drawn item. */
  public interface Acceptor {
    /** Whether item {@code index} could be taken now, without taking it. */
    boolean isAvailable(int index);

    /** Takes item {@code index} if it is available now; whether it did. */
    boolean tryAcquire(int index);
  }

  private final long[] weights;
  private final long totalWeight;
  private final long[] buckets;
  private final FenwickTree tree;
  /** 1 for enabled; read with volatile semantics through {@link #FLAGS}, written under this object's lock. */
  private final int[] enabled;
  private volatile long enabledWeight;

  DynamicWeightedSampler(long[] weights, boolean[] initiallyEnabled) {
    if (weights.length != initiallyEnabled.length) {
      throw new IllegalArgumentException(
          "weights and enabled flags must have the same length: " + weights.length + " != " + initiallyEnabled.length);
    }
    this.weights = weights.clone();
    this.buckets = AliasTable.of(this.weights).buckets;
    long total = 0;
    for (long w : this.weights) {
      total += w;
    }
    if (total >= 1L << 62) {
      throw new IllegalArgumentException("total weight must be below 2^62: " + total);
    }
    this.totalWeight = total;
    this.tree = new FenwickTree(weights.length);
    this.enabled = new int[weights.length];
    for (int i = 0; i < weights.length; i++) {
      if (initiallyEnabled[i]) {
        setEnabled(i, true);
      }
    }
  }

  /** A sampler over {@code weights} (each at least 1), with the given items enabled. */
  public static DynamicWeightedSampler of(long[] weights, boolean[] initiallyEnabled) {
    return new DynamicWeightedSampler(weights, initiallyEnabled);
  }

  /** The number of items. */
  public int size() {
    return weights.length;
  }

  /** The weight of item {@code index}. */
  public long weight(int index) {
    return weights[index];
  }

  /** The sum of all weights. */
  public long totalWeight() {
    return totalWeight;
  }

  /** The sum of the enabled items' weights. */
  public long enabledWeight() {
    return enabledWeight;
  }

  /** Whether item {@code index} is enabled. */
  public boolean isEnabled(int index) {
    return flag(index);
  }

  private boolean flag(int index) {
    return (int) FLAGS.getVolatile(enabled, index) != 0;
  }

  /** Enables or disables item {@code index}; a no-op if it already is. Writers are serialized here. */
  public synchronized void setEnabled(int index, boolean on) {
    if (flag(index) == on) {
      return;
    }
    long delta = on ? weights[index] : -weights[index];
    // Publish the tree before the flag when enabling, and the flag before the tree when disabling, so a
    // reader that trusts the flag never finds weight the tree lacks.
    if (on) {
      tree.add(index, delta);
      enabledWeight += delta;
      FLAGS.setVolatile(enabled, index, 1);
    } else {
      FLAGS.setVolatile(enabled, index, 0);
      enabledWeight += delta;
      tree.add(index, delta);
    }
  }

  /** Draws an enabled item by weight; -1 if none is enabled. */
  public int sample(RandomGenerator random) {
    return sample(random, null);
  }

  /**
   * Draws an enabled item by weight among those {@code acceptor} accepts, and acquires it; -1 if there is
   * none. A null acceptor accepts every enabled item.
   */
  public int sample(RandomGenerator random, @Nullable Acceptor acceptor) {
    long live = enabledWeight;
    if (live <= 0) {
      return -1;
    }
    if (live >= totalWeight - live) {
      for (int t = 0; t < ALIAS_TRIES; t++) {
        int i = AliasTable.sample(buckets, random.nextLong());
        if (flag(i) && (acceptor == null || acceptor.tryAcquire(i))) {
          return i;
        }
      }
    }
    for (int t = 0; t < TREE_TRIES; t++) {
      int i = tree.find(below(random.nextLong(), live));
      if (i < weights.length && flag(i) && (acceptor == null || acceptor.tryAcquire(i))) {
        return i;
      }
      live = enabledWeight;
      if (live <= 0) {
        return -1;
      }
    }
    return scan(random, acceptor);
  }

  /**
   * A uniform point in [0, bound) from 64 random bits by multiply-high, not the 64-bit division that a bounded
   * {@code nextLong} costs; the bias, under bound / 2^63, is far below anything a routing share could show.
   */
  static long below(long bits, long bound) {
    return Math.multiplyHigh(bits >>> 1, bound << 1);
  }

  private int scan(RandomGenerator random, @Nullable Acceptor acceptor) {
    for (int attempt = 0; attempt < 4; attempt++) {
      long sum = 0;
      for (int i = 0; i < weights.length; i++) {
        if (available(i, acceptor)) {
          sum += weights[i];
        }
      }
      if (sum == 0) {
        return -1;
      }
      long point = random.nextLong(sum);
      for (int i = 0; i < weights.length; i++) {
        if (available(i, acceptor)) {
          if (point < weights[i]) {
            if (acceptor == null || acceptor.tryAcquire(i)) {
              return i;
            }
            break;
          }
          point -= weights[i];
        }
      }
    }
    return -1;
  }

  private boolean available(int i, @Nullable Acceptor acceptor) {
    return flag(i) && (acceptor == null || acceptor.isAvailable(i));
  }
}
