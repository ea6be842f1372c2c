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

/** R19: every decision says which step chose the agent, or why none was chosen. */
class DecisionReasonsTest {
  private static final Consultation PRE_SALE = consult(EntryPage.PRODUCT_DETAIL, OrderStatus.NO_ORDER);

  @Test
  void r19_everyDecisionSaysWhichStepAndWhy() {
    Router r = router(ADVANCED.toBuilder().offlineReceivers(List.of(B)).build(), 15);
    online(r, A);
    RoutingDecision d = TestShop.route(r, PRE_SALE);
    assertEquals(RoutingStep.MATCHED_GROUP, d.step());
    assertTrue(d.reason().startsWith("A ") && d.reason().contains("'pre-sale'") && d.reason().contains("R12"), d.reason());
    offline(r, A);
    assertTrue(TestShop.route(r, PRE_SALE).reason().contains("offline-message receiver"));
  }
}
