package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.RecentContact;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The shop's queue (R22): consultations in the order they reached the router, each with the time it started
 * waiting — its stated arrival, else the shop's time when it reached the router. Three views of one set,
 * changed together:
 *
 * <ul>
 *   <li>the <b>line</b>, a linked hash map in arrival order: enqueue, withdrawal by id and the head in O(1);
 *       a position is found by walking from the head, O(position);
 *   <li>the <b>deadlines</b>, a tree ordered by waiting-since then arrival order: the next to expire in
 *       O(log n), since stated arrivals need not come in order;
 *   <li>the <b>suspended-agent index</b>: for each agent, in arrival order, the waiting consultations whose
 *       recent contact with that agent lies within R21's shorter window before their arrival. Only these can
 *       take a seat of that agent while it is SUSPENDED, and nothing else can take a seat when no ONLINE agent
 *       has one free (R21); so a freed seat finds its taker — the line's head, or the first of one agent's
 *       entries — without walking the queue. The window is the layout's: {@link #reindex} rebuilds the index,
 *       O(n), when a new layout is installed.
 * </ul>
 *
 * <p>Invariant kept by the router after every change: no waiting consultation could be seated now. So a new
 * consultation that finds a seat never takes one an earlier consultation could have taken. Guarded by the
 * router's write lock; never read without it.
 */
final class WaitingLine {
  /** A waiting consultation. */
  static final class Waiting {
    final Consultation consultation;
    final long sinceMillis;
    /** When it arrived, for judging its recent-contact windows (R18, R21): stated, or the shop's time. */
    final Instant arrival;
    /** Tie-break for equal waiting-since times: the order they reached the router. */
    final long sequence;

    Waiting(Consultation consultation, long sinceMillis, Instant arrival, long sequence) {
      this.consultation = consultation;
      this.sinceMillis = sinceMillis;
      this.arrival = arrival;
      this.sequence = sequence;
    }
  }

  private final LinkedHashMap<ConsultationId, Waiting> line = new LinkedHashMap<>();
  private final TreeSet<Waiting> bySince = new TreeSet<>(
      Comparator.<Waiting>comparingLong(w -> w.sinceMillis).thenComparingLong(w -> w.sequence));
  private final Map<AccountId, LinkedHashSet<Waiting>> bySuspendedAgent = new HashMap<>();
  private Duration suspendedWindow = Duration.ZERO;
  private long sequence;

  int size() {
    return line.size();
  }

  boolean isEmpty() {
    return line.isEmpty();
  }

  @Nullable Waiting get(ConsultationId id) {
    return line.get(id);
  }

  /** Adds at the tail; returns the position (1 = head). */
  int add(Consultation c, long sinceMillis, Instant arrival) {
    Waiting w = new Waiting(c, sinceMillis, arrival, sequence++);
    line.put(c.id(), w);
    bySince.add(w);
    index(w);
    return line.size();
  }

  @Nullable Waiting remove(ConsultationId id) {
    Waiting w = line.remove(id);
    if (w != null) {
      bySince.remove(w);
      unindex(w);
    }
    return w;
  }

  /** The head of the line: the consultation that reached the router first; null if none waits. */
  @Nullable Waiting head() {
    Iterator<Waiting> it = line.values().iterator();
    return it.hasNext() ? it.next() : null;
  }

  /** The consultation that has waited longest, the next to expire; null if none waits. */
  @Nullable Waiting longestWaiting() {
    return bySince.isEmpty() ? null : bySince.first();
  }

  /** How many have waited since {@code sinceMillis} or earlier: those due at a deadline. O(due · log n). */
  int countSinceAtMost(long sinceMillis) {
    int n = 0;
    for (Waiting w : bySince) {
      if (w.sinceMillis > sinceMillis) {
        break;
      }
      n++;
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
    if (!line.containsKey(id)) {
      return 0;
    }
    int p = 1;
    for (ConsultationId k : line.keySet()) {
      if (k.equals(id)) {
        return p;
      }
      p++;
    }
    return 0;
  }

  /** Head first, read-only. */
  Iterator<Waiting> iterator() {
    return java.util.Collections.unmodifiableCollection(line.values()).iterator();
  }

  /** Rebuilds the suspended-agent index for a new layout's window (R21). O(n). */
  void reindex(Duration window) {
    if (window.equals(suspendedWindow)) {
      return;
    }
    suspendedWindow = window;
    bySuspendedAgent.clear();
    for (Waiting w : line.values()) {
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
