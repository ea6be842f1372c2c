package io.fenliu.routing.internal;

import io.fenliu.routing.RoutingDecision;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One tier's candidates (a page set, a group, the ungrouped…) with their weights and prepared decisions. It
 * is its own sampler, so a draw reads one object's fields.
 */
final class WeightedTable extends DynamicWeightedSampler implements DynamicWeightedSampler.Acceptor {
  final AgentEntry[] entries;
  private final RoutingDecision[] decisions;
  /** This table as its own acceptor when a member has a concurrent limit, else null: no capacity check. */
  private final DynamicWeightedSampler.@Nullable Acceptor acceptor;

  WeightedTable(List<AgentEntry> members, long[] weights, List<RoutingDecision> decisions) {
    super(weights, onlineFlags(members));
    this.entries = members.toArray(new AgentEntry[0]);
    this.decisions = decisions.toArray(new RoutingDecision[0]);
    boolean limited = false;
    for (int i = 0; i < entries.length; i++) {
      limited |= entries[i].limit > 0;
      entries[i].addMembership(this, i);
    }
    this.acceptor = limited ? this : null;
  }

  private static boolean[] onlineFlags(List<AgentEntry> members) {
    boolean[] online = new boolean[members.size()];
    for (int i = 0; i < online.length; i++) {
      online[i] = members.get(i).slot.isOnline();
    }
    return online;
  }

  /** A decision for an available member drawn by weight, its capacity taken; null if none is available. */
  @Nullable RoutingDecision pick(RandomGenerator random) {
    int i = sample(random, acceptor);
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
