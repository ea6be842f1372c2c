package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.Presence;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.SubAccount;
import java.util.Arrays;
import java.util.Optional;

/**
 * One sub-account in one {@link Layout}: its static facts (R1 health as a follower, R17 routability, its
 * limit), the tiers it belongs to, and a pointer to its {@link AgentLive}. {@link #available} — routable,
 * ONLINE and with a free seat — is derived from those two and recomputed by {@link #refresh()} in the same
 * critical section as every change of either; the tiers' trees derive from it in turn.
 */
final class Agent {
  static final int RECEIVER_NOBODY_ONLINE = 0;
  static final int RECEIVER_QUEUE_FULL = 1;
  static final int RECEIVER_WAIT_EXPIRED = 2;

  final SubAccount account;
  final AccountId id;
  /** Shared by every decision naming this agent, so decisions allocate no Optional. */
  final Optional<AccountId> ref;
  /** R17 without presence: ACTIVE and participating in routing. */
  final boolean routable;
  /** R1: a relationship followed by this agent would be healthy (R18's exclusive step). */
  final boolean healthyFollower;
  /** The concurrent limit, or 0 for none (R20). */
  final int limit;

  /** Set once when the layout is installed. */
  AgentLive live;
  /** Derived: routable, ONLINE and with a free seat. */
  boolean available;

  private Tier[] tiers = new Tier[0];
  private int[] positions = new int[0];
  private int memberships;

  private RoutingDecision recentOnline;
  private RoutingDecision recentSuspended;
  private RoutingDecision follower;
  private final RoutingDecision[] receiver = new RoutingDecision[3];

  Agent(SubAccount account) {
    this.account = account;
    this.id = account.id();
    this.ref = Optional.of(id);
    this.routable = account.isRoutable();
    this.healthyFollower = RelationshipHealth.isHealthyFollower(account);
    this.limit = account.concurrentLimit().orElse(0);
  }

  void addMembership(Tier tier, int position) {
    if (memberships == tiers.length) {
      tiers = Arrays.copyOf(tiers, Math.max(2, memberships * 2));
      positions = Arrays.copyOf(positions, tiers.length);
    }
    tiers[memberships] = tier;
    positions[memberships++] = position;
  }

  /** Whether the agent holds fewer seats than its limit (R20). */
  boolean hasFreeSeat() {
    return limit == 0 || live.seats < limit;
  }

  /** Recomputes {@link #available} and brings every tier's derived index up to date. */
  void refresh() {
    boolean now = routable && live.presence == Presence.ONLINE && hasFreeSeat();
    boolean changed = now != available;
    available = now;
    for (int k = 0; k < memberships; k++) {
      tiers[k].memberChanged(positions[k], changed, now, live.seats);
    }
  }

  RoutingDecision recentOnline(Layout layout) {
    RoutingDecision d = recentOnline;
    return d != null ? d : (recentOnline = decision(RoutingStep.RECENT_AGENT, Reasons.RECENT, layout.recentWindowWords));
  }

  RoutingDecision recentSuspended(Layout layout) {
    RoutingDecision d = recentSuspended;
    return d != null ? d
        : (recentSuspended = decision(RoutingStep.RECENT_AGENT, Reasons.RECENT_SUSPENDED, layout.suspendedWindowWords));
  }

  RoutingDecision follower() {
    RoutingDecision d = follower;
    return d != null ? d : (follower = decision(RoutingStep.EXCLUSIVE_FOLLOWER, Reasons.FOLLOWER, ""));
  }

  RoutingDecision receiver(int cause, String context) {
    RoutingDecision d = receiver[cause];
    return d != null ? d : (receiver[cause] = decision(RoutingStep.OFFLINE_RECEIVER, Reasons.RECEIVER[cause], context));
  }

  RoutingDecision decision(RoutingStep step, String template, String context) {
    return new RoutingDecision(ref, step, template, context, 0, false);
  }
}
