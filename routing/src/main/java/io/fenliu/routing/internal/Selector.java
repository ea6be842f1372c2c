package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.Consultation;
import io.fenliu.core.Presence;
import io.fenliu.core.RecentContact;
import io.fenliu.routing.RoutingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A decision's selection (R11–R18, R23, R25): which agent R18's steps choose, against one state of the shop.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li><b>Pure.</b> Every method is static, reads the layout and the live facts of its agents and tiers, and
 *       writes nothing: a preview is a selection and nothing else, and an optimistic read may run it on a state
 *       that is changing (its answer is then discarded, see {@link RouterCore}).
 *   <li><b>Bounded.</b> Every loop is bounded by an array's length (the groups, the alias retries, the Fenwick and
 *       load-tree descents), so a torn read can give a wrong answer or an exception, never a loop without end.
 *   <li><b>Deterministic.</b> Randomness comes only from the decision's stream ({@link Draws}): the same state and
 *       the same stream give the same choice (R25).
 * </ul>
 *
 * <h2>The answer: a choice</h2>
 *
 * A selection returns a {@code long}, not an object, so that deciding allocates nothing and hands nothing through
 * a field: the member's index in its tier, or the agent's index in the layout for an agent's own decision (bits
 * 0–23); the tier's number + 1, or 0 for an own decision (bits 24–31); the {@link TierReason} or {@link OwnReason}
 * ordinal (bits 32–39); whether a continuity step gave way to a full agent ({@link #REFUSED}, bit 40, counted as a
 * capacity refusal when the decision is committed); nobody ({@link #NOBODY}, bit 41). {@link #agentOf} and {@link
 * #decision} read a choice back.
 */
final class Selector {
  private Selector() {}

  private static final int TIER_SHIFT = 24;
  private static final int KIND_SHIFT = 32;
  static final long REFUSED = 1L << 40;
  static final long NOBODY = 1L << 41;


  /**
   * R18's steps up to "any online", against the current state: the choice, with {@link #NOBODY} set when no live
   * agent can take the consultation. Pure: reads the layout and the live facts, writes nothing.
   *
   * @param arrival when the consultation arrived, for the recent-contact windows (R18, R21)
   * @param stream the decision's draws ({@link Draws})
   */
  static long select(Layout l, Consultation c, Instant arrival, long stream) {
    long refused = 0;
    if (c.recentContact().isPresent() || (l.connectToExclusiveAgent && c.exclusiveFollower().isPresent())) {
      long choice = continuity(l, c, arrival);
      if ((choice & NOBODY) == 0) {
        return choice;
      }
      refused = choice & REFUSED;
    }
    long choice = l.basic ? fromTier(l.pages[c.entryPage().ordinal()], TierReason.OWN_STEP, stream) : advanced(l, c, stream);
    if ((choice & NOBODY) != 0) {
      choice = fromTier(l.anyOnline, TierReason.OWN_STEP, stream);
    }
    return choice | refused;
  }

  /** R18's first two steps: the recent agent (R21 when suspended), then the exclusive follower. */
  private static long continuity(Layout l, Consultation c, Instant arrival) {
    long refused = 0;
    Optional<RecentContact> recent = c.recentContact();
    if (recent.isPresent()) {
      RecentContact rc = recent.get();
      // The window first: the settings never make the suspended window longer than the recent one (R21), so a
      // contact outside the recent window is outside both, and costs a comparison, not an id look-up.
      Agent a = within(rc.at(), arrival, l.recentWindow) ? l.byId.get(rc.agent()) : null;
      if (a != null && a.routable) {
        Presence p = a.presence;
        OwnReason kind = p == Presence.ONLINE ? OwnReason.RECENT
            : p == Presence.SUSPENDED && within(rc.at(), arrival, l.suspendedWindow) ? OwnReason.RECENT_SUSPENDED
            : null;
        if (kind != null) {
          if (a.hasFreeSeat()) {
            return own(a, kind);
          }
          refused = REFUSED; // continuity gives way to the seat limit (R20)
        }
      }
    }
    Optional<AccountId> follower = c.exclusiveFollower();
    if (l.connectToExclusiveAgent && follower.isPresent()) {
      Agent a = l.byId.get(follower.get());
      if (a != null && a.healthyFollower && a.available) {
        return own(a, OwnReason.FOLLOWER);
      }
      if (a != null && a.healthyFollower && a.routable && a.presence == Presence.ONLINE) {
        refused = REFUSED;
      }
    }
    return NOBODY | refused;
  }

  static long own(Agent a, OwnReason kind) {
    return (long) kind.ordinal() << KIND_SHIFT | a.index;
  }

  private static long inTier(Tier t, TierReason kind, int member) {
    return (long) kind.ordinal() << KIND_SHIFT | (long) (t.number + 1) << TIER_SHIFT | member;
  }

  /** A member of {@code t} by its sharing (R13, R23), with reason kind {@code kind}; {@link #NOBODY} if none. */
  private static long fromTier(@Nullable Tier t, TierReason kind, long stream) {
    if (t == null) {
      return NOBODY;
    }
    int i = t.pick(stream);
    return i < 0 ? NOBODY : inTier(t, kind, i);
  }

  /** R12–R14: the bound group, then the other groups pooled, then the ungrouped agents. */
  private static long advanced(Layout l, Consultation c, long stream) {
    int matched = l.groupOf[c.orderStatus().ordinal()];
    if (matched >= 0) {
      long choice = fromTier(l.groups[matched], TierReason.OWN_STEP, stream);
      if ((choice & NOBODY) == 0) {
        return choice;
      }
    }
    TierReason kind = matched >= 0 ? TierReason.OTHER_AFTER_MATCHED : TierReason.UNBOUND;
    long choice = l.otherLeastBusy ? otherByLoad(l.groups, matched, kind, stream)
        : otherByWeight(l.groups, matched, kind, stream);
    return (choice & NOBODY) == 0 ? choice : fromTier(l.ungrouped, TierReason.OWN_STEP, stream);
  }

  /**
   * R14's pooled tier, by weight: a group by its available weight (draw 0), then an agent in it by weight (a
   * stream of its own, so the two draws are independent). An agent in several pooled groups is thereby chosen
   * with the sum of its weights, as if the groups were one.
   */
  private static long otherByWeight(@Nullable Tier[] groups, int matched, TierReason kind, long stream) {
    long total = 0;
    for (int g = 0; g < groups.length; g++) {
      Tier t = groups[g];
      if (g != matched && t != null) {
        total += t.enabledWeight();
      }
    }
    if (total == 0) {
      return NOBODY;
    }
    long point = DynamicWeightedSampler.below(Draws.bits(stream, 0), total);
    for (int g = 0; g < groups.length; g++) {
      Tier t = groups[g];
      if (g == matched || t == null) {
        continue;
      }
      long w = t.enabledWeight();
      if (point < w) {
        int i = t.sample(Draws.bits(stream, 1));
        return i < 0 ? NOBODY : inTier(t, kind, i);
      }
      point -= w;
    }
    return NOBODY; // a torn optimistic read; under the lock the weights add up
  }

  /** R14's pooled tier, least busy first (R23): the lowest load over every pooled group, ties by weight. */
  private static long otherByLoad(@Nullable Tier[] groups, int matched, TierReason kind, long stream) {
    Tier best = null;
    long ties = 0;
    for (int g = 0; g < groups.length; g++) {
      Tier t = groups[g];
      if (g == matched || t == null || t.loads().isEmpty()) {
        continue;
      }
      int c = best == null ? -1 : compareLoads(t.loads(), best.loads());
      if (c < 0) {
        best = t;
        ties = t.loads().tieWeight();
      } else if (c == 0) {
        ties += t.loads().tieWeight();
      }
    }
    if (best == null) {
      return NOBODY;
    }
    long point = DynamicWeightedSampler.below(Draws.bits(stream, 0), ties);
    for (int g = 0; g < groups.length; g++) {
      Tier t = groups[g];
      if (g == matched || t == null || t.loads().isEmpty() || compareLoads(t.loads(), best.loads()) != 0) {
        continue;
      }
      long w = t.loads().tieWeight();
      if (point < w) {
        return inTier(t, kind, t.loads().descend(point));
      }
      point -= w;
    }
    return NOBODY; // a torn optimistic read
  }

  private static int compareLoads(LoadTree a, LoadTree b) {
    return Long.compare(a.minSeats() * b.minWeight(), b.minSeats() * a.minWeight());
  }

  /** The tier a choice drew from, or null for an agent's own decision. */
  static @Nullable Tier tierOf(Layout l, long choice) {
    int tier = (int) (choice >>> TIER_SHIFT & 0xFF) - 1;
    return tier < 0 ? null : l.tiers[tier];
  }

  /** The member's index in its tier, or the agent's in the layout, that a choice names. */
  static int memberOf(long choice) {
    return (int) (choice & 0xFFFFFF);
  }

  /** The agent a choice names. */
  static Agent agentOf(Layout l, long choice) {
    int tier = (int) (choice >>> TIER_SHIFT & 0xFF) - 1;
    int index = (int) (choice & 0xFFFFFF);
    return tier < 0 ? l.agents[index] : l.tiers[tier].members[index];
  }

  /** The decision a choice names, made now if it never was; under the write lock. */
  static RoutingDecision decision(Layout l, long choice) {
    int tier = (int) (choice >>> TIER_SHIFT & 0xFF) - 1;
    int index = (int) (choice & 0xFFFFFF);
    int kind = (int) (choice >>> KIND_SHIFT & 0xFF);
    return tier < 0 ? l.agents[index].own(l, OwnReason.BY_ORDINAL[kind])
        : l.tiers[tier].decision(index, TierReason.BY_ORDINAL[kind]);
  }

  /** The decision a choice names if it was made before, else null; reads only (the optimistic path). */
  static @Nullable RoutingDecision decisionIfMade(Layout l, long choice) {
    int tier = (int) (choice >>> TIER_SHIFT & 0xFF) - 1;
    int index = (int) (choice & 0xFFFFFF);
    int kind = (int) (choice >>> KIND_SHIFT & 0xFF);
    return tier < 0 ? l.agents[index].ownIfMade(OwnReason.BY_ORDINAL[kind])
        : l.tiers[tier].decisionIfMade(index, TierReason.BY_ORDINAL[kind]);
  }

  /**
   * Whether a contact at {@code at} lies within {@code window} before {@code arrival} (R18, R21). A contact
   * after the arrival is no evidence of an earlier conversation and does not count; a zero window turns the
   * step off. Exact to the nanosecond and free of overflow for any instant, without allocating.
   */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // seconds and nanos are read together, on purpose
  static boolean within(Instant at, Instant arrival, Duration window) {
    if (window.isZero()) {
      return false;
    }
    long seconds = arrival.getEpochSecond() - at.getEpochSecond(); // both within ±3.2e16: no overflow
    int nanos = arrival.getNano() - at.getNano();
    if (nanos < 0) {
      seconds--;
      nanos += 1_000_000_000;
    }
    if (seconds < 0) {
      return false;
    }
    long ws = window.getSeconds();
    return seconds < ws || (seconds == ws && nanos <= window.getNano());
  }


  /** A receiver (R16) at equal chances, from draw 0: the choice, or {@link #NOBODY} without a usable one. */
  static long receiver(Layout l, OwnReason cause, long stream) {
    Agent[] rs = l.receivers;
    if (rs.length == 0) {
      return NOBODY;
    }
    Agent r = rs[rs.length == 1 ? 0 : (int) DynamicWeightedSampler.below(Draws.bits(stream, 0), rs.length)];
    return own(r, cause);
  }


  /** The decision of receiver choice {@code r}, or NO_AGENT for {@code cause} without one; under the write lock. */
  static RoutingDecision receiverDecision(Layout l, OwnReason cause, long r) {
    return (r & NOBODY) != 0 ? l.noAgent[cause.ordinal()] : decision(l, r);
  }
}
