package io.fenliu.routing;

import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The shop's queue (R22): consultations in the order they reached the router, each with the time it started
 * waiting. Enqueue, dequeue at the head and withdrawal by id are O(1) (a linked hash map); a position is found
 * by walking from the head, O(position).
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

    Waiting(Consultation consultation, long sinceMillis) {
      this.consultation = consultation;
      this.sinceMillis = sinceMillis;
    }
  }

  private final LinkedHashMap<ConsultationId, Waiting> line = new LinkedHashMap<>();
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
    line.put(c.id(), new Waiting(c, sinceMillis));
    if (c.recentContact().isPresent()) {
      withRecentContact++;
    }
    return line.size();
  }

  @Nullable Waiting remove(ConsultationId id) {
    Waiting w = line.remove(id);
    if (w != null && w.consultation.recentContact().isPresent()) {
      withRecentContact--;
    }
    return w;
  }

  @Nullable Waiting head() {
    return line.isEmpty() ? null : line.values().iterator().next();
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
    if (w.consultation.recentContact().isPresent()) {
      withRecentContact--;
    }
  }
}
