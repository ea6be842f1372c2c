package io.fenliu.routing;

import java.util.Map;

/** Pearson's chi-square test, for the statistical assertions on routing shares (R11, R13, R14). */
public final class ChiSquare {
  private ChiSquare() {}

  /** The statistic of observed counts against expected shares (which sum to 1) of n draws. */
  public static <K> double statistic(Map<K, Integer> observed, Map<K, Double> expectedShare, int n) {
    double chi = 0;
    for (Map.Entry<K, Double> e : expectedShare.entrySet()) {
      double expected = e.getValue() * n;
      double diff = observed.getOrDefault(e.getKey(), 0) - expected;
      chi += diff * diff / expected;
    }
    return chi;
  }

  /**
   * The critical value at p = 1e-6 for {@code df} degrees of freedom, by Wilson and Hilferty's approximation
   * (slightly conservative for small df): a correct sampler exceeds it less than once in a million runs.
   */
  public static double critical(int df) {
    if (df <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double z = 4.753;
    double k = 2.0 / (9.0 * df);
    return df * Math.pow(1 - k + z * Math.sqrt(k), 3);
  }
}
