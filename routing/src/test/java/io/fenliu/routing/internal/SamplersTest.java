package io.fenliu.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The samplers behind routing's weighted tiers (R13), tested directly. */
class SamplersTest {
  /** The least expected count per bin for which Pearson's chi-square approximation holds (Cochran's rule). */
  private static final double MIN_EXPECTED = 5;

  @Test
  void aliasTableProbabilitiesAreExactlyTheNormalizedWeights() {
    qt().withExamples(300).forAll(lists().of(integers().between(1, 1_000_000)).ofSizeBetween(1, 300)).checkAssert(ws -> {
      long[] weights = ws.stream().mapToLong(Integer::longValue).toArray();
      long total = ws.stream().mapToLong(Integer::longValue).sum();
      AliasTable table = AliasTable.of(weights);
      for (int i = 0; i < weights.length; i++) {
        assertEquals((double) weights[i] / total, table.probability(i), 1e-9, "item " + i + " of " + ws);
      }
    });
  }

  @Test
  void aliasTableRejectsBadWeights() {
    assertThrows(IllegalArgumentException.class, () -> AliasTable.of(new long[0]));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AliasTable.of(new long[] {3, 0}))
        .getMessage().contains("weight 1 must be at least 1: 0"));
    assertThrows(ArithmeticException.class, () -> AliasTable.of(new long[] {Long.MAX_VALUE, 1}));
  }

  @Test
  void belowIsInRange() {
    qt().forAll(longs().all(), longs().between(1, (1L << 62) - 1)).check((bits, bound) -> {
      long p = DynamicWeightedSampler.below(bits, bound);
      return p >= 0 && p < bound;
    });
  }

  /**
   * R13 through the live sampler: after churn, it draws only enabled items, each in proportion to its weight.
   *
   * <p>Pearson's chi-square is valid only where every expected count is at least 5; with weights from 1 to 1,000 and
   * 30,000 draws, a light item can expect less than one. So adjacent items are pooled, in index order, into bins of
   * at least 5 expected draws each (a partition fixed before drawing, so the counts of the bins are still
   * multinomial), and the statistic is taken over the bins with bins - 1 degrees of freedom. Failure budget: each
   * example fails with probability at most 1e-6 (the critical value at that level, rounded up), so a correct sampler
   * fails one of the 80 examples less than 8 times in 100,000 runs; the seed is fixed, so a run is reproducible.
   */
  @Test
  void liveSamplerDrawsExactlyAmongTheEnabledItemsThroughEnableAndDisableChurn() {
    qt().withFixedSeed(7).withExamples(80)
        .forAll(lists().of(integers().between(1, 1000)).ofSizeBetween(1, 70), longs().all(), integers().between(0, 98))
        .checkAssert((ws, seed, offPercent) -> {
          long[] weights = ws.stream().mapToLong(Integer::longValue).toArray();
          SplittableRandom r = new SplittableRandom(seed);
          DynamicWeightedSampler.Flagged s = DynamicWeightedSampler.of(weights, new boolean[weights.length]);
          assertEquals(-1, s.sample(r), "nothing enabled, nothing drawn");
          // Churn: enable everything, then disable a random share, re-enabling some on the way.
          for (int i = 0; i < weights.length; i++) {
            s.setEnabled(i, true);
          }
          boolean[] on = new boolean[weights.length];
          long live = 0;
          for (int i = 0; i < weights.length; i++) {
            on[i] = r.nextInt(100) >= offPercent;
            s.setEnabled(i, false);
            if (on[i]) {
              s.setEnabled(i, true);
              live += weights[i];
            }
          }
          assertEquals(live, s.enabledWeight());
          int n = 30_000;
          int[] counts = new int[weights.length];
          for (int k = 0; k < n; k++) {
            int i = s.sample(r);
            if (live == 0) {
              assertEquals(-1, i);
              return;
            }
            assertTrue(on[i], "disabled item " + i + " drawn");
            counts[i]++;
          }
          List<double[]> bins = new ArrayList<>(); // {expected, observed}
          double[] open = {0, 0};
          for (int i = 0; i < weights.length; i++) {
            if (on[i]) {
              open[0] += (double) n * weights[i] / live;
              open[1] += counts[i];
              if (open[0] >= MIN_EXPECTED) {
                bins.add(open);
                open = new double[] {0, 0};
              }
            }
          }
          if (open[0] > 0) {
            if (bins.isEmpty()) {
              bins.add(open);
            } else { // the last items expect less than 5 together: they join the last bin
              double[] last = bins.get(bins.size() - 1);
              last[0] += open[0];
              last[1] += open[1];
            }
          }
          double chi = 0;
          for (double[] bin : bins) {
            assertTrue(bins.size() == 1 || bin[0] >= MIN_EXPECTED, "a bin expecting " + bin[0]);
            chi += (bin[1] - bin[0]) * (bin[1] - bin[0]) / bin[0];
          }
          int df = bins.size() - 1;
          assertTrue(df == 0 || chi < io.fenliu.routing.ChiSquare.critical(df),
              "chi-square " + chi + " df " + df + " over " + bins.size() + " bins");
        });
  }

  @Test
  void fenwickFindsTheCoveringItemForEverySize() {
    for (int n = 1; n <= 40; n++) {
      FenwickTree t = new FenwickTree(n);
      long total = 0;
      for (int i = 0; i < n; i++) {
        t.add(i, i % 3);
        total += i % 3;
      }
      long point = 0;
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < i % 3; k++) {
          assertEquals(i, t.find(point++), "n=" + n + " point " + (point - 1));
        }
      }
      assertEquals(total, point);
    }
  }
}
