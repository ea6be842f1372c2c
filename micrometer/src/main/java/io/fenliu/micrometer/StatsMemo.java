package io.fenliu.micrometer;

import io.fenliu.core.AccountId;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.ShareLedger;
import io.micrometer.core.instrument.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * One router's statistics as last taken for one meter registry: a short-lived memo, so that the dozens of
 * meters a scrape reads for one router cost one {@link Router#stats()} between them, not one each.
 *
 * <p><b>Consistency.</b> A snapshot is taken on the first read after the memo's time to live has passed, as
 * measured by the meter registry's own {@linkplain Clock#monotonicTime() monotonic clock}, and every read
 * until then answers from it. Every figure read from one snapshot is therefore true of one instant (R24). A
 * scrape that straddles the expiry reads two snapshots, each consistent.
 *
 * <p><b>Threads.</b> The memo is one volatile reference to an immutable {@link Taken}: a fresh memo is read
 * without a lock. An expired one is replaced under this object's lock, checked again once held, so threads that
 * find it expired at once take one snapshot between them, and snapshots replace one another in the order they
 * were taken: a counter never reads lower than it read before (which a lock-free last-writer-wins memo could
 * not promise, and a monitoring system would take for a reset).
 *
 * <p>The memo holds no reference to the router: meters pass it in (Micrometer keeps the router weakly), so a
 * router the host lets go can be collected even while its meters are registered.
 */
final class StatsMemo {
  private final Clock clock;
  private final long ttlNanos;
  private volatile @Nullable Taken last;

  /** A memo that keeps each snapshot for {@code ttlNanos} of {@code clock}'s monotonic time (0: never). */
  StatsMemo(Clock clock, long ttlNanos) {
    this.clock = clock;
    this.ttlNanos = ttlNanos;
  }

  /** The snapshot in force: the memo's if still fresh, else one taken now from {@code router}. */
  Taken get(Router router) {
    Taken t = last;
    if (t != null && clock.monotonicTime() - t.at < ttlNanos) {
      return t;
    }
    synchronized (this) {
      long now = clock.monotonicTime();
      t = last;
      if (t != null && now - t.at < ttlNanos) {
        return t;
      }
      t = new Taken(now, router.stats());
      last = t;
      return t;
    }
  }

  /**
   * One snapshot and its fairness ledger, indexed by scope and agent once so that each ledger gauge is a map
   * look-up (RouterStats computes the ledger afresh on every call).
   */
  static final class Taken {
    final long at;
    final RouterStats stats;
    final Map<String, ShareLedger> ledgers;
    final Map<String, Map<AccountId, AgentShare>> shares;

    Taken(long at, RouterStats stats) {
      this.at = at;
      this.stats = stats;
      this.ledgers = new HashMap<>();
      this.shares = new HashMap<>();
      for (ShareLedger l : stats.ledger()) {
        ledgers.put(l.scope(), l);
        Map<AccountId, AgentShare> byAgent = new HashMap<>();
        for (AgentShare s : l.shares()) {
          byAgent.put(s.agent(), s);
        }
        shares.put(l.scope(), byAgent);
      }
    }

    /** The decisions counted for {@code agent}, 0 if none. */
    long agentDecisions(AccountId agent) {
      return stats.decisionsByAgent().getOrDefault(agent, 0L);
    }

    /** The decisions of {@code scope}, 0 if it decided nothing yet. */
    long scopeDecisions(String scope) {
      @Nullable ShareLedger l = ledgers.get(scope);
      return l == null ? 0 : l.decisions();
    }

    /** {@code figure} of the agent's line in the scope's ledger, NaN if there is no such line. */
    double share(String scope, AccountId agent, ToDoubleFunction<AgentShare> figure) {
      @Nullable Map<AccountId, AgentShare> byAgent = shares.get(scope);
      @Nullable AgentShare s = byAgent == null ? null : byAgent.get(agent);
      return s == null ? Double.NaN : figure.applyAsDouble(s);
    }

    /**
     * The share of the scope's decisions the agent was expected to get given its weight and availability
     * (expected ÷ decisions), 0 before the scope decided anything, NaN if there is no such line.
     */
    double expectedShare(String scope, AccountId agent) {
      long n = scopeDecisions(scope);
      return share(scope, agent, s -> n == 0 ? 0 : s.expected() / n);
    }
  }
}
