package io.fenliu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is refused with the field and the rule, before anything runs. */
class BadInputTest {
  private static void refused(String field, String rule, Executable call) {
    InvalidValueException e = assertThrows(InvalidValueException.class, call);
    assertEquals(field, e.argument(), e.getMessage());
    assertEquals(rule, e.rule().orElse(null), e.getMessage());
    assertTrue(rule == null || e.getMessage().contains(rule), e.getMessage());
  }

  @Test
  void workloadValuesAreCheckedAsTheyAreSet() {
    refused("arrivals per hour", null, () -> Workload.builder().arrivalsPerHour(-1));
    refused("arrivals per hour", null, () -> Workload.builder().arrivalsPerHour(Double.NaN));
    refused("hourly profile", null, () -> Workload.builder().hourlyProfile(1, 2));
    double[] profile = new double[24];
    profile[5] = -0.5;
    refused("hourly profile[5]", null, () -> Workload.builder().hourlyProfile(profile));
    refused("order status mix", "R12", () -> Workload.builder().orderStatusMix(Map.of(OrderStatus.UNPAID, 0.0)));
    refused("entry page mix weight of SHOP_HOME", "R11",
        () -> Workload.builder().entryPageMix(Map.of(EntryPage.SHOP_HOME, -1.0)));
    refused("mean service time", "R20", () -> Workload.builder().meanServiceTime(Duration.ZERO));
    refused("recent agent share", "R18", () -> Workload.builder().recentAgentShare(1.5));
    refused("exclusive follower share", "R18", () -> Workload.builder().exclusiveFollowerShare(-0.1));
    refused("duration", null, () -> Workload.builder().duration(Duration.ofDays(-1)));
    refused("log", "R25", () -> Workload.recorded(List.of()));
    refused("log[0]", "R25", () -> Workload.recorded(List.of(ShopEvent.ended(Fixtures.SHOP,
        io.fenliu.core.ConsultationId.of("c1")))));
  }

  @Test
  void schedulesAreChecked() {
    refused("shift", "R17", () -> Schedule.builder().shift(Duration.ofHours(5), Duration.ofHours(5)));
    refused("shift", "R17", () -> Schedule.builder().shift(Duration.ZERO, Duration.ofHours(8))
        .shift(Duration.ofHours(7), Duration.ofHours(9)).build());
    refused("break", "R21", () -> Schedule.builder().shift(Duration.ZERO, Duration.ofHours(8))
        .breakAt(Duration.ofHours(7), Duration.ofHours(9)).build());
  }

  private static final AtomicInteger PROGRESS = new AtomicInteger();

  private static void refusedBeforeRunning(String field, String rule, Shop shop, RoutingSettings settings,
      Workload workload) {
    PROGRESS.set(0);
    refused(field, rule, () -> Simulation.run(shop, settings, workload, 1, f -> PROGRESS.incrementAndGet()));
    assertEquals(0, PROGRESS.get(), "nothing ran");
  }

  @Test
  void anEmptyRosterIsRefused() {
    Shop empty = Shop.of(Fixtures.SHOP, "empty", new MainAccount(AccountId.of("owner"), "owner"), List.of());
    refusedBeforeRunning("shop sub-accounts", "R17", empty, RoutingSettings.builder().build(),
        Workload.builder().build());
  }

  @Test
  void aScheduleForAnAgentNotOnTheRosterIsRefused() {
    refusedBeforeRunning("workload schedule of ghost", "R17", Fixtures.shop(2, 0), RoutingSettings.builder().build(),
        Workload.builder().schedule(AccountId.of("ghost"), Schedule.allDay()).build());
  }

  @Test
  void followersWithoutExclusiveAgentsAreRefused() {
    Shop plain = Shop.of(Fixtures.SHOP, "plain", new MainAccount(AccountId.of("owner"), "owner"),
        List.of(SubAccount.builder(AccountId.of("a"), "a").roles(Role.PRE_SALE).build()));
    refusedBeforeRunning("exclusive follower share", "R18", plain, RoutingSettings.builder().build(),
        Workload.builder().exclusiveFollowerShare(0.2).build());
  }

  @Test
  void aLogOfAnotherShopIsRefused() {
    ShopEvent other = ShopEvent.timeAdvanced(ShopId.of("other-shop"), Instant.parse("2026-01-05T00:00:00Z"));
    refusedBeforeRunning("log[0].shop", "R25", Fixtures.shop(2, 0), RoutingSettings.builder().build(),
        Workload.recorded(List.of(other)));
  }

  @Test
  void settingsTheRouterRefusesAreRefused() {
    RoutingSettings ghost = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(AgentGroup.builder("g")
        .boundTo(OrderStatus.NO_ORDER).member(AccountId.of("ghost"), 100).build()).build();
    refusedBeforeRunning("settings", "R17", Fixtures.shop(2, 0), ghost, Workload.builder().build());
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> Simulation.compare(Fixtures.shop(2, 0),
        RoutingSettings.builder().build(), ghost, Workload.builder().build(), 1));
    assertEquals("settings B", e.argument());
    assertTrue(e.getMessage().contains("ghost"), e.getMessage());
  }
}
