package io.fenliu.spring.boot;

import io.fenliu.core.AccountId;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the application's shops come from, the one bean an application must define for the starter to build a
 * {@link io.fenliu.routing.RouterRegistry}: given a shop id, its roster (main account and sub-accounts, R17), or
 * null for a shop the application does not know (the registry then refuses the shop with an {@link
 * io.fenliu.core.UnknownIdException}).
 *
 * <p>Each shop's router starts with the routing settings of the {@code fenliu.routing.*} properties (R18, R21–R23)
 * and an idle live state; an agent without a concurrent limit gets {@code fenliu.routing.default-concurrent-limit}
 * seats (R20) when that property is set. An application whose shops have settings or live state of their own
 * defines a {@link io.fenliu.routing.RouterLoader} bean instead, and the roster is then not asked for.
 *
 * <p>Called as the registry calls its loader: once at a time per shop, on its first use and after its router was
 * let go; it must not call the registry.
 */
@FunctionalInterface
public interface ShopRoster {
  /**
   * The roster of {@code shop}.
   *
   * @param shop the shop asked for
   * @return its roster, whose id must be {@code shop}; or null if the application does not know it
   */
  @Nullable Shop find(ShopId shop);

  /**
   * Who is online, suspended or busy when {@code shop}'s router is built, e.g. from the host's presence feed (R21);
   * agents left out are OFFLINE. Asked right after {@link #find} returned the roster. None by default.
   *
   * @param shop the shop being loaded
   * @return each listed agent's presence; every agent must be on the roster
   */
  default Map<AccountId, Presence> presence(ShopId shop) {
    return Map.of();
  }
}
