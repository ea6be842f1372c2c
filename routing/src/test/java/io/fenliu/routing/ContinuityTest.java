package io.fenliu.routing;

import java.util.Optional;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static io.fenliu.routing.TestShop.A;
import static io.fenliu.routing.TestShop.ADVANCED;
import static io.fenliu.routing.TestShop.B;
import static io.fenliu.routing.TestShop.C;
import static io.fenliu.routing.TestShop.D;
import static io.fenliu.routing.TestShop.E;
import static io.fenliu.routing.TestShop.F;
import static io.fenliu.routing.TestShop.OWNER;
import static io.fenliu.routing.TestShop.SHOP;
import static io.fenliu.routing.ChiSquare.statistic;
import static io.fenliu.routing.TestShop.consult;
import static io.fenliu.routing.TestShop.counts;
import static io.fenliu.routing.TestShop.offline;
import static io.fenliu.routing.TestShop.online;
import static io.fenliu.routing.TestShop.router;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Role;
import io.fenliu.core.SubAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** R18: continuity first (the recent agent, then the healthy exclusive follower), then the mode. */
class ContinuityTest {
  private static final Consultation PRE_SALE = consult(EntryPage.PRODUCT_DETAIL, OrderStatus.NO_ORDER);

  @Test
  void r18_recentAgentWithinTheWindowComesFirstAndNeverMakesTheBuyerWait() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    Router r = Router.builder(SHOP, ADVANCED).seed(13).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    online(r, A, B, C, D, E, F);
    Consultation recentE = PRE_SALE.withRecentContact(E, now.minus(Duration.ofDays(2)));
    RoutingDecision d = TestShop.route(r, recentE);
    assertEquals(RoutingStep.RECENT_AGENT, d.step());
    assertEquals(E, d.agent().orElseThrow());

    Consultation stale = PRE_SALE.withRecentContact(E, now.minus(Duration.ofDays(3)).minusSeconds(1));
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(r, stale).step(), "outside the 3-day window");

    offline(r, E);
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(r, recentE).step(), "an offline recent agent is skipped at once");
  }

  @Test
  void r18_healthyExclusiveFollowerComesNextWhenTheShopConnectsDirectly() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    RoutingSettings direct = ADVANCED.toBuilder().connectToExclusiveAgent(true).build();
    Router r = Router.builder(SHOP, direct).seed(14).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    online(r, A, B, C, D, E, F);
    Consultation withFollower = PRE_SALE.withExclusiveFollower(F);
    assertEquals(RoutingDecision.of(java.util.Optional.of(F), RoutingStep.EXCLUSIVE_FOLLOWER, TestShop.route(r, withFollower).reason()),
        TestShop.route(r, withFollower));
    assertEquals(RoutingStep.RECENT_AGENT, TestShop.route(r, withFollower.withRecentContact(E, now)).step(), "recent agent first");

    r.updateAccount(TestShop.agent(F, Role.AFTER_SALE).withPermissions(Set.of()));
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(r, withFollower).step(), "an unhealthy relationship (R1.2) is not followed");
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(r, PRE_SALE.withExclusiveFollower(OWNER)).step(), "nor one bound to the main account");

    Router off = Router.builder(SHOP, ADVANCED).seed(14).build();
    online(off, A, B, C, D, E, F);
    assertEquals(RoutingStep.MATCHED_GROUP, TestShop.route(off, PRE_SALE.withExclusiveFollower(E)).step(), "switch off: no direct connection");
  }

  /** R18: with "connect directly" on, a healthy follower online with a free seat gets its buyer; otherwise not. */
  @Test
  void r18_exclusiveFollowerStep() {
    AccountId a = RtFixture.id("a");
    AccountId b = RtFixture.id("b");
    AccountId plain = RtFixture.id("c");
    RtFixture.MutableClock clock = new RtFixture.MutableClock(RtFixture.T0);
    io.fenliu.core.SubAccount notExclusive = io.fenliu.core.SubAccount.builder(plain, "plain").build();
    Router on = Router.builder(RtFixture.shop(RtFixture.agent("a", 1), RtFixture.agent("b", 0), notExclusive),
        RtFixture.settings().connectToExclusiveAgent(true).build()).clock(clock).seed(3).build();
    on.setPresence(a, Presence.ONLINE);
    on.setPresence(b, Presence.ONLINE);
    on.setPresence(plain, Presence.ONLINE);
    RoutingDecision d = on.route(RtFixture.c("f1").withExclusiveFollower(a));
    assertEquals(RoutingStep.EXCLUSIVE_FOLLOWER, d.step(), "R18: a's healthy relationship: " + d);
    assertEquals(Optional.of(a), d.agent());
    for (int i = 0; i < 20; i++) {
      assertNotEquals(RoutingStep.EXCLUSIVE_FOLLOWER, on.route(RtFixture.c("u" + i).withExclusiveFollower(plain)).step(),
          "R1.2, R18: c holds no exclusive permission, so the relationship is unhealthy");
    }
    Router off = Router.builder(RtFixture.shop(RtFixture.agent("a", 1), RtFixture.agent("b", 0)), RtFixture.settings().build()).clock(clock)
        .seed(3).build();
    off.setPresence(a, Presence.ONLINE);
    off.setPresence(b, Presence.ONLINE);
    for (int i = 0; i < 20; i++) {
      assertNotEquals(RoutingStep.EXCLUSIVE_FOLLOWER, off.route(RtFixture.c("o" + i).withExclusiveFollower(b)).step(),
          "R18: direct connection is off");
    }
  }
}
