package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.RecentContact;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The shop's queue (R22): consultations in the order they reached the router, each with the time it started
 * waiting — its stated arrival, else the shop's time when it reached the router. Three views of one set,
 * changed together:
 *
 * <ul>
 *   <li>the <b>line</b>: a hash map by id and a doubly linked list through the entries in arrival order:
 *       enqueue, withdrawal by id and the head in O(1) (an enqueue allocates its entry and one map node; a
 *       withdrawal and the head allocate nothing); a position is found by walking towards the head,
 *       O(position);
 *   <li>the <b>deadlines</b>, in waiting-since then arrival order, in two parts. Time usually moves forward,
 *       so most entries arrive in deadline order: each entry whose waiting-since is not earlier than that of
 *       the last such entry still waiting joins the <em>ordered list</em>, a second doubly linked list, at its
 *       tail, in O(1). The others (a stated arrival older than the ones before it) go to a binary min-heap in an
 *       array, each entry knowing its slot, O(log h) for h such entries. The next to expire is the earlier of
 *       the list's head and the heap's root, O(1); any entry leaves in O(1) from the list or O(log h) from the
 *       heap;
 *   <li>the <b>suspended-agent index</b>: for each agent, in arrival order, the waiting consultations whose
 *       recent contact with that agent lies within R21's shorter window before their arrival. Only these can
 *       take a seat of that agent while it is SUSPENDED, and nothing else can take a seat when no ONLINE agent
 *       has one free (R21); so a freed seat finds its taker — the line's head, or the first of one agent's
 *       entries — without walking the queue. The window is the layout's: {@link #reindex} rebuilds the index,
 *       O(n), when a new layout is installed.
 * </ul>
 *
 * <p>Invariants, after every method: {@code byId} and the line from {@code head} to {@code tail} hold the same
 * entries; each is either in the ordered list ({@code slot == -1}) or in {@code heap[0..heapSize)} at
 * {@code heap[slot]}; the ordered list is sorted by waiting-since then arrival order; every heap entry sorts no
 * earlier than its parent. The router keeps one more: no waiting consultation could be seated now. So a new
 * consultation that finds a seat never takes one an earlier consultation could have taken. Guarded by the
 * router's write lock; never read without it.
 */
final class WaitingLine {
  /** A waiting consultation, and its links in the line and the heap. */
  static final class Waiting {
    final Consultation consultation;
    final long sinceMillis;
    /** When it arrived, for judging its recent-contact windows (R18, R21): stated, or the shop's time. */
    final Instant arrival;
    /** Tie-break for equal waiting-since times: the order they reached the router. */
    final long sequence;
    @Nullable Waiting previous;
    @Nullable Waiting next;
    /** Its neighbours in the ordered list, when {@link #slot} is -1. */
    @Nullable Waiting earlier;
    @Nullable Waiting later;
    /** Its index in {@link WaitingLine#heap}, or -1 when it is in the ordered list. */
    int slot = -1;

    Waiting(Consultation consultation, long sinceMillis, Instant arrival, long sequence) {
      this.consultation = consultation;
      this.sinceMillis = sinceMillis;
      this.arrival = arrival;
      this.sequence = sequence;
    }
  }

  private final HashMap<ConsultationId, Waiting> byId = new HashMap<>();
  private @Nullable Waiting head;
  private @Nullable Waiting tail;
  private @Nullable Waiting orderedHead;
  private @Nullable Waiting orderedTail;
  private Waiting[] heap = new Waiting[8];
  private int heapSize;
  private final Map<AccountId, LinkedHashSet<Waiting>> bySuspendedAgent = new HashMap<>();
  private Duration suspendedWindow = Duration.ZERO;
  private long sequence;

  int size() {
    return byId.size();
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  @Nullable Waiting get(ConsultationId id) {
    return byId.get(id);
  }

  /** Adds at the tail; returns the position (1 = head). */
  int add(Consultation c, long sinceMillis, Instant arrival) {
    Waiting w = new Waiting(c, sinceMillis, arrival, sequence++);
    byId.put(c.id(), w);
    Waiting t = tail;
    w.previous = t;
    if (t == null) {
      head = w;
    } else {
      t.next = w;
    }
    tail = w;
    Waiting last = orderedTail;
    if (last == null || w.sinceMillis >= last.sinceMillis) { // its sequence is the highest: in order
      w.earlier = last;
      if (last == null) {
        orderedHead = w;
      } else {
        last.later = w;
      }
      orderedTail = w;
    } else {
      if (heapSize == heap.length) {
        heap = Arrays.copyOf(heap, heapSize * 2);
      }
      heap[heapSize] = w;
      w.slot = heapSize;
      siftUp(heapSize++);
    }
    index(w);
    return byId.size();
  }

  @Nullable Waiting remove(ConsultationId id) {
    Waiting w = byId.remove(id);
    if (w == null) {
      return null;
    }
    Waiting p = w.previous;
    Waiting n = w.next;
    if (p == null) {
      head = n;
    } else {
      p.next = n;
    }
    if (n == null) {
      tail = p;
    } else {
      n.previous = p;
    }
    w.previous = null;
    w.next = null;
    int i = w.slot;
    if (i < 0) {
      Waiting e = w.earlier;
      Waiting l = w.later;
      if (e == null) {
        orderedHead = l;
      } else {
        e.later = l;
      }
      if (l == null) {
        orderedTail = e;
      } else {
        l.earlier = e;
      }
      w.earlier = null;
      w.later = null;
    } else {
      Waiting last = heap[--heapSize];
      heap[heapSize] = null;
      if (last != w) {
        heap[i] = last;
        last.slot = i;
        if (i > 0 && compareSince(last, heap[(i - 1) >>> 1]) < 0) {
          siftUp(i);
        } else {
          siftDown(i);
        }
      }
      w.slot = -1;
    }
    unindex(w);
    return w;
  }

  /** The head of the line: the consultation that reached the router first; null if none waits. */
  @Nullable Waiting head() {
    return head;
  }

  /** How many entries are in the heap, having arrived out of deadline order; for tests. */
  int outOfOrder() {
    return heapSize;
  }

  /** The consultation that has waited longest, the next to expire; null if none waits. */
  @Nullable Waiting longestWaiting() {
    Waiting o = orderedHead;
    if (heapSize == 0) {
      return o;
    }
    Waiting h = heap[0];
    return (o == null || compareSince(h, o) < 0) ? h : o;
  }

  /** Waiting-since order, then the order they reached the router: the deadlines' order. */
  private static int compareSince(Waiting a, Waiting b) {
    int c = Long.compare(a.sinceMillis, b.sinceMillis);
    return c != 0 ? c : Long.compare(a.sequence, b.sequence);
  }

  private void siftUp(int i) {
    Waiting w = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Waiting p = heap[parent];
      if (compareSince(w, p) >= 0) {
        break;
      }
      heap[i] = p;
      p.slot = i;
      i = parent;
    }
    heap[i] = w;
    w.slot = i;
  }

  private void siftDown(int i) {
    Waiting w = heap[i];
    int half = heapSize >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      Waiting c = heap[child];
      int right = child + 1;
      if (right < heapSize && compareSince(heap[right], c) < 0) {
        child = right;
        c = heap[right];
      }
      if (compareSince(w, c) <= 0) {
        break;
      }
      heap[i] = c;
      c.slot = i;
      i = child;
    }
    heap[i] = w;
    w.slot = i;
  }

  /**
   * How many have waited since {@code sinceMillis} or earlier: those due at a deadline. O(due): the ordered
   * list from its head, and a walk of the heap that stops below every entry that is not due, since nothing
   * under it is due either.
   */
  int countSinceAtMost(long sinceMillis) {
    int n = 0;
    for (Waiting w = orderedHead; w != null && w.sinceMillis <= sinceMillis; w = w.later) {
      n++;
    }
    if (heapSize == 0 || heap[0].sinceMillis > sinceMillis) {
      return n;
    }
    // A last-in-first-out walk holds at most one pending sibling per level above the node it pops, plus the two
    // children it pushes: no more than 33 entries for a heap of fewer than 2^31 entries (depth at most 30).
    int[] stack = new int[33];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int i = stack[--top];
      if (heap[i].sinceMillis > sinceMillis) {
        continue;
      }
      n++;
      int child = 2 * i + 1;
      if (child < heapSize) {
        stack[top++] = child;
        if (child + 1 < heapSize) {
          stack[top++] = child + 1;
        }
      }
    }
    return n;
  }

  /** The first in arrival order of {@code agent}'s suspended-agent entries; null if it has none. */
  @Nullable Waiting firstFor(AccountId agent) {
    LinkedHashSet<Waiting> mine = bySuspendedAgent.get(agent);
    return mine == null ? null : mine.iterator().next();
  }

  /** The agents that have suspended-agent entries. */
  Iterable<AccountId> indexedAgents() {
    return bySuspendedAgent.keySet();
  }

  /** The 1-based position of {@code id}, or 0 if it does not wait. O(position). */
  int position(ConsultationId id) {
    Waiting w = byId.get(id);
    if (w == null) {
      return 0;
    }
    int p = 1;
    for (Waiting x = w.previous; x != null; x = x.previous) {
      p++;
    }
    return p;
  }

  /** Head first, read-only; not to be used across a change to the line (it does not detect one). */
  Iterator<Waiting> iterator() {
    return new Iterator<>() {
      private @Nullable Waiting at = head;

      @Override
      public boolean hasNext() {
        return at != null;
      }

      @Override
      public Waiting next() {
        Waiting w = at;
        if (w == null) {
          throw new java.util.NoSuchElementException();
        }
        at = w.next;
        return w;
      }
    };
  }

  /** Rebuilds the suspended-agent index for a new layout's window (R21). O(n). */
  void reindex(Duration window) {
    if (window.equals(suspendedWindow)) {
      return;
    }
    suspendedWindow = window;
    bySuspendedAgent.clear();
    for (Waiting w = head; w != null; w = w.next) {
      index(w);
    }
  }

  private void index(Waiting w) {
    Optional<RecentContact> rc = w.consultation.recentContact();
    if (rc.isPresent() && Selector.within(rc.get().at(), w.arrival, suspendedWindow)) {
      bySuspendedAgent.computeIfAbsent(rc.get().agent(), k -> new LinkedHashSet<>()).add(w);
    }
  }

  private void unindex(Waiting w) {
    Optional<RecentContact> rc = w.consultation.recentContact();
    if (rc.isPresent()) {
      LinkedHashSet<Waiting> mine = bySuspendedAgent.get(rc.get().agent());
      if (mine != null && mine.remove(w) && mine.isEmpty()) {
        bySuspendedAgent.remove(rc.get().agent());
      }
    }
  }
}
