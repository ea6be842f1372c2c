package io.fenliu.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * R25: a decision is a function of (roster, settings, live state, event, seed). Random shops and random logs —
 * arrivals with and without recent contacts and followers, ends, withdrawals, seats by the host, dated presence
 * changes (some stale, R21), limit and status changes, settings changes, time advancing past queue deadlines,
 * events dated before the shop's time — are applied to a router; a router built from a snapshot taken at a
 * random point and fed the rest of the log gives exactly the same outcomes, and so does one replaying the
 * whole log from the start. A preview in an unchanged state says exactly what the route then does.
 */
class ReplayTest {
  private static final ShopId SHOP = ShopId.of("replay");
  private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
  /** A clock that fails the test if read: every event in these logs states its time. */
  private static final Clock NO_CLOCK = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      throw new AssertionError("an event that states its time must not read the clock (R25)");
    }
  };

  @Test
  void r25_aRouterRebuiltFromASnapshotReplaysTheRestOfTheLogExactly() {
    qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Shop shop = shop(rnd);
      RoutingSettings settings = settings(rnd, shop);
      List<ShopEvent> log = log(rnd, shop, 250);
      Router original = Router.builder(shop, settings).seed(seed).clock(NO_CLOCK).build();
      RouterSnapshot start = original.snapshot();
      int cut = rnd.nextInt(log.size() + 1);
      List<Applied> outcomes = new ArrayList<>();
      RouterSnapshot atCut = null;
      for (int i = 0; i < log.size(); i++) {
        if (i == cut) {
          atCut = original.snapshot();
        }
        outcomes.add(original.apply(log.get(i)));
      }
      if (atCut == null) {
        atCut = original.snapshot();
      }
      Router resumed = Router.builder(atCut).clock(NO_CLOCK).build();
      for (int i = cut; i < log.size(); i++) {
        assertEquals(outcomes.get(i), resumed.apply(log.get(i)), "event " + i + " after a snapshot at " + cut);
      }
      assertEquals(original.snapshot(), resumed.snapshot(), "the same state at the end of the log");

      Router replayed = Router.builder(start).clock(NO_CLOCK).build();
      for (int i = 0; i < log.size(); i++) {
        assertEquals(outcomes.get(i), replayed.apply(log.get(i)), "event " + i + " replayed from the start");
      }
    });
  }

  @Test
  void r25_aPreviewPredictsTheRouteInAnUnchangedState() {
    qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Shop shop = shop(rnd);
      Router r = Router.builder(shop, settings(rnd, shop)).seed(seed).clock(NO_CLOCK).build();
      for (ShopEvent e : log(rnd, shop, 200)) {
        if (e instanceof ShopEvent.Arrived a) {
          RoutingDecision predicted = r.preview(a.consultation());
          RoutingDecision decided = r.apply(e).decision().orElseThrow();
          assertEquals(predicted.agent(), decided.agent(), "preview then route, same state: " + e);
          assertEquals(predicted.step(), decided.step(), "preview then route, same state: " + e);
          assertEquals(predicted.queuePosition(), decided.queuePosition(), "preview then route: " + e);
        } else {
          r.apply(e);
        }
      }
    });
  }

  @Test
  void r25_expiryGivesTheSameOutcomeWhenItRunsLate() {
    qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom rnd = new SplittableRandom(seed);
      Shop shop = shop(rnd);
      RoutingSettings settings = settings(rnd, shop);
      Router onTime = Router.builder(shop, settings).seed(seed).clock(NO_CLOCK).build();
      Router late = Router.builder(shop, settings).seed(seed).clock(NO_CLOCK).build();
      List<QueueExit> a = new ArrayList<>();
      List<QueueExit> b = new ArrayList<>();
      Instant last = T0;
      for (ShopEvent e : log(rnd, shop, 200)) {
        if (e instanceof ShopEvent.TimeAdvanced) {
          continue;
        }
        Instant next = e.time().orElseThrow();
        if (next.isAfter(last)) {
          // A timer between two events (at a deadline, or anywhere before the next event) is heard only by the
          // on-time router; the late one expires the same consultations at the next event.
          Instant timer = last.plusMillis(rnd.nextLong(Duration.between(last, next).toMillis() + 1));
          a.addAll(onTime.apply(ShopEvent.timeAdvanced(SHOP, timer)).exits());
          last = next;
        }
        a.addAll(onTime.apply(e).exits());
        b.addAll(late.apply(e).exits());
      }
      Instant end = last.plus(Duration.ofDays(1));
      a.addAll(onTime.apply(ShopEvent.timeAdvanced(SHOP, end)).exits());
      b.addAll(late.apply(ShopEvent.timeAdvanced(SHOP, end)).exits());
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        assertEquals(a.get(i), b.get(i), "exit " + i + " of " + a.size() + " / " + b.size()
            + ": the same exits, in the same order, with the same waits and receivers (R22, R25)");
      }
      assertEquals(a, b, "the same exits, in the same order, with the same waits and receivers (R22, R25)");
      assertEquals(onTime.liveState().open(), late.liveState().open());
    });
  }

  @Test
  void r25_anEventOfAnotherShopIsRefusedAndChangesNothing() {
    SplittableRandom rnd = new SplittableRandom(1);
    Shop shop = shop(rnd);
    Router r = Router.builder(shop, settings(rnd, shop)).seed(1).clock(NO_CLOCK).build();
    RouterSnapshot before = r.snapshot();
    ShopEvent foreign = ShopEvent.timeAdvanced(ShopId.of("elsewhere"), T0);
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> r.apply(foreign));
    assertEquals("event", e.argument());
    assertEquals("R25", e.rule().orElseThrow());
    assertEquals(before, r.snapshot());
  }

  @Test
  void r25_anEventDatedBeforeTheShopsTimeIsAppliedAsOfTheShopsTime() {
    Shop shop = Shop.of(SHOP, "s", new MainAccount(AccountId.of("m"), "m"),
        List.of(SubAccount.builder(AccountId.of("a"), "a").exclusiveAgent().concurrentLimit(1).build()));
    Router r = Router.builder(shop, RoutingSettings.builder().build()).seed(3).clock(NO_CLOCK).build();
    r.apply(ShopEvent.presenceChanged(SHOP, AccountId.of("a"), Presence.ONLINE).at(T0.plusSeconds(60)));
    Applied early = r.apply(ShopEvent.arrived(SHOP, consultation("c1", T0)));
    assertTrue(early.decision().orElseThrow().holdsSeat());
    assertEquals(T0.plusSeconds(60), r.liveState().time().orElseThrow(), "the shop's time never goes back");
    assertEquals(T0.plusSeconds(60), r.openConsultations().get(0).seatedAt(), "seated as of the shop's time");
  }

  @Test
  void r21_aPresenceChangeDatedOutsideTheNanosecondRangeIsRefused() {
    Shop shop = Shop.of(SHOP, "s", new MainAccount(AccountId.of("m"), "m"),
        List.of(SubAccount.builder(AccountId.of("a"), "a").exclusiveAgent().build()));
    Router r = Router.builder(shop, RoutingSettings.builder().build()).seed(3).build();
    Instant farFuture = Instant.parse("2300-01-01T00:00:00Z");
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> r.setPresence(AccountId.of("a"), Presence.ONLINE, farFuture));
    assertEquals("R21", e.rule().orElseThrow());
    assertEquals(Presence.OFFLINE, r.presence(AccountId.of("a")), "nothing changed");
  }

  // ---------------------------------------------------------------------------------------------------------

  private static Shop shop(SplittableRandom rnd) {
    int n = 2 + rnd.nextInt(5);
    List<SubAccount> subs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SubAccount.Builder b = SubAccount.builder(agent(i), "agent " + i).exclusiveAgent();
      if (rnd.nextInt(4) > 0) {
        b.concurrentLimit(1 + rnd.nextInt(3));
      }
      subs.add(b.build());
    }
    return Shop.of(SHOP, "replay shop", new MainAccount(AccountId.of("owner"), "owner"), subs);
  }

  private static AccountId agent(int i) {
    return AccountId.of("a" + i);
  }

  private static RoutingSettings settings(SplittableRandom rnd, Shop shop) {
    int n = shop.subAccounts().size();
    RoutingSettings.Builder b = RoutingSettings.builder()
        .maxQueueWait(Duration.ofSeconds(30 + rnd.nextInt(300)))
        .maxQueueLength(1 + rnd.nextInt(6))
        .connectToExclusiveAgent(rnd.nextBoolean())
        .offlineReceivers(rnd.nextBoolean() ? List.of(agent(0)) : List.of(agent(0), agent(n - 1)));
    if (rnd.nextBoolean()) {
      b.shareMode(ShareMode.LEAST_BUSY);
    }
    if (rnd.nextBoolean()) {
      b.mode(RoutingMode.ADVANCED)
          .group(AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID)
              .member(agent(0), 1 + rnd.nextInt(500)).member(agent(1), 1 + rnd.nextInt(500)).build());
      if (n > 3) {
        b.group(AgentGroup.builder("post").boundTo(OrderStatus.AFTER_SALE).member(agent(2), 100)
            .member(agent(3), 1 + rnd.nextInt(300)).build());
      }
    } else {
      b.page(EntryPage.PRODUCT_DETAIL, List.of(agent(0), agent(n - 1)));
    }
    return b.build();
  }

  private static Consultation consultation(String id, Instant at) {
    return Consultation.of(ConsultationId.of(id), BuyerId.of("b-" + id), EntryPage.PRODUCT_DETAIL,
        OrderStatus.NO_ORDER).arrivedAt(at);
  }

  /** A random log whose events all state their time; a few are dated before the shop's time. */
  private static List<ShopEvent> log(SplittableRandom rnd, Shop shop, int length) {
    int n = shop.subAccounts().size();
    List<ShopEvent> log = new ArrayList<>();
    List<ConsultationId> seen = new ArrayList<>();
    Instant t = T0;
    for (int i = 0; i < length; i++) {
      t = t.plusMillis(rnd.nextInt(20_000));
      Instant stated = rnd.nextInt(20) == 0 ? t.minusSeconds(rnd.nextInt(120)) : t;
      AccountId a = agent(rnd.nextInt(n));
      int kind = rnd.nextInt(100);
      ShopEvent e;
      if (kind < 40) {
        ConsultationId id = ConsultationId.of("c" + i);
        seen.add(id);
        Consultation c = Consultation.of(id, BuyerId.of("b" + rnd.nextInt(30)),
            EntryPage.values()[rnd.nextInt(EntryPage.values().length)],
            OrderStatus.values()[rnd.nextInt(OrderStatus.values().length)]).arrivedAt(stated);
        if (rnd.nextInt(3) == 0) {
          c = c.withRecentContact(agent(rnd.nextInt(n)), stated.minus(Duration.ofHours(rnd.nextInt(100))));
        }
        if (rnd.nextInt(3) == 0) {
          c = c.withExclusiveFollower(agent(rnd.nextInt(n)));
        }
        e = ShopEvent.arrived(SHOP, rnd.nextInt(30) == 0 && !seen.isEmpty() ? repeat(c, seen, rnd) : c);
      } else if (kind < 62 && !seen.isEmpty()) {
        e = ShopEvent.ended(SHOP, seen.get(rnd.nextInt(seen.size()))).at(stated);
      } else if (kind < 66 && !seen.isEmpty()) {
        e = ShopEvent.withdrawn(SHOP, seen.get(rnd.nextInt(seen.size()))).at(stated);
      } else if (kind < 70 && !seen.isEmpty()) {
        e = ShopEvent.seatedByHost(SHOP, seen.get(rnd.nextInt(seen.size())), BuyerId.of("host"), a).at(stated);
      } else if (kind < 86) {
        Presence p = Presence.values()[rnd.nextInt(Presence.values().length)];
        e = ShopEvent.presenceChanged(SHOP, a, p).at(stated);
      } else if (kind < 91) {
        SubAccount.Builder b = SubAccount.builder(a, "changed " + a).exclusiveAgent();
        if (rnd.nextBoolean()) {
          b.concurrentLimit(1 + rnd.nextInt(4));
        }
        if (rnd.nextInt(5) == 0) {
          b.status(AccountStatus.FROZEN);
        }
        e = ShopEvent.accountChanged(SHOP, b.build()).at(stated);
      } else if (kind < 94) {
        e = ShopEvent.settingsChanged(SHOP, RoutingSettings.builder()
            .maxQueueWait(Duration.ofSeconds(10 + rnd.nextInt(200))).maxQueueLength(1 + rnd.nextInt(5))
            .suspendedRecentWindow(Duration.ofHours(rnd.nextInt(48)))
            .recentAgentWindow(Duration.ofHours(48 + rnd.nextInt(48)))
            .offlineReceivers(List.of(agent(rnd.nextInt(n)))).build()).at(stated);
      } else {
        e = ShopEvent.timeAdvanced(SHOP, t.plusSeconds(rnd.nextInt(600)));
      }
      log.add(e);
    }
    return log;
  }

  /** A consultation whose id was routed before (R20: a repeat while open or waiting). */
  private static Consultation repeat(Consultation c, List<ConsultationId> seen, SplittableRandom rnd) {
    return new Consultation(seen.get(rnd.nextInt(seen.size())), c.buyer(), c.entryPage(), c.orderStatus(),
        c.arrivedAt(), c.recentContact(), c.exclusiveFollower());
  }

  /** R25: the same seed, state and events give the same decisions (the seed's advanced settings, 1,000 routes). */
  @Test
  void r25_anInjectedSeedMakesRoutingReproducible() {
    Router one = TestShop.router(TestShop.ADVANCED, 99);
    Router two = TestShop.router(TestShop.ADVANCED, 99);
    TestShop.online(one, TestShop.A, TestShop.B, TestShop.C, TestShop.D);
    TestShop.online(two, TestShop.A, TestShop.B, TestShop.C, TestShop.D);
    for (int i = 0; i < 1_000; i++) {
      Consultation c = Consultation.of(ConsultationId.of("c-b" + i), BuyerId.of("b" + i), EntryPage.SHOP_HOME,
          OrderStatus.values()[i % OrderStatus.values().length]);
      assertEquals(one.route(c), two.route(c), "same seed, same state, same event: same decision (R25)");
    }
  }
}
