package io.fenliu.routing.internal;

import io.fenliu.routing.RoutingDecision;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import java.util.Arrays;

/**
 * The open consultations (R20), by the host's id: which agent holds each one's seat, for which buyer, since
 * when, and the decision that seated it (returned again if the same id is routed twice).
 *
 * <p>Open addressing with linear probing over parallel arrays, deleting by backward shift (no tombstones), so
 * seating a consultation stores four references and a long and allocates nothing until the table grows
 * (amortised O(1)). The load factor stays at or under one half. Written under the router's write lock; read
 * under its read lock or optimistically (see {@link RouterCore#preview}).
 */
final class OpenSeats {
  private ConsultationId[] ids = new ConsultationId[16];
  private BuyerId[] buyers = new BuyerId[16];
  private AccountId[] agents = new AccountId[16];
  private RoutingDecision[] decisions = new RoutingDecision[16];
  private long[] seatedAtMillis = new long[16];
  private int size;

  int size() {
    return size;
  }

  /**
   * The slot of {@code id}, or -1. At most one probe per slot: an optimistic preview reads the table while a
   * writer may be changing it, and a torn view must end (its answer is then discarded), not cycle.
   */
  int find(ConsultationId id) {
    ConsultationId[] keys = ids;
    int mask = keys.length - 1;
    int i = spread(id.hashCode()) & mask;
    for (int probes = 0; probes <= mask; probes++) {
      ConsultationId k = keys[i];
      if (k == null) {
        return -1;
      }
      if (k.equals(id)) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  ConsultationId id(int slot) {
    return ids[slot];
  }

  BuyerId buyer(int slot) {
    return buyers[slot];
  }

  AccountId agent(int slot) {
    return agents[slot];
  }

  RoutingDecision decision(int slot) {
    return decisions[slot];
  }

  long seatedAtMillis(int slot) {
    return seatedAtMillis[slot];
  }

  /** Adds or replaces the row of {@code id}. */
  void put(ConsultationId id, BuyerId buyer, AccountId agent, RoutingDecision decision, long atMillis) {
    int slot = find(id);
    if (slot < 0) {
      if (2 * (size + 1) > ids.length) {
        grow();
      }
      int mask = ids.length - 1;
      slot = spread(id.hashCode()) & mask;
      while (ids[slot] != null) {
        slot = (slot + 1) & mask;
      }
      size++;
    }
    ids[slot] = id;
    buyers[slot] = buyer;
    agents[slot] = agent;
    decisions[slot] = decision;
    seatedAtMillis[slot] = atMillis;
  }

  /** Removes the row in {@code slot}, shifting later rows of its probe run back so that lookups need no tombstones. */
  void remove(int slot) {
    int mask = ids.length - 1;
    int hole = slot;
    for (int i = (slot + 1) & mask; ids[i] != null; i = (i + 1) & mask) {
      int home = spread(ids[i].hashCode()) & mask;
      // Row i may move into the hole if its home is not in the cyclic range (hole, i].
      boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
      if (movable) {
        move(i, hole);
        hole = i;
      }
    }
    clear(hole);
    size--;
  }

  private void move(int from, int to) {
    ids[to] = ids[from];
    buyers[to] = buyers[from];
    agents[to] = agents[from];
    decisions[to] = decisions[from];
    seatedAtMillis[to] = seatedAtMillis[from];
  }

  private void clear(int slot) {
    ids[slot] = null;
    buyers[slot] = null;
    agents[slot] = null;
    decisions[slot] = null;
    seatedAtMillis[slot] = 0;
  }

  private void grow() {
    ConsultationId[] oldIds = ids;
    BuyerId[] oldBuyers = buyers;
    AccountId[] oldAgents = agents;
    RoutingDecision[] oldDecisions = decisions;
    long[] oldAt = seatedAtMillis;
    int n = oldIds.length * 2;
    ids = new ConsultationId[n];
    buyers = new BuyerId[n];
    agents = new AccountId[n];
    decisions = new RoutingDecision[n];
    seatedAtMillis = new long[n];
    size = 0;
    for (int i = 0; i < oldIds.length; i++) {
      if (oldIds[i] != null) {
        put(oldIds[i], oldBuyers[i], oldAgents[i], oldDecisions[i], oldAt[i]);
      }
    }
  }

  /** The slots in use, in table order (for exports and scans, not the hot path). */
  int[] slots() {
    int[] out = new int[size];
    int n = 0;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] != null) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Murmur3's finalizer: the table keeps the low bits, so every input bit must reach them. */
  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }
}
