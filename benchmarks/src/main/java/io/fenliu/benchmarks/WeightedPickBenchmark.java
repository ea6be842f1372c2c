package io.fenliu.benchmarks;

import io.fenliu.routing.internal.AliasTable;
import io.fenliu.routing.internal.DynamicWeightedSampler;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.EnumeratedIntegerDistribution;
import org.apache.commons.math3.random.AbstractRandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.GuideTableDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.MarsagliaTsangWangDiscreteSampler;
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
 * Issue 5.1: one weighted pick, Fenliu's samplers against Commons RNG 1.7's and commons-math3's, on the same
 * weights and the same XO_RO_SHI_RO_128_PP generator. {@code baselineRandom} is the floor: the generator alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WeightedPickBenchmark {
  @Param({"2", "10", "100", "1000", "5000"})
  int n;

  private UniformRandomProvider rng;
  private RandomGenerator jdkView;
  private AliasTable fenliuAlias;
  private DynamicWeightedSampler fenliuLive;
  private DiscreteSampler marsagliaTsangWang;
  private DiscreteSampler aliasMethod;
  private DiscreteSampler guideTable;
  private EnumeratedIntegerDistribution math3;
  private long[] cumulative;

  @Setup
  public void setUp() {
    long[] weights = BenchmarkData.weights(n);
    double[] probabilities = BenchmarkData.asDoubles(weights);
    rng = BenchmarkData.generator();
    jdkView = BenchmarkData.jdkView(rng);
    fenliuAlias = AliasTable.of(weights);
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    fenliuLive = DynamicWeightedSampler.of(weights, all);
    marsagliaTsangWang = MarsagliaTsangWangDiscreteSampler.Enumerated.of(rng, probabilities);
    aliasMethod = AliasMethodDiscreteSampler.of(rng, probabilities);
    guideTable = GuideTableDiscreteSampler.of(rng, probabilities);
    int[] values = new int[n];
    Arrays.setAll(values, i -> i);
    math3 = new EnumeratedIntegerDistribution(new SameGenerator(rng), values, probabilities);
    cumulative = new long[n];
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
  }

  @Benchmark
  public long baselineRandom() {
    return rng.nextLong();
  }

  @Benchmark
  public int fenliuAliasTable() {
    return fenliuAlias.sample(rng.nextLong());
  }

  /** The sampler routing really uses: alias table plus the live-presence checks. */
  @Benchmark
  public int fenliuLiveSampler() {
    return fenliuLive.sample(jdkView);
  }

  @Benchmark
  public int commonsMarsagliaTsangWang() {
    return marsagliaTsangWang.sample();
  }

  @Benchmark
  public int commonsAliasMethod() {
    return aliasMethod.sample();
  }

  @Benchmark
  public int commonsGuideTable() {
    return guideTable.sample();
  }

  @Benchmark
  public int math3Enumerated() {
    return math3.sample();
  }

  @Benchmark
  public int cumulativeBinarySearch() {
    long point = rng.nextLong(cumulative[cumulative.length - 1]);
    int i = Arrays.binarySearch(cumulative, point + 1);
    return i >= 0 ? i : -i - 1;
  }

  /** commons-math3 drawing from the same Commons RNG generator. */
  private static final class SameGenerator extends AbstractRandomGenerator {
    private final UniformRandomProvider rng;

    SameGenerator(UniformRandomProvider rng) {
      this.rng = rng;
    }

    @Override
    public void setSeed(long seed) {
      // The generator is seeded once, by BenchmarkData.
    }

    @Override
    public double nextDouble() {
      return rng.nextDouble();
    }
  }
}
