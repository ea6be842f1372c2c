package io.fenliu.spring.boot;

import io.fenliu.jdbc.DurableRouter;
import io.fenliu.jdbc.FenliuSchema;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Durable shops from the application's {@code DataSource} (R20, R22, R25, R26): with {@code
 * fenliu.durable.enabled=true}, fenliu-jdbc on the class path, a {@code DataSource} bean and a {@link ShopRoster}, a
 * {@link DurableShops} bean whose routers write every event's consequences in one transaction and fence the
 * shop's previous owner. Fenliu's tables are created or migrated at start-up unless {@code
 * fenliu.durable.initialize-schema=false} (a host that migrates its schema with its own tool). Backs off to the
 * application's own {@code DurableShops}.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "io.fenliu.spring.boot.FenliuAutoConfiguration"})
@ConditionalOnClass({DurableRouter.class, DataSource.class})
@ConditionalOnProperty(prefix = "fenliu.durable", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(FenliuProperties.class)
public class FenliuDurableAutoConfiguration {
  /** The application's shops, taken from its database on first use. */
  @Bean
  @ConditionalOnMissingBean(DurableShops.class)
  @ConditionalOnBean({DataSource.class, ShopRoster.class})
  public DurableShops fenliuDurableShops(DataSource dataSource, ShopRoster roster, FenliuProperties properties) {
    if (properties.getDurable().isInitializeSchema()) {
      FenliuSchema.apply(dataSource);
    }
    return DurableShops.of(dataSource, FenliuAutoConfiguration.withDefaultSeatsRoster(roster,
        properties.getRouting().defaultConcurrentLimit()), properties.getRouting().toSettings(),
        properties.getRegistry().isRecordStats());
  }
}
