package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import org.jspecify.annotations.Nullable;

/**
 * A layout's agents by id: open addressing with linear probing over one array of agents, at most half full,
 * beside an array of the ids' spread hashes: eight to twelve bytes a slot, two to four slots an agent, instead of
 * a hash map's node. A look-up is a hash, a probe or two that compare hashes, and usually one {@code equals} (two
 * ids whose spread hashes collide cost one more) —
 * the recent-agent and follower steps do one look-up each, so a probe that passes another agent's slot costs an
 * int comparison, not a walk through that agent's id string. Immutable once built.
 */
final class AgentIndex {
  private final @Nullable Agent[] table;
  /** {@code hashes[i]} is the spread hash of {@code table[i].id()}, for every non-null slot. */
  private final int[] hashes;

  AgentIndex(Agent[] agents) {
    int capacity = Integer.highestOneBit(Math.max(2, agents.length) * 2 - 1) << 1;
    this.table = new Agent[capacity];
    this.hashes = new int[capacity];
    int mask = capacity - 1;
    for (Agent a : agents) {
      int h = spread(a.id().hashCode());
      int i = h & mask;
      while (table[i] != null) {
        i = (i + 1) & mask;
      }
      table[i] = a;
      hashes[i] = h;
    }
  }

  /** The agent with this id, or null. */
  @Nullable Agent get(AccountId id) {
    Agent[] t = table;
    int[] hs = hashes;
    int mask = t.length - 1;
    int h = spread(id.hashCode());
    for (int i = h & mask; ; i = (i + 1) & mask) {
      @Nullable Agent a = t[i];
      if (a == null || (hs[i] == h && a.id.equals(id))) {
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
