package io.fenliu.anomaly;

import io.fenliu.core.internal.Require;
import io.fenliu.core.UnknownIdException;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.AccountId;
import io.fenliu.core.Shop;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Invitation settings (客户邀请设置, R5): the send restriction, i.e. the sub-accounts allowed to invite buyers
 * into new exclusive relationships. An agent removed from it creates no new relationships. Immutable; the
 * {@code with…} methods return changed copies and validate against the shop.
 *
 * @param allowedSenders the sub-accounts allowed to invite; unmodifiable
 */
public record InvitationSettings(Set<AccountId> allowedSenders) {

  /**
   * Copies the set.
   *
   * @throws NullPointerException if the set or an element is null
   */
  public InvitationSettings {
    Require.noNullElements(allowedSenders, "allowed senders");
    allowedSenders = Collections.unmodifiableSet(new LinkedHashSet<>(allowedSenders));
  }

  /**
   * Settings allowing {@code senders}, each a sub-account of {@code shop}.
   *
   * @throws NullPointerException if an argument or a sender is null
   * @throws InvalidValueException (R5) for the main account
   * @throws UnknownIdException for an id the shop does not know
   */
  public static InvitationSettings of(Shop shop, Collection<AccountId> senders) {
    Require.notNull(shop, "shop");
    Require.noNullElements(senders, "senders");
    for (AccountId id : senders) {
      checkSender(shop, id);
    }
    return new InvitationSettings(new LinkedHashSet<>(senders));
  }

  /**
   * A copy that also allows {@code sender}, which must be a sub-account of {@code shop}.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException (R5) for the main account
   * @throws UnknownIdException for an id the shop does not know
   */
  public InvitationSettings withSender(Shop shop, AccountId sender) {
    checkSender(Require.notNull(shop, "shop"), sender);
    Set<AccountId> next = new LinkedHashSet<>(allowedSenders);
    next.add(sender);
    return new InvitationSettings(next);
  }

  /**
   * A copy that no longer allows {@code sender} (R5: it then creates no new relationships).
   *
   * @throws NullPointerException if {@code sender} is null
   */
  public InvitationSettings withoutSender(AccountId sender) {
    Require.notNull(sender, "sender");
    Set<AccountId> next = new LinkedHashSet<>(allowedSenders);
    next.remove(sender);
    return new InvitationSettings(next);
  }

  /**
   * Whether {@code sender} is in the send restriction.
   *
   * @throws NullPointerException if {@code sender} is null
   */
  public boolean allows(AccountId sender) {
    return allowedSenders.contains(Require.notNull(sender, "sender"));
  }

  private static void checkSender(Shop shop, AccountId id) {
    Require.notNull(id, "sender");
    if (shop.isMainAccount(id)) {
      throw new InvalidValueException("sender", "R5", "the main account " + id + " cannot be an inviting sender (R3,"
          + " R5): allow sub-accounts only");
    }
    if (shop.subAccount(id).isEmpty()) {
      throw new UnknownIdException(id.toString(), shop.id().toString(), id + " is not a sub-account of shop "
          + shop.id() + " (R5): allow only its own agents");
    }
  }
}
