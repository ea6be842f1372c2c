package io.fenliu.routing.internal;

/**
 * A Fenwick (binary indexed) tree of non-negative weights: O(log n) update and O(log n) search for the item
 * that covers a point of the cumulative weight.
 *
 * <p>Not thread-safe: its owner serializes writes. A search takes exactly log n steps and never indexes past
 * the array whatever the values it reads, so the router may run one optimistically while a writer changes the
 * tree and discard the answer if a write happened (see the router's design comment). The tree is padded to a power of two with zero weights,
 * so the search needs no bounds check and takes each of its log n steps without a branch: which half holds
 * the point is a coin flip a CPU cannot predict.
 */
public final class FenwickTree {
  private final long[] tree;
  private final int paddedSize;

  /** An all-zero tree over {@code size} items. */
  public FenwickTree(int size) {
    this.paddedSize = size <= 1 ? 1 : Integer.highestOneBit(size - 1) << 1;
    this.tree = new long[paddedSize + 1];
  }

  /** Adds {@code delta} to item {@code index}'s weight. */
  public void add(int index, long delta) {
    for (int i = index + 1; i <= paddedSize; i += i & -i) {
      tree[i] += delta;
    }
  }

  /**
   * The index whose cumulative range contains {@code point}, for {@code 0 <= point < total}. Weights and
   * points stay below 2^62, so {@code w - rest - 1} cannot overflow.
   */
  public int find(long point) {
    int pos = 0;
    long rest = point;
    for (int step = paddedSize >> 1; step > 0; step >>= 1) {
      long w = tree[pos + step];
      long take = (w - rest - 1) >> 63;
      pos += step & (int) take;
      rest -= w & take;
    }
    return pos;
  }
}
