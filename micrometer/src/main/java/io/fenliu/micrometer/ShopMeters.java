package io.fenliu.micrometer;

import io.fenliu.core.AccountId;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareLedger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one router in one meter registry: the fixed ones, registered at once, and the per-agent and
 * ledger ones, registered as the router's statistics first name an agent or scope.
 *
 * <p>Every meter reads through the {@link StatsMemo}, with the router as Micrometer's (weakly held) state
 * object; nothing here is referenced by a meter, so this object and the router can both be collected. All
 * methods are called under the owning {@link RouterMetrics}'s lock.
 */
final class ShopMeters {
  private final WeakReference<Router> router;
  private final Tags tags;
  private final StatsMemo memo;
  private final boolean perAgent;
  private final List<Meter> meters = new ArrayList<>();
  private final Set<AccountId> agents = new HashSet<>();
  private final Set<String> scopes = new HashSet<>();
  private final Set<ScopedAgent> lines = new HashSet<>();

  /** An agent's line in one scope's ledger. */
  private record ScopedAgent(String scope, AccountId agent) {}

  /** Registers {@code router}'s fixed meters in {@code registry}, tagged with {@code tags} (shop included). */
  ShopMeters(MeterRegistry registry, Router router, Tags tags, long ttlNanos, boolean perAgent) {
    this.router = new WeakReference<>(router);
    this.tags = tags;
    this.memo = new StatsMemo(registry.config().clock(), ttlNanos);
    this.perAgent = perAgent;
    StatsMemo m = memo;
    for (RoutingStep step : RoutingStep.values()) {
      counter(registry, RouterMetrics.DECISIONS, "Consultations decided, by the step of R18 that decided them (R19)",
          tags.and(RouterMetrics.STEP, step.name()), r -> m.get(r).stats.decisions(step));
    }
    counter(registry, RouterMetrics.QUEUE_QUEUED, "Consultations that had to wait in the queue (R22)", tags,
        r -> m.get(r).stats.queued());
    counter(registry, RouterMetrics.QUEUE_SEATED, "Waiting consultations seated when a seat freed (R22)", tags,
        r -> m.get(r).stats.seatedFromQueue());
    counter(registry, RouterMetrics.QUEUE_EXPIRED,
        "Waiting consultations sent to the offline receivers after the maximum wait (R22, R16)", tags,
        r -> m.get(r).stats.expiredFromQueue());
    counter(registry, RouterMetrics.QUEUE_REJECTED,
        "Consultations sent to the offline receivers because the queue was at its maximum length (R22)", tags,
        r -> m.get(r).stats.turnedAwayQueueFull());
    counter(registry, RouterMetrics.QUEUE_WITHDRAWN, "Waiting consultations withdrawn by the host (R22)", tags,
        r -> m.get(r).stats.withdrawnFromQueue());
    counter(registry, RouterMetrics.CAPACITY_REFUSALS,
        "Times the buyer's recent agent or exclusive follower was at its limit, so continuity gave way (R18, R20)",
        tags, r -> m.get(r).stats.capacityRefusals());
    meters.add(FunctionTimer.builder(RouterMetrics.QUEUE_WAIT, router,
            r -> m.get(r).stats.seatedFromQueue() + m.get(r).stats.expiredFromQueue(),
            r -> m.get(r).stats.totalQueueWait().toMillis(), TimeUnit.MILLISECONDS)
        .description("Time waited by the consultations that left the queue seated or expired (R22)").tags(tags)
        .register(registry));
    meters.add(Gauge.builder(RouterMetrics.QUEUE_LENGTH, router, Router::queueLength)
        .description("Consultations waiting now (R22); read live from the router, also when it records no statistics")
        .tags(tags).register(registry));
  }

  /** Whether these meters read {@code candidate} (the same instance, not merely the same shop). */
  boolean reads(Router candidate) {
    return router.get() == candidate;
  }

  /**
   * Registers meters for the agents and ledger lines the router's statistics name and these meters do not yet
   * cover. Agents and scopes never leave a router's statistics, so nothing is removed here.
   */
  void refresh(MeterRegistry registry) {
    Router r = router.get();
    if (r == null || !perAgent) {
      return;
    }
    StatsMemo.Taken taken = memo.get(r);
    StatsMemo m = memo;
    for (AccountId agent : taken.stats.decisionsByAgent().keySet()) {
      if (agents.add(agent)) {
        counter(registry, RouterMetrics.AGENT_DECISIONS, "Consultations decided naming the agent (seated, or as an "
            + "offline receiver)", tags.and(RouterMetrics.AGENT, agent.value()), x -> m.get(x).agentDecisions(agent));
      }
    }
    for (ShareLedger ledger : taken.stats.ledger()) {
      String scope = ledger.scope();
      Tags scoped = tags.and(RouterMetrics.SCOPE, scope);
      if (scopes.add(scope)) {
        counter(registry, RouterMetrics.SHARE_DECISIONS, "Consultations the page set or group decided (R11, R13)",
            scoped, x -> m.get(x).scopeDecisions(scope));
      }
      for (AgentShare line : ledger.shares()) {
        AccountId agent = line.agent();
        if (!lines.add(new ScopedAgent(scope, agent))) {
          continue;
        }
        Tags t = scoped.and(RouterMetrics.AGENT, agent.value());
        gauge(registry, RouterMetrics.SHARE_OBSERVED, "The agent's share of the scope's decisions, in [0, 1]", t,
            x -> m.get(x).share(scope, agent, AgentShare::observedShare));
        gauge(registry, RouterMetrics.SHARE_CONFIGURED, "The agent's weight over the scope's total weight, in [0, 1] "
            + "(R13)", t, x -> m.get(x).share(scope, agent, AgentShare::configuredShare));
        gauge(registry, RouterMetrics.SHARE_EXPECTED, "The share the agent's weight and availability made expected, "
            + "in [0, 1] (R13, R23)", t, x -> m.get(x).expectedShare(scope, agent));
        gauge(registry, RouterMetrics.SHARE_AVAILABILITY, "The fraction of the scope's decisions made while the agent "
            + "was available, in [0, 1]", t, x -> m.get(x).share(scope, agent, AgentShare::availability));
        gauge(registry, RouterMetrics.SHARE_ZSCORE, "(observed - expected) / sd; beyond 4 in absolute value is "
            + "beyond chance; 0 when not judged", t, x -> m.get(x).share(scope, agent, AgentShare::zScore));
      }
    }
  }

  /** Removes every meter registered here from {@code registry}. */
  void remove(MeterRegistry registry) {
    for (Meter meter : meters) {
      registry.remove(meter);
    }
    meters.clear();
  }

  private void counter(MeterRegistry registry, String name, String description, Tags t,
      ToDoubleFunction<Router> f) {
    Router r = router.get();
    if (r != null) {
      meters.add(FunctionCounter.builder(name, r, f).description(description).tags(t).register(registry));
    }
  }

  private void gauge(MeterRegistry registry, String name, String description, Tags t, ToDoubleFunction<Router> f) {
    Router r = router.get();
    if (r != null) {
      meters.add(Gauge.builder(name, r, f).description(description).tags(t).register(registry));
    }
  }
}
