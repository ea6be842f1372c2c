package io.fenliu.simulator;

import io.fenliu.core.AccountId;
import io.fenliu.simulator.internal.Checks;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Two settings run on the same workload with the same seed ({@link Simulation#compare}): same arrivals, service
 * demands and presence, same random source (R25), so every difference between {@link #a()} and {@link #b()} comes
 * from the change. Each side carries its own fairness ledger and verdicts.
 */
public final class Comparison {
  private final SimulationReport a;
  private final SimulationReport b;

  Comparison(SimulationReport a, SimulationReport b) {
    this.a = Checks.notNull(a, "report A");
    this.b = Checks.notNull(b, "report B");
  }

  /** The report of the first settings. */
  public SimulationReport a() {
    return a;
  }

  /** The report of the second settings. */
  public SimulationReport b() {
    return b;
  }

  /** Whether the two runs gave equal reports: the change made no difference to this day. */
  public boolean identical() {
    return a.equals(b);
  }

  /**
   * Each agent's decisions under B minus under A, for every agent named by either (0 omitted): who gains and who
   * loses from the change.
   */
  public Map<AccountId, Long> decisionShift() {
    Set<AccountId> agents = new LinkedHashSet<>(a.decisionsByAgent().keySet());
    agents.addAll(b.decisionsByAgent().keySet());
    Map<AccountId, Long> shift = new LinkedHashMap<>();
    for (AccountId agent : agents) {
      long d = b.decisionsByAgent().getOrDefault(agent, 0L) - a.decisionsByAgent().getOrDefault(agent, 0L);
      if (d != 0) {
        shift.put(agent, d);
      }
    }
    return shift;
  }
}
