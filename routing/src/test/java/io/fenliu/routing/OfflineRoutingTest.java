package io.fenliu.routing;

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

/** R16: with no eligible agent online, offline routing gives the consultation to a receiver, in either mode. */
class OfflineRoutingTest {
  private static final Consultation PRE_SALE = consult(EntryPage.PRODUCT_DETAIL, OrderStatus.NO_ORDER);

  @Test
  void r16_everybodyOfflineGoesToAnOfflineReceiverInEitherMode() {
    for (RoutingSettings base : List.of(ADVANCED, RoutingSettings.builder().build())) {
      Router r = router(base.toBuilder().offlineReceivers(List.of(E)).build(), 9);
      RoutingDecision d = TestShop.route(r, PRE_SALE);
      assertEquals(RoutingStep.OFFLINE_RECEIVER, d.step());
      assertEquals(E, d.agent().orElseThrow());
      assertTrue(d.reason().contains("R16"));
      online(r, F);
      assertEquals(F, TestShop.route(r, PRE_SALE).agent().orElseThrow(), "an online agent comes before the receivers");
    }
  }

  @Test
  void r16_noReceiverLeavesItUnassignedWithTheReason() {
    Router r = router(ADVANCED, 10);
    RoutingDecision d = TestShop.route(r, PRE_SALE);
    assertEquals(RoutingStep.NO_AGENT, d.step());
    assertFalse(d.isAssigned());
    assertTrue(d.reason().contains("no offline-message receiver is designated"), d.reason());

    Router resigned = router(ADVANCED.toBuilder().offlineReceivers(List.of(E)).build(), 10);
    resigned.updateAccount(TestShop.agent(E, Role.PRE_SALE).withStatus(AccountStatus.RESIGNED));
    RoutingDecision none = TestShop.route(resigned, PRE_SALE);
    assertEquals(RoutingStep.NO_AGENT, none.step());
    assertTrue(none.reason().contains("every designated offline-message receiver"), none.reason());
  }
}
