package io.fenliu.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.LoadedShop;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterRegistry;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A router registry built with {@code recordStats()} gives its routers statistics (R19), so the meters over its
 * routers count what each shop decided, as this module's README shows; without it they count nothing.
 */
class RegistryStatisticsTest {
  private static final AccountId A = AccountId.of("a");

  private static LoadedShop shop(ShopId id) {
    return LoadedShop.of(Shop.of(id, id.value(), new MainAccount(AccountId.of("m"), "m"),
        List.of(SubAccount.builder(A, "a").exclusiveAgent().build())), RoutingSettings.builder().build());
  }

  private static long anyOnline(boolean recordStats) {
    RouterRegistry.Builder b = RouterRegistry.builder(RegistryStatisticsTest::shop);
    if (recordStats) {
      b.recordStats();
    }
    RouterRegistry routers = b.build();
    for (String s : List.of("s1", "s2")) {
      ShopId shop = ShopId.of(s);
      routers.setPresence(shop, java.util.Map.of(A, Presence.ONLINE));
      for (int i = 0; i < 3; i++) {
        Consultation c = Consultation.of(ConsultationId.of(s + "-" + i), BuyerId.of("b" + i), EntryPage.SHOP_HOME,
            OrderStatus.NO_ORDER);
        routers.withRouter(shop, r -> r.route(c));
      }
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RouterMetrics.ofRouters(() -> {
      List<Router> all = new ArrayList<>();
      routers.forEach((shop, router) -> all.add(router));
      return all;
    }, Tags.empty()).bindTo(meters);
    long total = 0;
    for (String s : List.of("s1", "s2")) {
      FunctionCounter c = meters.find(RouterMetrics.DECISIONS)
          .tags(RouterMetrics.SHOP, s, RouterMetrics.STEP, RoutingStep.ANY_ONLINE.name()).functionCounter();
      assertNotNull(c, "shop " + s + " has its meters");
      total += (long) c.count();
    }
    return total;
  }

  @Test
  void aRegistryThatRecordsStatisticsPublishesThem() {
    assertEquals(6, anyOnline(true), "three decisions per shop, through the registry's routers");
    assertEquals(0, anyOnline(false), "off by default");
  }
}
