package io.fenliu.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The samplers behind routing's weighted tiers (R13), tested directly. */
class SamplersTest {

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

  @Test
  void liveSamplerDrawsExactlyAmongTheEnabledItemsThroughEnableAndDisableChurn() {
    // Fixed seeds; critical value at p = 1e-6, so a correct sampler fails less than once in a million runs.
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
          double chi = 0;
          int df = -1;
          for (int i = 0; i < weights.length; i++) {
            if (on[i]) {
              double expected = (double) n * weights[i] / live;
              chi += (counts[i] - expected) * (counts[i] - expected) / expected;
              df++;
            }
          }
          assertTrue(df == 0 || chi < io.fenliu.routing.ChiSquare.critical(df), "chi-square " + chi + " df " + df);
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
