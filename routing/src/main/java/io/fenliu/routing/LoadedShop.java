package io.fenliu.routing;

import io.fenliu.core.Shop;
import io.fenliu.core.internal.Require;

/**
 * What a {@link RouterLoader} hands the {@link RouterRegistry} for one shop: its roster, its routing settings and
 * the live state to start from (the one a {@link RouterSaver} last received, or {@link LiveState#empty()}).
 *
 * <p>Only nulls are refused here; whether the settings and live state fit the roster is checked when the
 * registry builds the router ({@link Router.Builder#build()}), and whether the roster is the shop that was asked
 * for is checked by the registry.
 *
 * @param shop the shop's roster
 * @param settings the shop's routing settings
 * @param liveState presence, open consultations and queue to start from
 */
public record LoadedShop(Shop shop, RoutingSettings settings, LiveState liveState) {
  /**
   * A loaded shop.
   *
   * @throws NullPointerException if any component is null
   */
  public LoadedShop {
    Require.notNull(shop, "shop");
    Require.notNull(settings, "settings");
    Require.notNull(liveState, "live state");
  }

  /** A shop with no live state to restore: every agent OFFLINE, no open or waiting consultation. */
  public static LoadedShop of(Shop shop, RoutingSettings settings) {
    return new LoadedShop(shop, settings, LiveState.empty());
  }
}
