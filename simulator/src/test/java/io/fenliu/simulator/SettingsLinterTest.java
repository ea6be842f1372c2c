package io.fenliu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
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
import io.fenliu.simulator.Finding.Severity;
import io.fenliu.simulator.SettingsLinter.Check;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each of the linter's checks, triggered and not triggered; no finding on the README's sample. */
class SettingsLinterTest {
  private static final AccountId ALICE = AccountId.of("alice");
  private static final AccountId BOB = AccountId.of("bob");
  private static final AccountId CAROL = AccountId.of("carol");

  /** The README's quick start, verbatim in its values. */
  private static final Shop README_SHOP = Shop.of(ShopId.of("my-shop"), "My shop",
      new MainAccount(AccountId.of("owner"), "owner"), List.of(
          SubAccount.builder(ALICE, "Alice").roles(Role.PRE_SALE).exclusiveAgent().build(),
          SubAccount.builder(BOB, "Bob").roles(Role.PRE_SALE).exclusiveAgent().build()));
  private static final RoutingSettings README_SETTINGS = RoutingSettings.builder()
      .mode(RoutingMode.ADVANCED)
      .group(AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID)
          .member(ALICE, 500).member(BOB, 100).build())
      .build();

  /** Alice and Bob pre-sale, Carol after-sale, all routable; Carol's status and limit vary. */
  private static Shop shop(AccountStatus carol, int limit) {
    SubAccount.Builder c = SubAccount.builder(CAROL, "Carol").roles(Role.AFTER_SALE).exclusiveAgent().status(carol);
    if (limit > 0) {
      c.concurrentLimit(limit);
    }
    return Shop.of(ShopId.of("s"), "s", new MainAccount(AccountId.of("owner"), "owner"), List.of(
        SubAccount.builder(ALICE, "Alice").roles(Role.PRE_SALE).build(),
        SubAccount.builder(BOB, "Bob").roles(Role.PRE_SALE).build(), c.build()));
  }

  private static final Shop SHOP = shop(AccountStatus.ACTIVE, 0);

  private static List<Check> checks(List<Finding> findings) {
    return findings.stream().map(Finding::check).collect(Collectors.toList());
  }

  private static Finding only(Check check, List<Finding> findings) {
    List<Finding> of = findings.stream().filter(f -> f.check() == check).collect(Collectors.toList());
    assertEquals(1, of.size(), findings.toString());
    Finding f = of.get(0);
    assertEquals(check.rule(), f.rule());
    assertTrue(f.message().contains(check.rule()) || f.message().contains("R"), f.message());
    assertTrue(!f.fix().isBlank());
    return f;
  }

  private static AgentGroup.Builder group(String name, OrderStatus... statuses) {
    return AgentGroup.builder(name).boundTo(statuses);
  }

  @Test
  void theReadmeSampleHasNoFinding() {
    assertEquals(List.of(), SettingsLinter.lint(README_SHOP, README_SETTINGS));
    assertEquals(List.of(), SettingsLinter.lint(README_SHOP, README_SETTINGS, Workload.builder().build()));
  }

  @Test
  void unboundOrderStatuses() {
    RoutingSettings two = RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(group("pre", OrderStatus.NO_ORDER).member(ALICE, 100).build())
        .group(group("after", OrderStatus.AFTER_SALE).member(CAROL, 100).build()).build();
    Finding f = only(Check.UNBOUND_ORDER_STATUS, SettingsLinter.lint(SHOP, two));
    assertTrue(f.message().contains("REFUNDING"), f.message());
    // with a workload, only what it sends
    Workload sendsRefunds = Workload.builder().orderStatusMix(Map.of(OrderStatus.NO_ORDER, 1.0,
        OrderStatus.REFUNDING, 1.0)).build();
    Finding w = only(Check.UNBOUND_ORDER_STATUS, SettingsLinter.lint(SHOP, two, sendsRefunds));
    assertTrue(w.subject().equals("order statuses [REFUNDING]"), w.subject());
    // not triggered: the workload sends only bound statuses; or a single group takes every status anyway
    Workload bound = Workload.builder().orderStatusMix(Map.of(OrderStatus.NO_ORDER, 1.0,
        OrderStatus.AFTER_SALE, 1.0)).build();
    assertTrue(!checks(SettingsLinter.lint(SHOP, two, bound)).contains(Check.UNBOUND_ORDER_STATUS));
    assertTrue(!checks(SettingsLinter.lint(README_SHOP, README_SETTINGS)).contains(Check.UNBOUND_ORDER_STATUS));
  }

  @Test
  void aGroupNoneOfWhoseMembersCanBeRouted() {
    RoutingSettings settings = RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(group("after", OrderStatus.AFTER_SALE).member(CAROL, 100).build()).build();
    Finding f = only(Check.GROUP_UNROUTABLE, SettingsLinter.lint(shop(AccountStatus.RESIGNED, 0), settings));
    assertEquals(Severity.ERROR, f.severity());
    assertEquals("group 'after'", f.subject());
    assertTrue(!checks(SettingsLinter.lint(SHOP, settings)).contains(Check.GROUP_UNROUTABLE));
  }

  @Test
  void aPageSetNoneOfWhoseAgentsCanBeRouted() {
    RoutingSettings settings = RoutingSettings.builder().page(EntryPage.REFUND_DETAIL, List.of(CAROL)).build();
    only(Check.PAGE_SET_UNROUTABLE, SettingsLinter.lint(shop(AccountStatus.FROZEN, 0), settings));
    assertEquals(List.of(), SettingsLinter.lint(SHOP, settings));
  }

  @Test
  void aWeightSoSmallTheAgentIsPracticallyNeverChosen() {
    RoutingSettings tiny = RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(group("pre", OrderStatus.NO_ORDER).member(ALICE, 100_000).member(BOB, 99).build()).build();
    Finding f = only(Check.NEGLIGIBLE_WEIGHT, SettingsLinter.lint(SHOP, tiny));
    assertTrue(f.subject().contains("bob"), f.subject());
    // at the threshold (1 in 1,000) it is not found
    RoutingSettings small = RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(group("pre", OrderStatus.NO_ORDER).member(ALICE, 99_900).member(BOB, 100).build()).build();
    assertEquals(List.of(), SettingsLinter.lint(SHOP, small));
  }

  @Test
  void aPageSetNamingAgentsWithoutThePagesRole() {
    RoutingSettings refundToPreSale = RoutingSettings.builder().page(EntryPage.REFUND_DETAIL, List.of(ALICE, CAROL))
        .build();
    Finding f = only(Check.PAGE_ROLE_MISMATCH, SettingsLinter.lint(SHOP, refundToPreSale));
    assertTrue(f.message().contains("[alice]") && f.message().contains("after-sale"), f.message());
    assertTrue(f.fix().contains("carol"), f.fix());
    RoutingSettings right = RoutingSettings.builder().page(EntryPage.REFUND_DETAIL, List.of(CAROL))
        .page(EntryPage.PRODUCT_DETAIL, List.of(ALICE, BOB)).page(EntryPage.ORDER_DETAIL, List.of(ALICE, CAROL))
        .build();
    assertEquals(List.of(), SettingsLinter.lint(SHOP, right));
    // a shop where nobody holds the after-sale role is not told its refund page lacks one
    assertEquals(List.of(), SettingsLinter.lint(README_SHOP, RoutingSettings.builder()
        .page(EntryPage.REFUND_DETAIL, List.of(ALICE)).build()));
  }

  @Test
  void noOfflineReceiverWhereConsultationsCanGoToOne() {
    RoutingSettings none = RoutingSettings.builder().build();
    Finding limits = only(Check.NO_OFFLINE_RECEIVER, SettingsLinter.lint(shop(AccountStatus.ACTIVE, 3), none));
    assertTrue(limits.message().contains("seat limits"), limits.message());
    Workload dayShift = Workload.builder().defaultSchedule(Schedule.builder()
        .shift(Duration.ofHours(9), Duration.ofHours(18)).build()).build();
    Finding unstaffed = only(Check.NO_OFFLINE_RECEIVER, SettingsLinter.lint(SHOP, none, dayShift));
    assertTrue(unstaffed.message().contains("no routable agent ONLINE"), unstaffed.message());
    // no limit, always staffed: no receiver needed
    assertEquals(List.of(), SettingsLinter.lint(SHOP, none, Workload.builder().build()));
    assertEquals(List.of(), SettingsLinter.lint(shop(AccountStatus.ACTIVE, 3),
        RoutingSettings.builder().offlineReceivers(List.of(ALICE)).build()));
  }

  @Test
  void offlineReceiversThatCannotReceive() {
    RoutingSettings carolOnly = RoutingSettings.builder().offlineReceivers(List.of(CAROL)).build();
    Finding none = only(Check.OFFLINE_RECEIVER_UNUSABLE, SettingsLinter.lint(shop(AccountStatus.DISABLED, 0),
        carolOnly));
    assertEquals(Severity.ERROR, none.severity());
    RoutingSettings two = RoutingSettings.builder().offlineReceivers(List.of(ALICE, CAROL)).build();
    assertEquals(Severity.WARNING, only(Check.OFFLINE_RECEIVER_UNUSABLE,
        SettingsLinter.lint(shop(AccountStatus.DISABLED, 0), two)).severity());
    assertEquals(List.of(), SettingsLinter.lint(SHOP, carolOnly));
  }

  @Test
  void aSuspendedWindowLongerThanTheRecentWindowCannotBeBuilt() {
    // R21's check is defensive: the settings builder refuses such settings, so the linter never sees them
    assertThrows(InvalidValueException.class, () -> RoutingSettings.builder().recentAgentWindow(Duration.ofHours(1))
        .suspendedRecentWindow(Duration.ofHours(2)).build());
    RoutingSettings equal = RoutingSettings.builder().recentAgentWindow(Duration.ofHours(2))
        .suspendedRecentWindow(Duration.ofHours(2)).build();
    assertTrue(!checks(SettingsLinter.lint(SHOP, equal)).contains(Check.SUSPENDED_WINDOW_TOO_LONG));
  }

  @Test
  void aMaximumQueueWaitLongerThanTheRecentAgentWindow() {
    RoutingSettings longWait = RoutingSettings.builder().recentAgentWindow(Duration.ofMinutes(30))
        .maxQueueWait(Duration.ofHours(1)).build();
    only(Check.QUEUE_WAIT_BEYOND_RECENT_WINDOW, SettingsLinter.lint(SHOP, longWait));
    assertEquals(List.of(), SettingsLinter.lint(SHOP, RoutingSettings.builder().maxQueueWait(Duration.ofMinutes(30))
        .build()));
    assertEquals(List.of(), SettingsLinter.lint(SHOP, RoutingSettings.builder().recentAgentWindow(Duration.ZERO)
        .maxQueueWait(Duration.ofHours(1)).build()), "continuity off: nothing to outlive");
  }

  @Test
  void seatLimitsBelowTheWorkloadsPeakConcurrency() {
    Shop limited = Fixtures.shop(4, 5); // 20 seats
    RoutingSettings receiver = RoutingSettings.builder().offlineReceivers(List.of(Fixtures.agent(0))).build();
    double[] profile = new double[24];
    java.util.Arrays.fill(profile, 0.5);
    profile[20] = 1;
    // peak 240 an hour × 6 minutes = 24 seats at once > 20
    Workload busy = Workload.builder().arrivalsPerHour(240).hourlyProfile(profile)
        .meanServiceTime(Duration.ofMinutes(6)).build();
    Finding f = only(Check.SEATS_BELOW_PEAK, SettingsLinter.lint(limited, receiver, busy));
    assertTrue(f.message().contains("20 seats") && f.message().contains("24.0 seats"), f.message());
    assertTrue(f.subject().startsWith("hour 20:00"), f.subject());
    // 180 an hour × 6 minutes = 18 seats ≤ 20
    Workload fits = Workload.builder().arrivalsPerHour(180).hourlyProfile(profile)
        .meanServiceTime(Duration.ofMinutes(6)).build();
    assertEquals(List.of(), SettingsLinter.lint(limited, receiver, fits));
    assertEquals(List.of(), SettingsLinter.lint(limited, receiver), "without a workload there is no peak");
  }

  @Test
  void findingsAreValuesWithAJsonShape() {
    Finding f = Finding.of(Check.GROUP_UNROUTABLE, Severity.ERROR, "group 'a\"b'", "line\none", "fix it");
    assertEquals("{\"check\":\"GROUP_UNROUTABLE\",\"severity\":\"ERROR\",\"rule\":\"R17\",\"subject\":\"group 'a\\\"b'\","
        + "\"message\":\"line\\none\",\"fix\":\"fix it\"}", f.toJson());
    assertEquals(f, Finding.of(Check.GROUP_UNROUTABLE, Severity.ERROR, "group 'a\"b'", "line\none", "fix it"));
  }
}
