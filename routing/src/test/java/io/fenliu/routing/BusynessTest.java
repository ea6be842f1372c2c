package io.fenliu.routing;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.buyer;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** R23 by example: least-busy sharing (繁忙度) — lowest seats ÷ weight, ties at random by weight. */
class BusynessTest {
  private static final AccountId A = id("a");
  private static final AccountId B = id("b");
  private static final AccountId C = id("c");
  private static final double CHI2_DF1 = 23.9; // STYLE.md, alpha = 1e-6

  private final RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);

  private static RoutingSettings group(ShareMode mode, int wa, int wb) {
    AgentGroup g = AgentGroup.builder("g").boundTo(OrderStatus.NO_ORDER).member(A, wa).member(B, wb).build();
    return RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(g).shareMode("g", mode).build();
  }

  private Router online(RoutingSettings s, long seed) {
    Router r = Router.builder(shop(agent("a", 0), agent("b", 0), agent("c", 0)), s).clock(clock)
        .seed(seed).build();
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    return r;
  }

  private static void hold(Router r, AccountId agent, int n) {
    for (int i = 0; i < n; i++) {
      r.seat(cid(agent.value() + "-h" + i), buyer(agent.value() + "-h" + i), agent);
    }
  }

  /** R23: the next consultation goes to the agent with the lowest seats ÷ weight, whatever the random draw. */
  @Test
  void r23_leastBusyPicksTheLowestLoad() {
    for (long seed = 0; seed < 20; seed++) {
      Router r = online(group(ShareMode.LEAST_BUSY, 1, 4), seed);
      hold(r, A, 1); // load 1/1 = 1
      hold(r, B, 3); // load 3/4 = 0.75 -> b is less busy despite holding more seats
      RoutingDecision d = r.route(c("x"));
      assertEquals(Optional.of(B), d.agent(), "R23: b (3/4) is less busy than a (1/1), seed " + seed + ": " + d);
      assertEquals(RoutingStep.MATCHED_GROUP, d.step());
      // now b is 4/4 = 1 = a's 1/1: tie; then a 2/1 or b 5/4 ...
    }
  }

  /** R23: a least-busy sequence keeps loads within one consultation of proportional, at every step. */
  @Test
  void r23_leastBusySequenceStaysBalanced() {
    Router r = online(group(ShareMode.LEAST_BUSY, 1, 3), 42);
    for (int i = 0; i < 200; i++) {
      r.route(c("x" + i));
      int a = r.seatsHeld(A);
      int b = r.seatsHeld(B);
      // loads a/1 and b/3 differ by at most one consultation's load of the agent picked last (<= 1)
      assertTrue(Math.abs(a - b / 3.0) <= 1.0 + 1e-9,
          "R23: after " + (i + 1) + " consultations a holds " + a + " (weight 1), b holds " + b + " (weight 3)");
    }
    assertEquals(200, r.seatsHeld(A) + r.seatsHeld(B));
  }

  /**
   * R23: ties are broken at random by weight. With no seats held both loads are 0, so every preview is a tie:
   * over 8,000 draws of a fixed seed, weight 1 vs 3 gives a 1:3 split (chi-square, df 1, alpha 1e-6).
   */
  @Test
  void r23_tiesAreBrokenByWeight() {
    Router r = online(group(ShareMode.LEAST_BUSY, 1, 3), 7);
    int n = 8_000;
    int a = 0;
    for (int i = 0; i < n; i++) {
      if (r.preview(c("p" + i)).agent().equals(Optional.of(A))) {
        a++;
      }
    }
    double ea = n / 4.0;
    double eb = n * 3 / 4.0;
    double chi2 = (a - ea) * (a - ea) / ea + ((n - a) - eb) * ((n - a) - eb) / eb;
    assertTrue(chi2 < CHI2_DF1, "R23: ties by weight 1:3, got a=" + a + " of " + n + ", chi2=" + chi2);
  }

  /** R13 vs R23: the same group under weighted random does not look at seats at all (a 1:1 tie never forms). */
  @Test
  void r13_weightedRandomIgnoresLoad() {
    Router r = online(group(ShareMode.WEIGHTED_RANDOM, 1, 1), 11);
    hold(r, A, 50);
    int n = 4_000;
    int a = 0;
    for (int i = 0; i < n; i++) {
      if (r.preview(c("p" + i)).agent().equals(Optional.of(A))) {
        a++;
      }
    }
    double e = n / 2.0;
    double chi2 = 2 * (a - e) * (a - e) / e;
    assertTrue(chi2 < CHI2_DF1, "R13: weights 1:1 whatever the load, got a=" + a + " of " + n + ", chi2=" + chi2);
  }

  /** R23 on a basic page set and on the shop-wide "any online" tier. */
  @Test
  void r23_leastBusyOnAPageSetAndShopWide() {
    RoutingSettings page = RoutingSettings.builder().page(EntryPage.SHOP_HOME, List.of(A, B))
        .shareMode(EntryPage.SHOP_HOME, ShareMode.LEAST_BUSY).build();
    Router r = online(page, 3);
    hold(r, A, 2);
    for (int i = 0; i < 2; i++) {
      RoutingDecision d = r.route(c("x" + i));
      assertEquals(Optional.of(B), d.agent(), "R23: b holds fewer seats (equal weights): " + d);
      assertEquals(RoutingStep.PAGE_SET, d.step());
    }
    RoutingSettings shopWide = RoutingSettings.builder().shareMode(ShareMode.LEAST_BUSY).build();
    Router s = online(shopWide, 5);
    s.setPresence(C, Presence.ONLINE);
    hold(s, A, 3);
    hold(s, B, 1);
    List<AccountId> picks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      picks.add(s.route(c("y" + i)).agent().orElseThrow());
    }
    assertEquals(1, picks.stream().filter(B::equals).count(), "R23: c takes two, b one, a none: " + picks);
    assertEquals(2, picks.stream().filter(C::equals).count(), "R23: " + picks);
  }

  /** R23: least-busy skips agents at their limit (R20) and offline agents (R17). */
  @Test
  void r23_leastBusySkipsFullAndOfflineAgents() {
    RoutingSettings s = RoutingSettings.builder().shareMode(ShareMode.LEAST_BUSY).build();
    Router r = Router.builder(shop(agent("a", 1), agent("b", 0), agent("c", 0)), s).clock(clock)
        .seed(1).build();
    r.setPresence(A, Presence.ONLINE);
    r.setPresence(B, Presence.ONLINE);
    hold(r, B, 5);
    assertEquals(Optional.of(A), r.route(c("x1")).agent(), "a is idle");
    assertEquals(Optional.of(B), r.route(c("x2")).agent(), "R20: a is full (1/1), b takes it though busier");
    assertEquals(0, r.seatsHeld(C), "R17: c is offline");
  }

  /**
   * R13, R18: with most of a tier unavailable the weighted sampler must still find the one available member (its
   * fallback past the alias table), never report "none": one agent online among ten, under both share modes.
   */
  @Test
  void r13_theOneAvailableAgentAmongManyIsAlwaysFound() {
    for (ShareMode mode : ShareMode.values()) {
      List<io.fenliu.core.SubAccount> roster = new ArrayList<>();
      List<AccountId> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        roster.add(agent("m" + i, 0));
        ids.add(id("m" + i));
      }
      AgentGroup.Builder g = AgentGroup.builder("big").boundTo(OrderStatus.NO_ORDER);
      for (int i = 0; i < 10; i++) {
        g.member(ids.get(i), 1 + i * 100);
      }
      RoutingSettings s = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(g.build()).shareMode("big", mode)
          .build();
      for (int only = 0; only < 10; only++) {
        Router r = Router.builder(shop(roster.toArray(new io.fenliu.core.SubAccount[0])), s).clock(clock)
            .seed(only).build();
        r.setPresence(ids.get(only), Presence.ONLINE);
        for (int k = 0; k < 20; k++) {
          RoutingDecision d = r.route(c("x" + k));
          assertEquals(Optional.of(ids.get(only)), d.agent(), mode + ": the only online agent m" + only + ": " + d);
          assertEquals(RoutingStep.MATCHED_GROUP, d.step());
        }
      }
    }
  }

  /** R14, R23: under shop-wide LEAST_BUSY the pooled other groups give the next buyer to the least busy member. */
  @Test
  void r14_r23_otherGroupsPooledLeastBusy() {
    AgentGroup matched = AgentGroup.builder("m").boundTo(OrderStatus.NO_ORDER).member(id("x"), 1).build();
    AgentGroup g1 = AgentGroup.builder("g1").boundTo(OrderStatus.SHIPPED).member(A, 1).build();
    AgentGroup g2 = AgentGroup.builder("g2").boundTo(OrderStatus.DELIVERED).member(B, 2).member(C, 1).build();
    RoutingSettings s = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(matched).group(g1).group(g2)
        .shareMode(ShareMode.LEAST_BUSY).build();
    for (long seed = 0; seed < 10; seed++) {
      Router r = Router.builder(shop(agent("x", 0), agent("a", 0), agent("b", 0), agent("c", 0)), s).clock(clock)
          .seed(seed).build();
      for (AccountId id : List.of(A, B, C)) {
        r.setPresence(id, Presence.ONLINE);
      }
      // x (the matched group) is offline; loads: a 2/1, b 3/2, c 2/1 -> b is least busy
      for (int i = 0; i < 2; i++) {
        r.seat(cid("a" + i), buyer("a" + i), A);
        r.seat(cid("c" + i), buyer("c" + i), C);
      }
      for (int i = 0; i < 3; i++) {
        r.seat(cid("b" + i), buyer("b" + i), B);
      }
      RoutingDecision d = r.route(c("n"));
      assertEquals(RoutingStep.OTHER_GROUP, d.step(), "R14: the matched group's only agent is offline: " + d);
      assertEquals(Optional.of(B), d.agent(), "R23: b (3/2) is less busy than a (2/1) and c (2/1), seed " + seed);
      // now b 4/2 = 2 = a 2/1 = c 2/1: a three-way tie; then whoever took it is busier than the others
      AccountId next = r.route(c("n2")).agent().orElseThrow();
      AccountId third = r.route(c("n3")).agent().orElseThrow();
      assertNotEquals(next, third, "R23: after a tie, the agent that took one is busier; seed " + seed);
    }
  }
}
