package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.settings;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.internal.AliasTable;
import io.fenliu.routing.internal.DynamicWeightedSampler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The paths the rule tests reach least, written against the mutants PIT left alive: previews in every state,
 * presence ordering's answers, waits at the edges of time, statistics across roster and settings changes,
 * reasons that say how a tier shares, and the samplers' small API.
 */
class RouterSecondaryPathsTest {
  private static final AccountId A = AccountId.of("a");
  private static final AccountId B = AccountId.of("b");

  private static Router router(RoutingSettings settings, SubAccount... agents) {
    return Router.builder(shop(agents), settings).seed(5).clock(new RtFixture.MutableClock(T0))
        .recordStats().build();
  }

  /** R19, R22: a preview tells what routing would do now, in every state, and changes nothing. */
  @Test
  void previewTellsWhatRoutingWouldDoAndChangesNothing() {
    Router r = router(settings("r").maxQueueLength(1).build(), agent("a", 1), agent("r", 0));
    assertEquals(RoutingStep.OFFLINE_RECEIVER, r.preview(c("p")).step(), "nobody online: the receiver (R16)");
    r.setPresence(A, Presence.ONLINE);
    RoutingDecision free = r.preview(c("p"));
    assertEquals(Optional.of(A), free.agent());
    assertEquals(0, r.seatsHeld(A), "a preview holds no seat");
    r.route(c("x"));
    RoutingDecision full = r.preview(c("p"));
    assertEquals(RoutingStep.QUEUED, full.step());
    assertEquals(1, full.queuePosition().orElseThrow(), "it would be first in line");
    assertEquals(0, r.queueLength(), "a preview queues nothing");
    assertEquals(RoutingStep.QUEUED, r.route(c("y")).step());
    RoutingDecision overflow = r.preview(c("p"));
    assertEquals(RoutingStep.OFFLINE_RECEIVER, overflow.step(), "the queue is at its maximum length");
    assertTrue(overflow.reason().contains("queue is full"), overflow.reason());
    assertTrue(r.preview(c("x")).isRepeat() && r.preview(c("x")).agent().equals(Optional.of(A)), "open: a repeat");
    RoutingDecision waiting = r.preview(c("y"));
    assertTrue(waiting.isRepeat() && waiting.isQueued() && waiting.queuePosition().getAsInt() == 1);
    assertEquals(0, r.stats().capacityRefusals());
    assertEquals(2, r.stats().decisions(), "previews are not counted");
  }

  /** R21: a timed presence change reports whether it was applied; an equal time is applied, an older one is not. */
  @Test
  void timedPresenceChangesSayWhetherTheyWereApplied() {
    Router r = router(settings().build(), agent("a", 0));
    assertTrue(r.setPresence(A, Presence.ONLINE, T0));
    assertTrue(r.setPresence(A, Presence.SUSPENDED, T0), "the same instant is not older");
    assertFalse(r.setPresence(A, Presence.OFFLINE, T0.minusMillis(1)), "older: ignored");
    assertEquals(Presence.SUSPENDED, r.presence(A));
    assertTrue(r.setPresence(A, Presence.ONLINE, T0.plusNanos(1)));
    assertEquals(Presence.ONLINE, r.presence(A));
    assertEquals(T0.plusNanos(1), r.liveState().presenceChangedAt().get(A), "dated to the nanosecond");
  }

  /** R22: waits measured from arrivals at the edges of time never overflow. */
  @Test
  void arrivalsAtTheEdgesOfTimeExpireOrWaitWithoutOverflow() {
    Router r = router(settings("r").build(), agent("a", 1), agent("r", 0));
    r.setPresence(A, Presence.ONLINE);
    r.route(c("seated"));
    assertEquals(RoutingStep.QUEUED, r.route(c("ancient").arrivedAt(Instant.MIN)).step());
    List<QueueExit> exits = r.expireOverdue();
    assertEquals(1, exits.size(), "the consultation that arrived at the dawn of time has waited its maximum");
    assertEquals(ConsultationId.of("ancient"), exits.get(0).consultation());
    assertEquals(RoutingStep.OFFLINE_RECEIVER, exits.get(0).decision().step());
    assertFalse(exits.get(0).waited().isNegative());
    assertEquals(RoutingStep.QUEUED, r.route(c("future").arrivedAt(Instant.MAX)).step());
    assertEquals(List.of(), r.expireOverdue());
    assertEquals(1, r.queueLength(), "one that arrives at the end of time never waits too long");
    assertEquals(1, r.stats().expiredFromQueue());
  }

  /** R22, statistics: an expiry counts its wait; ending a waiting consultation counts as a withdrawal. */
  @Test
  void expiriesAndWithdrawalsByEndAreCounted() {
    RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);
    Router r = Router.builder(shop(agent("a", 1), agent("r", 0)), settings("r").build()).clock(clock).recordStats()
        .build();
    r.setPresence(A, Presence.ONLINE);
    r.route(c("seated"));
    r.route(c("w1"));
    r.route(c("w2"));
    assertEquals(EndResult.Outcome.WITHDRAWN, r.end(ConsultationId.of("w2")).outcome());
    clock.advance(Duration.ofMinutes(10));
    assertEquals(1, r.expireOverdue().size());
    RouterStats s = r.stats();
    assertEquals(1, s.withdrawnFromQueue());
    assertEquals(1, s.expiredFromQueue());
    assertEquals(Duration.ofMinutes(10), s.totalQueueWait());
    assertEquals(Optional.of(Duration.ofMinutes(10)), s.meanQueueWait());
  }

  /** Statistics outlive roster and settings changes: a removed agent keeps its count, a ledger keeps counting. */
  @Test
  void statisticsOutliveRosterAndSettingsChanges() {
    RoutingSettings groups = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(AgentGroup.builder("g")
        .boundTo(OrderStatus.NO_ORDER).member(A, 1).build()).build();
    Router r = router(groups, agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    r.route(c("1"));
    r.end(ConsultationId.of("1"));
    r.updateSettings(s -> s.toBuilder().connectToExclusiveAgent(true).build());
    r.route(c("2"));
    r.end(ConsultationId.of("2"));
    ShareLedger ledger = r.stats().ledger("group 'g'").orElseThrow();
    assertEquals(2, ledger.decisions(), "the ledger of group 'g' counts across the settings change");
    assertEquals(1.0, ledger.shares().get(0).availability(), 1e-9, "available throughout, across the change");
    r.route(c("3"));
    r.update(shop -> Shop.of(shop.id(), shop.name(), shop.mainAccount(), List.of(shop.subAccount(B).orElseThrow())),
        s -> s.toBuilder().group(AgentGroup.builder("g").boundTo(OrderStatus.NO_ORDER).build()).build());
    assertEquals(Long.valueOf(3), r.stats().decisionsByAgent().get(A), "a removed agent keeps its count");
    assertEquals(EndResult.Outcome.ENDED, r.end(ConsultationId.of("3")).outcome(), "its consultation still ends");
    r.updateAccount(agent("a", 0));
    assertEquals(0, r.seatsHeld(A), "back on the roster with no seat left over");
    assertEquals(Presence.OFFLINE, r.presence(A), "and OFFLINE");
  }

  /** R18, R20: a healthy follower at its limit gives way, and the refusal is counted. */
  @Test
  void aFullFollowerGivesWayAndIsCounted() {
    Router r = router(settings().connectToExclusiveAgent(true).build(), agent("a", 1), agent("b", 0));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    Consultation toA = c("f1").withExclusiveFollower(A);
    assertEquals(RoutingStep.EXCLUSIVE_FOLLOWER, r.route(toA).step());
    RoutingDecision second = r.route(c("f2").withExclusiveFollower(A));
    assertEquals(Optional.of(B), second.agent(), "A is full: the follower step gives way");
    assertEquals(1, r.stats().capacityRefusals());
  }

  /** R18: a zero window turns the recent-agent step off. */
  @Test
  void aZeroWindowTurnsTheRecentAgentStepOff() {
    Router r = router(settings().recentAgentWindow(Duration.ZERO).build(), agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    for (int i = 0; i < 20; i++) {
      assertNotEquals(RoutingStep.RECENT_AGENT, r.route(c("z" + i).arrivedAt(T0).withRecentContact(A, T0)).step());
    }
  }

  /** R20: seating a consultation again with the agent that holds it changes nothing. */
  @Test
  void seatingAgainWithTheSameAgentChangesNothing() {
    Router r = router(settings().build(), agent("a", 1));
    r.setPresence(A, Presence.ONLINE);
    assertEquals(Optional.empty(), r.seat(ConsultationId.of("h"), RtFixture.buyer("h"), A));
    assertEquals(Optional.of(A), r.seat(ConsultationId.of("h"), RtFixture.buyer("h"), A), "no refusal at the limit");
    assertEquals(1, r.seatsHeld(A));
  }

  /** R16: several receivers share the messages at equal chances. */
  @Test
  void severalReceiversShareTheMessages() {
    Router r = router(settings("a", "b").build(), agent("a", 0), agent("b", 0), agent("c", 0));
    Set<AccountId> got = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      got.add(r.route(c("m" + i)).agent().orElseThrow());
    }
    assertEquals(Set.of(A, B), got);
  }

  /** R19, R23: a reason says how its tier shares. */
  @Test
  void reasonsSayHowTheirTierShares() {
    AgentGroup g = AgentGroup.builder("g").boundTo(OrderStatus.NO_ORDER).member(A, 1).build();
    RoutingSettings advanced = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(g).build();
    Router weighted = router(advanced, agent("a", 0), agent("b", 0));
    Router busy = router(advanced.toBuilder().shareMode("g", ShareMode.LEAST_BUSY).shareMode(ShareMode.LEAST_BUSY)
        .build(), agent("a", 0), agent("b", 0));
    for (Router r : List.of(weighted, busy)) {
      r.setPresence(A, Presence.ONLINE);
      r.setPresence(B, Presence.ONLINE);
    }
    assertTrue(weighted.route(c("1")).reason().contains("chosen by weight"));
    assertTrue(busy.route(c("1")).reason().contains("least busy"));
    busy.setPresence(A, Presence.OFFLINE);
    weighted.setPresence(A, Presence.OFFLINE);
    RoutingDecision ungrouped = busy.route(c("2", OrderStatus.SHIPPED));
    assertEquals(RoutingStep.UNGROUPED, ungrouped.step(), ungrouped.toString());
    assertTrue(ungrouped.reason().contains("least busy"), ungrouped.reason());
    assertTrue(weighted.route(c("2", OrderStatus.SHIPPED)).reason().contains("equal chances"));
  }

  /** R11, R17: an agent in several page sets (three tiers with "any online") follows presence in all of them. */
  @Test
  void anAgentInSeveralPageSetsFollowsPresenceInEachOfThem() {
    RoutingSettings pages = RoutingSettings.builder().page(io.fenliu.core.EntryPage.SHOP_HOME, List.of(A, B))
        .page(io.fenliu.core.EntryPage.PRODUCT_DETAIL, List.of(A)).page(io.fenliu.core.EntryPage.ORDER_DETAIL, List.of(A))
        .build();
    Router r = router(pages, agent("a", 0), agent("b", 0));
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    for (io.fenliu.core.EntryPage page : List.of(io.fenliu.core.EntryPage.PRODUCT_DETAIL,
        io.fenliu.core.EntryPage.ORDER_DETAIL)) {
      Consultation x = Consultation.of(ConsultationId.of("p-" + page), RtFixture.buyer("p"), page, OrderStatus.NO_ORDER);
      assertEquals(RoutingStep.PAGE_SET, r.preview(x).step());
    }
    r.setPresence(A, Presence.OFFLINE);
    for (io.fenliu.core.EntryPage page : List.of(io.fenliu.core.EntryPage.PRODUCT_DETAIL,
        io.fenliu.core.EntryPage.ORDER_DETAIL, io.fenliu.core.EntryPage.SHOP_HOME)) {
      Consultation x = Consultation.of(ConsultationId.of("q-" + page), RtFixture.buyer("q"), page, OrderStatus.NO_ORDER);
      RoutingDecision d = r.preview(x);
      assertEquals(Optional.of(B), d.agent(), page + ": A left every set it is in: " + d);
    }
  }

  /** R22: expiry follows how long each has waited, not the order they came in, when stated arrivals disagree. */
  @Test
  void expiryFollowsStatedArrivalsNotTheOrderOfComing() {
    RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);
    Router r = Router.builder(shop(agent("a", 1), agent("r", 0)), settings("r").build()).clock(clock).build();
    r.setPresence(A, Presence.ONLINE);
    r.route(c("seated"));
    r.route(c("late").arrivedAt(T0));
    r.route(c("early").arrivedAt(T0.minus(Duration.ofMinutes(5))));
    assertEquals(1, r.queueStatus(ConsultationId.of("late")).orElseThrow().position(), "first come, first in line");
    clock.advance(Duration.ofMinutes(6));
    List<QueueExit> exits = r.expireOverdue();
    assertEquals(List.of(ConsultationId.of("early")), exits.stream().map(QueueExit::consultation).toList(),
        "the one that arrived earlier has waited its 10 minutes; the other has not");
    assertEquals(Duration.ofMinutes(10), exits.get(0).waited(),
        "expired as of its deadline, whenever expiry ran: it waited exactly the maximum (R22, R25)");
  }

  /**
   * R20: seats dated at the edges of time are kept as the nearest instant a millisecond count can hold. Each on a
   * router of its own: a seat is dated at the shop's time, which never goes back (R25).
   */
  @Test
  void seatsDatedAtTheEdgesOfTimeSaturate() {
    assertEquals(Instant.ofEpochMilli(Long.MAX_VALUE), seatedAt(Instant.MAX));
    assertEquals(Instant.ofEpochMilli(Long.MIN_VALUE), seatedAt(Instant.MIN));
    assertEquals(Instant.ofEpochMilli(1_002), seatedAt(Instant.ofEpochSecond(1, 2_500_000)));
  }

  private Instant seatedAt(Instant arrival) {
    // ONLINE from a live state, not a presence change: a change would set the shop's time to the clock's.
    Router r = Router.builder(shop(agent("a", 0)), settings().build())
        .liveState(LiveState.of(java.util.Map.of(A, Presence.ONLINE), java.util.Map.of(), List.of(), List.of())).build();
    r.route(c("c").arrivedAt(arrival));
    return r.openConsultation(ConsultationId.of("c")).orElseThrow().seatedAt();
  }

  /** The samplers' small API: sizes, totals, the flags a flagged sampler starts with, lengths that must match. */
  @Test
  void samplersAnswerForThemselves() {
    AliasTable alias = AliasTable.of(new long[] {1, 3});
    assertEquals(2, alias.size());
    SplittableRandom random = new SplittableRandom(1);
    int ones = 0;
    for (int i = 0; i < 4000; i++) {
      ones += alias.sample(random);
    }
    assertTrue(ones > 2700 && ones < 3300, "item 1 weighs 3 of 4: " + ones);
    DynamicWeightedSampler.Flagged s = DynamicWeightedSampler.of(new long[] {2, 5, 7}, new boolean[] {false, true, false});
    assertEquals(3, s.size());
    assertEquals(14, s.totalWeight());
    assertEquals(5, s.enabledWeight());
    for (int i = 0; i < 50; i++) {
      assertEquals(1, s.sample(random), "only item 1 starts enabled");
    }
    s.setEnabled(1, false);
    assertEquals(-1, s.sample(random));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> DynamicWeightedSampler.of(new long[] {1, 2}, new boolean[] {true}));
  }
}
