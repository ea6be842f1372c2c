package io.fenliu.benchmarks;

import io.fenliu.routing.internal.DynamicWeightedSampler;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
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
 * Issue 5.2: a weighted pick when a share of the items is offline. 0 % is the all-eligible baseline of the same
 * run; the sampler rejects and retries on the alias table above half the weight online, and descends a
 * Fenwick tree (O(log n)) below.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class IneligiblePickBenchmark {
  @Param({"1000", "5000"})
  int n;

  @Param({"0", "10", "50", "90"})
  int offlinePercent;

  private DynamicWeightedSampler sampler;
  private RandomGenerator rng;

  @Setup
  public void setUp() {
    long[] weights = BenchmarkData.weights(n);
    boolean[] online = new boolean[n];
    SplittableRandom pick = new SplittableRandom(BenchmarkData.SEED);
    int offline = n * offlinePercent / 100;
    java.util.Arrays.fill(online, true);
    for (int done = 0; done < offline; ) {
      int i = pick.nextInt(n);
      if (online[i]) {
        online[i] = false;
        done++;
      }
    }
    sampler = DynamicWeightedSampler.of(weights, online);
    rng = BenchmarkData.jdkView(BenchmarkData.generator());
  }

  @Benchmark
  public int pick() {
    return sampler.sample(rng);
  }
}
