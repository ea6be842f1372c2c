package io.fenliu.routing.internal;

import java.util.random.RandomGenerator;

/**
 * Walker's alias method (Vose's construction) over fixed weights: O(1) per draw, one random {@code long}
 * per draw and one array read. Each bucket packs its 33-bit acceptance threshold and its 31-bit alias in
 * one {@code long}, so a draw touches a single cache line.
 */
public final class AliasTable {
  private static final double TWO_POW_32 = 4294967296.0;
  private static final int ALIAS_BITS = 31;
  private static final long ALIAS_MASK = (1L << ALIAS_BITS) - 1;

  /** Package-private so that {@link DynamicWeightedSampler} draws from it without one more indirection. */
  final long[] buckets;

  private AliasTable(long[] buckets) {
    this.buckets = buckets;
  }

  /**
   * Builds a table; weights must be positive and their sum must fit a long.
   *
   * @throws IllegalArgumentException for no weights, a weight below 1 or an overflowing sum
   */
  public static AliasTable of(long[] weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("weights must not be empty");
    }
    long total = 0;
    for (int i = 0; i < n; i++) {
      if (weights[i] < 1) {
        throw new IllegalArgumentException("weight " + i + " must be at least 1: " + weights[i]);
      }
      total = Math.addExact(total, weights[i]);
    }
    // Mass of bucket i is weights[i] * n against a capacity of total; exact in long while n * max weight fits.
    long[] mass = new long[n];
    for (int i = 0; i < n; i++) {
      mass[i] = Math.multiplyExact(weights[i], (long) n);
    }
    int[] small = new int[n];
    int[] large = new int[n];
    int smallCount = 0;
    int largeCount = 0;
    for (int i = 0; i < n; i++) {
      if (mass[i] < total) {
        small[smallCount++] = i;
      } else {
        large[largeCount++] = i;
      }
    }
    long[] buckets = new long[n];
    while (smallCount > 0 && largeCount > 0) {
      int s = small[--smallCount];
      int l = large[--largeCount];
      buckets[s] = pack(threshold(mass[s], total), l);
      mass[l] -= total - mass[s];
      if (mass[l] < total) {
        small[smallCount++] = l;
      } else {
        large[largeCount++] = l;
      }
    }
    // Leftovers are full buckets (rounding aside): always accept.
    while (largeCount > 0) {
      int l = large[--largeCount];
      buckets[l] = pack(1L << 32, l);
    }
    while (smallCount > 0) {
      int s = small[--smallCount];
      buckets[s] = pack(1L << 32, s);
    }
    return new AliasTable(buckets);
  }

  private static long threshold(long mass, long capacity) {
    return (long) Math.floor(mass * TWO_POW_32 / capacity);
  }

  private static long pack(long threshold, int alias) {
    return (threshold << ALIAS_BITS) | alias;
  }

  /** The exact probability the table gives item {@code index}, summed over its own bucket and the aliases. */
  double probability(int index) {
    double p = 0;
    for (int b = 0; b < buckets.length; b++) {
      double accept = (buckets[b] >>> ALIAS_BITS) / TWO_POW_32;
      if (b == index) {
        p += Math.min(1, accept);
      }
      if ((int) (buckets[b] & ALIAS_MASK) == index) {
        p += 1 - Math.min(1, accept);
      }
    }
    return p / buckets.length;
  }

  /** The number of items. */
  public int size() {
    return buckets.length;
  }

  /** Draws an index with probability proportional to its weight. */
  public int sample(RandomGenerator random) {
    return sample(random.nextLong());
  }

  /**
   * Draws an index from 64 uniformly random bits: the high half picks the bucket, the low half decides. The
   * accept-or-alias choice is a coin flip the CPU cannot predict, so it is made without a branch: the sign of
   * {@code u - threshold} (both below 2^33) selects the bucket or its alias.
   */
  public int sample(long bits) {
    return sample(buckets, bits);
  }

  /** {@link #sample(long)} over a table's {@link #buckets}. */
  static int sample(long[] buckets, long bits) {
    int bucket = (int) (((bits >>> 32) * buckets.length) >>> 32);
    long packed = buckets[bucket];
    int keep = (int) (((bits & 0xFFFF_FFFFL) - (packed >>> ALIAS_BITS)) >> 63);
    return (bucket & keep) | ((int) (packed & ALIAS_MASK) & ~keep);
  }
}
