package io.fenliu.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenliu.core.AccountId;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.micrometer.RouterMetrics;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterRegistry;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingStep;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole starter in one Boot application on H2: rosters read from the database, the {@code fenliu.*} properties
 * applied (R20's default seats, R22's queue), decisions written by Boot's own Jackson 3 mapper in Fenliu's shape,
 * meters in Boot's meter registry and the endpoint over the same registry.
 */
@SpringBootTest(classes = StarterOnH2Test.App.class, properties = {
    "fenliu.routing.default-concurrent-limit=1", "fenliu.routing.max-queue-length=5",
    "management.endpoints.web.exposure.include=fenliu"})
class StarterOnH2Test {
  @SpringBootApplication
  static class App {
    /** Each shop's agents from the agent table; a shop with none is unknown. */
    @Bean
    ShopRoster roster(JdbcTemplate jdbc) {
      return shop -> {
        List<SubAccount> agents = jdbc.query("SELECT agent_id, name, concurrent_limit FROM agent WHERE shop_id = ?"
            + " ORDER BY agent_id", (rs, i) -> {
              SubAccount.Builder a = SubAccount.builder(AccountId.of(rs.getString(1)), rs.getString(2));
              int limit = rs.getInt(3);
              return rs.wasNull() ? a.build() : a.concurrentLimit(limit).build();
            }, shop.value());
        return agents.isEmpty() ? null
            : Shop.of(shop, shop.value(), new MainAccount(AccountId.of(shop.value() + "-owner"), "Owner"), agents);
      };
    }
  }

  @Autowired RouterRegistry registry;
  @Autowired JsonMapper json;
  @Autowired MeterRegistry meters;
  @Autowired RouterMetrics metrics;
  @Autowired FenliuEndpoint endpoint;

  @Test
  void routesShopsFromTheDatabaseAndShowsThemEverywhere() {
    Router router = registry.router(Shops.SHOP);
    router.setPresence(Shops.ALICE, Presence.ONLINE);
    router.setPresence(Shops.BOB, Presence.ONLINE);
    router.route(Shops.consultation("c1"));
    router.route(Shops.consultation("c2"));
    RoutingDecision third = router.route(Shops.consultation("c3"));
    assertThat(third.step()).as("bob got the default single seat (R20)").isEqualTo(RoutingStep.QUEUED);

    assertThat(json.writeValueAsString(third)).contains("\"step\":\"QUEUED\"");
    metrics.refresh();
    assertThat(meters.get(RouterMetrics.QUEUE_LENGTH).tag(RouterMetrics.SHOP, "tea-house").gauge().value())
        .isEqualTo(1.0);
    assertThat(endpoint.shop("tea-house")).containsEntry("queueLength", 1);
  }
}
