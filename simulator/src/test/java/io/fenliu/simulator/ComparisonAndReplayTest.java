package io.fenliu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Shop;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShareLedger;
import io.fenliu.routing.ShopEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Comparison on the same workload and seed, and replay of a recorded log (R25). */
class ComparisonAndReplayTest {
  private static RoutingSettings twoGroups(int weightOfA0) {
    return RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER)
            .member(Fixtures.agent(0), weightOfA0).member(Fixtures.agent(1), 100).member(Fixtures.agent(2), 100).build())
        .group(AgentGroup.builder("after-sale").boundTo(OrderStatus.AFTER_SALE)
            .member(Fixtures.agent(3), 300).member(Fixtures.agent(4), 100).build())
        .build();
  }

  private static Workload mixedDay() {
    return Workload.builder().arrivalsPerHour(120)
        .orderStatusMix(Map.of(OrderStatus.NO_ORDER, 2.0, OrderStatus.AFTER_SALE, 1.0)).build();
  }

  @Test
  void identicalSettingsGiveIdenticalReports() {
    Comparison c = Simulation.compare(SampleDay.shop(), SampleDay.settings(), SampleDay.settings(),
        SampleDay.workload(), 5);
    assertTrue(c.identical());
    assertEquals(c.a(), c.b());
    assertTrue(c.decisionShift().isEmpty());
    assertTrue(c.a().queued() > 0, "the sample day is busy enough to queue: the comparison covers the queue");
  }

  @Test
  void aDifferentSeedGivesADifferentDay() {
    assertNotEquals(Simulation.run(SampleDay.shop(), SampleDay.settings(), SampleDay.workload(), 1),
        Simulation.run(SampleDay.shop(), SampleDay.settings(), SampleDay.workload(), 2));
  }

  /**
   * With no limits (no queue) and no continuity, lowering a0's weight in the pre-sale group from 500 to 100 changes
   * the pre-sale group's shares and nothing else: the after-sale group's ledger, every step's count, the waits and
   * the slices of the day are equal, since draws depend only on the seed, the consultation and the decision count
   * (R25) and the arrivals, services and presence are the same.
   */
  @Test
  void aSingleWeightChangeMovesOnlyWhatItShould() {
    Shop shop = Fixtures.shop(5, 0);
    Comparison c = Simulation.compare(shop, twoGroups(500), twoGroups(100), mixedDay(), 9);
    SimulationReport a = c.a();
    SimulationReport b = c.b();
    assertEquals(a.decisionsByStep(), b.decisionsByStep());
    assertEquals(a.buckets(), b.buckets());
    assertEquals(a.waitP99(), b.waitP99());
    assertEquals(ledger(a, "group 'after-sale'"), ledger(b, "group 'after-sale'"), "the other group is untouched");
    for (AccountId other : List.of(Fixtures.agent(3), Fixtures.agent(4))) {
      assertEquals(a.decisionsByAgent().get(other), b.decisionsByAgent().get(other));
    }
    AgentShare before = ledger(a, "group 'pre-sale'").shares().get(0);
    AgentShare after = ledger(b, "group 'pre-sale'").shares().get(0);
    assertEquals(500.0 / 700, before.configuredShare(), 1e-12);
    assertEquals(1.0 / 3, after.configuredShare(), 1e-12);
    assertTrue(after.observed() < before.observed(), before + " → " + after);
    long moved = c.decisionShift().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(0, moved, "what a0 lost, a1 and a2 gained");
    assertEquals(3, c.decisionShift().size());
  }

  private static ShareLedger ledger(SimulationReport r, String scope) {
    return r.ledger().stream().filter(l -> l.scope().equals(scope)).findFirst().orElseThrow();
  }

  @Test
  void replayingARecordedLogGivesTheReportOfTheRunThatRecordedIt() {
    // the sample day: limits, a queue with expiries, shifts and breaks (SUSPENDED), recent agents, followers
    RoutingSettings settings = SampleDay.settings().toBuilder().connectToExclusiveAgent(true).build();
    Simulation.Recording live = Simulation.record(SampleDay.shop(), settings, SampleDay.workload(), 77);
    assertTrue(live.report().expiredFromQueue() > 0 && live.report().decisionsByStep().values().stream()
        .filter(n -> n > 0).count() >= 6, "the day exercises the queue and most steps: " + live.report());
    List<ShopEvent> log = live.log();
    assertTrue(log.stream().allMatch(e -> e.time().isPresent()));
    SimulationReport replayed = Simulation.run(SampleDay.shop(), settings, Workload.recorded(log), 77);
    assertEquals(live.report(), replayed);
    assertEquals(live.report().toString(), replayed.toString());
  }

  @Test
  void theSameRunTwiceGivesEqualReports() {
    Workload day = Workload.builder().arrivalsPerHour(300).meanServiceTime(Duration.ofMinutes(3))
        .recentAgentShare(0.3).build();
    Shop shop = Fixtures.shop(3, 2);
    RoutingSettings settings = RoutingSettings.builder().offlineReceivers(List.of(Fixtures.agent(0))).build();
    assertEquals(Simulation.run(shop, settings, day, 3), Simulation.run(shop, settings, day, 3));
  }

  @Test
  void theArrivalsOfADayDoNotDependOnTheRoster() {
    // the continuity facts have a stream of their own: a roster with exclusive agents (and more agents) draws the
    // same arrivals, at the same times, as one without (an earlier version drew the follower's chance only when
    // the shop had exclusive agents, so adding one changed the whole day)
    Workload day = Workload.builder().arrivalsPerHour(200).recentAgentShare(0.5).build();
    Shop plain = Shop.of(Fixtures.SHOP, "plain", new io.fenliu.core.MainAccount(AccountId.of("owner"), "owner"),
        List.of(io.fenliu.core.SubAccount.builder(AccountId.of("x"), "x").build()));
    SimulationReport a = Simulation.run(plain, RoutingSettings.builder().build(), day, 8);
    SimulationReport b = Simulation.run(Fixtures.shop(7, 0), RoutingSettings.builder().build(), day, 8);
    assertEquals(a.consultations(), b.consultations());
    for (int k = 0; k < a.buckets().size(); k++) {
      assertEquals(a.buckets().get(k).arrivals(), b.buckets().get(k).arrivals(), "slice " + k);
    }
  }
}
