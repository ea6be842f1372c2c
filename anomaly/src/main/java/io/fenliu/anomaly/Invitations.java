package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.core.UnknownIdException;
import io.fenliu.core.internal.Require;
import java.util.Optional;

/**
 * New exclusive relationships (专属客服邀请): a buyer accepts an agent's invitation, and the relationship is
 * added to the store only if R4 and R5 allow it.
 */
public final class Invitations {
  private Invitations() {}

  /**
   * Adds the relationship {@code buyer} → {@code agent} at version 0, after checking, against {@code shop}'s
   * current roster, that the agent may invite (R5: it is in {@code settings}' send restriction) and may receive
   * new relationships (R4: it holds an exclusive permission; and, as {@link RelationshipEligibility} chooses, it
   * is ACTIVE and participates in routing, so the new relationship is healthy by R1).
   *
   * <p>Checks come first, in this order: nulls, the store's shop, the agent's identity, R4, R5; a refusal
   * writes nothing. The insert itself is atomic in the store, so two acceptances for the same buyer racing on
   * several threads add exactly one relationship and the other is refused (R8).
   *
   * @return the stored relationship
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if {@code store} holds another shop's relationships
   * @throws UnknownIdException if {@code agent} is not an account of {@code shop}
   * @throws RuleRefusedException (R4) if the agent is the main account, holds no exclusive permission, is not
   *     ACTIVE or does not participate in routing; (R5) if the send restriction does not include it; (R8) if
   *     the buyer already has a relationship
   * @throws RuntimeException whatever the store throws on insert: the outcome is then unknown; read the buyer
   *     to find out
   */
  public static ExclusiveRelationship acceptInvitation(
      Shop shop, InvitationSettings settings, RelationshipStore store, BuyerId buyer, AccountId agent) {
    Require.notNull(shop, "shop");
    Require.notNull(settings, "invitation settings");
    Require.notNull(store, "store");
    Require.notNull(buyer, "buyer");
    Require.notNull(agent, "agent");
    if (!shop.id().equals(store.shop())) {
      throw new InvalidValueException("store", null, "the store holds the relationships of shop " + store.shop()
          + ", not of shop " + shop.id() + ": accept the invitation into shop " + shop.id() + "'s own store");
    }
    if (shop.isMainAccount(agent)) {
      throw new RuleRefusedException("R4", "the main account " + agent + " of shop " + shop.id()
          + " cannot follow buyers (R1.5, R4): invite through a sub-account with an exclusive permission");
    }
    Optional<SubAccount> sub = shop.subAccount(agent);
    if (sub.isEmpty()) {
      throw new UnknownIdException(agent.toString(), shop.id().toString(), "agent " + agent
          + " is not an account of shop " + shop.id() + ": refresh the roster, or invite through one of its agents");
    }
    SubAccount a = sub.get();
    if (!a.isExclusiveAgent()) {
      throw new RuleRefusedException("R4", "agent " + agent + " holds no exclusive permission, so it takes no new "
          + "exclusive relationships (R4): grant it 普通专属客服 or 专属客服主管 first");
    }
    if (a.status().isAbnormal()) {
      throw new RuleRefusedException("R4", "agent " + agent + " is " + a.status() + ", so a new relationship with it "
          + "would be anomalous at once (R1.1, R4): invite through an ACTIVE agent");
    }
    if (!a.participatesInRouting()) {
      throw new RuleRefusedException("R4", "agent " + agent + " does not participate in routing, so a new "
          + "relationship with it would be anomalous at once (R1.3, R4): turn its routing on first");
    }
    if (!settings.allows(agent)) {
      throw new RuleRefusedException("R5", "agent " + agent + " is not in the invitation settings' send restriction "
          + "(R5): add it to the allowed senders first");
    }
    ExclusiveRelationship created = ExclusiveRelationship.of(buyer, agent);
    store.insert(created);
    return created;
  }
}
