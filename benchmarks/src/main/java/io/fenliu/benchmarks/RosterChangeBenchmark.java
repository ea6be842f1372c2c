package io.fenliu.benchmarks;

import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.anomaly.HealthChanges;
import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 13, R9: one agent of 100, holding 1 % of 1,000,000 relationships, resigns. The incremental answer ({@code
 * HealthChanges.between}, through the store's listing by follower) against a full rescan of the store with the
 * new roster. Target: the incremental answer at most 5 % of the rescan. Microseconds per answer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RosterChangeBenchmark {
  private static final int N = 1_000_000;

  private Shop before;
  private Shop after;
  private InMemoryRelationshipStore store;

  @Setup
  public void setUp() {
    before = SampleShops.shop(100);
    after = before.withSubAccount(before.subAccount(SampleShops.agent(0)).orElseThrow().withStatus(AccountStatus.RESIGNED));
    store = new InMemoryRelationshipStore(before.id());
    for (int i = 0; i < N; i++) {
      store.insert(ExclusiveRelationship.of(BuyerId.of("buyer-" + i), SampleShops.agent(i % 100)));
    }
  }

  @Benchmark
  public HealthChanges incremental() {
    return HealthChanges.between(before, after, store);
  }

  @Benchmark
  public AnomalyReport baselineFullRescan() {
    return AnomalyScanner.scan(after, store);
  }
}
