package io.fenliu.routing;

import io.fenliu.core.UnknownIdException;
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

/** R17: only eligible agents are routed to, and settings or rosters naming others are refused. */
class EligibilityTest {
  private static final Consultation PRE_SALE = consult(EntryPage.PRODUCT_DETAIL, OrderStatus.NO_ORDER);
  private static final Consultation AFTER_SALE = consult(EntryPage.REFUND_DETAIL, OrderStatus.AFTER_SALE);

  @Test
  void r17_resignedOrNonRoutingAgentsAreNeverChosen() {
    Router r = router(ADVANCED, 11);
    online(r, A, B, C, D, E, F);
    r.updateAccount(TestShop.agent(A, Role.PRE_SALE).withStatus(AccountStatus.FROZEN));
    r.updateAccount(TestShop.agent(C, Role.AFTER_SALE).withRoutingParticipation(false));
    for (int i = 0; i < 5_000; i++) {
      AccountId got = TestShop.route(r, i % 2 == 0 ? PRE_SALE : AFTER_SALE).agent().orElseThrow();
      assertFalse(got.equals(A) || got.equals(C), "chose " + got);
    }
    r.updateAccount(TestShop.agent(A, Role.PRE_SALE));
    assertEquals(Presence.ONLINE, r.presence(A), "presence survives account changes");
  }

  @Test
  void r17_settingsNamingTheMainAccountOrAnUnknownIdAreRejectedAndTheRouterKeepsItsState() {
    Router r = router(ADVANCED, 12);
    RoutingSettings withOwner = RoutingSettings.builder().offlineReceivers(List.of(OWNER)).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.updateSettings(withOwner));
    assertTrue(e.getMessage().contains("main account") && e.getMessage().contains("R17"), e.getMessage());
    RoutingSettings withGhost = RoutingSettings.builder().page(EntryPage.SHOP_HOME, List.of(AccountId.of("ghost"))).build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> r.updateSettings(withGhost)).getMessage().contains("ghost"));
    assertEquals(ADVANCED, r.settings());
    assertThrows(IllegalArgumentException.class, () -> Router.builder(SHOP, withGhost).build());
    assertThrows(IllegalArgumentException.class, () -> r.setPresence(AccountId.of("ghost"), Presence.ONLINE));
    assertThrows(IllegalArgumentException.class, () -> r.setPresence(OWNER, Presence.ONLINE));
    assertThrows(NullPointerException.class, () -> TestShop.route(r, null));
  }

  @Test
  void updateShopRejectsAnotherShopAndARosterMissingConfiguredAgents() {
    Router r = router(ADVANCED, 17);
    assertThrows(IllegalArgumentException.class, () -> r.updateShop(io.fenliu.core.Shop.of(
        io.fenliu.core.ShopId.of("other"), "x", SHOP.mainAccount(), SHOP.subAccounts())));
    io.fenliu.core.Shop withoutA = io.fenliu.core.Shop.of(SHOP.id(), SHOP.name(), SHOP.mainAccount(),
        SHOP.subAccounts().subList(1, SHOP.subAccounts().size()));
    assertThrows(IllegalArgumentException.class, () -> r.updateShop(withoutA));
    assertEquals(SHOP, r.shop());
  }

  /** R17: a router is not built with settings that name an id the shop does not have. */
  @Test
  void r17_settingsNamingAnUnknownAgentAreRefusedAtBuild() {
    RoutingSettings s = RtFixture.settings("ghost").build();
    UnknownIdException e = assertThrows(UnknownIdException.class, () -> Router.builder(RtFixture.shop(RtFixture.agent("a", 1)), s).build());
    assertEquals("ghost", e.id());
  }
}
