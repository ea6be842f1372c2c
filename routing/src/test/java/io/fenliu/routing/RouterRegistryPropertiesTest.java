package io.fenliu.routing;

import static io.fenliu.routing.RegistryFixture.X;
import static io.fenliu.routing.RegistryFixture.consultation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.fenliu.core.AccountId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Properties of the router registry: letting a router go and getting it back is invisible to the shop. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterRegistryPropertiesTest {
  private static final ShopId SHOP = ShopId.of("solo");
  /** One agent, X, with two seats: routing is deterministic, so a plain router can serve as the reference. */
  private static final Shop ROSTER = Shop.of(SHOP, "Solo", new MainAccount(AccountId.of("owner"), "owner"),
      List.of(RegistryFixture.agent(X, 2)));

  /**
   * Any sequence of routes, ends, withdrawals and presence changes, made through the registry with the shop's
   * router let go (and saved) at arbitrary points, leaves the same live state as the same changes on one router
   * that was never let go — whether the registry reinstated the let-go router or rebuilt it from the saver's state.
   */
  @Test
  void lettingGoAtAnyPointLosesNothing() {
    qt().withFixedSeed(20261123L).withExamples(300)
        .forAll(lists().of(integers().between(0, 6 * 8 - 1)).ofSizeBetween(1, 40))
        .checkAssert(ops -> {
          RegistryFixture f = RegistryFixture.create();
          f.rosters.put(SHOP, ROSTER);
          RouterRegistry registry = RouterRegistry.builder(f.loader).saver(f.saver).clock(RegistryFixture.CLOCK)
              .maximumSize(4).build();
          Router reference = Router.builder(ROSTER, RoutingSettings.builder().build()).clock(RegistryFixture.CLOCK)
              .build();
          for (int v : ops) {
            int code = v % 6;
            String id = "c" + (v / 6);
            if (code == 5) {
              registry.remove(SHOP).ifPresent(exported -> {
                assertEquals(reference.liveState(), exported, "the state exported at a hand-over");
                assertEquals(exported, f.saved.get(SHOP), "the state the saver holds after a hand-over");
              });
              continue;
            }
            Consumer<Router> op = switch (code) {
              case 0 -> r -> r.route(consultation(id));
              case 1 -> r -> r.end(ConsultationId.of(id));
              case 2 -> r -> r.withdraw(ConsultationId.of(id));
              case 3 -> r -> r.setPresence(X, Presence.ONLINE);
              default -> r -> r.setPresence(X, Presence.OFFLINE);
            };
            op.accept(reference);
            registry.withRouter(SHOP, r -> {
              op.accept(r);
              return null;
            });
          }
          assertEquals(reference.liveState(), registry.router(SHOP).liveState());
        });
  }

  /** Bulk presence equals the same changes made one by one, for any subset of agents and presences. */
  @Test
  void bulkPresenceEqualsOneByOne() {
    List<AccountId> agents = List.of(RegistryFixture.X, RegistryFixture.Y);
    Presence[] values = Presence.values();
    qt().withFixedSeed(11L).withExamples(100)
        .forAll(integers().between(0, 3), integers().between(0, values.length - 1),
            integers().between(0, values.length - 1))
        .checkAssert((mask, px, py) -> {
          RegistryFixture f = RegistryFixture.create().with(1);
          RouterRegistry registry = RouterRegistry.builder(f.loader).clock(RegistryFixture.CLOCK).build();
          Map<AccountId, Presence> changes = new java.util.LinkedHashMap<>();
          if ((mask & 1) != 0) {
            changes.put(agents.get(0), values[px]);
          }
          if ((mask & 2) != 0) {
            changes.put(agents.get(1), values[py]);
          }
          Router reference = Router.builder(RegistryFixture.roster(RegistryFixture.shop(0), RegistryFixture.LIMIT),
              RoutingSettings.builder().build()).clock(RegistryFixture.CLOCK).build();
          changes.forEach(reference::setPresence);
          registry.setPresence(RegistryFixture.shop(0), changes);
          assertEquals(reference.liveState(), registry.router(RegistryFixture.shop(0)).liveState());
        });
  }

  /** A lookup of a loaded shop allocates nothing (issue 12: the registry's hit path), idle eviction on. */
  @Test
  void aLookupOfALoadedShopAllocatesNothing() throws Exception {
    Object bean;
    Method allocated;
    try {
      // Reflectively: the routing module does not read java.management, and need not for this one test.
      bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      assumeTrue(false, "no per-thread allocation counter: " + e);
      return;
    }
    RegistryFixture f = RegistryFixture.create().with(4);
    RouterRegistry registry = RouterRegistry.builder(f.loader).expireAfterIdle(Duration.ofHours(1)).maximumSize(100)
        .build();
    ShopId[] shops = new ShopId[4];
    for (int i = 0; i < shops.length; i++) {
      shops[i] = RegistryFixture.shop(i);
      registry.router(shops[i]);
    }
    long tid = Thread.currentThread().getId();
    Router last = null;
    for (int i = 0; i < 200_000; i++) { // warm up: let the JIT compile the hit path
      last = registry.router(shops[i & 3]);
    }
    int n = 200_000;
    long before;
    long after;
    try {
      before = (long) allocated.invoke(bean, tid);
      for (int i = 0; i < n; i++) {
        last = registry.router(shops[i & 3]);
      }
      after = (long) allocated.invoke(bean, tid);
    } catch (ReflectiveOperationException | RuntimeException e) {
      assumeTrue(false, "no per-thread allocation counter: " + e);
      return;
    }
    assertSame(registry.router(shops[(n - 1) & 3]), last);
    // The counter itself and the reflective calls allocate a little; a lookup that allocated would cost >= 16 B each.
    assertTrue(after - before < n / 8, "allocated " + (after - before) + " bytes in " + n + " lookups");
  }
}
