package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A host's store for registry tests: rosters by shop, the live states the saver received, and call counts. Shops
 * have two agents, X and Y, each with a limit of {@link #LIMIT} seats, so routing is predictable enough to count.
 */
final class RegistryFixture {
  static final AccountId X = AccountId.of("X");
  static final AccountId Y = AccountId.of("Y");
  static final int LIMIT = 2;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

  final Map<ShopId, Shop> rosters = new ConcurrentHashMap<>();
  final Map<ShopId, LiveState> saved = new ConcurrentHashMap<>();
  final Map<ShopId, AtomicInteger> loads = new ConcurrentHashMap<>();
  final AtomicInteger saves = new AtomicInteger();
  final RouterLoader loader = this::load;
  final RouterSaver saver = this::save;

  static ShopId shop(int i) {
    return ShopId.of("shop-" + i);
  }

  static Shop roster(ShopId id, int limit) {
    return Shop.of(id, "Shop " + id.value(), new MainAccount(AccountId.of("owner"), "owner"), List.of(
        agent(X, limit), agent(Y, limit)));
  }

  static SubAccount agent(AccountId id, int limit) {
    return SubAccount.builder(id, "agent " + id.value()).roles(Role.PRE_SALE).concurrentLimit(limit).build();
  }

  static Consultation consultation(String id) {
    return Consultation.of(ConsultationId.of(id), BuyerId.of("buyer-" + id), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);
  }

  RegistryFixture with(int shops) {
    for (int i = 0; i < shops; i++) {
      rosters.put(shop(i), roster(shop(i), LIMIT));
    }
    return this;
  }

  @Nullable LoadedShop load(ShopId id) {
    loads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    Shop roster = rosters.get(id);
    if (roster == null) {
      return null;
    }
    return new LoadedShop(roster, RoutingSettings.builder().build(), saved.getOrDefault(id, LiveState.empty()));
  }

  void save(ShopId id, LiveState state) {
    saves.incrementAndGet();
    saved.put(id, state);
  }

  int loads(ShopId id) {
    AtomicInteger n = loads.get(id);
    return n == null ? 0 : n.get();
  }

  /** Runs the GC until {@code cleared} holds; false if it did not within a bounded number of attempts. */
  static boolean gcUntil(BooleanSupplier cleared) {
    for (int i = 0; i < 50 && !cleared.getAsBoolean(); i++) {
      System.gc();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return cleared.getAsBoolean();
  }

  /** Whether the weakly held object is gone. */
  static BooleanSupplier cleared(WeakReference<?> ref) {
    return () -> ref.get() == null;
  }

  private RegistryFixture() {}

  static RegistryFixture create() {
    return new RegistryFixture();
  }
}
