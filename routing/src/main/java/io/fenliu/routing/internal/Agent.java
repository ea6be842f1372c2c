package io.fenliu.routing.internal;

import io.fenliu.routing.RoutingDecision;
import io.fenliu.core.AccountId;
import io.fenliu.core.Presence;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.SubAccount;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One sub-account in one {@link Layout}: its static facts (R1 health as a follower, R17 routability, its
 * limit), the tiers it belongs to, and its live facts (R20, R21): presence, when that last changed, the seats
 * it holds. {@link #available} — routable, ONLINE and with a free seat — is derived from those and recomputed
 * by {@link #refresh} in the same critical section as every change of either; the tiers' trees derive from it
 * in turn.
 *
 * <p>Live facts outlive layouts by moving: while a layout is installed, its agent is their one home; installing
 * the next layout moves them to that layout's agent for the same id ({@link #takeLiveFrom}), under the write
 * lock, so at any instant each fact has exactly one home. An agent that leaves the roster drops them but its
 * seats, which the router keeps by id until the last is freed (those consultations are the host's to end or
 * move) and gives back, with the agent OFFLINE, if it rejoins meanwhile.
 *
 * <p>Kept small on purpose (a shop may have 100,000 agents): one object per agent, not a static and a live
 * half; the first two tier memberships live in two int fields, and the agent's own decisions (recent agent,
 * follower, receiver…) in one array made on first use.
 */
final class Agent {
  /** {@link #presenceAt} before any change was recorded. */
  static final long NEVER = Long.MIN_VALUE;

  private static final int POSITION_BITS = 24;
  private static final int POSITION_MASK = (1 << POSITION_BITS) - 1;

  final SubAccount account;
  /**
   * The account's id, kept beside it because the id look-ups of R18's recent-agent and follower steps compare
   * it on every probe, and reaching it through the account was one dependent load more on the hot path. Free in
   * memory: the field fills four bytes of the object's alignment padding (72 bytes either way with compressed
   * references; RouterFootprint measures it).
   */
  final AccountId id;
  /** R17 without presence: ACTIVE and participating in routing. */
  final boolean routable;
  /** R1: a relationship followed by this agent would be healthy (R18's exclusive step). */
  final boolean healthyFollower;
  /** The concurrent limit, or 0 for none (R20). */
  final int limit;
  /** This agent's place in its layout's roster order ({@link Layout#agents}). */
  final int index;

  /** R21: ONLINE, SUSPENDED or OFFLINE; a new agent starts OFFLINE. */
  Presence presence = Presence.OFFLINE;
  /** When presence last changed, in nanoseconds since the epoch (saturated), or {@link #NEVER}. */
  long presenceAt = NEVER;
  /** The open consultations this agent holds: always the number of rows of {@link OpenSeats} naming it. */
  int seats;
  /** Decisions naming this agent, counted only when the router records statistics. */
  long decisions;
  /** Derived: routable, ONLINE and with a free seat. */
  boolean available;

  /** Memberships pack a tier's number in the layout (high byte) and this agent's position in it; -1 for none. */
  private int m0 = -1;
  private int m1 = -1;
  private int @Nullable [] more;
  /** Decisions naming this agent outside the tiers, by {@code OWN_…} kind and receiver cause; made on first use. */
  private @Nullable RoutingDecision @Nullable [] own;

  Agent(SubAccount account, int index) {
    this.account = account;
    this.id = account.id();
    this.index = index;
    this.routable = account.isRoutable();
    this.healthyFollower = RelationshipHealth.isHealthyFollower(account);
    this.limit = account.concurrentLimit().orElse(0);
  }

  /** The sub-account's id. */
  AccountId id() {
    return id;
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
    return limit == 0 || seats < limit;
  }

  /** Moves the live facts of {@code before}, this agent's self in the previous layout, here; at installation. */
  void takeLiveFrom(Agent before) {
    presence = before.presence;
    presenceAt = before.presenceAt;
    seats = before.seats;
    decisions = before.decisions;
  }

  /** Recomputes {@link #available} and brings every tier's derived index up to date. */
  void refresh(Tier[] tiers) {
    boolean now = routable && presence == Presence.ONLINE && hasFreeSeat();
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
      tiers[m >>> POSITION_BITS].memberChanged(m & POSITION_MASK, changed, now, seats);
    }
  }

  /**
   * This agent's decision of kind {@code kind} if it was made before, else null; reads only, so an optimistic
   * preview may call it (a decision has final fields, so a racy read sees it whole or not at all).
   */
  @Nullable RoutingDecision ownIfMade(OwnReason kind) {
    @Nullable RoutingDecision[] mine = own;
    return mine == null ? null : mine[kind.ordinal()];
  }

  /**
   * This agent's decision of kind {@code kind} ({@code OWN_…} or a receiver cause) in {@code layout}, made on
   * first use; under the router's write lock.
   */
  RoutingDecision own(Layout layout, OwnReason kind) {
    @Nullable RoutingDecision[] mine = own;
    if (mine == null) {
      mine = own = new RoutingDecision[OwnReason.BY_ORDINAL.length];
    }
    RoutingDecision d = mine[kind.ordinal()];
    if (d == null) {
      d = mine[kind.ordinal()] = decision(layout.ownReasons[kind.ordinal()]);
    }
    return d;
  }

  RoutingDecision decision(Reason reason) {
    return ApiAccess.api().decision(account.id(), reason, 0, false);
  }

  /** {@code t} in nanoseconds since the epoch, saturated beyond about 292 years either side. */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // seconds and nanos are read together, on purpose
  static long nanos(Instant t) {
    long s = t.getEpochSecond();
    if (s >= Long.MAX_VALUE / 1_000_000_000L) {
      return Long.MAX_VALUE;
    }
    if (s <= Long.MIN_VALUE / 1_000_000_000L + 1) {
      return Long.MIN_VALUE + 1;
    }
    return s * 1_000_000_000L + t.getNano();
  }

  /** Whether {@link #nanos} represents {@code t} without saturating (about 1677 to 2262). */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // seconds and nanos are read together, on purpose
  static boolean inNanosRange(Instant t) {
    long s = t.getEpochSecond();
    return s < Long.MAX_VALUE / 1_000_000_000L && s > Long.MIN_VALUE / 1_000_000_000L + 1;
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
