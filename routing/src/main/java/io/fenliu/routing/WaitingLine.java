package io.fenliu.routing;

import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The shop's queue (R22): consultations in the order they reached the router, each with the time it started
 * waiting — its stated arrival, else the router's clock when it reached the router. Order (first come, first
 * served) and expiry are kept apart, because stated arrivals need not come in order: the line is a linked hash
 * map (enqueue, withdrawal by id and the head in O(1)), and the deadlines a tree ordered by waiting-since
 * (O(log n) to add or remove, the next to expire in O(log n)). A position is found by walking from the head,
 * O(position).
 *
 * <p>Invariant kept by the router after every change: no waiting consultation could be seated now. So a new
 * consultation that finds a seat never takes one an earlier consultation could have taken, and the head is
 * the first to try whenever a seat frees. Guarded by the router's lock.
 */
final class WaitingLine {
  /** A waiting consultation. */
  static final class Waiting {
    final Consultation consultation;
    final long sinceMillis;
    /** Tie-break for equal waiting-since times: the order they reached the router. */
    final long sequence;

    Waiting(Consultation consultation, long sinceMillis, long sequence) {
      this.consultation = consultation;
      this.sinceMillis = sinceMillis;
      this.sequence = sequence;
    }
  }

  private final LinkedHashMap<ConsultationId, Waiting> line = new LinkedHashMap<>();
  private final TreeSet<Waiting> bySince = new TreeSet<>(
      Comparator.<Waiting>comparingLong(w -> w.sinceMillis).thenComparingLong(w -> w.sequence));
  private long sequence;
  /** How many waiting consultations carry a recent contact: only they can take a suspended agent's seat (R21). */
  private int withRecentContact;

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
  int add(Consultation c, long sinceMillis) {
    Waiting w = new Waiting(c, sinceMillis, sequence++);
    line.put(c.id(), w);
    bySince.add(w);
    if (c.recentContact().isPresent()) {
      withRecentContact++;
    }
    return line.size();
  }

  @Nullable Waiting remove(ConsultationId id) {
    Waiting w = line.remove(id);
    if (w != null) {
      bySince.remove(w);
      if (w.consultation.recentContact().isPresent()) {
        withRecentContact--;
      }
    }
    return w;
  }

  /** The consultation that has waited longest, the next to expire; null if none waits. */
  @Nullable Waiting longestWaiting() {
    return bySince.isEmpty() ? null : bySince.first();
  }

  int withRecentContact() {
    return withRecentContact;
  }

  /** The 1-based position of {@code id}, or 0 if it does not wait. */
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

  /** Head first; the router removes through {@link #remove} only after the walk, or through the iterator. */
  Iterator<Waiting> iterator() {
    return line.values().iterator();
  }

  /** Notes that the iterator removed {@code w}. */
  void removedByIterator(Waiting w) {
    bySince.remove(w);
    if (w.consultation.recentContact().isPresent()) {
      withRecentContact--;
    }
  }
}
