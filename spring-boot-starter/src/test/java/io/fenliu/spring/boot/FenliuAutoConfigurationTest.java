package io.fenliu.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenliu.core.Presence;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterLoader;
import io.fenliu.routing.RouterRegistry;
import io.fenliu.routing.RouterSaver;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The registry and its loader: built from the application's roster and the {@code fenliu.*} properties (R18, R20,
 * R22), refused at start-up with the property's name for a bad value, and absent when the application brings its
 * own loader or registry, or has no roster, or no fenliu-routing on its class path.
 */
class FenliuAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FenliuAutoConfiguration.class));

  @Test
  void aRosterIsEnoughForARegistryWithTheLibrarysDefaults() {
    runner.withBean(ShopRoster.class, Shops::roster).run(context -> {
      RouterRegistry registry = context.getBean(RouterRegistry.class);
      Router router = registry.router(Shops.SHOP);
      assertThat(router.settings()).isEqualTo(RoutingSettings.builder().build());
      assertThat(router.shop().subAccount(Shops.BOB).orElseThrow().concurrentLimit()).isEmpty();
      router.setPresence(Shops.ALICE, Presence.ONLINE);
      router.route(Shops.consultation("c1"));
      assertThat(router.stats().decisions()).as("the registry records statistics by default").isEqualTo(1);
      Assertions.assertThatThrownBy(() -> registry.router(ShopId.of("unknown")))
          .isInstanceOf(UnknownIdException.class);
    });
  }

  @Test
  void propertiesBecomeEveryShopsSettingsAndSeats() {
    runner.withBean(ShopRoster.class, Shops::roster).withPropertyValues(
        "fenliu.routing.recent-agent-window=1h", "fenliu.routing.max-queue-wait=30s",
        "fenliu.routing.max-queue-length=2", "fenliu.routing.connect-to-exclusive-agent=true",
        "fenliu.routing.default-concurrent-limit=1", "fenliu.registry.record-stats=false").run(context -> {
          Router router = context.getBean(RouterRegistry.class).router(Shops.SHOP);
          assertThat(router.settings()).isEqualTo(RoutingSettings.builder().recentAgentWindow(Duration.ofHours(1))
              .maxQueueWait(Duration.ofSeconds(30)).maxQueueLength(2).connectToExclusiveAgent(true).build());
          assertThat(router.shop().subAccount(Shops.BOB).orElseThrow().concurrentLimit()).isEqualTo(OptionalInt.of(1));
          router.setPresence(Shops.ALICE, Presence.ONLINE);
          router.setPresence(Shops.BOB, Presence.ONLINE);
          router.route(Shops.consultation("c1"));
          router.route(Shops.consultation("c2"));
          assertThat(router.route(Shops.consultation("c3")).step()).as("both seats taken (R20)")
              .isEqualTo(RoutingStep.QUEUED);
          assertThat(router.stats().decisions()).isZero();
        });
  }

  @Test
  void aBadPropertyStopsTheApplicationNamingThePropertyAndTheRule() {
    runner.withBean(ShopRoster.class, Shops::roster).withPropertyValues("fenliu.routing.max-queue-length=0")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("fenliu.routing.max-queue-length").hasStackTraceContaining("R22"));
    runner.withBean(ShopRoster.class, Shops::roster).withPropertyValues("fenliu.registry.maximum-size=0")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("fenliu.registry.maximum-size"));
    runner.withBean(ShopRoster.class, Shops::roster).withPropertyValues("fenliu.routing.recent-agent-window=1h",
        "fenliu.routing.suspended-recent-window=2h")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("fenliu.routing").hasStackTraceContaining("R21"));
  }

  @Test
  void theApplicationsSaverGetsEachRoutersStateWhenTheContextCloses() {
    List<ShopId> saved = new ArrayList<>();
    RouterSaver saver = (shop, state) -> saved.add(shop);
    runner.withBean(ShopRoster.class, Shops::roster).withBean(RouterSaver.class, () -> saver).run(context -> {
      context.getBean(RouterRegistry.class).router(Shops.SHOP);
      assertThat(saved).isEmpty();
    });
    assertThat(saved).containsExactly(Shops.SHOP);
  }

  @Test
  void theApplicationsLoaderReplacesTheRoster() {
    runner.withBean(ShopRoster.class, Shops::roster).withBean(RouterLoader.class, Shops::groupLoader)
        .run(context -> {
          assertThat(context).getBeans(RouterLoader.class).hasSize(1);
          Router router = context.getBean(RouterRegistry.class).router(ShopId.of("any-shop"));
          assertThat(router.settings().groups()).hasSize(1);
        });
  }

  @Test
  void theApplicationsRegistryReplacesOurs() {
    RouterRegistry own = RouterRegistry.builder(Shops.groupLoader()).build();
    runner.withBean(ShopRoster.class, Shops::roster).withBean(RouterRegistry.class, () -> own)
        .run(context -> assertThat(context).getBean(RouterRegistry.class).isSameAs(own));
  }

  @Test
  void noRosterNoLoaderNoRegistry() {
    runner.run(context -> assertThat(context).doesNotHaveBean(RouterRegistry.class)
        .doesNotHaveBean(RouterLoader.class).hasSingleBean(FenliuProperties.class));
  }

  @Test
  void withoutFenliuRoutingNothingIsConfigured() {
    runner.withBean(ShopRoster.class, Shops::roster).withClassLoader(new FilteredClassLoader(RouterRegistry.class))
        .run(context -> assertThat(context).doesNotHaveBean(RouterRegistry.class)
            .doesNotHaveBean(FenliuProperties.class));
  }

  @Test
  void unsetRoutingPropertiesAreTheLibrarysDefaults() {
    assertThat(new FenliuProperties().getRouting().toSettings()).isEqualTo(RoutingSettings.builder().build());
  }
}
