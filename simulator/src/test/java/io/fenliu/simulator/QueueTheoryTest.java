package io.fenliu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.OrderStatus;
import io.fenliu.core.Shop;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareLedger;
import io.fenliu.routing.ShareVerdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The simulator's figures against independent calculations on small cases: the M/M/c queue's mean wait (Erlang C,
 * R20, R22) and a fair group's shares (R13). Seeds are fixed, so each test is deterministic; the intervals are
 * sized so that a correct simulator would fail them less than once in a million seeds.
 */
class QueueTheoryTest {
  /** Erlang C: the probability that an arrival waits in an M/M/c queue with offered load {@code a}. */
  static double erlangC(int c, double a) {
    double sum = 0;
    double term = 1;
    for (int k = 0; k < c; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    double last = term * c / (c - a); // a^c / c! × c / (c − a)
    return last / (sum + last);
  }

  @Test
  void erlangCOfTheTextbookCase() {
    // c = 2, a = 1: C = (1/2 × 2) / (1 + 1 + 1) = 1/3
    assertEquals(1.0 / 3, erlangC(2, 1), 1e-12);
  }

  /**
   * M/M/4 at 80 % load: four agents with one seat each (R20), Poisson arrivals at 3.2 a minute, exponential service
   * of mean 60 s, no continuity (R18 off: no buyer states a recent agent), one FIFO queue (R22) whose maximum wait
   * (a day) and length are never reached. Erlang C gives the mean wait of all arrivals: Wq = C(4, 3.2) / (cμ − λ) =
   * 0.5964 × 75 s = 44.73 s.
   *
   * <p>The interval: 20 independent replications (seeds 1–20) of 150 simulated hours, about 28,800 consultations
   * each. Each replication's mean wait is an average over many regeneration cycles of the queue, so it is close to
   * normal, and the replications are independent, so (mean − Wq) / (s / √20) follows Student's t with 19 degrees of
   * freedom; its two-sided 1e-6 quantile is 7.07. The queue starts empty, which biases each replication's mean
   * down by a few of the queue's relaxation times (minutes) out of 150 hours: well under the interval. The test
   * also checks the interval is narrow (half-width under 25 % of Wq), so it has the power to see a wrong number of
   * servers (3 or 5 agents give a Wq off by far more), a service clock started at arrival instead of at seating, or
   * rates off by a fifth. (The mean wait does not depend on the order the queue serves in, for any discipline that
   * never idles a free agent while consultations wait: FIFO itself is checked by the router's own tests.)
   */
  @Test
  void mmcMeanWaitIsWithinItsConfidenceIntervalOfErlangC() {
    int c = 4;
    double lambdaPerMinute = 3.2;
    double meanServiceSeconds = 60;
    double a = lambdaPerMinute * meanServiceSeconds / 60;
    double wq = erlangC(c, a) / (c / meanServiceSeconds - lambdaPerMinute / 60);
    Shop shop = Fixtures.shop(c, 1);
    RoutingSettings settings = RoutingSettings.builder().maxQueueWait(Duration.ofDays(1)).maxQueueLength(1_000_000)
        .build();
    Workload day = Workload.builder().arrivalsPerHour(lambdaPerMinute * 60).duration(Duration.ofHours(150))
        .meanServiceTime(Duration.ofSeconds((long) meanServiceSeconds)).build();
    int replications = 20;
    double[] means = new double[replications];
    for (int r = 0; r < replications; r++) {
      SimulationReport report = Simulation.run(shop, settings, day, r + 1);
      assertEquals(0, report.expiredFromQueue(), "no consultation waits the maximum");
      assertEquals(report.consultations(), report.seated(), "every consultation is seated");
      assertEquals(report.consultations(), report.decisionsByStep().get(RoutingStep.ANY_ONLINE),
          "each seated by any online agent, at once or from the queue");
      assertEquals(report.queued(), report.decisionsByStep().get(RoutingStep.QUEUED));
      means[r] = report.meanWait().toNanos() / 1e9;
    }
    double mean = 0;
    for (double m : means) {
      mean += m / replications;
    }
    double var = 0;
    for (double m : means) {
      var += (m - mean) * (m - mean) / (replications - 1);
    }
    double halfWidth = 7.07 * Math.sqrt(var / replications);
    assertTrue(halfWidth < 0.25 * wq, "the interval is narrow enough to mean something: ±" + halfWidth);
    assertTrue(Math.abs(mean - wq) <= halfWidth, String.format("mean wait %.2f s, Erlang C %.2f s, ±%.2f s", mean,
        wq, halfWidth));
  }

  /**
   * A fair group: five agents of weights 100…500, always ONLINE, no limit, no continuity. Every decision is the
   * group's, so the counts are multinomial with probabilities weight ÷ 1,500: Pearson's chi-square with 4 degrees
   * of freedom stays below 33.4 except once in a million (α = 1e-6). The ledger's verdicts agree.
   */
  @Test
  void aFairGroupsSharesAreWithinChanceOfItsWeights() {
    Shop shop = Fixtures.shop(5, 0);
    AgentGroup.Builder g = AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER);
    for (int i = 0; i < 5; i++) {
      g.member(Fixtures.agent(i), 100 * (i + 1));
    }
    RoutingSettings settings = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(g.build()).build();
    Workload day = Workload.builder().arrivalsPerHour(500).build();
    SimulationReport report = Simulation.run(shop, settings, day, 11);
    ShareLedger ledger = report.ledger().get(0);
    assertEquals(report.consultations(), ledger.decisions());
    double chi2 = 0;
    for (int i = 0; i < 5; i++) {
      double expected = ledger.decisions() * (i + 1) / 15.0;
      long observed = report.decisionsByAgent().getOrDefault(Fixtures.agent(i), 0L);
      chi2 += (observed - expected) * (observed - expected) / expected;
      AgentShare share = ledger.shares().get(i);
      assertEquals(observed, share.observed());
      assertEquals((i + 1) / 15.0, share.configuredShare(), 1e-12);
      assertEquals(expected, share.expected(), 1e-6 * expected, "always available: expected = n × weight share");
      assertEquals(ShareVerdict.WITHIN_CHANCE, share.verdict());
    }
    assertTrue(chi2 < 33.4, "chi-square " + chi2);
  }
}
