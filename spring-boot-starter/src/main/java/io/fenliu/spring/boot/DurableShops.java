package io.fenliu.spring.boot;

import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import io.fenliu.core.internal.Require;
import io.fenliu.jdbc.DurableRouter;
import io.fenliu.routing.RoutingSettings;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The shops this application owns durably (R20, R22, R25, R26): each shop's {@link DurableRouter}, taken from the
 * application's {@code DataSource} the first time the shop is asked for — which raises its owner epoch and fences
 * whichever process owned it before — and created from the application's {@link ShopRoster} and the {@code
 * fenliu.routing.*} settings when the database does not have it yet.
 *
 * <p>Taking a shop is a hand-over, not a look-up: two applications that both ask for the same shop take it from
 * each other, and the one taken from gets {@link io.fenliu.jdbc.ShopFencedException} on its next write. Send each
 * shop's traffic to one instance (a partition of your bus, a lease); the fence makes a wrong choice harmless, not
 * free. A shop whose router was fenced is taken again on the next {@link #shop} call only after {@link #forget}.
 *
 * <p>Thread-safe: a shop is taken once however many threads ask for it at the same time.
 */
public final class DurableShops {
  private final Function<ShopId, DurableRouter.Builder> configure;
  private final ConcurrentMap<ShopId, DurableRouter> held = new ConcurrentHashMap<>();

  private DurableShops(Function<ShopId, DurableRouter.Builder> configure) {
    this.configure = configure;
  }

  /**
   * Durable shops on {@code dataSource}, each created when absent from {@code roster} with {@code settings}.
   *
   * @param recordStats whether each router records statistics ({@link DurableRouter.Builder#recordStats()})
   * @throws NullPointerException if an argument is null
   */
  public static DurableShops of(DataSource dataSource, ShopRoster roster, RoutingSettings settings,
      boolean recordStats) {
    Require.notNull(dataSource, "data source");
    Require.notNull(roster, "roster");
    Require.notNull(settings, "settings");
    return new DurableShops(shop -> {
      DurableRouter.Builder b = DurableRouter.builder(dataSource, shop);
      @Nullable Shop found = roster.find(shop);
      if (found != null) {
        b.createIfAbsent(found, settings);
      }
      if (recordStats) {
        b.recordStats();
      }
      return b;
    });
  }

  /**
   * The durable router of {@code shop}, taken on first use (R26).
   *
   * @throws NullPointerException if {@code shop} is null
   * @throws UnknownIdException if neither the database nor the roster knows the shop
   * @throws io.fenliu.jdbc.JdbcStoreException if the database refuses or fails
   */
  public DurableRouter shop(ShopId shop) {
    Require.notNull(shop, "shop");
    return held.computeIfAbsent(shop, s -> configure.apply(s).take());
  }

  /** The shops taken so far by this application (some may have been fenced since). */
  public Set<ShopId> held() {
    return Set.copyOf(held.keySet());
  }

  /**
   * Forgets {@code shop}'s router, so that the next {@link #shop} call takes it again — after it was fenced, for
   * instance, if this instance is to own it once more.
   *
   * @return whether a router was held
   */
  public boolean forget(ShopId shop) {
    return held.remove(Require.notNull(shop, "shop")) != null;
  }


  @Override
  public String toString() {
    return "DurableShops[" + held.size() + " held]";
  }
}
