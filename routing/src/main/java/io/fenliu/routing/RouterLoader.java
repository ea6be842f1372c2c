package io.fenliu.routing;

import io.fenliu.core.ShopId;
import org.jspecify.annotations.Nullable;

/**
 * The host's source of truth for a {@link RouterRegistry}: given a shop id, returns the shop's roster, settings
 * and live state to build its router from.
 *
 * <p>The registry calls it on the first use of a shop (and after the shop's router was evicted or removed and is
 * no longer reachable), and on {@link RouterRegistry#reload(ShopId)}. It is called at most once at a time per
 * shop, while other threads asking for that same shop wait for it; keep it reasonably quick (a database read), and
 * do not call the registry from it (a call for the same shop would be refused as a recursive update).
 * It may throw: the exception reaches the caller unchanged and nothing is registered, so the next call tries
 * again.
 */
@FunctionalInterface
public interface RouterLoader {
  /**
   * Loads one shop.
   *
   * @param shop the shop asked for
   * @return the shop's roster (whose id must be {@code shop}), settings and live state; or null if the host does
   *     not know this shop, which the registry reports as an {@link io.fenliu.core.UnknownIdException}
   */
  @Nullable LoadedShop load(ShopId shop);
}
