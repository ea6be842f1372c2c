package io.fenliu.routing.internal;

import io.fenliu.routing.RoutingDecision;
import java.util.List;
import java.util.random.RandomGenerator;

/** One tier's candidates (a page set, a group, the ungrouped…) with their weights and prepared decisions. */
final class WeightedTable implements DynamicWeightedSampler.Acceptor {
  final AgentEntry[] entries;
  final DynamicWeightedSampler sampler;
  private final RoutingDecision[] decisions;
  private final boolean anyLimited;

  WeightedTable(List<AgentEntry> members, long[] weights, List<RoutingDecision> decisions) {
    this.entries = members.toArray(new AgentEntry[0]);
    this.decisions = decisions.toArray(new RoutingDecision[0]);
    boolean[] online = new boolean[entries.length];
    boolean limited = false;
    for (int i = 0; i < entries.length; i++) {
      online[i] = entries[i].slot.isOnline();
      limited |= entries[i].limit > 0;
      entries[i].addMembership(this, i);
    }
    this.anyLimited = limited;
    this.sampler = DynamicWeightedSampler.of(weights, online);
  }

  /** A decision for an available member drawn by weight, its capacity taken; null if none is available. */
  RoutingDecision pick(RandomGenerator random) {
    int i = sampler.sample(random, anyLimited ? this : null);
    return i < 0 ? null : decisions[i];
  }

  @Override
  public boolean isAvailable(int index) {
    return entries[index].isAvailable();
  }

  @Override
  public boolean tryAcquire(int index) {
    return entries[index].tryAcquire();
  }
}
