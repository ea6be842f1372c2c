package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.internal.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a router decided, counted since it was built (R19, R22, R23), as an immutable snapshot taken at one
 * instant (R24). Turn recording on with {@link Router.Builder#recordStats()}; take snapshots with {@link
 * Router#stats()} and subtract an earlier one with {@link #minus(RouterStats)} for a window, as Caffeine's
 * {@code CacheStats} does.
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
  private final List<Scope> scopes;

  /** A member's raw counters in one scope. */
  record Member(AccountId agent, long weight, long observed, double exposure, long availableDecisions) {}

  /** A scope's raw counters. */
  record Scope(String name, ShareMode mode, long decisions, List<Member> members) {}

  RouterStats(long[] byStep, Map<AccountId, Long> byAgent, long queued, long seatedFromQueue, long expiredFromQueue,
      long turnedAwayQueueFull, long withdrawnFromQueue, long queueWaitMillis, long capacityRefusals,
      int queueLength, List<Scope> scopes) {
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

  /** Every decision counted, whatever its step. */
  public long decisions() {
    long n = 0;
    for (long c : byStep) {
      n += c;
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
    long n = seatedFromQueue + expiredFromQueue;
    return n == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(queueWaitMillis / n));
  }

  /**
   * Times a buyer's recent agent or exclusive follower was online and eligible but at its limit, so continuity
   * gave way to the other steps (R18, R20).
   */
  public long capacityRefusals() {
    return capacityRefusals;
  }

  /** How many consultations waited when the snapshot was taken (a gauge: {@link #minus} keeps this one's). */
  public int queueLength() {
    return queueLength;
  }

  /** The fairness ledger: one entry per page set or group that decided something. */
  public List<ShareLedger> ledger() {
    List<ShareLedger> out = new ArrayList<>(scopes.size());
    for (Scope s : scopes) {
      out.add(ledgerOf(s));
    }
    return Collections.unmodifiableList(out);
  }

  /** The ledger of the scope named {@code scope} ("group 'pre-sale'", "page PRODUCT_DETAIL"), if it decided anything. */
  public Optional<ShareLedger> ledger(String scope) {
    Require.notNull(scope, "scope");
    for (Scope s : scopes) {
      if (s.name().equals(scope)) {
        return Optional.of(ledgerOf(s));
      }
    }
    return Optional.empty();
  }

  private static ShareLedger ledgerOf(Scope s) {
    long total = 0;
    for (Member m : s.members()) {
      total += m.weight();
    }
    List<AgentShare> shares = new ArrayList<>(s.members().size());
    long n = s.decisions();
    for (Member m : s.members()) {
      double configured = total == 0 ? 0 : (double) m.weight() / total;
      double observedShare = n == 0 ? 0 : (double) m.observed() / n;
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
   * What was counted between {@code earlier} and this snapshot: every count minus the earlier one; the queue
   * length is this snapshot's; scopes and agents that appear only here count from zero.
   */
  public RouterStats minus(RouterStats earlier) {
    Require.notNull(earlier, "earlier stats");
    long[] steps = byStep.clone();
    for (int i = 0; i < steps.length; i++) {
      steps[i] -= earlier.byStep[i];
    }
    Map<AccountId, Long> agents = new LinkedHashMap<>();
    byAgent.forEach((a, n) -> agents.put(a, n - earlier.byAgent.getOrDefault(a, 0L)));
    Map<String, Scope> before = new HashMap<>();
    for (Scope s : earlier.scopes) {
      before.put(s.name(), s);
    }
    List<Scope> window = new ArrayList<>();
    for (Scope s : scopes) {
      @Nullable Scope e = before.get(s.name());
      Map<AccountId, Member> old = new HashMap<>();
      if (e != null) {
        for (Member m : e.members()) {
          old.put(m.agent(), m);
        }
      }
      List<Member> members = new ArrayList<>();
      for (Member m : s.members()) {
        @Nullable Member o = old.get(m.agent());
        members.add(o == null ? m : new Member(m.agent(), m.weight(), m.observed() - o.observed(),
            m.exposure() - o.exposure(), m.availableDecisions() - o.availableDecisions()));
      }
      window.add(new Scope(s.name(), s.mode(), s.decisions() - (e == null ? 0 : e.decisions()), members));
    }
    return new RouterStats(steps, agents, queued - earlier.queued, seatedFromQueue - earlier.seatedFromQueue,
        expiredFromQueue - earlier.expiredFromQueue, turnedAwayQueueFull - earlier.turnedAwayQueueFull,
        withdrawnFromQueue - earlier.withdrawnFromQueue, queueWaitMillis - earlier.queueWaitMillis,
        capacityRefusals - earlier.capacityRefusals, queueLength, window);
  }

  @Override
  public String toString() {
    return "RouterStats[decisions=" + decisions() + ", byStep=" + decisionsByStep() + ", queued=" + queued
        + ", seatedFromQueue=" + seatedFromQueue + ", expiredFromQueue=" + expiredFromQueue + ", turnedAwayQueueFull="
        + turnedAwayQueueFull + ", withdrawn=" + withdrawnFromQueue + ", capacityRefusals=" + capacityRefusals
        + ", queueLength=" + queueLength + "]";
  }
}
