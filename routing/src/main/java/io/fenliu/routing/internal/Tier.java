package io.fenliu.routing.internal;

import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareMode;
import org.jspecify.annotations.Nullable;

/**
 * One set of candidates that a routing step draws from — a page set (R11), a group (R12–R13), the ungrouped
 * agents (R14), every eligible agent (R18) — with their weights and how they share (R23).
 *
 * <p>A tier stores no live fact: whether member {@code i} may be drawn is {@code members[i].available}. Its
 * alias table and weights are fixed when the layout is built; its Fenwick tree of available weights and, for
 * least-busy sharing, its {@link LoadTree} are derived indexes that {@link Agent#refresh(Tier[])} keeps current in
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
  final @Nullable LoadTree loads;
  /** The tier's name in reasons: a page, a group's name. */
  final String context;
  /** The fairness ledger's name for this tier ("group 'x'", "page Y"), or null for the fallback tiers. */
  final @Nullable String scope;
  /** The ledger, when the router records statistics; set under the router's lock at installation. */
  StatsRecorder.@Nullable ScopeLedger ledger;
  private StatsRecorder.@Nullable MemberLedger @Nullable [] memberLedgers;
  private final Reason[] reasons;
  private final @Nullable RoutingDecision[] @Nullable [] decisions;

  /**
   * @param weights the members' weights, or null when each weighs 1 (equal chances)
   * @param steps the steps this tier's decisions can name, by kind (a group has three: matched,
   *     other-after-matched and unbound; other tiers one)
   * @param templates the reason template of each kind
   */
  Tier(Agent[] members, long @Nullable [] weights, boolean leastBusy, boolean keepLoads, String context,
      @Nullable String scope, RoutingStep[] steps, String[] templates) {
    super(weights, members.length);
    this.members = members;
    this.leastBusy = leastBusy;
    this.loads = leastBusy || keepLoads ? new LoadTree(members.length) : null;
    this.context = context;
    this.scope = scope;
    this.reasons = new Reason[templates.length];
    for (int k = 0; k < templates.length; k++) {
      reasons[k] = new Reason(steps[k], templates[k], context);
    }
    this.decisions = new RoutingDecision[templates.length][];
  }

  /** This tier's number in its layout ({@link Layout#tiers}); set once by {@link #register}. */
  int number = -1;

  /** Tells each member where it sits; called once the layout has numbered its tiers. */
  void register(int number) {
    this.number = number;
    for (int i = 0; i < members.length; i++) {
      members[i].addMembership(number, i);
    }
  }

  @Override
  protected boolean isEnabled(int index) {
    return members[index].available;
  }

  /** Follows member {@code i}'s availability and seats; called by {@link Agent#refresh(Tier[])}. */
  void memberChanged(int i, boolean availabilityChanged, boolean available, int seats) {
    if (availabilityChanged) {
      enabledChanged(i, available);
      StatsRecorder.ScopeLedger s = ledger;
      StatsRecorder.@Nullable MemberLedger[] m = memberLedgers;
      if (s != null && m != null) {
        StatsRecorder.MemberLedger ml = java.util.Objects.requireNonNull(m[i]);
        if (available) {
          s.open(ml);
        } else {
          s.close(ml);
        }
      }
    }
    LoadTree l = loads;
    if (l != null) {
      l.set(i, available, seats, weight(i));
    }
  }

  /** Connects this tier to its scope's ledger (R23's fairness ledger); under the router's lock. */
  void attach(StatsRecorder recorder) {
    String name = scope;
    if (name == null) {
      return;
    }
    StatsRecorder.ScopeLedger s = recorder.scope(name, leastBusy ? ShareMode.LEAST_BUSY : ShareMode.WEIGHTED_RANDOM);
    StatsRecorder.MemberLedger[] m = new StatsRecorder.MemberLedger[members.length];
    for (int i = 0; i < members.length; i++) {
      m[i] = StatsRecorder.member(s, members[i].id(), weight(i));
    }
    ledger = s;
    memberLedgers = m;
  }

  /** Closes every member's open interval: this tier is about to be replaced. */
  void detach() {
    StatsRecorder.ScopeLedger s = ledger;
    StatsRecorder.@Nullable MemberLedger[] m = memberLedgers;
    if (s != null && m != null) {
      for (StatsRecorder.@Nullable MemberLedger ml : m) {
        if (ml != null) {
          s.close(ml);
        }
      }
    }
  }

  /** Counts a decision of this tier's scope picking member {@code i}, before its seat is taken. */
  void counted(int i) {
    StatsRecorder.ScopeLedger s = ledger;
    StatsRecorder.@Nullable MemberLedger[] m = memberLedgers;
    if (s != null && m != null) {
      s.decided(java.util.Objects.requireNonNull(m[i]), enabledWeight());
    }
  }

  /** Whether some member is available. */
  boolean hasAvailable() {
    return enabledWeight() > 0;
  }

  /**
   * An available member, by weight or by load as the tier shares (R13, R23), from the decision's draws ({@link
   * io.fenliu.routing.internal.Draws}); -1 if none is available.
   */
  int pick(long stream) {
    LoadTree l = loads;
    return leastBusy && l != null ? l.pick(stream) : sample(stream);
  }

  /** The load tree; only called where the layout made one (least-busy sharing, R23). */
  LoadTree loads() {
    LoadTree l = loads;
    if (l == null) {
      throw new IllegalStateException("this tier shares by weight and keeps no loads");
    }
    return l;
  }

  /** The decision naming member {@code i} with reason kind {@code kind} if it was made before, else null; reads only. */
  @Nullable RoutingDecision decisionIfMade(int i, TierReason kind) {
    @Nullable RoutingDecision[] byMember = decisions[kind.ordinal()];
    return byMember == null ? null : byMember[i];
  }

  /** The decision naming member {@code i}, with the reason of kind {@code kind}; made on first use, under the lock. */
  RoutingDecision decision(int i, TierReason kind) {
    @Nullable RoutingDecision[] byMember = decisions[kind.ordinal()];
    if (byMember == null) {
      byMember = decisions[kind.ordinal()] = new RoutingDecision[members.length];
    }
    RoutingDecision d = byMember[i];
    if (d == null) {
      d = byMember[i] = members[i].decision(reasons[kind.ordinal()]);
    }
    return d;
  }
}
