package io.fenliu.simulator.internal;

import java.util.Arrays;

/**
 * A binary min-heap of consultation indexes ordered by a key array ({@code key[i]}, then the index), without
 * boxing: the pending ends of a simulated day, a million of them at a time when a large shop is busy. The key of
 * an index must not change while the index is in the heap.
 */
final class IntHeap {
  private int[] heap = new int[1024];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int peek() {
    return heap[0];
  }

  void add(int index, long[] key) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(index, heap[parent], key)) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = index;
  }

  int poll(long[] key) {
    int top = heap[0];
    int last = heap[--size];
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && less(heap[right], heap[child], key)) {
        child = right;
      }
      if (!less(heap[child], last, key)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    return top;
  }

  private static boolean less(int a, int b, long[] key) {
    return key[a] < key[b] || (key[a] == key[b] && a < b);
  }
}
