package io.fenliu.benchmarks;

import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 13: a scan through the store SPI's constant-memory walk ({@code RelationshipStore.forEach}) over one
 * million relationships of a 100-agent shop (10 agents unhealthy, 1 % on the main account or nobody), against a
 * plain walk of the same store that reads the same field (each relationship's follower). Relationships per
 * microsecond.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AnomalyStoreScanBenchmark {
  private static final int N = 1_000_000;

  private Shop shop;
  private InMemoryRelationshipStore store;

  @Setup
  public void setUp() {
    Shop s = SampleShops.shop(100);
    for (int i = 0; i < 10; i++) {
      var a = s.subAccount(SampleShops.agent(i)).orElseThrow();
      s = s.withSubAccount(i % 2 == 0 ? a.withStatus(AccountStatus.RESIGNED) : a.withPermissions(Set.of()));
    }
    shop = s;
    SplittableRandom r = new SplittableRandom(BenchmarkData.SEED);
    store = new InMemoryRelationshipStore(shop.id());
    for (int i = 0; i < N; i++) {
      BuyerId b = BuyerId.of("buyer-" + i);
      int roll = r.nextInt(200);
      store.insert(roll == 0 ? ExclusiveRelationship.withoutFollower(b)
          : roll == 1 ? ExclusiveRelationship.of(b, AccountId.of("owner"))
          : ExclusiveRelationship.of(b, SampleShops.agent(r.nextInt(100))));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public AnomalyReport scanStore() {
    return AnomalyScanner.scan(shop, store);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long baselineStoreWalk() {
    long[] withFollower = new long[1];
    store.forEach(rel -> {
      if (rel.follower().isPresent()) {
        withFollower[0] += rel.follower().get().hashCode();
      }
    });
    return withFollower[0];
  }
}
