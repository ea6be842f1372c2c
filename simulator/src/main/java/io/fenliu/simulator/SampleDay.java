package io.fenliu.simulator;

import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.simulator.internal.Checks;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's bundled sample (also in its resources as fenliu-jackson JSON, {@code sample-shop.json},
 * {@code sample-settings.json}, {@code sample-settings-what-if.json}): a shop of ten agents in advanced routing's
 * pre-sale and after-sale groups (R12–R14), with seat limits (R20), a five-minute maximum queue wait (R22) and a
 * night-duty offline receiver (R16), on a day of about 3,000 consultations; and the merchant's question — "what if
 * xiaomei's weight went from 500 to 200?" — as a second settings. And {@link #workloadFor(Shop)}, the generic day
 * the simulator gives a host's own shop when no workload is given.
 */
public final class SampleDay {
  private SampleDay() {}

  private static final double[] TYPICAL_PROFILE = {
    0.15, 0.08, 0.05, 0.04, 0.04, 0.08, 0.2, 0.45, 0.8, 1.1, 1.35, 1.4,
    1.1, 1.0, 1.15, 1.2, 1.1, 1.0, 0.95, 1.05, 1.4, 1.6, 1.3, 0.6};

  /** 24 hourly factors of a typical shop's day: quiet at night, busy late morning and in the evening. */
  public static double[] typicalProfile() {
    return TYPICAL_PROFILE.clone();
  }

  private static AccountId id(String name) {
    return AccountId.of(name);
  }

  /** The sample shop: six pre-sale and four after-sale agents, each with seat limits, and a night-duty receiver. */
  public static Shop shop() {
    return Shop.of(io.fenliu.core.ShopId.of("sample-shop"), "Sample shop",
        new io.fenliu.core.MainAccount(id("owner"), "owner"), List.of(
            agent("xiaomei", Role.PRE_SALE, 5), agent("ahua", Role.PRE_SALE, 5), agent("tiantian", Role.PRE_SALE, 5),
            agent("xiaoyu", Role.PRE_SALE, 4), agent("lanlan", Role.PRE_SALE, 4), agent("qiqi", Role.PRE_SALE, 4),
            agent("dawei", Role.AFTER_SALE, 5), agent("lili", Role.AFTER_SALE, 5), agent("xiaolong", Role.AFTER_SALE, 4),
            agent("jun", Role.AFTER_SALE, 4), agent("night-duty", Role.AFTER_SALE, 3)));
  }

  private static SubAccount agent(String name, Role role, int limit) {
    return SubAccount.builder(id(name), name).roles(role).exclusiveAgent().concurrentLimit(limit).build();
  }

  /** The sample settings: advanced routing, a pre-sale and an after-sale group, the night duty as receiver. */
  public static RoutingSettings settings() {
    return settings(500);
  }

  /** The what-if: the same settings with xiaomei's weight at 200 instead of 500. */
  public static RoutingSettings whatIf() {
    return settings(200);
  }

  private static RoutingSettings settings(int xiaomei) {
    return RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID,
                OrderStatus.GROUP_BUY_PENDING)
            .member(id("xiaomei"), xiaomei).member(id("ahua"), 100).member(id("tiantian"), 100)
            .member(id("xiaoyu"), 100).member(id("lanlan"), 100).member(id("qiqi"), 100).build())
        .group(AgentGroup.builder("after-sale").boundTo(OrderStatus.AWAITING_SHIPMENT, OrderStatus.SHIPPED,
                OrderStatus.DELIVERED, OrderStatus.COMPLETED, OrderStatus.CANCELLED, OrderStatus.REFUNDING,
                OrderStatus.AFTER_SALE)
            .member(id("dawei"), 100).member(id("lili"), 100).member(id("xiaolong"), 100).member(id("jun"), 100)
            .build())
        .offlineReceivers(List.of(id("night-duty")))
        .maxQueueWait(Duration.ofMinutes(5))
        .build();
  }

  /** The sample day: two shifts with breaks, a typical profile, about 3,000 consultations. */
  public static Workload workload() {
    Schedule early = Schedule.builder().shift(Duration.ofHours(8), Duration.ofHours(17))
        .breakAt(Duration.ofHours(12), Duration.ofMinutes(12 * 60 + 45)).build();
    Schedule late = Schedule.builder().shift(Duration.ofHours(13), Duration.ofMinutes(23 * 60 + 30))
        .breakAt(Duration.ofHours(18), Duration.ofMinutes(18 * 60 + 40)).build();
    Schedule night = Schedule.builder().shift(Duration.ZERO, Duration.ofHours(24)).build();
    Map<OrderStatus, Double> statuses = new EnumMap<>(OrderStatus.class);
    statuses.put(OrderStatus.NO_ORDER, 50.0);
    statuses.put(OrderStatus.UNPAID, 10.0);
    statuses.put(OrderStatus.AWAITING_SHIPMENT, 10.0);
    statuses.put(OrderStatus.SHIPPED, 12.0);
    statuses.put(OrderStatus.DELIVERED, 6.0);
    statuses.put(OrderStatus.REFUNDING, 7.0);
    statuses.put(OrderStatus.AFTER_SALE, 5.0);
    Map<EntryPage, Double> pages = new EnumMap<>(EntryPage.class);
    pages.put(EntryPage.PRODUCT_DETAIL, 55.0);
    pages.put(EntryPage.SHOP_HOME, 10.0);
    pages.put(EntryPage.ORDER_DETAIL, 20.0);
    pages.put(EntryPage.REFUND_DETAIL, 10.0);
    pages.put(EntryPage.LOGISTICS_COMPLAINT, 5.0);
    return Workload.builder().arrivalsPerHour(160).hourlyProfile(TYPICAL_PROFILE).orderStatusMix(statuses)
        .entryPageMix(pages).meanServiceTime(Duration.ofMinutes(6)).recentAgentShare(0.25)
        .exclusiveFollowerShare(0.1)
        .schedule(id("xiaomei"), early).schedule(id("ahua"), early).schedule(id("tiantian"), late)
        .schedule(id("xiaoyu"), late).schedule(id("lanlan"), early).schedule(id("qiqi"), late)
        .schedule(id("dawei"), early).schedule(id("lili"), late).schedule(id("xiaolong"), early)
        .schedule(id("jun"), late).schedule(id("night-duty"), night)
        .build();
  }

  /**
   * The day the simulator gives a host's own shop when no workload is given: every sub-account ONLINE all day, the
   * {@link #typicalProfile() typical profile} at 4 arrivals an hour per routable agent, a mean service of 6 minutes,
   * every order status and page (pre-sale statuses and the product page most often), a quarter of buyers with a
   * recent agent and, when the shop has exclusive agents, a tenth with a follower.
   *
   * @throws io.fenliu.core.InvalidValueException naming "shop sub-accounts" if no sub-account is routable (R17)
   */
  public static Workload workloadFor(Shop shop) {
    Checks.notNull(shop, "shop");
    long routable = shop.subAccounts().stream().filter(SubAccount::isRoutable).count();
    Checks.argument(routable > 0, "shop sub-accounts", "R17", "shop " + shop.id()
        + " has no routable sub-account to simulate");
    Map<OrderStatus, Double> statuses = new EnumMap<>(OrderStatus.class);
    for (OrderStatus s : OrderStatus.values()) {
      statuses.put(s, s == OrderStatus.NO_ORDER ? 10.0 : s == OrderStatus.UNPAID ? 3.0 : 1.0);
    }
    Map<EntryPage, Double> pages = new EnumMap<>(EntryPage.class);
    for (EntryPage p : EntryPage.values()) {
      pages.put(p, p == EntryPage.PRODUCT_DETAIL ? 5.0 : 1.0);
    }
    boolean exclusive = shop.subAccounts().stream().anyMatch(SubAccount::isExclusiveAgent);
    return Workload.builder().arrivalsPerHour(4.0 * routable).hourlyProfile(TYPICAL_PROFILE)
        .orderStatusMix(statuses).entryPageMix(pages).meanServiceTime(Duration.ofMinutes(6))
        .recentAgentShare(0.25).exclusiveFollowerShare(exclusive ? 0.1 : 0).build();
  }
}
