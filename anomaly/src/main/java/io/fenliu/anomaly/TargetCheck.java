package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

  /** Copies the collections. */
  public TargetCheck {
    Objects.requireNonNull(target, "target must not be null");
    problems = Set.copyOf(problems);
    reasons = List.copyOf(reasons);
  }

  /** Checks {@code target} against {@code shop}. */
  public static TargetCheck of(Shop shop, AccountId target) {
    Objects.requireNonNull(shop, "shop must not be null");
    Objects.requireNonNull(target, "target must not be null");
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
