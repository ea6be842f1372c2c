package io.fenliu.routing.internal;

import java.util.random.RandomGenerator;

/**
 * Least-busy selection (R23) in O(log n): a segment tree over items whose load is {@code seats / weight},
 * each node holding the lowest load below it and the total weight of the items that have that load, so the
 * least busy item is found, ties broken at random in proportion to weight, by one descent.
 *
 * <p>Loads are compared exactly as fractions ({@code a/b < c/d} iff {@code a·d < c·b}): seats stay below
 * 2^31 and weights below 2^31, so the products fit a {@code long}. A disabled item (offline, full) has an
 * infinite load and no tie weight. Not thread-safe: the router updates and reads it under the shop's lock.
 */
public final class LoadTree {
  private final int size;
  /** Per node: the lowest load's numerator (seats) and denominator (weight; 0 = infinite, nothing enabled). */
  private final long[] seats;
  private final long[] weight;
  /** Per node: the summed weight of the enabled items below it whose load equals the node's lowest load. */
  private final long[] tie;

  /** A tree over {@code n} items, all disabled. */
  public LoadTree(int n) {
    this.size = n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    this.seats = new long[2 * size];
    this.weight = new long[2 * size];
    this.tie = new long[2 * size];
  }

  /** Sets item {@code index}: enabled with {@code seatsHeld} at {@code itemWeight} (at least 1), or disabled. */
  public void set(int index, boolean enabled, long seatsHeld, long itemWeight) {
    int k = size + index;
    seats[k] = enabled ? seatsHeld : 0;
    weight[k] = enabled ? itemWeight : 0;
    tie[k] = enabled ? itemWeight : 0;
    for (k >>= 1; k > 0; k >>= 1) {
      pull(k);
    }
  }

  private void pull(int k) {
    int l = 2 * k;
    int r = l + 1;
    int c = compare(l, r);
    if (c < 0) {
      copy(k, l, tie[l]);
    } else if (c > 0) {
      copy(k, r, tie[r]);
    } else {
      copy(k, l, tie[l] + tie[r]);
    }
  }

  private void copy(int k, int from, long ties) {
    seats[k] = seats[from];
    weight[k] = weight[from];
    tie[k] = ties;
  }

  /** Compares two nodes' lowest loads; an infinite load (weight 0) is above everything but another infinite one. */
  private int compare(int a, int b) {
    if (weight[a] == 0 || weight[b] == 0) {
      return Long.compare(weight[b], weight[a]) == 0 ? 0 : (weight[a] == 0 ? 1 : -1);
    }
    return Long.compare(seats[a] * weight[b], seats[b] * weight[a]);
  }

  /** Whether some item is enabled. */
  public boolean isEmpty() {
    return tie[1] == 0;
  }

  /** The lowest load's numerator and denominator at the root, for comparing trees (pooled tiers). */
  public long minSeats() {
    return seats[1];
  }

  /** See {@link #minSeats()}; 0 when no item is enabled. */
  public long minWeight() {
    return weight[1];
  }

  /** The summed weight of the items at the lowest load. */
  public long tieWeight() {
    return tie[1];
  }

  /** A least busy enabled item, ties at random by weight; -1 if none is enabled. */
  public int pick(RandomGenerator random) {
    return pick(random.nextLong());
  }

  /** A least busy enabled item, ties by weight, deterministically from {@code stream} ({@link Draws}); -1 if none. */
  public int pick(long stream) {
    return tie[1] == 0 ? -1 : descend(DynamicWeightedSampler.below(Draws.bits(stream, 0), tie[1]));
  }

  /** The least busy item whose tie-weight range contains {@code point}, for {@code 0 <= point < tieWeight()}. */
  public int descend(long point) {
    int k = 1;
    long rest = point;
    while (k < size) {
      int l = 2 * k;
      long left = weight[l] != 0 && compare(l, k) == 0 ? tie[l] : 0;
      if (rest < left) {
        k = l;
      } else {
        rest -= left;
        k = l + 1;
      }
    }
    return k - size;
  }
}
