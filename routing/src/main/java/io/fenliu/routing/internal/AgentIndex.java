package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import org.jspecify.annotations.Nullable;

/**
 * A layout's agents by id: open addressing with linear probing over one array of agents, at most half full.
 * Four or eight bytes an agent instead of a hash map's node, and a look-up is a hash, a probe or two and an
 * {@code equals} — the recent-agent and follower steps do one each. Immutable once built.
 */
final class AgentIndex {
  private final @Nullable Agent[] table;

  AgentIndex(Agent[] agents) {
    int capacity = Integer.highestOneBit(Math.max(2, agents.length) * 2 - 1) << 1;
    this.table = new Agent[capacity];
    int mask = capacity - 1;
    for (Agent a : agents) {
      int i = spread(a.id().hashCode()) & mask;
      while (table[i] != null) {
        i = (i + 1) & mask;
      }
      table[i] = a;
    }
  }

  /** The agent with this id, or null. */
  @Nullable Agent get(AccountId id) {
    Agent[] t = table;
    int mask = t.length - 1;
    for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
      @Nullable Agent a = t[i];
      if (a == null || a.id.equals(id)) {
        return a;
      }
    }
  }

  boolean contains(AccountId id) {
    return get(id) != null;
  }

  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    return h ^ (h >>> 13);
  }
}
