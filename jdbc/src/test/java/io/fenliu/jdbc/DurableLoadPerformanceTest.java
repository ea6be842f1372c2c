package io.fenliu.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.fenliu.routing.RoutingSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's load figure: taking a shop of 1,000 agents with 3,000 open and 1,000 waiting consultations on the
 * embedded PostgreSQL (target: 50 ms). Runs with {@code -Pperformance}, like the other figures of this module.
 */
@Tag("performance")
class DurableLoadPerformanceTest {
  @Test
  void takingABusyShopOfAThousandAgents() {
    DataSource db = Databases.postgresShared();
    ShopId id = DurableRouterTest.newShop("load");
    List<SubAccount> agents = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      agents.add(SubAccount.builder(AccountId.of("agent-" + i), "agent " + i).exclusiveAgent().concurrentLimit(3)
          .build());
    }
    Shop roster = Shop.of(id, "load", new MainAccount(AccountId.of("owner"), "owner"), agents);
    RoutingSettings settings = RoutingSettings.builder().maxQueueLength(2_000).maxQueueWait(Duration.ofDays(1))
        .build();
    DurableRouter shop = DurableRouter.builder(db, id).createIfAbsent(roster, settings).seed(1).take();
    Instant t = Instant.parse("2026-12-01T09:00:00Z");
    for (SubAccount a : agents) {
      shop.setPresence(a.id(), Presence.ONLINE, t);
    }
    for (int i = 0; i < 4_000; i++) {
      shop.route(Consultation.of(ConsultationId.of("c-" + i), BuyerId.of("b-" + i), EntryPage.SHOP_HOME,
          OrderStatus.NO_ORDER).arrivedAt(t.plusMillis(i)));
    }
    assertEquals(3_000, shop.openConsultations().size());
    assertEquals(1_000, shop.queueLength());
    long[] millis = new long[7];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      DurableRouter taken = DurableRouter.builder(db, id).take();
      millis[i] = (System.nanoTime() - start) / 1_000_000;
      assertEquals(1_000, taken.queueLength());
    }
    Arrays.sort(millis);
    System.out.printf("take of 1,000 agents, 3,000 open, 1,000 waiting: best %d ms, median %d ms%n", millis[0],
        millis[millis.length / 2]);
    assertTrue(millis[millis.length / 2] < 500, "a take loads a busy shop in well under a second: " + millis[3]);
  }
}
