package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.internal.Require;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An advanced-routing group (R12): agents with weights (R13), bound to one or more order statuses. A
 * consultation whose order status is bound to the group goes preferentially to its online agents.
 *
 * <p>A group must be bound to at least one order status, and holds each agent at most once; it may have
 * no members (that is how agents are unbound before advanced routing is switched off, R15). The same
 * agent may be in several groups, with its own weight in each (R14).
 *
 * @param name the group's name, unique within the settings; never blank
 * @param orderStatuses the statuses bound to the group; at least one; unmodifiable
 * @param members the agents and their weights, in order; unmodifiable
 */
public record AgentGroup(String name, Set<OrderStatus> orderStatuses, List<GroupMember> members) {

  /**
   * Validates the group and copies its collections.
   *
   * @throws NullPointerException if an argument or an element is null
   * @throws InvalidValueException if the name is blank, no order status is bound (R12), or an agent is twice
   *     in the group (R13)
   */
  public AgentGroup {
    Require.notBlank(name, "group name");
    Objects.requireNonNull(orderStatuses, "order statuses of group '" + name + "' must not be null");
    if (orderStatuses.isEmpty()) {
      throw new InvalidValueException("order statuses of group '" + name + "'", "R12",
          "group '" + name + "' must be bound to at least one order status (R12)");
    }
    EnumSet<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
    for (OrderStatus s : orderStatuses) {
      statuses.add(Objects.requireNonNull(s, "order status of group '" + name + "' must not be null"));
    }
    orderStatuses = Collections.unmodifiableSet(statuses);
    Objects.requireNonNull(members, "members of group '" + name + "' must not be null");
    Set<AccountId> seen = new HashSet<>();
    for (GroupMember m : members) {
      Objects.requireNonNull(m, "member of group '" + name + "' must not be null");
      checkOnce(seen, m.agent(), name);
    }
    members = List.copyOf(members);
  }

  private static void checkOnce(Set<AccountId> seen, AccountId agent, String group) {
    if (!seen.add(agent)) {
      throw new InvalidValueException("members of group '" + group + "'", "R13",
          "agent " + agent + " is twice in group '" + group + "' (R13)");
    }
  }

  /** Starts a group with this name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The member for {@code agent}, if it is in this group. */
  public Optional<GroupMember> member(AccountId agent) {
    Objects.requireNonNull(agent, "agent must not be null");
    for (GroupMember m : members) {
      if (m.agent().equals(agent)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** A copy with {@code agent} added at {@code weight}, or its weight changed. */
  public AgentGroup withMember(AccountId agent, int weight) {
    GroupMember added = new GroupMember(agent, weight);
    List<GroupMember> next = new ArrayList<>(members.size() + 1);
    boolean replaced = false;
    for (GroupMember m : members) {
      if (m.agent().equals(agent)) {
        next.add(added);
        replaced = true;
      } else {
        next.add(m);
      }
    }
    if (!replaced) {
      next.add(added);
    }
    return new AgentGroup(name, orderStatuses, next);
  }

  /** A copy without {@code agent} (unbinding it, R15). */
  public AgentGroup withoutMember(AccountId agent) {
    Objects.requireNonNull(agent, "agent must not be null");
    List<GroupMember> next = new ArrayList<>(members);
    next.removeIf(m -> m.agent().equals(agent));
    return new AgentGroup(name, orderStatuses, next);
  }

  /** A copy with no members: every agent unbound (R15). */
  public AgentGroup withoutMembers() {
    return new AgentGroup(name, orderStatuses, List.of());
  }

  /** Builds an {@link AgentGroup}, checking each member as it is added. */
  public static final class Builder {
    private final String name;
    private final EnumSet<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
    private final List<GroupMember> members = new ArrayList<>();
    private final Set<AccountId> seen = new HashSet<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "group name must not be null");
    }

    /** Binds order statuses to the group. */
    public Builder boundTo(OrderStatus... orderStatuses) {
      // Every element is checked before any is kept: a refused call leaves the builder as it was.
      Require.noNullElements(orderStatuses, "order statuses of group '" + name + "'");
      statuses.addAll(java.util.Arrays.asList(orderStatuses));
      return this;
    }

    /**
     * Adds an agent with its weight in [1, 1000000].
     *
     * @throws InvalidValueException if the weight is out of range or the agent is already in the group (R13)
     */
    public Builder member(AccountId agent, int weight) {
      GroupMember m = new GroupMember(agent, weight);
      checkOnce(seen, agent, name);
      members.add(m);
      return this;
    }

    /** Builds the group. */
    public AgentGroup build() {
      return new AgentGroup(name, statuses, members);
    }
  }
}
