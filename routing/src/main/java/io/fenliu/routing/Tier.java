package io.fenliu.routing;

import io.fenliu.routing.internal.DynamicWeightedSampler;
import io.fenliu.routing.internal.LoadTree;
import java.util.random.RandomGenerator;

/**
 * One set of candidates that a routing step draws from — a page set (R11), a group (R12–R13), the ungrouped
 * agents (R14), every eligible agent (R18) — with their weights and how they share (R23).
 *
 * <p>A tier stores no live fact: whether member {@code i} may be drawn is {@code members[i].available}. Its
 * alias table and weights are fixed when the layout is built; its Fenwick tree of available weights and, for
 * least-busy sharing, its {@link LoadTree} are derived indexes that {@link Agent#refresh()} keeps current in
 * the same critical section as the change they follow.
 *
 * <p>Decisions are made lazily, one per member and kind of reason, and kept: routing the same agent through
 * the same tier again allocates nothing.
 */
final class Tier extends DynamicWeightedSampler {
  final Agent[] members;
  /** Least-busy sharing here (R23); weighted random otherwise. */
  final boolean leastBusy;
  /** Present when this tier shares by load, or is pooled with tiers that do; else null. */
  final LoadTree loads;
  /** The tier's name in reasons: a page, a group's name. */
  final String context;
  private final long[] weightsForLoad;
  private final RoutingStep[] steps;
  private final String[] templates;
  private final RoutingDecision[][] decisions;

  /**
   * @param steps the steps this tier's decisions can name, by kind (a group has three: matched,
   *     other-after-matched and unbound; other tiers one)
   * @param templates the reason template of each kind
   */
  Tier(Agent[] members, long[] weights, boolean leastBusy, boolean keepLoads, String context, RoutingStep[] steps,
      String[] templates) {
    super(weights);
    this.steps = steps;
    this.members = members;
    this.leastBusy = leastBusy;
    this.loads = leastBusy || keepLoads ? new LoadTree(members.length) : null;
    this.weightsForLoad = weights;
    this.context = context;
    this.templates = templates;
    this.decisions = new RoutingDecision[templates.length][];
    for (int i = 0; i < members.length; i++) {
      members[i].addMembership(this, i);
    }
  }

  @Override
  protected boolean isEnabled(int index) {
    return members[index].available;
  }

  /** Follows member {@code i}'s availability and seats; called by {@link Agent#refresh()}. */
  void memberChanged(int i, boolean availabilityChanged, boolean available, int seats) {
    if (availabilityChanged) {
      enabledChanged(i, available);
    }
    if (loads != null) {
      loads.set(i, available, seats, weightsForLoad[i]);
    }
  }

  /** Whether some member is available. */
  boolean hasAvailable() {
    return enabledWeight() > 0;
  }

  /** An available member, by weight or by load as the tier shares (R13, R23); -1 if none is available. */
  int pick(RandomGenerator random) {
    return leastBusy ? loads.pick(random) : sample(random);
  }

  /** The decision naming member {@code i}, with the reason of kind {@code kind}. */
  RoutingDecision decision(int i, int kind) {
    RoutingDecision[] byMember = decisions[kind];
    if (byMember == null) {
      byMember = decisions[kind] = new RoutingDecision[members.length];
    }
    RoutingDecision d = byMember[i];
    if (d == null) {
      d = byMember[i] = members[i].decision(steps[kind], templates[kind], context);
    }
    return d;
  }

  /** Approximate retained bytes of the tier's arrays, for memory figures. */
  long footprint() {
    long bytes = arrayBytes() + 4L * members.length;
    if (loads != null) {
      bytes += 3 * 8L * 2 * members.length;
    }
    return bytes;
  }
}
