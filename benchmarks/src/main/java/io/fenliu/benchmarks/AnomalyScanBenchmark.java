package io.fenliu.benchmarks;

import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import java.util.ArrayList;
import java.util.List;
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
 * Issues 5.5 and 13: anomaly-scan throughput over one million relationships of a 100-agent shop (10 agents
 * unhealthy, 1 % of buyers on the main account or nobody; each relationship with its own copy of its follower's
 * id, as rows read from a database arrive), in relationships per microsecond, against two plain loops: one that
 * reads each follower's cached hash code only (the older baseline), and one that reads what the scan must read to
 * know the follower — the id's characters.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class AnomalyScanBenchmark {
  private static final int N = 1_000_000;

  private Shop shop;
  private List<ExclusiveRelationship> relationships;

  @Setup
  public void setUp() {
    Shop s = SampleShops.shop(100);
    for (int i = 0; i < 10; i++) {
      var a = s.subAccount(SampleShops.agent(i)).orElseThrow();
      s = s.withSubAccount(i % 2 == 0 ? a.withStatus(AccountStatus.RESIGNED) : a.withPermissions(Set.of()));
    }
    shop = s;
    SplittableRandom r = new SplittableRandom(BenchmarkData.SEED);
    relationships = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      BuyerId b = BuyerId.of("buyer-" + i);
      int roll = r.nextInt(200);
      relationships.add(roll == 0 ? ExclusiveRelationship.withoutFollower(b)
          : roll == 1 ? ExclusiveRelationship.of(b, AccountId.of("owner"))
          : ExclusiveRelationship.of(b, SampleShops.agent(r.nextInt(100))));
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public AnomalyReport scan() {
    return AnomalyScanner.scan(shop, relationships);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long baselineLoop() {
    long withFollower = 0;
    for (ExclusiveRelationship rel : relationships) {
      if (rel.follower().isPresent()) {
        withFollower += rel.follower().get().hashCode();
      }
    }
    return withFollower;
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long baselineReadingIds() {
    long sum = 0;
    for (ExclusiveRelationship rel : relationships) {
      if (rel.follower().isPresent()) {
        String id = rel.follower().get().value();
        sum += id.hashCode() + id.charAt(id.length() - 1);
      }
    }
    return sum;
  }
}
