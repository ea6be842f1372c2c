package io.fenliu.routing.internal;

import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.GroupMember;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareMode;
import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.core.UnknownIdException;
import io.fenliu.core.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a decision reads that changes only with the roster or the settings: the agents with their
 * static facts, the tiers of R11–R14 and R18 with their alias tables, the receivers of R16, the windows of
 * R18 and R21.
 *
 * <p>Built aside, without the router's lock, from one (shop, settings) pair that has already been checked;
 * then {@link #install} moves each agent's live facts from the previous layout and derives availability and
 * the tiers' trees, under the lock. After that, only live facts and their derived indexes change in it, always
 * under the lock; the structure itself never does.
 */
final class Layout {
  final Shop shop;
  final RoutingSettings settings;
  final AgentIndex byId;
  final Agent[] agents;
  final boolean basic;
  final boolean connectToExclusiveAgent;
  final Duration recentWindow;
  final Duration suspendedWindow;
  final String recentWindowWords;
  final String suspendedWindowWords;
  /** By entry page: the page's set, or null when unset or without a routable agent (R11). */
  final @Nullable Tier[] pages = new Tier[EntryPage.values().length];
  /** Advanced mode's groups, in settings order (null for a group without a routable member); empty in basic mode. */
  final @Nullable Tier[] groups;
  /** By order status: the index in {@link #groups} of the group bound to it, or -1 (R12). */
  final int[] groupOf = new int[OrderStatus.values().length];
  /** Whether the "other groups" tier shares by load (R14, R23). */
  final boolean otherLeastBusy;
  /** Advanced mode's ungrouped agents, or null (R14). */
  final @Nullable Tier ungrouped;
  /** Every routable agent, or null if there is none (R18's "any online" step). */
  final @Nullable Tier anyOnline;
  /** The routable designated receivers (R16). */
  final Agent[] receivers;
  /** By receiver cause: the NO_AGENT decision when no receiver is usable. */
  final RoutingDecision[] noAgent = new RoutingDecision[OwnReason.RECEIVER_CAUSES];
  /** Routable agents that are ONLINE, whether or not they have a free seat (R16, R22). Derived, live. */
  int onlineRoutable;
  /** Total limit of the routable ONLINE agents that have one, for the queue's wait estimate (R22). Derived, live. */
  long onlineCapacity;

  /** Builds the structure; the caller has checked that the settings name only sub-accounts of the shop. */
  Layout(Shop shop, RoutingSettings settings) {
    this.shop = shop;
    this.settings = settings;
    this.basic = settings.mode() == RoutingMode.BASIC;
    this.connectToExclusiveAgent = settings.connectToExclusiveAgent();
    this.recentWindow = settings.recentAgentWindow();
    this.suspendedWindow = settings.suspendedRecentWindow();
    this.recentWindowWords = Durations.describe(recentWindow);
    this.suspendedWindowWords = Durations.describe(suspendedWindow);
    List<SubAccount> roster = shop.subAccounts();
    this.agents = new Agent[roster.size()];
    Map<AccountId, Agent> byId = new HashMap<>(roster.size() * 2);
    List<Agent> routable = new ArrayList<>();
    for (int i = 0; i < agents.length; i++) {
      Agent a = new Agent(roster.get(i), i);
      agents[i] = a;
      byId.put(a.id(), a);
      if (a.routable) {
        routable.add(a);
      }
    }
    this.byId = new AgentIndex(agents);
    ShareMode shopMode = settings.shareMode();
    boolean anyBusy = shopMode == ShareMode.LEAST_BUSY;
    Arrays.fill(groupOf, -1);
    Map<Agent, Boolean> grouped = new HashMap<>();
    if (basic) {
      this.groups = new Tier[0];
      for (Map.Entry<EntryPage, Set<AccountId>> page : settings.pageAgents().entrySet()) {
        Map<Agent, Long> members = new LinkedHashMap<>();
        for (AccountId id : page.getValue()) {
          Agent a = known(byId, id);
          if (a.routable) {
            members.put(a, 1L);
          }
        }
        boolean busy = settings.shareMode(page.getKey()) == ShareMode.LEAST_BUSY;
        pages[page.getKey().ordinal()] = tier(members, busy, false, page.getKey().name(), "page " + page.getKey(),
            new RoutingStep[] {RoutingStep.PAGE_SET}, busy ? Reasons.PAGE_BUSY : Reasons.PAGE_RANDOM);
      }
      this.otherLeastBusy = false;
      this.ungrouped = null;
    } else {
      List<AgentGroup> configured = settings.groups();
      List<@Nullable Tier> groupTiers = new ArrayList<>();
      for (AgentGroup g : configured) {
        Map<Agent, Long> members = new LinkedHashMap<>();
        for (GroupMember m : g.members()) {
          Agent a = known(byId, m.agent());
          grouped.put(a, Boolean.TRUE);
          if (a.routable) {
            members.put(a, (long) m.weight());
          }
        }
        boolean busy = settings.shareMode(g.name()) == ShareMode.LEAST_BUSY;
        Tier t = tier(members, busy, anyBusy, g.name(), "group '" + g.name() + "'",
            new RoutingStep[] {RoutingStep.MATCHED_GROUP, RoutingStep.OTHER_GROUP, RoutingStep.OTHER_GROUP},
            busy ? Reasons.MATCHED_BUSY : Reasons.MATCHED_RANDOM, anyBusy ? Reasons.OTHER_BUSY : Reasons.OTHER_RANDOM,
            anyBusy ? Reasons.UNBOUND_BUSY : Reasons.UNBOUND_RANDOM);
        for (OrderStatus s : g.orderStatuses()) {
          groupOf[s.ordinal()] = groupTiers.size();
        }
        groupTiers.add(t);
      }
      this.groups = groupTiers.toArray(new Tier[0]);
      this.otherLeastBusy = anyBusy;
      Map<Agent, Long> loose = new LinkedHashMap<>();
      for (Agent a : routable) {
        if (!grouped.containsKey(a)) {
          loose.put(a, 1L);
        }
      }
      this.ungrouped = tier(loose, anyBusy, false, "", null, new RoutingStep[] {RoutingStep.UNGROUPED},
          anyBusy ? Reasons.UNGROUPED_BUSY : Reasons.UNGROUPED_RANDOM);
    }
    Map<Agent, Long> everyone = new LinkedHashMap<>();
    for (Agent a : routable) {
      everyone.put(a, 1L);
    }
    String any = basic ? (anyBusy ? Reasons.ANY_BASIC_BUSY : Reasons.ANY_BASIC_RANDOM)
        : (anyBusy ? Reasons.ANY_BUSY : Reasons.ANY_RANDOM);
    this.anyOnline = tier(everyone, anyBusy, false, "", null, new RoutingStep[] {RoutingStep.ANY_ONLINE}, any);

    List<Agent> usable = new ArrayList<>();
    for (AccountId id : settings.offlineReceivers()) {
      Agent a = known(byId, id);
      if (a.routable) {
        usable.add(a);
      }
    }
    this.receivers = usable.toArray(new Agent[0]);
    this.tiers = built.toArray(new Tier[0]);
    for (int i = 0; i < tiers.length; i++) {
      tiers[i].register(i);
    }
    String maxLength = String.valueOf(settings.maxQueueLength());
    String maxWait = Durations.describe(settings.maxQueueWait());
    this.ownReasons = new Reason[OwnReason.BY_ORDINAL.length];
    ownReasons[OwnReason.NOBODY_ONLINE.ordinal()] = new Reason(RoutingStep.OFFLINE_RECEIVER,
        Reasons.RECEIVER[OwnReason.NOBODY_ONLINE.ordinal()], "");
    ownReasons[OwnReason.QUEUE_FULL.ordinal()] = new Reason(RoutingStep.OFFLINE_RECEIVER,
        Reasons.RECEIVER[OwnReason.QUEUE_FULL.ordinal()], maxLength);
    ownReasons[OwnReason.WAIT_EXPIRED.ordinal()] = new Reason(RoutingStep.OFFLINE_RECEIVER,
        Reasons.RECEIVER[OwnReason.WAIT_EXPIRED.ordinal()], maxWait);
    ownReasons[OwnReason.RECENT.ordinal()] = new Reason(RoutingStep.RECENT_AGENT, Reasons.RECENT, recentWindowWords);
    ownReasons[OwnReason.RECENT_SUSPENDED.ordinal()] = new Reason(RoutingStep.RECENT_AGENT, Reasons.RECENT_SUSPENDED,
        suspendedWindowWords);
    ownReasons[OwnReason.FOLLOWER.ordinal()] = new Reason(RoutingStep.EXCLUSIVE_FOLLOWER, Reasons.FOLLOWER, "");
    ownReasons[OwnReason.BY_HOST.ordinal()] = new Reason(RoutingStep.ASSIGNED_BY_HOST, Reasons.BY_HOST, "");
    ownReasons[OwnReason.RESTORED.ordinal()] = new Reason(RoutingStep.ASSIGNED_BY_HOST, Reasons.RESTORED, "");
    String none = settings.offlineReceivers().isEmpty() ? Reasons.NO_RECEIVER : Reasons.NO_USABLE_RECEIVER;
    for (int cause = 0; cause < noAgent.length; cause++) {
      noAgent[cause] = ApiAccess.api().decision(null, new Reason(RoutingStep.NO_AGENT, Reasons.NO_AGENT_CAUSE[cause] + none,
          cause == OwnReason.QUEUE_FULL.ordinal() ? maxLength : maxWait), 0, false);
    }
  }

  /** Null for no members: a tier with nobody in it is skipped, as if every member were unavailable. */
  private @Nullable Tier tier(Map<Agent, Long> members, boolean leastBusy, boolean keepLoads, String context,
      @Nullable String scope, RoutingStep[] steps, String... templates) {
    if (members.isEmpty()) {
      return null;
    }
    Agent[] list = new Agent[members.size()];
    long[] weights = new long[list.length];
    boolean equal = true;
    int i = 0;
    for (Map.Entry<Agent, Long> e : members.entrySet()) {
      list[i] = e.getKey();
      weights[i] = e.getValue();
      equal &= weights[i++] == 1;
    }
    Tier t = new Tier(list, equal ? null : weights, leastBusy, keepLoads, context, scope, steps, templates);
    built.add(t);
    return t;
  }

  /** Every tier, numbered for the agents' packed memberships; {@link Agent#refresh} takes it. */
  final Tier[] tiers;
  /** The reasons of the agents' own decisions, by {@link Agent}'s kinds. */
  final Reason[] ownReasons;

  /** Every tier while building, numbered for the agents' packed memberships (at most 5 pages + 10 groups + 2 fallbacks). */
  private final List<Tier> built = new ArrayList<>();

  /** The agent with {@code id}; the settings were checked against the roster, so it exists. */
  private static Agent known(Map<AccountId, Agent> byId, AccountId id) {
    Agent a = byId.get(id);
    if (a == null) {
      throw new IllegalStateException("settings name " + id + ", which the checked roster lacks");
    }
    return a;
  }

  /**
   * Refuses settings that name an id which is not a sub-account of the shop, before anything is built: the
   * router keeps its state.
   */
  static void checkReferences(Shop shop, RoutingSettings settings) {
    for (AccountId id : settings.referencedAgents()) {
      if (shop.isMainAccount(id)) {
        throw new io.fenliu.core.InvalidValueException("routing settings", "R17", "the routing settings name the"
            + " main account " + id + ", which is never routed to (R17); name sub-accounts only");
      }
      if (shop.subAccount(id).isEmpty()) {
        throw new UnknownIdException(id.value(), shop.id().value(), "the routing settings name " + id
            + ", which is not a sub-account of shop " + shop.id() + " (R17); add the agent to the roster first,"
            + " or remove it from the settings");
      }
    }
  }

  /**
   * Moves live state in — the previous layout's agent's, the seats of an agent back on the roster, or nothing for
   * a new agent, which starts OFFLINE — and derives availability, the tiers' trees and the online counts from it. Under the router's lock.
   */
  void install(@Nullable Layout previous, Map<AccountId, Integer> departed) {
    onlineRoutable = 0;
    onlineCapacity = 0;
    for (Agent a : agents) {
      @Nullable Agent before = previous == null ? null : previous.byId.get(a.id());
      if (before != null) {
        a.takeLiveFrom(before);
      } else {
        Integer held = departed.remove(a.id());
        a.seats = held == null ? 0 : held; // an agent back on the roster finds its seats, and starts OFFLINE
      }
      a.available = false;
      a.refresh(tiers);
      countOnline(a, +1);
    }
  }

  /** Adds ({@code sign} 1) or removes (-1) the agent's share of the online counts, if it counts. */
  void countOnline(Agent a, int sign) {
    if (a.routable && a.presence == Presence.ONLINE) {
      onlineRoutable += sign;
      onlineCapacity += sign * (long) a.limit;
    }
  }
}
