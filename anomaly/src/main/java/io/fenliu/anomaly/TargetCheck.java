package io.fenliu.anomaly;

import io.fenliu.core.internal.Require;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an account is a valid transfer target (R3): valid exactly when a relationship moved to it would be
 * healthy — a sub-account (never the main account), ACTIVE, holding an exclusive permission, participating in
 * routing. Presence does not matter. A transfer to an invalid target is rejected, not half-done: "otherwise
 * the transfer is invalid and the anomaly reminder stays".
 *
 * @param target the account checked
 * @param problems the anomaly kinds a relationship on it would have; empty when valid
 * @param reasons one sentence per problem, naming the account and the rule; empty when valid
 */
public record TargetCheck(AccountId target, Set<AnomalyKind> problems, List<String> reasons) {

  /**
   * Validates and copies the collections.
   *
   * @throws NullPointerException if a component or an element is null
   * @throws InvalidValueException if there are problems without reasons or reasons without problems
   */
  public TargetCheck {
    Require.notNull(target, "target");
    problems = Set.copyOf(Require.noNullElements(problems, "problems"));
    reasons = List.copyOf(Require.noNullElements(reasons, "reasons"));
    if (problems.isEmpty() != reasons.isEmpty()) {
      throw new InvalidValueException("reasons", "R3", "a target check gives a reason exactly when it finds a problem"
          + " (R3): " + problems + " with " + reasons.size() + " reasons");
    }
  }

  /**
   * Checks {@code target} against {@code shop}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static TargetCheck of(Shop shop, AccountId target) {
    Require.notNull(shop, "shop");
    Require.notNull(target, "target");
    Set<AnomalyKind> problems = RelationshipHealth.anomaliesOfFollower(shop, Optional.of(target));
    List<String> reasons = new ArrayList<>();
    Optional<SubAccount> sub = shop.subAccount(target);
    for (AnomalyKind k : problems) {
      reasons.add(switch (k) {
        case BOUND_TO_MAIN_ACCOUNT -> target + " is the main account; relationships must move to a sub-account (R3)";
        case AGENT_STATUS_ABNORMAL -> sub.isPresent()
            ? target + " is " + sub.get().status() + ", not ACTIVE (R3)"
            : target + " is not an account of shop " + shop.id() + " (R3)";
        case AGENT_NOT_EXCLUSIVE -> target + " holds no exclusive permission (R3, R4)";
        case AGENT_NOT_ROUTING -> target + " does not participate in routing (R3)";
        case NO_EXCLUSIVE_AGENT -> throw new AssertionError("a named target always has a follower");
      });
    }
    return new TargetCheck(target, problems, reasons);
  }

  /** Whether the target is valid. */
  public boolean isValid() {
    return problems.isEmpty();
  }
}
