package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.GroupMember;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a routing decision reads, built once per shop-or-settings change and never mutated after,
 * except for presence flags inside its samplers (updated under the router's lock).
 */
final class RoutingSnapshot {
  private static final RoutingDecision NO_RECEIVER = new RoutingDecision(Optional.empty(), RoutingStep.NO_AGENT,
      "no eligible agent is online or has capacity, and no offline-message receiver is designated (R16)");
  private static final RoutingDecision NO_USABLE_RECEIVER = new RoutingDecision(Optional.empty(), RoutingStep.NO_AGENT,
      "no eligible agent is online or has capacity, and every designated offline-message receiver is resigned,"
          + " disabled, frozen or out of routing (R16, R17)");

  final Shop shop;
  final RoutingSettings settings;
  final Map<AccountId, AgentEntry> entries;
  final long windowMillis;
  final boolean basic;
  final boolean connectToExclusiveAgent;
  /** Per entry page (ordinal): the page's table, or null when the page is unset (R11). */
  final WeightedTable[] pageTables = new WeightedTable[EntryPage.values().length];
  /** Per order status (ordinal): the bound group's table, or null (R12). */
  final WeightedTable[] matchedTables = new WeightedTable[OrderStatus.values().length];
  /** Per order status (ordinal): the pooled table of every other group (R14). */
  final WeightedTable[] otherTables = new WeightedTable[OrderStatus.values().length];
  final @Nullable WeightedTable ungrouped;
  final @Nullable WeightedTable anyOnline;
  final AgentEntry[] receivers;
  final RoutingDecision noAgent;

  RoutingSnapshot(Shop shop, RoutingSettings settings, Map<AccountId, AgentSlot> slots) {
    checkReferences(shop, settings);
    this.shop = shop;
    this.settings = settings;
    this.windowMillis = settings.recentAgentWindow().toMillis();
    this.basic = settings.mode() == RoutingMode.BASIC;
    this.connectToExclusiveAgent = settings.connectToExclusiveAgent();
    String window = settings.recentAgentWindow().toString();
    Map<AccountId, AgentEntry> byId = new HashMap<>();
    List<AgentEntry> routable = new ArrayList<>();
    for (SubAccount sub : shop.subAccounts()) {
      AgentEntry e = new AgentEntry(sub, slots.computeIfAbsent(sub.id(), id -> new AgentSlot()), window);
      byId.put(sub.id(), e);
      if (e.routable) {
        routable.add(e);
      }
    }
    this.entries = byId;

    Map<AgentEntry, Long> grouped = Map.of();
    if (basic) {
      for (Map.Entry<EntryPage, Set<AccountId>> page : settings.pageAgents().entrySet()) {
        Map<AgentEntry, Long> members = new LinkedHashMap<>();
        for (AccountId id : page.getValue()) {
          AgentEntry e = known(byId, id);
          if (e.routable) {
            members.put(e, 1L);
          }
        }
        pageTables[page.getKey().ordinal()] = table(members, RoutingStep.PAGE_SET,
            "is in the agent set of page " + page.getKey() + ", chosen at equal chances (R11)");
      }
    } else {
      List<AgentGroup> groups = settings.groups();
      List<WeightedTable> own = new ArrayList<>();
      for (AgentGroup g : groups) {
        own.add(table(pool(groups, g, true, byId), RoutingStep.MATCHED_GROUP,
            "is in group '" + g.name() + "', bound to the buyer's order status; chosen by weight (R12, R13)"));
      }
      grouped = pool(groups, null, false, byId);
      WeightedTable all = table(grouped, RoutingStep.OTHER_GROUP,
          "no group is bound to the buyer's order status; chosen by weight from every group (R14)");
      for (OrderStatus s : OrderStatus.values()) {
        otherTables[s.ordinal()] = all;
      }
      for (int gi = 0; gi < groups.size(); gi++) {
        AgentGroup g = groups.get(gi);
        WeightedTable others = table(pool(groups, g, false, byId), RoutingStep.OTHER_GROUP,
            "no agent of group '" + g.name() + "' (the buyer's order status) is available; chosen by weight"
                + " from the other groups (R14)");
        for (OrderStatus s : g.orderStatuses()) {
          matchedTables[s.ordinal()] = own.get(gi);
          otherTables[s.ordinal()] = others;
        }
      }
    }
    Map<AgentEntry, Long> loose = new LinkedHashMap<>();
    Map<AgentEntry, Long> everyone = new LinkedHashMap<>();
    for (AgentEntry e : routable) {
      everyone.put(e, 1L);
      if (!grouped.containsKey(e)) {
        loose.put(e, 1L);
      }
    }
    this.ungrouped = basic ? null : table(loose, RoutingStep.UNGROUPED,
        "is an ungrouped agent, and every grouped agent is offline or busy; chosen at equal chances (R14)");
    this.anyOnline = table(everyone, RoutingStep.ANY_ONLINE, basic
        ? "is an online eligible agent; the page is unset or none of its agents is available (R11)"
        : "is an online eligible agent, chosen at equal chances (R18)");

    List<AgentEntry> usable = new ArrayList<>();
    for (AccountId id : settings.offlineReceivers()) {
      AgentEntry e = known(byId, id);
      if (e.routable) {
        usable.add(e);
      }
    }
    this.receivers = usable.toArray(new AgentEntry[0]);
    this.noAgent = settings.offlineReceivers().isEmpty() ? NO_RECEIVER : NO_USABLE_RECEIVER;
  }

  /** Unknown ids and the main account are refused before anything is built, so the router keeps its state. */
  private static void checkReferences(Shop shop, RoutingSettings settings) {
    for (AccountId id : settings.referencedAgents()) {
      if (shop.isMainAccount(id)) {
        throw new IllegalArgumentException(
            "routing settings name the main account " + id + ", which is never routed to (R17)");
      }
      if (shop.subAccount(id).isEmpty()) {
        throw new IllegalArgumentException("routing settings name " + id + ", which is not a sub-account of shop "
            + shop.id() + " (R17)");
      }
    }
  }

  /**
   * Routable members pooled by weight: of {@code only} when {@code includeOnly}, else of every group but
   * {@code only} (null: all). An agent in several pooled groups has the sum of its weights (R14).
   */
  private static Map<AgentEntry, Long> pool(
      List<AgentGroup> groups, @Nullable AgentGroup only, boolean includeOnly, Map<AccountId, AgentEntry> byId) {
    Map<AgentEntry, Long> pooled = new LinkedHashMap<>();
    for (AgentGroup g : groups) {
      if (g.equals(only) != includeOnly) {
        continue;
      }
      for (GroupMember m : g.members()) {
        AgentEntry e = known(byId, m.agent());
        if (e.routable) {
          pooled.merge(e, (long) m.weight(), Long::sum);
        }
      }
    }
    return pooled;
  }

  /** The entry of an id the settings name; {@link #checkReferences} has made sure the roster has it. */
  private static AgentEntry known(Map<AccountId, AgentEntry> byId, AccountId id) {
    AgentEntry e = byId.get(id);
    if (e == null) {
      throw new IllegalStateException("no entry for " + id + " although the settings' ids were checked");
    }
    return e;
  }

  /** The tier's table, or null when no member is routable. */
  private static @Nullable WeightedTable table(Map<AgentEntry, Long> members, RoutingStep step, String why) {
    if (members.isEmpty()) {
      return null;
    }
    List<AgentEntry> list = new ArrayList<>(members.size());
    long[] weights = new long[members.size()];
    List<RoutingDecision> decisions = new ArrayList<>(members.size());
    for (Map.Entry<AgentEntry, Long> member : members.entrySet()) {
      AgentEntry e = member.getKey();
      weights[list.size()] = member.getValue();
      list.add(e);
      decisions.add(new RoutingDecision(Optional.of(e.account.id()), step, e.account.id() + " " + why));
    }
    return new WeightedTable(list, weights, decisions);
  }
}
