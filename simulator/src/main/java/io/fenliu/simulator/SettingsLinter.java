package io.fenliu.simulator;

import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.GroupMember;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.simulator.Finding.Severity;
import io.fenliu.simulator.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads a shop's routing settings against its roster (and, optionally, a workload) and lists what will not route
 * the way the merchant meant: the settings are valid — the router accepts them — but some part of them can never
 * matter, will starve an agent, or will lose consultations. Only the active mode's configuration is read (R10):
 * page sets in BASIC mode, groups in ADVANCED mode; the inactive mode's configuration is kept by the platform for
 * later and is not linted.
 *
 * <p>The checks ({@link Check}), each with its rule and the reasoning behind its threshold:
 *
 * <ul>
 *   <li>{@link Check#UNBOUND_ORDER_STATUS} (R12, R14): with two groups or more, an order status bound to none goes
 *       to every group pooled by weight, e.g. after-sale buyers to pre-sale agents. With one group an unbound
 *       status simply goes to that group, so nothing is found. With a generated workload, only statuses it sends
 *       are listed.
 *   <li>{@link Check#GROUP_UNROUTABLE} (R17): a group none of whose members can ever be routed to (not a
 *       sub-account of the shop, not ACTIVE, or out of routing): the statuses bound to it always fall through.
 *   <li>{@link Check#PAGE_SET_UNROUTABLE} (R11, R17): the same for a page's agent set.
 *   <li>{@link Check#NEGLIGIBLE_WEIGHT} (R13): a member whose weight is below {@value #NEGLIGIBLE_SHARE} of its
 *       group's total weight, i.e. fewer than one of the group's consultations in a thousand: at a typical shop's
 *       few hundred consultations a day per group, it is practically never chosen.
 *   <li>{@link Check#PAGE_ROLE_MISMATCH} (R11): an agent in a page's set without the page's role ({@link
 *       #pageRoles()}: pre-sale for the shop home and product pages, after-sale for the refund and logistics
 *       complaint pages; the order page serves both, so it has none). Only roles the shop uses are checked: a
 *       shop where nobody holds the after-sale role is not told its refund page lacks one.
 *   <li>{@link Check#NO_OFFLINE_RECEIVER} (R16, R22): no receiver is designated while consultations can go to one:
 *       an agent has a seat limit (so a consultation can wait its maximum, or find the queue full, R22), or the
 *       workload leaves times with no routable agent ONLINE. Such consultations stay unassigned. A shop whose
 *       agents have no limit and are always staffed needs no receiver, so none is found without that evidence.
 *   <li>{@link Check#OFFLINE_RECEIVER_UNUSABLE} (R16): a designated receiver that cannot receive (not an ACTIVE
 *       sub-account participating in routing): an ERROR when no receiver can, a WARNING otherwise.
 *   <li>{@link Check#SUSPENDED_WINDOW_TOO_LONG} (R21): the suspended agent's recent-buyer window longer than the
 *       recent-agent window. {@link RoutingSettings} refuses to build such settings today; the check stays so
 *       that settings built otherwise (or by a later release that relaxes the builder) are still caught.
 *   <li>{@link Check#QUEUE_WAIT_BEYOND_RECENT_WINDOW} (R18, R22): a maximum queue wait longer than the
 *       recent-agent window: a buyer may wait longer than continuity remembers it. Not found when the window is
 *       zero (the recent-agent step is off).
 *   <li>{@link Check#SEATS_BELOW_PEAK} (R20, R22; with a generated workload): the seats of the routable agents
 *       ONLINE at the busiest hour (per their schedules) are fewer than that hour's expected concurrency, by
 *       Little's law: arrivals per hour × mean service time. The queue then grows all hour. Not found when one
 *       such agent has no limit.
 * </ul>
 */
public final class SettingsLinter {
  /** Below this share of its group's weight, a member is practically never chosen ({@link Check#NEGLIGIBLE_WEIGHT}). */
  public static final double NEGLIGIBLE_SHARE = 0.001;

  private static final Map<EntryPage, Role> PAGE_ROLES;

  static {
    Map<EntryPage, Role> m = new EnumMap<>(EntryPage.class);
    m.put(EntryPage.SHOP_HOME, Role.PRE_SALE);
    m.put(EntryPage.PRODUCT_DETAIL, Role.PRE_SALE);
    m.put(EntryPage.REFUND_DETAIL, Role.AFTER_SALE);
    m.put(EntryPage.LOGISTICS_COMPLAINT, Role.AFTER_SALE);
    PAGE_ROLES = Collections.unmodifiableMap(m);
  }

  /** What the linter checks; each check cites its rule. */
  public enum Check {
    /** See {@link SettingsLinter}. */
    UNBOUND_ORDER_STATUS("R12"),
    /** See {@link SettingsLinter}. */
    GROUP_UNROUTABLE("R17"),
    /** See {@link SettingsLinter}. */
    PAGE_SET_UNROUTABLE("R11"),
    /** See {@link SettingsLinter}. */
    NEGLIGIBLE_WEIGHT("R13"),
    /** See {@link SettingsLinter}. */
    PAGE_ROLE_MISMATCH("R11"),
    /** See {@link SettingsLinter}. */
    NO_OFFLINE_RECEIVER("R16"),
    /** See {@link SettingsLinter}. */
    OFFLINE_RECEIVER_UNUSABLE("R16"),
    /** See {@link SettingsLinter}. */
    SUSPENDED_WINDOW_TOO_LONG("R21"),
    /** See {@link SettingsLinter}. */
    QUEUE_WAIT_BEYOND_RECENT_WINDOW("R22"),
    /** See {@link SettingsLinter}. */
    SEATS_BELOW_PEAK("R20");

    private final String rule;

    Check(String rule) {
      this.rule = rule;
    }

    /** The rule id the check enforces. */
    public String rule() {
      return rule;
    }
  }

  private SettingsLinter() {}

  /** The role each entry page's agents are expected to hold ({@link Check#PAGE_ROLE_MISMATCH}). */
  public static Map<EntryPage, Role> pageRoles() {
    return PAGE_ROLES;
  }

  /**
   * Lints {@code settings} against {@code shop}, in check order.
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<Finding> lint(Shop shop, RoutingSettings settings) {
    return lint(shop, settings, null);
  }

  /**
   * Lints {@code settings} against {@code shop} and a workload: the checks that need one (seats against the peak,
   * staffing) use it when it is a generated day; a recorded one adds nothing.
   *
   * @throws NullPointerException if {@code shop} or {@code settings} is null
   */
  public static List<Finding> lint(Shop shop, RoutingSettings settings, @Nullable Workload workload) {
    Checks.notNull(shop, "shop");
    Checks.notNull(settings, "settings");
    Workload day = workload != null && workload.log().isEmpty() ? workload : null;
    List<Finding> out = new ArrayList<>();
    if (settings.mode() == RoutingMode.ADVANCED) {
      unboundStatuses(settings, day, out);
      for (AgentGroup g : settings.groups()) {
        groupUnroutable(shop, g, out);
      }
      for (AgentGroup g : settings.groups()) {
        negligibleWeights(g, out);
      }
    } else {
      for (Map.Entry<EntryPage, Set<AccountId>> e : settings.pageAgents().entrySet()) {
        pageUnroutable(shop, e.getKey(), e.getValue(), out);
      }
      for (Map.Entry<EntryPage, Set<AccountId>> e : settings.pageAgents().entrySet()) {
        pageRoles(shop, e.getKey(), e.getValue(), out);
      }
    }
    receivers(shop, settings, day, out);
    windows(settings, out);
    if (day != null) {
      seats(shop, day, out);
    }
    return List.copyOf(out);
  }

  private static boolean routable(Shop shop, AccountId id) {
    return shop.subAccount(id).map(SubAccount::isRoutable).orElse(false);
  }

  private static void unboundStatuses(RoutingSettings settings, @Nullable Workload day, List<Finding> out) {
    if (settings.groups().size() < 2) {
      return;
    }
    Set<OrderStatus> unbound = new TreeSet<>();
    for (OrderStatus s : OrderStatus.values()) {
      boolean sent = day == null || day.orderStatusMix().getOrDefault(s, 0.0) > 0;
      if (sent && settings.groupFor(s).isEmpty()) {
        unbound.add(s);
      }
    }
    if (!unbound.isEmpty()) {
      out.add(Finding.of(Check.UNBOUND_ORDER_STATUS, Severity.WARNING, "order statuses " + unbound,
          "order statuses " + unbound + " are bound to no group, so their buyers go to all "
              + settings.groups().size() + " groups pooled by weight (R12, R14)"
              + (day != null ? "; the workload sends them" : ""),
          "bind each of " + unbound + " to the group that should answer it"));
    }
  }

  private static void groupUnroutable(Shop shop, AgentGroup g, List<Finding> out) {
    if (g.members().isEmpty()) {
      return;
    }
    boolean any = g.members().stream().anyMatch(m -> routable(shop, m.agent()));
    if (!any) {
      out.add(Finding.of(Check.GROUP_UNROUTABLE, Severity.ERROR, "group '" + g.name() + "'",
          "none of group '" + g.name() + "''s " + g.members().size() + " members can be routed to (each is not an"
              + " ACTIVE sub-account in routing, R17), so buyers with " + g.orderStatuses()
              + " always fall through to the other groups",
          "add a routable agent to group '" + g.name() + "', or turn routing participation on for a member"));
    }
  }

  private static void pageUnroutable(Shop shop, EntryPage page, Set<AccountId> agents, List<Finding> out) {
    if (agents.isEmpty() || agents.stream().anyMatch(a -> routable(shop, a))) {
      return;
    }
    out.add(Finding.of(Check.PAGE_SET_UNROUTABLE, Severity.ERROR, "page " + page,
        "none of the " + agents.size() + " agents set for page " + page + " can be routed to (R17), so its buyers"
            + " always go to any other online agent (R11)",
        "set routable agents for page " + page + ", or unset it"));
  }

  private static void negligibleWeights(AgentGroup g, List<Finding> out) {
    if (g.members().size() < 2) {
      return;
    }
    long total = 0;
    for (GroupMember m : g.members()) {
      total += m.weight();
    }
    for (GroupMember m : g.members()) {
      double share = (double) m.weight() / total;
      if (share < NEGLIGIBLE_SHARE) {
        out.add(Finding.of(Check.NEGLIGIBLE_WEIGHT, Severity.WARNING, "agent " + m.agent() + " in group '"
            + g.name() + "'", String.format(Locale.ROOT, "%s's weight %d is %.3f %% of group '%s''s total weight"
            + " %d: fewer than one of the group's consultations in %d goes to it (R13)", m.agent(), m.weight(),
            100 * share, g.name(), total, Math.round(1 / share)),
            "raise " + m.agent() + "'s weight, or remove it from group '" + g.name() + "' if it should get none"));
      }
    }
  }

  private static void pageRoles(Shop shop, EntryPage page, Set<AccountId> agents, List<Finding> out) {
    Role role = PAGE_ROLES.get(page);
    if (role == null || shop.agentsWithRole(role).isEmpty()) {
      return;
    }
    List<AccountId> without = agents.stream().filter(a -> shop.subAccount(a).map(s -> !s.hasRole(role)).orElse(false))
        .collect(Collectors.toList());
    if (!without.isEmpty()) {
      out.add(Finding.of(Check.PAGE_ROLE_MISMATCH, Severity.WARNING, "page " + page,
          "page " + page + " (" + page.chineseLabel() + ") is set to " + without + ", who lack the " + role
              + " role its buyers need (R11)",
          "set page " + page + " to the shop's " + role + " agents (" + RoutingSettings.idsOf(shop.agentsWithRole(role))
              + "), or give " + without + " the " + role + " role"));
    }
  }

  private static void receivers(Shop shop, RoutingSettings settings, @Nullable Workload day, List<Finding> out) {
    Set<AccountId> receivers = settings.offlineReceivers();
    if (receivers.isEmpty()) {
      Optional<String> why = needsReceiver(shop, day);
      why.ifPresent(reason -> out.add(Finding.of(Check.NO_OFFLINE_RECEIVER, Severity.WARNING, "offline receivers",
          "no offline-message receiver is designated, but " + reason + "; those consultations stay unassigned"
              + " (R16)", "designate an ACTIVE agent in routing as offline-message receiver (离线消息接收客服)")));
      return;
    }
    List<AccountId> unusable = receivers.stream().filter(r -> !routable(shop, r)).collect(Collectors.toList());
    if (unusable.isEmpty()) {
      return;
    }
    boolean none = unusable.size() == receivers.size();
    out.add(Finding.of(Check.OFFLINE_RECEIVER_UNUSABLE, none ? Severity.ERROR : Severity.WARNING,
        "offline receivers " + unusable,
        (none ? "no designated offline receiver can receive: " : "some designated offline receivers cannot receive: ")
            + unusable + " (a receiver must be an ACTIVE sub-account in routing, R16)",
        "replace " + unusable + " with ACTIVE agents in routing"));
  }

  private static Optional<String> needsReceiver(Shop shop, @Nullable Workload day) {
    Optional<SubAccount> limited = shop.subAccounts().stream()
        .filter(s -> s.isRoutable() && s.concurrentLimit().isPresent()).findFirst();
    if (limited.isPresent()) {
      return Optional.of("agents have seat limits (e.g. " + limited.get().id() + ": "
          + limited.get().concurrentLimit().getAsInt() + "), so consultations can wait the maximum or find the"
          + " queue full (R22)");
    }
    if (day != null) {
      Set<Long> instants = new TreeSet<>();
      instants.add(0L);
      for (SubAccount s : shop.subAccounts()) {
        instants.addAll(day.schedule(s.id()).changes().keySet());
      }
      for (long t : instants) {
        if (t >= day.duration().toMillis()) {
          break;
        }
        Duration at = Duration.ofMillis(t);
        boolean staffed = shop.subAccounts().stream()
            .anyMatch(s -> s.isRoutable() && day.schedule(s.id()).presenceAt(at) == Presence.ONLINE);
        if (!staffed && day.arrivalsPerHour() > 0) {
          return Optional.of("the workload's schedules leave no routable agent ONLINE from " + at + " after the"
              + " day's start");
        }
      }
    }
    return Optional.empty();
  }

  private static void windows(RoutingSettings settings, List<Finding> out) {
    if (settings.suspendedRecentWindow().compareTo(settings.recentAgentWindow()) > 0) {
      out.add(Finding.of(Check.SUSPENDED_WINDOW_TOO_LONG, Severity.ERROR, "suspended recent window",
          "the suspended agent's recent-buyer window (" + settings.suspendedRecentWindow() + ") is longer than the"
              + " recent-agent window (" + settings.recentAgentWindow() + ") (R21)",
          "shorten the suspended window to at most " + settings.recentAgentWindow()));
    }
    Duration window = settings.recentAgentWindow();
    if (!window.isZero() && settings.maxQueueWait().compareTo(window) > 0) {
      out.add(Finding.of(Check.QUEUE_WAIT_BEYOND_RECENT_WINDOW, Severity.WARNING, "max queue wait",
          "the maximum queue wait (" + settings.maxQueueWait() + ") is longer than the recent-agent window ("
              + window + "): a buyer can wait longer than continuity remembers its agent (R18, R22)",
          "shorten the maximum queue wait below " + window + " (Taobao and Pinduoduo use minutes)"));
    }
  }

  private static void seats(Shop shop, Workload day, List<Finding> out) {
    double[] profile = day.hourlyProfile();
    int peak = 0;
    for (int h = 1; h < 24; h++) {
      if (profile[h] > profile[peak]) {
        peak = h;
      }
    }
    Duration middle = Duration.ofMinutes(peak * 60L + 30);
    long seats = 0;
    int online = 0;
    for (SubAccount s : shop.subAccounts()) {
      if (s.isRoutable() && day.schedule(s.id()).presenceAt(middle) == Presence.ONLINE) {
        if (s.concurrentLimit().isEmpty()) {
          return;
        }
        seats += s.concurrentLimit().getAsInt();
        online++;
      }
    }
    double concurrency = day.peakArrivalsPerHour() * day.meanServiceTime().toMillis() / 3_600_000.0;
    if (seats < concurrency) {
      out.add(Finding.of(Check.SEATS_BELOW_PEAK, Severity.WARNING, String.format(Locale.ROOT,
          "hour %02d:00–%02d:00", peak, peak + 1), String.format(Locale.ROOT, "at the busiest hour (%02d:00) %d"
          + " routable agents are ONLINE with %d seats in all, but %.0f arrivals an hour × a mean service of %s"
          + " need %.1f seats at once (Little's law): the queue grows all hour (R20, R22)", peak, online, seats,
          day.peakArrivalsPerHour(), day.meanServiceTime(), concurrency),
          String.format(Locale.ROOT, "raise seat limits or staff the hour so that at least %d seats are online",
              (long) Math.ceil(concurrency))));
    }
  }
}
