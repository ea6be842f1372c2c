package io.fenliu.benchmarks;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/** The inputs every benchmark shares, so competing samplers see the same weights and the same generator. */
final class BenchmarkData {
  static final long SEED = 20261122L;

  private BenchmarkData() {}

  /** n weights, random integers in [1, 1000], from a fixed seed. */
  static long[] weights(int n) {
    SplittableRandom r = new SplittableRandom(SEED + n);
    long[] w = new long[n];
    for (int i = 0; i < n; i++) {
      w[i] = 1L + r.nextInt(1000);
    }
    return w;
  }

  static double[] asDoubles(long[] weights) {
    double[] d = new double[weights.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = weights[i];
    }
    return d;
  }

  /** Commons RNG's XO_RO_SHI_RO_128_PP, the generator all samplers draw from. */
  static UniformRandomProvider generator() {
    return RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
  }

  /** The same generator seen as a JDK {@link RandomGenerator}, for Fenliu's samplers. */
  static RandomGenerator jdkView(UniformRandomProvider rng) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return rng.nextLong();
      }
    };
  }
}
