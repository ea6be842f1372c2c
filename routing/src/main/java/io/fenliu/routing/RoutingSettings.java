package io.fenliu.routing;

import io.fenliu.core.Account;
import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A shop's routing settings (分流设置), as one immutable value: the active mode (R10), the basic per-page
 * agent sets (R11), the advanced groups (R12–R14), the offline-message receivers (R16), the recent-agent
 * window and the "connect directly to the exclusive agent" switch (R18).
 *
 * <p>Both modes' configurations are kept whichever is active, as the platforms keep them. Invariants, each
 * checked as the setting is made:
 *
 * <ul>
 *   <li>no order status is bound to two groups, and group names are unique (R12);
 *   <li>BASIC mode has no agent bound to any group: advanced routing cannot be switched off while agents
 *       are bound (R15). {@link #withMode(RoutingMode)} refuses that switch with an {@link
 *       IllegalStateException} telling to unbind them first, and, the value being immutable, nothing
 *       changes;
 *   <li>the window is not negative (zero turns the recent-agent step off).
 * </ul>
 *
 * <p>Whether the agent ids exist in the shop is checked when the settings reach a {@link Router}, which
 * knows the shop. Defaults: BASIC, no page set, no group, no receiver, a 3-day window (Taobao's), direct
 * connection to the exclusive agent off.
 */
public final class RoutingSettings {
  /** Taobao's recent-agent window. */
  public static final Duration DEFAULT_RECENT_AGENT_WINDOW = Duration.ofDays(3);

  private final RoutingMode mode;
  private final Map<EntryPage, Set<AccountId>> pageAgents;
  private final List<AgentGroup> groups;
  private final Set<AccountId> offlineReceivers;
  private final Duration recentAgentWindow;
  private final boolean connectToExclusiveAgent;

  private RoutingSettings(Builder b) {
    this.mode = b.mode;
    EnumMap<EntryPage, Set<AccountId>> pages = new EnumMap<>(EntryPage.class);
    b.pageAgents.forEach((page, ids) -> pages.put(page, Collections.unmodifiableSet(new LinkedHashSet<>(ids))));
    this.pageAgents = Collections.unmodifiableMap(pages);
    this.groups = List.copyOf(b.groups);
    this.offlineReceivers = Collections.unmodifiableSet(new LinkedHashSet<>(b.offlineReceivers));
    this.recentAgentWindow = b.recentAgentWindow;
    this.connectToExclusiveAgent = b.connectToExclusiveAgent;
    if (mode == RoutingMode.BASIC) {
      checkNoBoundAgents(groups);
    }
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts from this value's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.mode = mode;
    pageAgents.forEach((page, ids) -> b.pageAgents.put(page, new LinkedHashSet<>(ids)));
    b.groups.addAll(groups);
    b.offlineReceivers.addAll(offlineReceivers);
    b.recentAgentWindow = recentAgentWindow;
    b.connectToExclusiveAgent = connectToExclusiveAgent;
    return b;
  }

  /** The active mode (R10). */
  public RoutingMode mode() {
    return mode;
  }

  /** The pages that are set, with their agents (R11); an absent page is unset. Unmodifiable. */
  public Map<EntryPage, Set<AccountId>> pageAgents() {
    return pageAgents;
  }

  /** The advanced groups, in order (R12). Unmodifiable. */
  public List<AgentGroup> groups() {
    return groups;
  }

  /** The group bound to {@code status}, if any (R12). */
  public Optional<AgentGroup> groupFor(OrderStatus status) {
    Objects.requireNonNull(status, "order status must not be null");
    for (AgentGroup g : groups) {
      if (g.orderStatuses().contains(status)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** The designated offline-message receivers (R16). Unmodifiable. */
  public Set<AccountId> offlineReceivers() {
    return offlineReceivers;
  }

  /** How recent a conversation must be for the buyer to go back to that agent (R18). */
  public Duration recentAgentWindow() {
    return recentAgentWindow;
  }

  /** Whether a buyer with a healthy exclusive relationship goes to its online follower (R18, 直连专属客服). */
  public boolean connectToExclusiveAgent() {
    return connectToExclusiveAgent;
  }

  /** Whether any group still has members, i.e. agents are bound (R15). */
  public boolean hasBoundAgents() {
    return firstBoundGroup(groups).isPresent();
  }

  /**
   * These settings with another mode.
   *
   * @throws IllegalStateException when switching advanced routing off while agents are bound to its groups
   *     (R15); this value is unchanged, as always
   */
  public RoutingSettings withMode(RoutingMode newMode) {
    return toBuilder().mode(newMode).build();
  }

  /** Every account id these settings name, each once: page agents, group members, receivers. */
  public Set<AccountId> referencedAgents() {
    Set<AccountId> ids = new LinkedHashSet<>();
    pageAgents.values().forEach(ids::addAll);
    for (AgentGroup g : groups) {
      for (GroupMember m : g.members()) {
        ids.add(m.agent());
      }
    }
    ids.addAll(offlineReceivers);
    return Collections.unmodifiableSet(ids);
  }

  private static Optional<AgentGroup> firstBoundGroup(List<AgentGroup> groups) {
    return groups.stream().filter(g -> !g.members().isEmpty()).findFirst();
  }

  private static void checkNoBoundAgents(List<AgentGroup> groups) {
    firstBoundGroup(groups).ifPresent(g -> {
      throw new IllegalStateException(
          "advanced routing cannot be switched off while agents are bound to its groups (R15): group '"
              + g.name() + "' still has " + g.members().size()
              + " agent(s); unbind them first (AgentGroup.withoutMembers)");
    });
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoutingSettings other
        && mode == other.mode
        && pageAgents.equals(other.pageAgents)
        && groups.equals(other.groups)
        && offlineReceivers.equals(other.offlineReceivers)
        && recentAgentWindow.equals(other.recentAgentWindow)
        && connectToExclusiveAgent == other.connectToExclusiveAgent;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, pageAgents, groups, offlineReceivers, recentAgentWindow, connectToExclusiveAgent);
  }

  @Override
  public String toString() {
    return "RoutingSettings[mode=" + mode + ", pages=" + pageAgents.keySet() + ", groups=" + groups.size()
        + ", offlineReceivers=" + offlineReceivers.size() + ", window=" + recentAgentWindow
        + ", connectToExclusiveAgent=" + connectToExclusiveAgent + "]";
  }

  /** The ids of {@code accounts}, e.g. of {@code shop.agentsWithRole(Role.AFTER_SALE)} for a page set (R11). */
  public static List<AccountId> idsOf(Collection<? extends Account> accounts) {
    Objects.requireNonNull(accounts, "accounts must not be null");
    List<AccountId> ids = new ArrayList<>(accounts.size());
    for (Account a : accounts) {
      ids.add(Objects.requireNonNull(a, "account must not be null").id());
    }
    return ids;
  }

  /** Builds {@link RoutingSettings}; each setter checks its argument at once. */
  public static final class Builder {
    private RoutingMode mode = RoutingMode.BASIC;
    private final EnumMap<EntryPage, Set<AccountId>> pageAgents = new EnumMap<>(EntryPage.class);
    private final List<AgentGroup> groups = new ArrayList<>();
    private final Set<AccountId> offlineReceivers = new LinkedHashSet<>();
    private Duration recentAgentWindow = DEFAULT_RECENT_AGENT_WINDOW;
    private boolean connectToExclusiveAgent;

    private Builder() {}

    /** Sets the active mode (R10). */
    public Builder mode(RoutingMode value) {
      this.mode = Objects.requireNonNull(value, "routing mode must not be null");
      return this;
    }

    /** Sets a page to a chosen set of agents (R11); an empty set unsets the page. */
    public Builder page(EntryPage page, Collection<AccountId> agents) {
      Objects.requireNonNull(page, "entry page must not be null");
      Set<AccountId> ids = copyIds(agents, "agents of page " + page, "agent of page " + page);
      if (ids.isEmpty()) {
        pageAgents.remove(page);
      } else {
        pageAgents.put(page, ids);
      }
      return this;
    }

    /**
     * Adds a group, or replaces the group of the same name.
     *
     * @throws IllegalArgumentException if one of its order statuses is bound to another group (R12)
     */
    public Builder group(AgentGroup group) {
      Objects.requireNonNull(group, "group must not be null");
      for (AgentGroup other : groups) {
        if (other.name().equals(group.name())) {
          continue;
        }
        for (OrderStatus s : group.orderStatuses()) {
          if (other.orderStatuses().contains(s)) {
            throw new IllegalArgumentException("order status " + s + " is bound to two groups, '" + other.name()
                + "' and '" + group.name() + "' (R12)");
          }
        }
      }
      groups.removeIf(g -> g.name().equals(group.name()));
      groups.add(group);
      return this;
    }

    /** Removes the group of this name, if any. */
    public Builder removeGroup(String name) {
      Objects.requireNonNull(name, "group name must not be null");
      groups.removeIf(g -> g.name().equals(name));
      return this;
    }

    /** Sets the offline-message receivers (R16); an empty set designates none. */
    public Builder offlineReceivers(Collection<AccountId> receivers) {
      Set<AccountId> ids = copyIds(receivers, "offline receivers", "offline receiver");
      offlineReceivers.clear();
      offlineReceivers.addAll(ids);
      return this;
    }

    /** The ids in order, each once; checked whole before a setter changes anything. */
    private static Set<AccountId> copyIds(Collection<AccountId> ids, String collection, String element) {
      Objects.requireNonNull(ids, collection + " must not be null");
      Set<AccountId> copy = new LinkedHashSet<>();
      for (AccountId id : ids) {
        copy.add(Objects.requireNonNull(id, element + " must not be null"));
      }
      return copy;
    }

    /** Sets the recent-agent window (R18); zero turns the step off. */
    public Builder recentAgentWindow(Duration window) {
      Objects.requireNonNull(window, "recent agent window must not be null");
      if (window.isNegative()) {
        throw new IllegalArgumentException("recent agent window must not be negative: " + window);
      }
      this.recentAgentWindow = window;
      return this;
    }

    /** Turns "connect directly to the exclusive agent" (直连专属客服) on or off (R18). */
    public Builder connectToExclusiveAgent(boolean on) {
      this.connectToExclusiveAgent = on;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws IllegalStateException if the mode is BASIC while agents are bound to groups (R15)
     */
    public RoutingSettings build() {
      return new RoutingSettings(this);
    }
  }
}
