package io.fenliu.simulator.internal;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws one of a few constants (order statuses, entry pages) with the probabilities of a mix's weights, by a
 * linear walk of the cumulative weights: one uniform draw per sample, exact up to double rounding, and fast enough
 * for ten constants.
 */
final class Sampler<E> {
  private final E[] values;
  private final double[] cumulative;

  private Sampler(E[] values, double[] cumulative) {
    this.values = values;
    this.cumulative = cumulative;
  }

  /** A sampler over {@code all} in declaration order, each with its weight in {@code mix} (0 when absent). */
  static <E> Sampler<E> of(Map<E, Double> mix, E[] all) {
    double[] c = new double[all.length];
    double total = 0;
    for (int i = 0; i < all.length; i++) {
      total += mix.getOrDefault(all[i], 0.0);
      c[i] = total;
    }
    for (int i = 0; i < c.length; i++) {
      c[i] /= total;
    }
    return new Sampler<>(all.clone(), c);
  }

  E next(SplittableRandom rng) {
    double u = rng.nextDouble();
    for (int i = 0; i < cumulative.length - 1; i++) {
      if (u < cumulative[i]) {
        return values[i];
      }
    }
    // the last constant with a positive weight (rounding may leave the last cumulative just under 1)
    for (int i = values.length - 1; i > 0; i--) {
      if (cumulative[i] > cumulative[i - 1]) {
        return values[i];
      }
    }
    return values[0];
  }
}
