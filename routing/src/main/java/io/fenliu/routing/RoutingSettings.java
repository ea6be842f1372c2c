package io.fenliu.routing;

import io.fenliu.core.Account;
import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.internal.Durations;
import io.fenliu.core.internal.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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

  /** Taobao's window within which a suspended agent still gets its recent buyers (R21). */
  public static final Duration DEFAULT_SUSPENDED_RECENT_WINDOW = Duration.ofHours(24);

  /** How long a consultation may wait in the queue before it goes to the offline receivers, by default (R22). */
  public static final Duration DEFAULT_MAX_QUEUE_WAIT = Duration.ofMinutes(10);

  /** How many consultations may wait in the queue at once, by default (R22). */
  public static final int DEFAULT_MAX_QUEUE_LENGTH = 1_000;

  private final RoutingMode mode;
  private final Map<EntryPage, Set<AccountId>> pageAgents;
  private final List<AgentGroup> groups;
  private final Set<AccountId> offlineReceivers;
  private final Duration recentAgentWindow;
  private final boolean connectToExclusiveAgent;
  private final Duration suspendedRecentWindow;
  /** The window as set, or null when it follows the default (24 hours or the recent-agent window). */
  private final @Nullable Duration suspendedRecentWindowSet;
  private final ShareMode shareMode;
  private final Map<EntryPage, ShareMode> pageShareModes;
  private final Map<String, ShareMode> groupShareModes;
  private final Duration maxQueueWait;
  private final int maxQueueLength;

  private RoutingSettings(Builder b) {
    this.mode = b.mode;
    EnumMap<EntryPage, Set<AccountId>> pages = new EnumMap<>(EntryPage.class);
    b.pageAgents.forEach((page, ids) -> pages.put(page, Collections.unmodifiableSet(new LinkedHashSet<>(ids))));
    this.pageAgents = Collections.unmodifiableMap(pages);
    this.groups = List.copyOf(b.groups);
    this.offlineReceivers = Collections.unmodifiableSet(new LinkedHashSet<>(b.offlineReceivers));
    this.recentAgentWindow = b.recentAgentWindow;
    this.connectToExclusiveAgent = b.connectToExclusiveAgent;
    this.suspendedRecentWindowSet = b.suspendedRecentWindow;
    this.suspendedRecentWindow = b.suspendedRecentWindow != null ? b.suspendedRecentWindow
        : min(DEFAULT_SUSPENDED_RECENT_WINDOW, recentAgentWindow);
    if (suspendedRecentWindow.compareTo(recentAgentWindow) > 0) {
      throw new InvalidValueException("suspended recent window", "R21", "the suspended agent's recent-buyer window ("
          + Durations.describe(suspendedRecentWindow) + ") must not be longer than the recent-agent window ("
          + Durations.describe(recentAgentWindow) + ") (R21)");
    }
    this.shareMode = b.shareMode;
    this.pageShareModes = Collections.unmodifiableMap(new EnumMap<>(b.pageShareModes));
    Map<String, ShareMode> byGroup = new LinkedHashMap<>(b.groupShareModes);
    for (String name : byGroup.keySet()) {
      if (groups.stream().noneMatch(g -> g.name().equals(name))) {
        throw new InvalidValueException("group share mode", "R23",
            "a share mode is set for group '" + name + "', but no group has that name (R23)");
      }
    }
    this.groupShareModes = Collections.unmodifiableMap(byGroup);
    this.maxQueueWait = b.maxQueueWait;
    this.maxQueueLength = b.maxQueueLength;
    if (mode == RoutingMode.BASIC) {
      checkNoBoundAgents(groups);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
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
    b.suspendedRecentWindow = suspendedRecentWindowSet;
    b.shareMode = shareMode;
    b.pageShareModes.putAll(pageShareModes);
    b.groupShareModes.putAll(groupShareModes);
    b.maxQueueWait = maxQueueWait;
    b.maxQueueLength = maxQueueLength;
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

  /**
   * How recent a buyer's contact with a SUSPENDED agent must be for the buyer still to go back to it (R21);
   * never longer than {@link #recentAgentWindow()}.
   */
  public Duration suspendedRecentWindow() {
    return suspendedRecentWindow;
  }

  /** How agents share consultations wherever no page or group says otherwise (R23). */
  public ShareMode shareMode() {
    return shareMode;
  }

  /** How the agents of {@code page}'s set share its consultations (R11, R23). */
  public ShareMode shareMode(EntryPage page) {
    return pageShareModes.getOrDefault(Require.notNull(page, "entry page"), shareMode);
  }

  /** How the agents of the group named {@code group} share its consultations (R13, R23). */
  public ShareMode shareMode(String group) {
    return groupShareModes.getOrDefault(Require.notNull(group, "group name"), shareMode);
  }

  /** The pages whose share mode is set explicitly (R23). Unmodifiable. */
  public Map<EntryPage, ShareMode> pageShareModes() {
    return pageShareModes;
  }

  /** The groups whose share mode is set explicitly, by name (R23). Unmodifiable. */
  public Map<String, ShareMode> groupShareModes() {
    return groupShareModes;
  }

  /** How long a consultation may wait in the queue before it goes to the offline receivers (R22). */
  public Duration maxQueueWait() {
    return maxQueueWait;
  }

  /** How many consultations may wait at once; one that finds the queue this long goes to the receivers (R22). */
  public int maxQueueLength() {
    return maxQueueLength;
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
      throw new RuleRefusedException("R15",
          "advanced routing cannot be switched off while agents are bound to its groups (R15): group '"
              + g.name() + "' still has " + g.members().size()
              + " agent(s); remove every agent from the groups first");
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
        && connectToExclusiveAgent == other.connectToExclusiveAgent
        && suspendedRecentWindow.equals(other.suspendedRecentWindow)
        && shareMode == other.shareMode
        && pageShareModes.equals(other.pageShareModes)
        && groupShareModes.equals(other.groupShareModes)
        && maxQueueWait.equals(other.maxQueueWait)
        && maxQueueLength == other.maxQueueLength;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, pageAgents, groups, offlineReceivers, recentAgentWindow, connectToExclusiveAgent,
        suspendedRecentWindow, shareMode, pageShareModes, groupShareModes, maxQueueWait, maxQueueLength);
  }

  @Override
  public String toString() {
    return "RoutingSettings[mode=" + mode + ", pages=" + pageAgents.keySet() + ", groups=" + groups.size()
        + ", offlineReceivers=" + offlineReceivers.size() + ", window=" + Durations.describe(recentAgentWindow)
        + ", suspendedWindow=" + Durations.describe(suspendedRecentWindow) + ", connectToExclusiveAgent="
        + connectToExclusiveAgent + ", share=" + shareMode + ", maxQueueWait=" + Durations.describe(maxQueueWait)
        + ", maxQueueLength=" + maxQueueLength + "]";
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
    private @Nullable Duration suspendedRecentWindow;
    private ShareMode shareMode = ShareMode.WEIGHTED_RANDOM;
    private final EnumMap<EntryPage, ShareMode> pageShareModes = new EnumMap<>(EntryPage.class);
    private final Map<String, ShareMode> groupShareModes = new LinkedHashMap<>();
    private Duration maxQueueWait = DEFAULT_MAX_QUEUE_WAIT;
    private int maxQueueLength = DEFAULT_MAX_QUEUE_LENGTH;

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
     * @throws InvalidValueException if one of its order statuses is bound to another group (R12); the
     *     builder is unchanged
     */
    public Builder group(AgentGroup group) {
      Objects.requireNonNull(group, "group must not be null");
      for (AgentGroup other : groups) {
        if (other.name().equals(group.name())) {
          continue;
        }
        for (OrderStatus s : group.orderStatuses()) {
          if (other.orderStatuses().contains(s)) {
            throw new InvalidValueException("group", "R12", "order status " + s + " is bound to two groups, '"
                + other.name() + "' and '" + group.name() + "' (R12)");
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
      groupShareModes.remove(name);
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

    /**
     * Sets the recent-agent window (R18); zero turns the step off. Any precision works (a window under a
     * millisecond still counts); windows beyond about 292 years are saturated there, as Caffeine does, so no
     * later arithmetic can overflow.
     *
     * @throws NullPointerException if {@code window} is null
     * @throws InvalidValueException if negative, {@code Duration.ofSeconds(Long.MIN_VALUE)} included
     */
    public Builder recentAgentWindow(Duration window) {
      this.recentAgentWindow = Require.nonNegativeSaturated(window, "recent agent window");
      return this;
    }

    /**
     * Sets how recent a buyer's contact with a SUSPENDED agent must be for the buyer still to go back to it
     * (R21). Unset, it is 24 hours or the recent-agent window, whichever is shorter; set, it must not be longer
     * than the recent-agent window (checked by {@link #build()}). Zero sends no buyer to a suspended agent.
     *
     * @throws NullPointerException if {@code window} is null
     * @throws InvalidValueException if negative, {@code Duration.ofSeconds(Long.MIN_VALUE)} included
     */
    public Builder suspendedRecentWindow(Duration window) {
      this.suspendedRecentWindow = Require.nonNegativeSaturated(window, "suspended recent window");
      return this;
    }

    /** Sets how agents share consultations wherever no page or group says otherwise (R23); WEIGHTED_RANDOM by default. */
    public Builder shareMode(ShareMode mode) {
      this.shareMode = Require.notNull(mode, "share mode");
      return this;
    }

    /** Sets how the agents of {@code page}'s set share its consultations (R11, R23). */
    public Builder shareMode(EntryPage page, ShareMode mode) {
      pageShareModes.put(Require.notNull(page, "entry page"), Require.notNull(mode, "share mode"));
      return this;
    }

    /**
     * Sets how the agents of the group named {@code group} share the consultations bound to it (R13, R23).
     * When groups are pooled as "other groups" (R14), the shop-wide {@link #shareMode(ShareMode)} applies
     * across them. {@link #build()} checks that the group exists.
     */
    public Builder shareMode(String group, ShareMode mode) {
      groupShareModes.put(Require.notBlank(group, "group name"), Require.notNull(mode, "share mode"));
      return this;
    }

    /**
     * Sets how long a consultation may wait in the queue (R22) before it goes to the offline receivers; 10
     * minutes by default. Saturated at about 292 years.
     *
     * @throws NullPointerException if {@code wait} is null
     * @throws InvalidValueException if zero or negative (R22), {@code Duration.ofSeconds(Long.MIN_VALUE)} included
     */
    public Builder maxQueueWait(Duration wait) {
      Duration w = Require.nonNegativeSaturated(wait, "max queue wait");
      Require.argument(!w.isZero(), "max queue wait", "R22",
          "max queue wait must be positive (R22): %s", Durations.describe(w));
      this.maxQueueWait = w;
      return this;
    }

    /**
     * Sets how many consultations may wait at once (R22); 1,000 by default. A consultation that finds the
     * queue this long goes to the offline receivers.
     *
     * @throws InvalidValueException if below 1 (R22)
     */
    public Builder maxQueueLength(int length) {
      this.maxQueueLength = (int) Require.inRange(length, 1, Integer.MAX_VALUE, "max queue length", "R22");
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
