package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who may take new exclusive relationships (R4) and who may invite buyers into them (R5).
 *
 * <p>Where R4 is silent, a choice: an agent may receive a new relationship exactly when that relationship
 * would be healthy (R1) — so besides holding an exclusive permission (R4) it must be ACTIVE and participate
 * in routing, since assigning a buyer to a resigned or non-routing agent would create an anomaly on the
 * spot. An agent may invite when it may receive and the invitation settings allow it (R5).
 */
public final class RelationshipEligibility {
  private RelationshipEligibility() {}

  /** Whether {@code agent} may receive new relationships (R4). False for the main account and unknown ids. */
  public static boolean mayReceiveNew(Shop shop, AccountId agent) {
    Objects.requireNonNull(shop, "shop must not be null");
    Objects.requireNonNull(agent, "agent must not be null");
    return shop.subAccount(agent).map(RelationshipHealth::isHealthyFollower).orElse(false);
  }

  /** The sub-accounts that may receive new relationships, in roster order (R4). */
  public static List<SubAccount> receivers(Shop shop) {
    Objects.requireNonNull(shop, "shop must not be null");
    List<SubAccount> out = new ArrayList<>();
    for (SubAccount s : shop.subAccounts()) {
      if (RelationshipHealth.isHealthyFollower(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether {@code agent} may invite buyers into new relationships (R4, R5). */
  public static boolean mayInvite(Shop shop, InvitationSettings settings, AccountId agent) {
    Objects.requireNonNull(settings, "invitation settings must not be null");
    return settings.allows(agent) && mayReceiveNew(shop, agent);
  }

  /** The sub-accounts that may invite, in roster order (R4, R5). */
  public static List<SubAccount> inviters(Shop shop, InvitationSettings settings) {
    Objects.requireNonNull(settings, "invitation settings must not be null");
    List<SubAccount> out = new ArrayList<>();
    for (SubAccount s : receivers(shop)) {
      if (settings.allows(s.id())) {
        out.add(s);
      }
    }
    return out;
  }
}
