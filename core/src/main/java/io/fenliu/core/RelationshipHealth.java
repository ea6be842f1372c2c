package io.fenliu.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * R1, the health of an exclusive relationship, computed once for both engines: the anomaly module
 * reports and transfers by it (R1–R3), the router only connects a buyer to a healthy follower (R18).
 *
 * <p>Choices where R1 is silent: a follower that is the main account has only {@link
 * AnomalyKind#BOUND_TO_MAIN_ACCOUNT} (it has no status or permissions to judge), and an id the shop
 * does not know has only {@link AnomalyKind#AGENT_STATUS_ABNORMAL} (as R1.1 says). A sub-account is
 * judged on all three of its facts, so e.g. a resigned agent stripped of its permissions has two
 * kinds.
 */
public final class RelationshipHealth {
  private RelationshipHealth() {}

  /** The anomaly kinds of {@code relationship} against {@code shop}; empty when healthy. */
  public static Set<AnomalyKind> anomalies(Shop shop, ExclusiveRelationship relationship) {
    Checks.notNull(relationship, "relationship");
    return anomaliesOfFollower(shop, relationship.follower());
  }

  /**
   * The anomaly kinds a relationship followed by {@code follower} would have; empty when healthy. R3
   * reads this for a transfer target: valid exactly when the result is empty.
   */
  public static Set<AnomalyKind> anomaliesOfFollower(Shop shop, Optional<AccountId> follower) {
    Checks.notNull(shop, "shop");
    Checks.notNull(follower, "follower");
    if (follower.isEmpty()) {
      return Collections.unmodifiableSet(EnumSet.of(AnomalyKind.NO_EXCLUSIVE_AGENT));
    }
    AccountId id = follower.get();
    if (shop.isMainAccount(id)) {
      return Collections.unmodifiableSet(EnumSet.of(AnomalyKind.BOUND_TO_MAIN_ACCOUNT));
    }
    Optional<SubAccount> sub = shop.subAccount(id);
    if (sub.isEmpty()) {
      return Collections.unmodifiableSet(EnumSet.of(AnomalyKind.AGENT_STATUS_ABNORMAL));
    }
    return Collections.unmodifiableSet(anomaliesOf(sub.get()));
  }

  /**
   * The anomaly kinds a relationship followed by the sub-account {@code agent} has, from its own facts alone
   * (status, exclusive permissions, routing participation); empty when healthy; unmodifiable. A sub-account's
   * verdict needs no other part of the roster, which is what lets a platform keep health per agent (R9); the
   * caller knows {@code agent} is a sub-account of the shop, not its main account.
   *
   * @throws NullPointerException if {@code agent} is null
   */
  public static Set<AnomalyKind> anomaliesOfSubAccount(SubAccount agent) {
    Checks.notNull(agent, "agent");
    return Collections.unmodifiableSet(anomaliesOf(agent));
  }

  /** The kinds a relationship followed by {@code agent} has; a fresh, modifiable set. */
  static EnumSet<AnomalyKind> anomaliesOf(SubAccount agent) {
    EnumSet<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
    if (agent.status().isAbnormal()) {
      kinds.add(AnomalyKind.AGENT_STATUS_ABNORMAL);
    }
    if (!agent.isExclusiveAgent()) {
      kinds.add(AnomalyKind.AGENT_NOT_EXCLUSIVE);
    }
    if (!agent.participatesInRouting()) {
      kinds.add(AnomalyKind.AGENT_NOT_ROUTING);
    }
    return kinds;
  }

  /**
   * Whether a relationship followed by {@code agent} is healthy: ACTIVE, an exclusive agent and
   * participating in routing. Allocation-free, for hot paths that hold the sub-account already.
   */
  public static boolean isHealthyFollower(SubAccount agent) {
    Checks.notNull(agent, "agent");
    return agent.status() == AccountStatus.ACTIVE && agent.isExclusiveAgent() && agent.participatesInRouting();
  }
}
