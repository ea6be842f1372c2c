package io.fenliu.testing;

import java.util.Map;

/**
 * Pearson's chi-square test for statistical assertions on shares: routing by weight (R13), equal chances within
 * a page set or tier (R11, R14), an even transfer distribution (R6). A test routes {@code n} consultations,
 * counts each agent's, and asserts the statistic stays below {@link #critical(int)}: a correct implementation
 * then fails less than once in a million runs.
 */
public final class ChiSquare {
  private ChiSquare() {}

  /**
   * The statistic of {@code observed} counts against {@code expectedShare}s of {@code n} draws. The shares should
   * sum to 1 and each be positive; a key observed but absent from the shares is not counted (assert separately
   * that nothing outside the expected keys was drawn).
   */
  public static <K> double statistic(Map<K, Integer> observed, Map<K, Double> expectedShare, int n) {
    Checks.notNull(observed, "observed");
    Checks.notNull(expectedShare, "expected shares");
    double chi = 0;
    for (Map.Entry<K, Double> e : expectedShare.entrySet()) {
      double expected = e.getValue() * n;
      double diff = observed.getOrDefault(e.getKey(), 0) - expected;
      chi += diff * diff / expected;
    }
    return chi;
  }

  /**
   * The critical value at α = 10⁻⁶ for {@code df} degrees of freedom (the number of shares minus one), by the
   * Wilson–Hilferty cube approximation, which errs slightly high for small df: df 1 → about 24, 4 → 33.4, 9 →
   * 44.8, 19 → 63.7. Infinite for df ≤ 0, where any outcome is expected.
   */
  public static double critical(int df) {
    if (df <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    double z = 4.753; // the standard normal's upper 1e-6 quantile
    double k = 2.0 / (9.0 * df);
    return df * Math.pow(1 - k + z * Math.sqrt(k), 3);
  }
}
