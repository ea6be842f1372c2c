package io.fenliu.simulator;

import io.fenliu.core.AccountId;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Shop;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Not a test: the performance target, measured by hand (a day of a 2,000-agent shop with 1,000,000
 * consultations in at most 10 s on one core). Run it with {@code -XX:ActiveProcessorCount=1}; see the simulator's
 * README for the command and the figure.
 */
public final class SimulationPerformance {
  private SimulationPerformance() {}

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  public static void main(String[] args) {
    int agents = 2_000;
    Shop shop = Fixtures.shop(agents, 8);
    RoutingSettings.Builder settings = RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .offlineReceivers(List.of(Fixtures.agent(0)));
    AgentGroup.Builder pre = AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID);
    AgentGroup.Builder after = AgentGroup.builder("after-sale").boundTo(OrderStatus.SHIPPED, OrderStatus.AFTER_SALE);
    for (int i = 0; i < agents; i++) {
      AccountId a = Fixtures.agent(i);
      if (i % 2 == 0) {
        pre.member(a, 100 + i % 7 * 50);
      } else {
        after.member(a, 100 + i % 5 * 100);
      }
    }
    RoutingSettings s = settings.group(pre.build()).group(after.build()).build();
    Workload.Builder w = Workload.builder().arrivalsPerHour(1_000_000 / 24.0).meanServiceTime(Duration.ofMinutes(8))
        .orderStatusMix(Map.of(OrderStatus.NO_ORDER, 5.0, OrderStatus.UNPAID, 1.0, OrderStatus.SHIPPED, 2.0,
            OrderStatus.AFTER_SALE, 2.0))
        .recentAgentShare(0.2).exclusiveFollowerShare(0.1);
    for (int i = 0; i < agents; i += 10) {
      w.schedule(Fixtures.agent(i), Schedule.builder().shift(Duration.ZERO, Duration.ofHours(12))
          .breakAt(Duration.ofHours(3), Duration.ofMinutes(200)).build());
    }
    Workload workload = w.build();
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    for (int r = 0; r < runs; r++) {
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      SimulationReport report = Simulation.run(shop, s, workload, 42 + r);
      long t1 = System.nanoTime();
      long c1 = cpuNanos();
      System.out.printf("run %d: %,d consultations, %d agents, %.2f s wall, %.2f s CPU of the whole process (JIT and GC included); %s%n",
          r, report.consultations(), agents, (t1 - t0) / 1e9, (c1 - c0) / 1e9, report);
    }
  }
}
