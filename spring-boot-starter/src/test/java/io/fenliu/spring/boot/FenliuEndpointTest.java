package io.fenliu.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenliu.core.Presence;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterLoader;
import io.fenliu.routing.RouterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code fenliu} endpoint shows the shops held and one shop's queue (R22), seats (R20) and fairness ledger (R13,
 * R23), loads nothing, and is present only with the actuator, a registry and the endpoint exposed.
 */
class FenliuEndpointTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FenliuAutoConfiguration.class, FenliuEndpointAutoConfiguration.class))
      .withBean(RouterLoader.class, Shops::groupLoader)
      .withPropertyValues("management.endpoints.web.exposure.include=fenliu");

  @Test
  @SuppressWarnings("unchecked")
  void showsTheShopsHeldAndAShopsQueueSeatsAndLedger() {
    runner.run(context -> {
      FenliuEndpoint endpoint = context.getBean(FenliuEndpoint.class);
      assertThat(endpoint.shops()).containsEntry("shops", List.of());
      Router router = context.getBean(RouterRegistry.class).router(Shops.SHOP);
      router.setPresence(Shops.ALICE, Presence.ONLINE);
      router.route(Shops.consultation("c1"));
      router.route(Shops.consultation("c2"));
      assertThat(endpoint.shops()).containsEntry("shops", List.of(Shops.SHOP.value()));

      Map<String, Object> shop = endpoint.shop(Shops.SHOP.value());
      assertThat(shop).containsEntry("queueLength", 1).containsEntry("seatsHeld", Map.of("alice", 1))
          .containsEntry("decisions", 2L);
      List<Map<String, Object>> queue = (List<Map<String, Object>>) shop.get("queue");
      assertThat(queue).singleElement().satisfies(line -> assertThat(line).containsEntry("position", 1)
          .containsEntry("consultation", "c2"));
      List<Map<String, Object>> ledger = (List<Map<String, Object>>) shop.get("ledger");
      assertThat(ledger).singleElement().satisfies(scope -> assertThat(scope)
          .containsEntry("scope", "group 'pre-sale'").containsKey("shares"));
    });
  }

  @Test
  void aShopNotLoadedIsNotFoundAndNotLoaded() {
    runner.run(context -> {
      assertThat(context.getBean(FenliuEndpoint.class).shop("elsewhere")).isNull();
      assertThat(context.getBean(RouterRegistry.class).shops()).isEmpty();
    });
  }

  @Test
  void absentWithoutTheActuatorOrWhenNotExposedOrReplaced() {
    runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
        .run(context -> assertThat(context).doesNotHaveBean(FenliuEndpoint.class));
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FenliuAutoConfiguration.class,
        FenliuEndpointAutoConfiguration.class)).withBean(RouterLoader.class, Shops::groupLoader)
        .run(context -> assertThat(context).doesNotHaveBean(FenliuEndpoint.class));
    FenliuEndpoint own = new FenliuEndpoint(RouterRegistry.builder(Shops.groupLoader()).build());
    runner.withBean(FenliuEndpoint.class, () -> own)
        .run(context -> assertThat(context).getBean(FenliuEndpoint.class).isSameAs(own));
  }
}
