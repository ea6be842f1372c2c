package io.fenliu.benchmarks;

import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.Router;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9: what one agent's change costs — its routing participation switched, through {@code updateAccount}
 * (read-modify-write of the roster, a new layout built aside, live state re-attached) — at n = 1,000 agents in
 * 10 groups (target: at most 1 ms) and at 10,000. Every agent is online.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RouterReconfigureBenchmark {
  @Param({"1000", "10000"})
  int n;

  private Router router;
  private SubAccount on;
  private SubAccount off;
  private boolean flip;

  @Setup
  public void setUp() {
    Shop shop = SampleShops.shop(n);
    router = Router.builder(shop, SampleShops.advanced(10, n / 10)).build();
    for (int i = 0; i < n; i++) {
      router.setPresence(SampleShops.agent(i), Presence.ONLINE);
    }
    on = shop.subAccounts().get(n / 2);
    off = on.withRoutingParticipation(false);
  }

  @Benchmark
  public Router oneAgentChange() {
    flip = !flip;
    router.updateAccount(flip ? off : on);
    return router;
  }
}
