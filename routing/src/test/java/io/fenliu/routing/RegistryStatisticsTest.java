package io.fenliu.routing;

import static io.fenliu.routing.RegistryFixture.X;
import static io.fenliu.routing.RegistryFixture.consultation;
import static io.fenliu.routing.RegistryFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fenliu.core.Presence;
import io.fenliu.core.ShopId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statistics through the registry (R19, R22, R23): a registry built with {@link RouterRegistry.Builder#recordStats()}
 * builds every shop's router counting, so a host reading {@code registry.router(shop).stats()} (or a metrics binder
 * over the registry) sees real figures; without it, as on a router, they stay empty.
 */
class RegistryStatisticsTest {
  private static final ShopId S0 = shop(0);

  @Test
  void aRegistryThatRecordsStatisticsCountsEveryShopsDecisions() {
    RegistryFixture f = RegistryFixture.create().with(2);
    RouterRegistry registry = RouterRegistry.builder(f.loader).clock(RegistryFixture.CLOCK).recordStats().build();
    registry.setPresence(S0, Map.of(X, Presence.ONLINE));
    for (int i = 0; i < 2; i++) {
      registry.router(S0).route(consultation("c" + i));
    }
    registry.router(shop(1)).route(consultation("other"));

    RouterStats s0 = registry.router(S0).stats();
    assertEquals(2, s0.decisions(), "both decisions of shop 0 are counted");
    assertEquals(2L, s0.decisionsByAgent().get(X), "and counted against the agent who took them");
    assertEquals(1, registry.router(shop(1)).stats().decisions(), "each shop's router counts its own");
  }

  @Test
  void withoutTheOptionStatisticsStayEmptyAsOnARouter() {
    RegistryFixture f = RegistryFixture.create().with(1);
    RouterRegistry registry = RouterRegistry.builder(f.loader).clock(RegistryFixture.CLOCK).build();
    registry.setPresence(S0, Map.of(X, Presence.ONLINE));
    registry.router(S0).route(consultation("c"));
    assertEquals(0, registry.router(S0).stats().decisions());
  }
}
