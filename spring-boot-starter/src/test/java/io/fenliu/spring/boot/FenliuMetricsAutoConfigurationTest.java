package io.fenliu.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenliu.core.Presence;
import io.fenliu.micrometer.RouterMetrics;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterLoader;
import io.fenliu.routing.RouterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every loaded router's meters (R19, R22) reach Boot's meter registry, per-agent ones only when asked for; absent
 * without Micrometer, fenliu-micrometer or a registry, when switched off, or when the application has its own.
 */
class FenliuMetricsAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(FenliuAutoConfiguration.class, FenliuMetricsAutoConfiguration.class,
          MetricsAutoConfiguration.class))
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
      .withBean(RouterLoader.class, Shops::groupLoader);

  @Test
  void shopMetersReachBootsRegistryWithoutPerAgentOnes() {
    runner.run(context -> {
      Router router = context.getBean(RouterRegistry.class).router(Shops.SHOP);
      router.setPresence(Shops.ALICE, Presence.ONLINE);
      router.route(Shops.consultation("c1"));
      context.getBean(RouterMetrics.class).refresh();
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters.get(RouterMetrics.DECISIONS).tag(RouterMetrics.SHOP, Shops.SHOP.value())
          .functionCounters().stream().mapToDouble(c -> c.count()).sum()).isEqualTo(1.0);
      assertThat(meters.find(RouterMetrics.AGENT_DECISIONS).meters()).isEmpty();
    });
  }

  @Test
  void perAgentMetersOnlyWhenAskedFor() {
    runner.withPropertyValues("fenliu.metrics.per-agent=true").run(context -> {
      Router router = context.getBean(RouterRegistry.class).router(Shops.SHOP);
      router.setPresence(Shops.ALICE, Presence.ONLINE);
      router.route(Shops.consultation("c1"));
      context.getBean(RouterMetrics.class).refresh();
      assertThat(context.getBean(MeterRegistry.class).find(RouterMetrics.AGENT_DECISIONS)
          .tag(RouterMetrics.AGENT, Shops.ALICE.value()).functionCounter()).isNotNull();
    });
  }

  @Test
  void absentWhenSwitchedOffOrWithoutItsClassesOrRegistry() {
    runner.withPropertyValues("fenliu.metrics.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(RouterMetrics.class));
    runner.withClassLoader(new FilteredClassLoader(RouterMetrics.class))
        .run(context -> assertThat(context).doesNotHaveBean(RouterMetrics.class));
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> assertThat(context).doesNotHaveBean(RouterMetrics.class));
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FenliuAutoConfiguration.class,
        FenliuMetricsAutoConfiguration.class)).run(context -> assertThat(context)
            .doesNotHaveBean(RouterMetrics.class));
  }

  @Test
  void aBadSnapshotTtlIsRefusedNamingTheProperty() {
    runner.withPropertyValues("fenliu.metrics.snapshot-ttl=-1s").run(context -> assertThat(context).hasFailed()
        .getFailure().hasStackTraceContaining("fenliu.metrics.snapshot-ttl"));
  }

  @Test
  void theApplicationsRouterMetricsReplaceOurs() {
    RouterMetrics own = RouterMetrics.ofRouters(List::of, List.of());
    runner.withBean(RouterMetrics.class, () -> own)
        .run(context -> assertThat(context).getBean(RouterMetrics.class).isSameAs(own));
  }
}
