package io.fenliu.core;

import io.fenliu.core.internal.Require;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A sub-account (子账号): an employee account that chats with buyers, called an agent (客服).
 *
 * <p>The components are exactly the facts the rules read: {@link #status()} (R1.1, R3, R17), the
 * {@link #permissions() exclusive permissions} (R1.2, R3, R4), {@link #participatesInRouting()
 * routing participation} (R1.3, R3, R17), {@link #roles()} (R11), and an optional {@link
 * #concurrentLimit() limit of concurrent consultations}. Presence is live state and lives with the
 * router, not here.
 *
 * <p>Instances are immutable; the {@code with…} methods return changed copies. Build one with
 * {@link #builder(AccountId, String)}: it starts ACTIVE, routing, with no permissions, no roles and
 * no limit.
 *
 * @param id the account's id
 * @param name the account's name (账号名); never blank
 * @param status the account's status
 * @param permissions the exclusive permissions held; possibly empty, unmodifiable
 * @param participatesInRouting whether the agent takes part in routing (参与分流)
 * @param roles the roles the agent plays; possibly empty, unmodifiable
 * @param concurrentLimit the most consultations the agent may hold at once, or empty for no limit;
 *     when present, at least 1 (an agent that should take none switches routing participation off)
 */
public record SubAccount(
    AccountId id,
    String name,
    AccountStatus status,
    Set<ExclusivePermission> permissions,
    boolean participatesInRouting,
    Set<Role> roles,
    OptionalInt concurrentLimit)
    implements Account {

  /** Validates every component and copies the sets to unmodifiable ones. */
  public SubAccount {
    Checks.notNull(id, "sub-account id");
    Checks.notBlank(name, "sub-account name");
    Checks.notNull(status, "sub-account status");
    permissions = copyPermissions(permissions);
    roles = copyRoles(roles);
    Checks.notNull(concurrentLimit, "concurrent limit");
    concurrentLimit.ifPresent(SubAccount::checkLimit);
  }

  /** Starts building a sub-account that is ACTIVE, routing, and holds nothing else yet. */
  public static Builder builder(AccountId id, String name) {
    return new Builder(id, name);
  }

  /** Whether the account holds either exclusive permission, i.e. is an exclusive agent (R1.2, R4). */
  public boolean isExclusiveAgent() {
    return !permissions.isEmpty();
  }

  /**
   * Whether routing may ever pick this agent, presence aside (R17): ACTIVE and participating in
   * routing. Being a sub-account is implied.
   */
  public boolean isRoutable() {
    return status == AccountStatus.ACTIVE && participatesInRouting;
  }

  /** Whether the agent plays {@code role}. */
  public boolean hasRole(Role role) {
    return roles.contains(Checks.notNull(role, "role"));
  }

  /** A copy with another status, e.g. RESIGNED when the employee leaves. */
  public SubAccount withStatus(AccountStatus newStatus) {
    return new SubAccount(id, name, newStatus, permissions, participatesInRouting, roles, concurrentLimit);
  }

  /** A copy holding exactly {@code newPermissions}; an empty set removes both (R4). */
  public SubAccount withPermissions(Set<ExclusivePermission> newPermissions) {
    return new SubAccount(id, name, status, newPermissions, participatesInRouting, roles, concurrentLimit);
  }

  /** A copy with routing participation switched on or off. */
  public SubAccount withRoutingParticipation(boolean participates) {
    return new SubAccount(id, name, status, permissions, participates, roles, concurrentLimit);
  }

  /** A copy playing exactly {@code newRoles}. */
  public SubAccount withRoles(Set<Role> newRoles) {
    return new SubAccount(id, name, status, permissions, participatesInRouting, newRoles, concurrentLimit);
  }

  /** A copy with a limit of concurrent consultations, or none for an empty {@code limit}. */
  public SubAccount withConcurrentLimit(OptionalInt limit) {
    return new SubAccount(id, name, status, permissions, participatesInRouting, roles, limit);
  }

  private static int checkLimit(int limit) {
    if (limit < 1) {
      throw new InvalidValueException("concurrent limit", "R20", "a concurrent limit must be at least 1 (R20): "
          + limit + "; to stop an agent receiving consultations, switch its routing participation off instead");
    }
    return limit;
  }

  /**
   * Every possible permission set, made once: a shop of 100,000 agents then holds no set of its own per agent
   * (issue 9's memory target), and the sets are immutable.
   */
  private static final List<Set<ExclusivePermission>> PERMISSION_SETS = permissionSets();

  private static List<Set<ExclusivePermission>> permissionSets() {
    ExclusivePermission[] all = ExclusivePermission.values();
    List<Set<ExclusivePermission>> sets = new ArrayList<>(1 << all.length);
    for (int mask = 0; mask < 1 << all.length; mask++) {
      EnumSet<ExclusivePermission> set = EnumSet.noneOf(ExclusivePermission.class);
      for (ExclusivePermission p : all) {
        if ((mask & (1 << p.ordinal())) != 0) {
          set.add(p);
        }
      }
      sets.add(Collections.unmodifiableSet(set));
    }
    return List.copyOf(sets);
  }

  private static Set<ExclusivePermission> copyPermissions(Set<ExclusivePermission> permissions) {
    Checks.notNull(permissions, "permissions");
    int mask = 0;
    for (ExclusivePermission p : permissions) {
      mask |= 1 << Checks.notNull(p, "permission").ordinal();
    }
    return PERMISSION_SETS.get(mask);
  }

  private static Set<Role> copyRoles(Set<Role> roles) {
    Checks.notNull(roles, "roles");
    if (roles.isEmpty()) {
      return Set.of();
    }
    Set<Role> copy = new LinkedHashSet<>();
    for (Role r : roles) {
      copy.add(Checks.notNull(r, "role"));
    }
    return Collections.unmodifiableSet(copy);
  }

  /** Builds a {@link SubAccount}; every setter is checked when {@link #build()} runs the constructor. */
  public static final class Builder {
    private final AccountId id;
    private final String name;
    private AccountStatus status = AccountStatus.ACTIVE;
    private final EnumSet<ExclusivePermission> permissions = EnumSet.noneOf(ExclusivePermission.class);
    private boolean participatesInRouting = true;
    private final Set<Role> roles = new LinkedHashSet<>();
    private OptionalInt concurrentLimit = OptionalInt.empty();

    private Builder(AccountId id, String name) {
      this.id = Checks.notNull(id, "sub-account id");
      this.name = Checks.notBlank(name, "sub-account name");
    }

    /** Sets the status (default ACTIVE). */
    public Builder status(AccountStatus value) {
      this.status = Checks.notNull(value, "sub-account status");
      return this;
    }

    /**
     * Adds exclusive permissions. Every element is checked before any is kept, so a refused call leaves the
     * builder as it was.
     *
     * @throws NullPointerException naming the position of a null element ("permissions[1] must not be null")
     */
    public Builder permissions(ExclusivePermission... values) {
      Require.noNullElements(values, "permissions");
      permissions.addAll(java.util.Arrays.asList(values));
      return this;
    }

    /** Shorthand for {@code permissions(EXCLUSIVE_AGENT)}. */
    public Builder exclusiveAgent() {
      return permissions(ExclusivePermission.EXCLUSIVE_AGENT);
    }

    /** Sets routing participation (default on). */
    public Builder participatesInRouting(boolean value) {
      this.participatesInRouting = value;
      return this;
    }

    /**
     * Adds roles. Every element is checked before any is kept, so a refused call leaves the builder as it was.
     *
     * @throws NullPointerException naming the position of a null element ("roles[0] must not be null")
     */
    public Builder roles(Role... values) {
      return roles(java.util.Arrays.asList(Require.noNullElements(values, "roles")));
    }

    /**
     * Adds roles. Every element is checked before any is kept, so a refused call leaves the builder as it was.
     *
     * @throws NullPointerException naming the position of a null element ("roles[0] must not be null")
     */
    public Builder roles(Collection<Role> values) {
      List<Role> checked = List.copyOf(Require.noNullElements(values, "roles"));
      roles.addAll(checked);
      return this;
    }

    /** Limits concurrent consultations; must be at least 1. */
    public Builder concurrentLimit(int limit) {
      this.concurrentLimit = OptionalInt.of(checkLimit(limit));
      return this;
    }

    /** Builds the sub-account. */
    public SubAccount build() {
      return new SubAccount(id, name, status, permissions, participatesInRouting, roles, concurrentLimit);
    }
  }
}
