package io.fenliu.smoke;

import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingSettings;
import java.util.List;

/** Routes one consultation and scans one relationship on the module path; exits non-zero if either is wrong. */
public final class Smoke {
  private Smoke() {}

  public static void main(String[] args) {
    AccountId a = AccountId.of("a");
    Shop shop = Shop.of(ShopId.of("s"), "s", new MainAccount(AccountId.of("m"), "m"),
        List.of(SubAccount.builder(a, "A").exclusiveAgent().build()));
    Router router = Router.builder(shop, RoutingSettings.builder().build()).build();
    router.setPresence(a, Presence.ONLINE);
    var decision = router.route(Consultation.of(ConsultationId.of("c-b"), BuyerId.of("b"), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER));
    long anomalous = AnomalyScanner.scan(shop, List.of(ExclusiveRelationship.of(BuyerId.of("b"), AccountId.of("m")))).anomalous();
    if (!decision.agent().orElseThrow().equals(a) || anomalous != 1) {
      throw new AssertionError(decision + " / " + anomalous);
    }
    System.out.println("module-path smoke: " + Smoke.class.getModule() + " routed to " + a + " and found 1 anomaly");
  }
}
