package io.fenliu.routing.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Fenwick (binary indexed) tree of non-negative weights: O(log n) update and O(log n) search for the
 * item that covers a point of the cumulative weight. One writer at a time; readers may run concurrently
 * and, during an update, see a mix of old and new sums — callers verify what they find.
 */
final class FenwickTree {
  private final AtomicLongArray tree;
  private final int size;
  private final int topStep;

  FenwickTree(int size) {
    this.size = size;
    this.tree = new AtomicLongArray(size + 1);
    this.topStep = size == 0 ? 0 : Integer.highestOneBit(size);
  }

  void add(int index, long delta) {
    for (int i = index + 1; i <= size; i += i & -i) {
      tree.addAndGet(i, delta);
    }
  }

  /** The index whose cumulative range contains {@code point}, in [0, size]; {@code size} means none. */
  int find(long point) {
    int pos = 0;
    long rest = point;
    for (int step = topStep; step > 0; step >>= 1) {
      int next = pos + step;
      if (next <= size) {
        long w = tree.get(next);
        if (w <= rest) {
          pos = next;
          rest -= w;
        }
      }
    }
    return pos;
  }
}
