package io.fenliu.anomaly;

import io.fenliu.core.internal.Require;
import io.fenliu.core.AccountId;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Whether {@code agent} may receive new relationships (R4). False for the main account and unknown ids.
   *
   * @throws NullPointerException if an argument is null
   */
  public static boolean mayReceiveNew(Shop shop, AccountId agent) {
    Require.notNull(shop, "shop");
    Require.notNull(agent, "agent");
    return shop.subAccount(agent).map(RelationshipHealth::isHealthyFollower).orElse(false);
  }

  /**
   * The sub-accounts that may receive new relationships, in roster order (R4).
   *
   * @throws NullPointerException if {@code shop} is null
   */
  public static List<SubAccount> receivers(Shop shop) {
    Require.notNull(shop, "shop");
    List<SubAccount> out = new ArrayList<>();
    for (SubAccount s : shop.subAccounts()) {
      if (RelationshipHealth.isHealthyFollower(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Whether {@code agent} may invite buyers into new relationships (R4, R5).
   *
   * @throws NullPointerException if an argument is null
   */
  public static boolean mayInvite(Shop shop, InvitationSettings settings, AccountId agent) {
    Require.notNull(shop, "shop");
    Require.notNull(settings, "invitation settings");
    Require.notNull(agent, "agent");
    return settings.allows(agent) && mayReceiveNew(shop, agent);
  }

  /**
   * The sub-accounts that may invite, in roster order (R4, R5).
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<SubAccount> inviters(Shop shop, InvitationSettings settings) {
    Require.notNull(shop, "shop");
    Require.notNull(settings, "invitation settings");
    List<SubAccount> out = new ArrayList<>();
    for (SubAccount s : receivers(shop)) {
      if (settings.allows(s.id())) {
        out.add(s);
      }
    }
    return out;
  }
}
