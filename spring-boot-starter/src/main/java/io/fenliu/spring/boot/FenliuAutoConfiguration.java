package io.fenliu.spring.boot;

import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.LoadedShop;
import io.fenliu.routing.RouterLoader;
import io.fenliu.routing.RouterRegistry;
import io.fenliu.routing.RouterSaver;
import io.fenliu.routing.RoutingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Builds the application's {@link RouterRegistry} (one router per shop, R24) from {@code fenliu.*} properties
 * ({@link FenliuProperties}).
 *
 * <ul>
 *   <li>{@link RouterLoader}: from the application's {@link ShopRoster} bean, each shop starting with the
 *       {@code fenliu.routing.*} settings (R18, R21–R23), the default concurrent limit (R20) and the roster's
 *       presence; absent when the
 *       application defines its own loader, or has no roster.
 *   <li>{@link RouterRegistry}: built with the loader, the {@code fenliu.registry.*} cache settings, and the
 *       application's {@link RouterSaver} if it has one; let go of every router (each saved) when the context
 *       closes. Absent when the application defines its own registry, or has no loader.
 * </ul>
 *
 * <p>Durable shops (fenliu-jdbc's router that writes each event in one transaction and fences owners, R26) are
 * {@link FenliuDurableAutoConfiguration}'s, with {@code fenliu.durable.enabled=true}.
 */
@AutoConfiguration
@ConditionalOnClass(RouterRegistry.class)
@EnableConfigurationProperties(FenliuProperties.class)
public class FenliuAutoConfiguration {
  /** Loads a shop from the application's roster, with the settings of the {@code fenliu.routing.*} properties. */
  @Bean
  @ConditionalOnMissingBean(RouterLoader.class)
  @ConditionalOnBean(ShopRoster.class)
  public RouterLoader fenliuRouterLoader(ShopRoster roster, FenliuProperties properties) {
    RoutingSettings settings = properties.getRouting().toSettings();
    ShopRoster seated = withDefaultSeatsRoster(roster, properties.getRouting().defaultConcurrentLimit());
    return shop -> {
      Shop found = seated.find(shop);
      if (found == null) {
        return null;
      }
      LiveState live = LiveState.of(roster.presence(shop), Map.of(), List.of(), List.of());
      return new LoadedShop(found, settings, live);
    };
  }

  /** The registry, let go of (every router's live state handed to the saver) when the context closes. */
  @Bean(destroyMethod = "removeAll")
  @ConditionalOnMissingBean(RouterRegistry.class)
  @ConditionalOnBean(RouterLoader.class)
  public RouterRegistry fenliuRouterRegistry(RouterLoader loader, FenliuProperties properties,
      ObjectProvider<RouterSaver> saver) {
    FenliuProperties.Registry p = properties.getRegistry();
    RouterRegistry.Builder b = RouterRegistry.builder(loader);
    Duration idle = p.getExpireAfterIdle();
    if (idle != null) {
      b.expireAfterIdle(idle);
    }
    Long maximum = p.getMaximumSize();
    if (maximum != null) {
      b.maximumSize(maximum);
    }
    if (p.isRecordStats()) {
      b.recordStats();
    }
    saver.ifAvailable(b::saver);
    return b.build();
  }

  /** {@code roster} with {@code seats} as the limit of every agent that has none (R20). */
  static ShopRoster withDefaultSeatsRoster(ShopRoster roster, OptionalInt seats) {
    return shop -> {
      Shop found = roster.find(shop);
      return found == null ? null : withDefaultSeats(found, seats);
    };
  }

  /** The roster with {@code seats} as the limit of every agent that has none (R20). */
  static Shop withDefaultSeats(Shop shop, OptionalInt seats) {
    if (seats.isEmpty() || shop.subAccounts().stream().allMatch(a -> a.concurrentLimit().isPresent())) {
      return shop;
    }
    List<SubAccount> agents = new ArrayList<>(shop.subAccounts().size());
    for (SubAccount a : shop.subAccounts()) {
      agents.add(a.concurrentLimit().isPresent() ? a : a.withConcurrentLimit(seats));
    }
    return Shop.of(shop.id(), shop.name(), shop.mainAccount(), agents);
  }
}
