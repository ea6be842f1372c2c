package io.fenliu.anomaly.internal;

import io.fenliu.anomaly.Distribution;
import java.math.BigInteger;
import java.util.PriorityQueue;

/** Turns a distribution into a target index for each of n relationships (R6). */
public final class Allocation {
  private Allocation() {}

  /**
   * Target indexes for n relationships, interleaved so that any prefix of the plan is spread as well.
   *
   * @param current each target's relationships before the move (for load balancing)
   */
  public static int[] assign(int n, Distribution distribution, long[] current) {
    int k = current.length;
    if (distribution instanceof Distribution.LoadBalancing) {
      return waterFill(n, current);
    }
    long[] counts = new long[k];
    if (distribution instanceof Distribution.Weighted w) {
      largestRemainder(n, w, counts);
    } else {
      for (int i = 0; i < k; i++) {
        counts[i] = n / k + (i < n % k ? 1L : 0L);
      }
    }
    int[] order = new int[n];
    int filled = 0;
    while (filled < n) {
      for (int i = 0; i < k && filled < n; i++) {
        if (counts[i] > 0) {
          counts[i]--;
          order[filled++] = i;
        }
      }
    }
    return order;
  }

  /** Floors of the exact shares, then one more for the largest remainders; ties to the earlier target. */
  private static void largestRemainder(int n, Distribution.Weighted w, long[] counts) {
    int k = counts.length;
    BigInteger total = BigInteger.ZERO;
    for (long x : w.weights()) {
      total = total.add(BigInteger.valueOf(x));
    }
    BigInteger[] remainders = new BigInteger[k];
    long given = 0;
    for (int i = 0; i < k; i++) {
      BigInteger[] qr = BigInteger.valueOf(n).multiply(BigInteger.valueOf(w.weights().get(i))).divideAndRemainder(total);
      counts[i] = qr[0].longValueExact();
      remainders[i] = qr[1];
      given += counts[i];
    }
    for (long left = n - given; left > 0; left--) {
      int best = -1;
      for (int i = 0; i < k; i++) {
        if (remainders[i] != null && (best < 0 || remainders[i].compareTo(remainders[best]) > 0)) {
          best = i;
        }
      }
      counts[best]++;
      remainders[best] = null;
    }
  }

  /** Each relationship to the target with the fewest so far, earlier target first on ties. */
  private static int[] waterFill(int n, long[] current) {
    long[] load = current.clone();
    PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> load[a] != load[b] ? Long.compare(load[a], load[b]) : Integer.compare(a, b));
    for (int i = 0; i < load.length; i++) {
      queue.add(i);
    }
    int[] order = new int[n];
    for (int j = 0; j < n; j++) {
      int i = queue.poll();
      order[j] = i;
      load[i]++;
      queue.add(i);
    }
    return order;
  }
}
