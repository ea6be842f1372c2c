package io.fenliu.routing;

import io.fenliu.routing.internal.MemberCounts;
import io.fenliu.routing.internal.ScopeCounts;
import io.fenliu.core.AccountId;
import io.fenliu.core.internal.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a router decided, counted since it was built (R19, R22, R23), as an immutable snapshot taken at one
 * instant (R24). Turn recording on with {@link Router.Builder#recordStats()}; take snapshots with {@link
 * Router#stats()} and subtract an earlier one with {@link #minus(RouterStats)} for a window (clamped at zero),
 * or add snapshots with {@link #plus(RouterStats)} for a total (saturated), as Caffeine's {@code CacheStats}
 * does.
 *
 * <p>Counts cover {@link Router#route} (first decisions, not repeats) and the consultations the queue decided
 * later; previews are not counted. {@link #ledger()} is the fairness ledger: per page set and group, each
 * agent's observed share next to its configured share and the share its availability made expected.
 */
public final class RouterStats {
  private final long[] byStep;
  private final Map<AccountId, Long> byAgent;
  private final long queued;
  private final long seatedFromQueue;
  private final long expiredFromQueue;
  private final long turnedAwayQueueFull;
  private final long withdrawnFromQueue;
  private final long queueWaitMillis;
  private final long capacityRefusals;
  private final int queueLength;
  private final List<ScopeCounts> scopes;

  RouterStats(long[] byStep, Map<AccountId, Long> byAgent, long queued, long seatedFromQueue, long expiredFromQueue,
      long turnedAwayQueueFull, long withdrawnFromQueue, long queueWaitMillis, long capacityRefusals,
      int queueLength, List<ScopeCounts> scopes) {
    this.byStep = byStep;
    this.byAgent = Collections.unmodifiableMap(byAgent);
    this.queued = queued;
    this.seatedFromQueue = seatedFromQueue;
    this.expiredFromQueue = expiredFromQueue;
    this.turnedAwayQueueFull = turnedAwayQueueFull;
    this.withdrawnFromQueue = withdrawnFromQueue;
    this.queueWaitMillis = queueWaitMillis;
    this.capacityRefusals = capacityRefusals;
    this.queueLength = queueLength;
    this.scopes = List.copyOf(scopes);
  }

  /** Nothing counted: what a router that does not record returns. */
  public static RouterStats empty() {
    return new RouterStats(new long[RoutingStep.values().length], Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, List.of());
  }

  /** Every decision counted, whatever its step; saturated at {@link Long#MAX_VALUE} (see {@link #plus}). */
  public long decisions() {
    long n = 0;
    for (long c : byStep) {
      n = saturatedPlus(n, c);
    }
    return n;
  }

  /** Decisions by {@code step} (R19): NO_AGENT and OFFLINE_RECEIVER are the fallbacks of R16. */
  public long decisions(RoutingStep step) {
    return byStep[Require.notNull(step, "step").ordinal()];
  }

  /** Decisions per step, every step listed. */
  public Map<RoutingStep, Long> decisionsByStep() {
    Map<RoutingStep, Long> m = new EnumMap<>(RoutingStep.class);
    for (RoutingStep s : RoutingStep.values()) {
      m.put(s, byStep[s.ordinal()]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** Decisions naming each agent (seated, or as an offline receiver). Unmodifiable. */
  public Map<AccountId, Long> decisionsByAgent() {
    return byAgent;
  }

  /** Consultations that had to wait (R22). */
  public long queued() {
    return queued;
  }

  /** Waiting consultations seated when a seat freed (R22). */
  public long seatedFromQueue() {
    return seatedFromQueue;
  }

  /** Waiting consultations sent to the receivers after the maximum wait (R22). */
  public long expiredFromQueue() {
    return expiredFromQueue;
  }

  /** Consultations sent to the receivers because the queue was at its maximum length (R22). */
  public long turnedAwayQueueFull() {
    return turnedAwayQueueFull;
  }

  /** Waiting consultations withdrawn by the host (R22). */
  public long withdrawnFromQueue() {
    return withdrawnFromQueue;
  }

  /** The total wait of the consultations that left the queue seated or expired. */
  public Duration totalQueueWait() {
    return Duration.ofMillis(queueWaitMillis);
  }

  /** The mean wait of the consultations that left the queue seated or expired, if any did. */
  public Optional<Duration> meanQueueWait() {
    long n = saturatedPlus(seatedFromQueue, expiredFromQueue);
    return n == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(queueWaitMillis / n));
  }

  /**
   * Times a buyer's recent agent or exclusive follower was online and eligible but at its limit, so continuity
   * gave way to the other steps (R18, R20).
   */
  public long capacityRefusals() {
    return capacityRefusals;
  }

  /**
   * How many consultations waited when the snapshot was taken (a gauge: {@link #minus} keeps this one's,
   * {@link #plus} adds them).
   */
  public int queueLength() {
    return queueLength;
  }

  /** The fairness ledger: one entry per page set or group that decided something. */
  public List<ShareLedger> ledger() {
    List<ShareLedger> out = new ArrayList<>(scopes.size());
    for (ScopeCounts s : scopes) {
      out.add(ledgerOf(s));
    }
    return Collections.unmodifiableList(out);
  }

  /** The ledger of the scope named {@code scope} ("group 'pre-sale'", "page PRODUCT_DETAIL"), if it decided anything. */
  public Optional<ShareLedger> ledger(String scope) {
    Require.notNull(scope, "scope");
    for (ScopeCounts s : scopes) {
      if (s.name().equals(scope)) {
        return Optional.of(ledgerOf(s));
      }
    }
    return Optional.empty();
  }

  private static ShareLedger ledgerOf(ScopeCounts s) {
    long total = 0;
    for (MemberCounts m : s.members()) {
      total += m.weight();
    }
    List<AgentShare> shares = new ArrayList<>(s.members().size());
    long n = s.decisions();
    for (MemberCounts m : s.members()) {
      double configured = total == 0 ? 0 : (double) m.weight() / total;
      // At most 1: a difference or sum of snapshots of different routers (minus, plus) may pair counts that
      // never met, and the ledger's shares stay shares.
      double observedShare = n == 0 ? 0 : Math.min(1, (double) m.observed() / n);
      double availability = n == 0 ? 0 : Math.min(1, (double) m.availableDecisions() / n);
      double expected = m.weight() * m.exposure();
      double z = 0;
      ShareVerdict verdict = ShareVerdict.NOT_JUDGED;
      if (s.mode() == ShareMode.WEIGHTED_RANDOM && expected >= 5) {
        double variance = expected * Math.max(0, 1 - expected / Math.max(1, n));
        z = (m.observed() - expected) / Math.sqrt(Math.max(variance, 1e-9));
        verdict = Math.abs(z) > 4 ? ShareVerdict.BEYOND_CHANCE : ShareVerdict.WITHIN_CHANCE;
      }
      shares.add(new AgentShare(m.agent(), s.name(), m.weight(), configured, m.observed(), observedShare,
          availability, expected, z, verdict));
    }
    return new ShareLedger(s.name(), s.mode(), n, shares);
  }

  /**
   * What was counted between {@code earlier} and this snapshot: every count minus the earlier one, clamped at
   * zero, as Caffeine's {@code CacheStats.minus} does; the queue length is this snapshot's; scopes and agents
   * that appear only here count from zero.
   *
   * <p>Counts only grow, so {@code later.minus(earlier)} of one router is exact. The clamp is for the other
   * cases: snapshots given in the wrong order, or from two routers (the shop was rebuilt, e.g. after an owner
   * change, R26, and its new router counts from zero): every count of the result is then at least 0, never a
   * negative number of decisions. An agent or scope whose counts all clamp to zero is kept, at zero.
   *
   * @param earlier the snapshot to subtract
   * @return a new snapshot; neither operand changes
   * @throws NullPointerException if {@code earlier} is null
   */
  public RouterStats minus(RouterStats earlier) {
    Require.notNull(earlier, "earlier stats");
    long[] steps = byStep.clone();
    for (int i = 0; i < steps.length; i++) {
      steps[i] = clampedMinus(steps[i], earlier.byStep[i]);
    }
    Map<AccountId, Long> agents = new LinkedHashMap<>();
    byAgent.forEach((a, n) -> agents.put(a, clampedMinus(n, earlier.byAgent.getOrDefault(a, 0L))));
    Map<String, ScopeCounts> before = byName(earlier.scopes);
    List<ScopeCounts> window = new ArrayList<>();
    for (ScopeCounts s : scopes) {
      @Nullable ScopeCounts e = before.get(s.name());
      Map<AccountId, MemberCounts> old = e == null ? Map.of() : byAgent(e.members());
      List<MemberCounts> members = new ArrayList<>();
      for (MemberCounts m : s.members()) {
        @Nullable MemberCounts o = old.get(m.agent());
        members.add(o == null ? m : new MemberCounts(m.agent(), m.weight(), clampedMinus(m.observed(), o.observed()),
            Math.max(0, m.exposure() - o.exposure()), clampedMinus(m.availableDecisions(), o.availableDecisions())));
      }
      window.add(new ScopeCounts(s.name(), s.mode(), clampedMinus(s.decisions(), e == null ? 0 : e.decisions()), members));
    }
    return new RouterStats(steps, agents, clampedMinus(queued, earlier.queued),
        clampedMinus(seatedFromQueue, earlier.seatedFromQueue), clampedMinus(expiredFromQueue, earlier.expiredFromQueue),
        clampedMinus(turnedAwayQueueFull, earlier.turnedAwayQueueFull),
        clampedMinus(withdrawnFromQueue, earlier.withdrawnFromQueue), clampedMinus(queueWaitMillis, earlier.queueWaitMillis),
        clampedMinus(capacityRefusals, earlier.capacityRefusals), queueLength, window);
  }

  /**
   * The sum of this snapshot and {@code other}: every count added, saturating at {@link Long#MAX_VALUE} instead
   * of overflowing (as Caffeine's {@code CacheStats.plus} does), and the queue lengths added, saturating at
   * {@link Integer#MAX_VALUE}. Use it for a fleet's totals (the decisions of every shop an owner holds) or to
   * join the counts of a shop's successive routers (the one before a restart, and the one rebuilt after it).
   *
   * <p>Scopes are matched by name and agents by id: a scope or agent in only one operand is kept as it is; one
   * in both has its counts added, and keeps this snapshot's weight and share mode. The fairness ledger of a
   * sum is therefore meaningful for successive routers of one shop; across shops, whose scopes share names
   * ("group 'pre-sale'") but not agents, read each shop's ledger on its own.
   *
   * @param other the snapshot to add
   * @return a new snapshot; neither operand changes
   * @throws NullPointerException if {@code other} is null
   */
  public RouterStats plus(RouterStats other) {
    Require.notNull(other, "other stats");
    long[] steps = byStep.clone();
    for (int i = 0; i < steps.length; i++) {
      steps[i] = saturatedPlus(steps[i], other.byStep[i]);
    }
    Map<AccountId, Long> agents = new LinkedHashMap<>(byAgent);
    other.byAgent.forEach((a, n) -> agents.merge(a, n, RouterStats::saturatedPlus));
    Map<String, ScopeCounts> theirs = byName(other.scopes);
    List<ScopeCounts> sum = new ArrayList<>();
    for (ScopeCounts s : scopes) {
      @Nullable ScopeCounts o = theirs.remove(s.name());
      if (o == null) {
        sum.add(s);
        continue;
      }
      Map<AccountId, MemberCounts> theirMembers = byAgent(o.members());
      List<MemberCounts> members = new ArrayList<>();
      for (MemberCounts m : s.members()) {
        @Nullable MemberCounts t = theirMembers.remove(m.agent());
        members.add(t == null ? m : new MemberCounts(m.agent(), m.weight(), saturatedPlus(m.observed(), t.observed()),
            m.exposure() + t.exposure(), saturatedPlus(m.availableDecisions(), t.availableDecisions())));
      }
      members.addAll(theirMembers.values());
      sum.add(new ScopeCounts(s.name(), s.mode(), saturatedPlus(s.decisions(), o.decisions()), members));
    }
    sum.addAll(theirs.values());
    long queues = (long) queueLength + other.queueLength;
    return new RouterStats(steps, agents, saturatedPlus(queued, other.queued),
        saturatedPlus(seatedFromQueue, other.seatedFromQueue), saturatedPlus(expiredFromQueue, other.expiredFromQueue),
        saturatedPlus(turnedAwayQueueFull, other.turnedAwayQueueFull),
        saturatedPlus(withdrawnFromQueue, other.withdrawnFromQueue), saturatedPlus(queueWaitMillis, other.queueWaitMillis),
        saturatedPlus(capacityRefusals, other.capacityRefusals), (int) Math.min(queues, Integer.MAX_VALUE), sum);
  }

  /** Scopes by name, in their order. */
  private static Map<String, ScopeCounts> byName(List<ScopeCounts> scopes) {
    Map<String, ScopeCounts> m = new LinkedHashMap<>();
    for (ScopeCounts s : scopes) {
      m.put(s.name(), s);
    }
    return m;
  }

  /** Members by agent, in their order. */
  private static Map<AccountId, MemberCounts> byAgent(List<MemberCounts> members) {
    Map<AccountId, MemberCounts> m = new LinkedHashMap<>();
    for (MemberCounts x : members) {
      m.put(x.agent(), x);
    }
    return m;
  }

  /** {@code a - b} of two counts (never negative, so it cannot overflow), or 0 when {@code b} is larger. */
  private static long clampedMinus(long a, long b) {
    return a > b ? a - b : 0;
  }

  /** {@code a + b} of two counts (never negative), or {@link Long#MAX_VALUE} when that overflows. */
  private static long saturatedPlus(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "RouterStats[decisions=" + decisions() + ", byStep=" + decisionsByStep() + ", queued=" + queued
        + ", seatedFromQueue=" + seatedFromQueue + ", expiredFromQueue=" + expiredFromQueue + ", turnedAwayQueueFull="
        + turnedAwayQueueFull + ", withdrawn=" + withdrawnFromQueue + ", capacityRefusals=" + capacityRefusals
        + ", queueLength=" + queueLength + "]";
  }
}
