package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.Presence;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.SubAccount;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One sub-account in one {@link Layout}: its static facts (R1 health as a follower, R17 routability, its
 * limit), the tiers it belongs to, and a pointer to its {@link AgentLive}. {@link #available} — routable,
 * ONLINE and with a free seat — is derived from those two and recomputed by {@link #refresh} in the same
 * critical section as every change of either; the tiers' trees derive from it in turn.
 *
 * <p>Kept small on purpose (a shop may have 100,000 agents): the first two tier memberships live in two int
 * fields, and the agent's own decisions (recent agent, follower, receiver…) in one array made on first use.
 */
final class Agent {
  /** Receiver causes, indexes into {@link Reasons#RECEIVER} and {@link Reasons#NO_AGENT_CAUSE}. */
  static final int RECEIVER_NOBODY_ONLINE = 0;
  static final int RECEIVER_QUEUE_FULL = 1;
  static final int RECEIVER_WAIT_EXPIRED = 2;

  /** Kinds of the agent's own decisions, indexes into {@link Layout#ownReasons}. */
  static final int OWN_RECENT = 3;
  static final int OWN_RECENT_SUSPENDED = 4;
  static final int OWN_FOLLOWER = 5;
  static final int OWN_BY_HOST = 6;
  static final int OWN_RESTORED = 7;
  static final int OWN_KINDS = 8;

  private static final int POSITION_BITS = 24;
  private static final int POSITION_MASK = (1 << POSITION_BITS) - 1;

  final SubAccount account;
  final AccountId id;
  /** R17 without presence: ACTIVE and participating in routing. */
  final boolean routable;
  /** R1: a relationship followed by this agent would be healthy (R18's exclusive step). */
  final boolean healthyFollower;
  /** The concurrent limit, or 0 for none (R20). */
  final int limit;

  /** Set once when the layout is installed, before any other use. */
  @SuppressWarnings("NullAway.Init")
  AgentLive live;
  /** Derived: routable, ONLINE and with a free seat. */
  boolean available;

  /** Memberships pack a tier's number in the layout (high byte) and this agent's position in it; -1 for none. */
  private int m0 = -1;
  private int m1 = -1;
  private int @Nullable [] more;
  /** Decisions naming this agent outside the tiers, by {@code OWN_…} kind and receiver cause; made on first use. */
  private @Nullable RoutingDecision @Nullable [] own;

  Agent(SubAccount account) {
    this.account = account;
    this.id = account.id();
    this.routable = account.isRoutable();
    this.healthyFollower = RelationshipHealth.isHealthyFollower(account);
    this.limit = account.concurrentLimit().orElse(0);
  }

  /** Records that this agent is at {@code position} in the layout's tier number {@code tier}. */
  void addMembership(int tier, int position) {
    int m = tier << POSITION_BITS | position;
    if (m0 < 0) {
      m0 = m;
    } else if (m1 < 0) {
      m1 = m;
    } else {
      int[] extra = more;
      more = extra == null ? new int[] {m} : append(extra, m);
    }
  }

  private static int[] append(int[] a, int m) {
    int[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = m;
    return b;
  }

  /** Whether the agent holds fewer seats than its limit (R20). */
  boolean hasFreeSeat() {
    return limit == 0 || live.seats < limit;
  }

  /** Recomputes {@link #available} and brings every tier's derived index up to date. */
  void refresh(Tier[] tiers) {
    boolean now = routable && live.presence == Presence.ONLINE && hasFreeSeat();
    boolean changed = now != available;
    available = now;
    notify(tiers, m0, changed, now);
    notify(tiers, m1, changed, now);
    int[] extra = more;
    if (extra != null) {
      for (int m : extra) {
        notify(tiers, m, changed, now);
      }
    }
  }

  private void notify(Tier[] tiers, int m, boolean changed, boolean now) {
    if (m >= 0) {
      tiers[m >>> POSITION_BITS].memberChanged(m & POSITION_MASK, changed, now, live.seats);
    }
  }

  /** This agent's decision of kind {@code kind} ({@code OWN_…} or a receiver cause) in {@code layout}. */
  RoutingDecision own(Layout layout, int kind) {
    @Nullable RoutingDecision[] mine = own;
    if (mine == null) {
      mine = own = new RoutingDecision[OWN_KINDS];
    }
    RoutingDecision d = mine[kind];
    if (d == null) {
      d = mine[kind] = decision(layout.ownReasons[kind]);
    }
    return d;
  }

  RoutingDecision decision(Reason reason) {
    return new RoutingDecision(id, reason, 0, false);
  }
}
