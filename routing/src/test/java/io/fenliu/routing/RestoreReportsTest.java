package io.fenliu.routing;

import static io.fenliu.routing.RegistryFixture.X;
import static io.fenliu.routing.RegistryFixture.Y;
import static io.fenliu.routing.RegistryFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.ShopId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Restore reports where routers are built from a saved live state (R20): the builder's own report, and the
 * registry handing it to the host instead of only logging the agents put over their limit.
 */
class RestoreReportsTest {
  private static final ShopId S0 = shop(0);
  private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

  /** X holds three consultations against a limit of {@link RegistryFixture#LIMIT} (2); Y holds one. */
  private static LiveState overX() {
    List<OpenConsultation> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      open.add(new OpenConsultation(ConsultationId.of("x" + i), BuyerId.of("b" + i), X, T));
    }
    open.add(new OpenConsultation(ConsultationId.of("y0"), BuyerId.of("by"), Y, T));
    return LiveState.of(Map.of(), Map.of(), open, List.of());
  }

  @Test
  void r20_aRouterBuiltFromALiveStateReportsWhatItsRestoreFound() {
    Router r = Router.builder(RegistryFixture.roster(S0, RegistryFixture.LIMIT), RoutingSettings.builder().build())
        .liveState(overX()).build();
    RestoreReport report = r.restoredOnBuild();
    assertEquals(4, report.restored());
    assertEquals(Map.of(X, 3), report.overLimit(), "only X is over its limit");

    Router idle = Router.builder(RegistryFixture.roster(S0, 2), RoutingSettings.builder().build()).build();
    assertEquals(0, idle.restoredOnBuild().restored());
    assertTrue(idle.restoredOnBuild().overLimit().isEmpty());
  }

  @Test
  void r20_theRegistryHandsEachBuiltShopsReportToTheHost() {
    RegistryFixture f = RegistryFixture.create().with(2);
    f.saved.put(S0, overX());
    Map<ShopId, RestoreReport> got = new ConcurrentHashMap<>();
    RouterRegistry registry = RouterRegistry.builder(f.loader).restoreReports(got::put).build();
    registry.router(S0);
    registry.router(shop(1)); // no open consultations: nothing to report
    assertEquals(Map.of(S0, new RestoreReport(4, Map.of(X, 3))), got);
  }

  @Test
  void r20_aFailingReportConsumerDoesNotStopTheShopFromLoading() {
    RegistryFixture f = RegistryFixture.create().with(1);
    f.saved.put(S0, overX());
    RouterRegistry registry = RouterRegistry.builder(f.loader).restoreReports((shop, report) -> {
      throw new IllegalStateException("the host's consumer failed");
    }).build();
    assertEquals(3, registry.router(S0).seatsHeld(X), "the router was built and holds what was restored");
  }
}
