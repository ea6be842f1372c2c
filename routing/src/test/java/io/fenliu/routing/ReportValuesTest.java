package io.fenliu.routing;

import io.fenliu.routing.internal.MemberCounts;
import io.fenliu.routing.internal.ScopeCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The values the router reports — {@link RestoreReport} (R20), the fairness ledger's {@link AgentShare} and {@link
 * ShareLedger} (R13), {@link QueueStatus} (R22) — hold only what their documentation allows: a public constructor
 * refuses a component outside its range, NaN included, with an {@link InvalidValueException} naming the component
 * and the rule, or a null with an NPE naming it.
 */
class ReportValuesTest {
  private static final AccountId A = AccountId.of("a");
  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  private static void refused(String argument, String rule, Runnable make) {
    InvalidValueException e = assertThrows(InvalidValueException.class, make::run, argument);
    assertEquals(argument, e.argument(), e.getMessage());
    assertEquals(Optional.of(rule), e.rule(), e.getMessage());
    assertTrue(e.getMessage().contains(argument) && e.getMessage().contains("(" + rule + ")"), e.getMessage());
  }

  @Test
  void r20_aRestoreReportHasNoNullAgentOrCountAndNoAgentBelowOneSeat() {
    Map<AccountId, Integer> nullKey = new HashMap<>();
    nullKey.put(null, 3);
    assertEquals("agent of over limit must not be null",
        assertThrows(NullPointerException.class, () -> new RestoreReport(3, nullKey)).getMessage());
    Map<AccountId, Integer> nullValue = new HashMap<>();
    nullValue.put(A, null);
    assertEquals("seats of a in over limit must not be null",
        assertThrows(NullPointerException.class, () -> new RestoreReport(3, nullValue)).getMessage());
    for (int seats : new int[] {-1, 0, Integer.MIN_VALUE}) {
      refused("seats of a in over limit", "R20", () -> new RestoreReport(3, Map.of(A, seats)));
    }
    refused("restored", "R20", () -> new RestoreReport(-1, Map.of()));
    RestoreReport ok = new RestoreReport(3, Map.of(A, 2));
    assertEquals(Map.of(A, 2), ok.overLimit());
    assertThrows(UnsupportedOperationException.class, () -> ok.overLimit().put(A, 5));
  }

  private static AgentShare share(double configured, double observedShare, double availability, double expected,
      double z) {
    return new AgentShare(A, "group 'pre'", 1, configured, 3, observedShare, availability, expected, z,
        ShareVerdict.NOT_JUDGED);
  }

  @Test
  void r13_anAgentShareHoldsSharesInZeroToOneAndNoNaN() {
    for (double bad : new double[] {Double.NaN, -0.01, 1.01, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      refused("configured share", "R13", () -> share(bad, 0.5, 0.5, 1, 0));
      refused("observed share", "R13", () -> share(0.5, bad, 0.5, 1, 0));
      refused("availability", "R13", () -> share(0.5, 0.5, bad, 1, 0));
    }
    for (double bad : new double[] {Double.NaN, -1, Double.POSITIVE_INFINITY}) {
      refused("expected", "R13", () -> share(0.5, 0.5, 0.5, bad, 0));
    }
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      refused("z-score", "R13", () -> share(0.5, 0.5, 0.5, 1, bad));
    }
    refused("observed", "R13", () -> new AgentShare(A, "s", 1, 0, -1, 0, 0, 0, 0, ShareVerdict.NOT_JUDGED));
    AgentShare edges = share(0, 1, 1, 0, -7.5);
    assertEquals(1.0, edges.observedShare());
    assertEquals(-7.5, edges.zScore(), "a negative z-score is a deviation below the expectation, not an error");
  }

  @Test
  void r13_theLedgerOfStatsThatNeverMetStillHoldsShares() {
    // A difference or sum of two routers' snapshots can pair an agent's count with fewer scope decisions.
    RouterStats odd = new RouterStats(new long[RoutingStep.values().length], Map.of(), 0, 0, 0, 0, 0, 0, 0, 0,
        List.of(new ScopeCounts("group 'pre'", ShareMode.WEIGHTED_RANDOM, 2,
            List.of(new MemberCounts(A, 1, 5, 0.5, 9)))));
    AgentShare line = odd.ledger().get(0).shares().get(0);
    assertEquals(1.0, line.observedShare());
    assertEquals(1.0, line.availability());
  }

  @Test
  void r13_aShareLedgerCountsNoNegativeDecisions() {
    refused("decisions", "R13", () -> new ShareLedger("group 'pre'", ShareMode.WEIGHTED_RANDOM, -1, List.of()));
    assertEquals(0, new ShareLedger("group 'pre'", ShareMode.WEIGHTED_RANDOM, 0, List.of()).decisions());
  }

  @Test
  void r22_aQueueStatusEstimatesNoNegativeWait() {
    ConsultationId c = ConsultationId.of("c");
    for (Duration bad : List.of(Duration.ofMillis(-1), Duration.ofSeconds(Long.MIN_VALUE))) {
      refused("estimated wait", "R22", () -> new QueueStatus(c, 1, T0, Optional.of(bad)));
    }
    refused("position", "R22", () -> new QueueStatus(c, 0, T0, Optional.empty()));
    assertEquals(Optional.of(Duration.ZERO), new QueueStatus(c, 1, T0, Optional.of(Duration.ZERO)).estimatedWait());
  }
  /** R19, R22: a decision names an agent exactly when its step seats one; QUEUED carries its position. */
  @Test
  void r19_aDecisionNamesAnAgentExactlyWhenItsStepSeatsOne() {
    refused("agent", "R19", () -> RoutingDecision.of(Optional.empty(), RoutingStep.ANY_ONLINE, "any online"));
    refused("agent", "R19", () -> RoutingDecision.of(Optional.of(A), RoutingStep.NO_AGENT, "nobody"));
    refused("step", "R22", () -> RoutingDecision.of(Optional.empty(), RoutingStep.QUEUED, "waits"));
    refused("queue position", "R22", () -> RoutingDecision.queued(0, "waits"));
    RoutingDecision queued = RoutingDecision.queued(3, "waits");
    assertEquals(RoutingStep.QUEUED, queued.step());
    assertEquals(Optional.empty(), queued.agent());
    assertEquals(Optional.empty(), RoutingDecision.of(Optional.empty(), RoutingStep.NO_AGENT, "nobody").agent());
    RoutingDecision one = RoutingDecision.of(Optional.of(A), RoutingStep.ANY_ONLINE, "any online");
    assertEquals(one, RoutingDecision.of(Optional.of(A), RoutingStep.ANY_ONLINE, "any online"));
    assertEquals(one.hashCode(), RoutingDecision.of(Optional.of(A), RoutingStep.ANY_ONLINE, "any online").hashCode());
  }

  /** R20, R25: a live state lists each consultation once and counts no negative number of decisions. */
  @Test
  void r20_aLiveStateListsEachConsultationOnceAndCountsNoNegativeDecisions() {
    OpenConsultation x = new OpenConsultation(ConsultationId.of("x"), io.fenliu.core.BuyerId.of("b"), A, T0);
    refused("open consultations", "R20", () -> LiveState.of(Map.of(), Map.of(), List.of(x, x), List.of()));
    refused("decisions", "R25", () -> LiveState.empty().withDecisions(-1));
    assertEquals(7, LiveState.empty().withDecisions(7).decisions());
    LiveState one = LiveState.of(Map.of(), Map.of(), List.of(x), List.of());
    assertEquals(one, LiveState.of(Map.of(), Map.of(), List.of(x), List.of()));
    assertEquals(one.hashCode(), LiveState.of(Map.of(), Map.of(), List.of(x), List.of()).hashCode());
  }
}
