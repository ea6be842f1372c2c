package io.fenliu.routing.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Fenwick (binary indexed) tree of non-negative weights: O(log n) update and O(log n) search for the
 * item that covers a point of the cumulative weight. One writer at a time; readers may run concurrently
 * and, during an update, see a mix of old and new sums — callers verify what they find.
 *
 * <p>The tree is padded to a power of two with zero weights, so the search needs no bounds check and takes
 * each of its log n steps without a branch: which half holds the point is a coin flip a CPU cannot predict.
 */
final class FenwickTree {
  private final AtomicLongArray tree;
  private final int paddedSize;

  FenwickTree(int size) {
    this.paddedSize = size <= 1 ? 1 : Integer.highestOneBit(size - 1) << 1;
    this.tree = new AtomicLongArray(paddedSize + 1);
  }

  void add(int index, long delta) {
    for (int i = index + 1; i <= paddedSize; i += i & -i) {
      tree.addAndGet(i, delta);
    }
  }

  /**
   * The index whose cumulative range contains {@code point}, for {@code 0 <= point < total}. Weights and
   * points stay below 2^62, so {@code w - rest - 1} cannot overflow.
   */
  int find(long point) {
    int pos = 0;
    long rest = point;
    for (int step = paddedSize >> 1; step > 0; step >>= 1) {
      long w = tree.get(pos + step);
      long take = (w - rest - 1) >> 63;
      pos += step & (int) take;
      rest -= w & take;
    }
    return pos;
  }
}
