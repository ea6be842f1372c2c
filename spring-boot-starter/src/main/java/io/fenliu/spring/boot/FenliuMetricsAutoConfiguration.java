package io.fenliu.spring.boot;

import io.fenliu.micrometer.RouterMetrics;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Publishes every loaded router's statistics and fairness ledger (R19, R22, R23) as Micrometer meters tagged by
 * shop, through fenliu-micrometer's {@link RouterMetrics}: a {@code MeterBinder} bean, which Boot binds to its
 * {@link MeterRegistry}. Per-agent and ledger meters only with {@code fenliu.metrics.per-agent=true}, because
 * their count grows with the agents. Meters for shops loaded later, and the removal of those let go, follow every
 * {@code fenliu.metrics.refresh-interval} on one daemon thread, stopped with the context.
 *
 * <p>Present when fenliu-micrometer and Micrometer are on the class path and the context has a {@link
 * RouterRegistry}; absent with {@code fenliu.metrics.enabled=false} or when the application defines its own
 * {@link RouterMetrics}.
 */
@AutoConfiguration(after = FenliuAutoConfiguration.class)
@ConditionalOnClass({RouterMetrics.class, MeterRegistry.class})
@ConditionalOnBean(RouterRegistry.class)
@ConditionalOnProperty(prefix = "fenliu.metrics", name = "enabled", matchIfMissing = true)
public class FenliuMetricsAutoConfiguration {
  /** The meters of every router the registry holds, refreshed on a schedule. */
  @Bean
  @ConditionalOnMissingBean(RouterMetrics.class)
  public RouterMetrics fenliuRouterMetrics(RouterRegistry registry, FenliuProperties properties) {
    FenliuProperties.Metrics p = properties.getMetrics();
    RouterMetrics.Builder b = RouterMetrics.builder(() -> routersOf(registry)).perAgent(p.isPerAgent());
    FenliuProperties.refuseBadValue("fenliu.metrics.snapshot-ttl", () -> b.snapshotTtl(p.getSnapshotTtl()));
    return b.build();
  }

  /** Calls {@link RouterMetrics#refresh()} on a schedule, so shops loaded after start-up get their meters. */
  @Bean
  @ConditionalOnBean(RouterMetrics.class)
  public MetricsRefresher fenliuMetricsRefresher(RouterMetrics metrics, FenliuProperties properties) {
    return new MetricsRefresher(metrics, properties.getMetrics().getRefreshInterval().toMillis());
  }

  private static List<Router> routersOf(RouterRegistry registry) {
    List<Router> routers = new ArrayList<>();
    registry.forEach((shop, router) -> routers.add(router));
    return routers;
  }

  /**
   * The daemon thread that refreshes the meters (R19): new shops' meters added, let-go shops' removed. Stopped when
   * the context closes.
   */
  public static final class MetricsRefresher implements DisposableBean {
    private final ScheduledExecutorService scheduler;
    private final ScheduledFuture<?> task;

    MetricsRefresher(RouterMetrics metrics, long periodMillis) {
      this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fenliu-metrics-refresh");
        t.setDaemon(true);
        return t;
      });
      // A failed refresh must not cancel the schedule: the next one tries again.
      this.task = scheduler.scheduleWithFixedDelay(() -> {
        try {
          metrics.refresh();
        } catch (RuntimeException e) {
          org.slf4j.LoggerFactory.getLogger(MetricsRefresher.class).warn("Could not refresh Fenliu's meters", e);
        }
      }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
      task.cancel(false);
      scheduler.shutdownNow();
    }
  }
}
