package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.Shop;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Invitation settings (客户邀请设置, R5): the send restriction, i.e. the sub-accounts allowed to invite buyers
 * into new exclusive relationships. An agent removed from it creates no new relationships. Immutable; the
 * {@code with…} methods return changed copies and validate against the shop.
 *
 * @param allowedSenders the sub-accounts allowed to invite; unmodifiable
 */
public record InvitationSettings(Set<AccountId> allowedSenders) {

  /** Copies the set. */
  public InvitationSettings {
    Objects.requireNonNull(allowedSenders, "allowed senders must not be null");
    Set<AccountId> copy = new LinkedHashSet<>();
    for (AccountId id : allowedSenders) {
      copy.add(Objects.requireNonNull(id, "allowed sender must not be null"));
    }
    allowedSenders = Collections.unmodifiableSet(copy);
  }

  /**
   * Settings allowing {@code senders}, each a sub-account of {@code shop}.
   *
   * @throws IllegalArgumentException for the main account or an id the shop does not know
   */
  public static InvitationSettings of(Shop shop, Collection<AccountId> senders) {
    Objects.requireNonNull(shop, "shop must not be null");
    Objects.requireNonNull(senders, "senders must not be null");
    for (AccountId id : senders) {
      checkSender(shop, id);
    }
    return new InvitationSettings(new LinkedHashSet<>(senders));
  }

  /** A copy that also allows {@code sender}, which must be a sub-account of {@code shop}. */
  public InvitationSettings withSender(Shop shop, AccountId sender) {
    checkSender(Objects.requireNonNull(shop, "shop must not be null"), sender);
    Set<AccountId> next = new LinkedHashSet<>(allowedSenders);
    next.add(sender);
    return new InvitationSettings(next);
  }

  /** A copy that no longer allows {@code sender} (R5: it then creates no new relationships). */
  public InvitationSettings withoutSender(AccountId sender) {
    Objects.requireNonNull(sender, "sender must not be null");
    Set<AccountId> next = new LinkedHashSet<>(allowedSenders);
    next.remove(sender);
    return new InvitationSettings(next);
  }

  /** Whether {@code sender} is in the send restriction. */
  public boolean allows(AccountId sender) {
    return allowedSenders.contains(Objects.requireNonNull(sender, "sender must not be null"));
  }

  private static void checkSender(Shop shop, AccountId id) {
    Objects.requireNonNull(id, "sender must not be null");
    if (shop.isMainAccount(id)) {
      throw new IllegalArgumentException("the main account cannot be an inviting sender (R3, R5): " + id);
    }
    if (shop.subAccount(id).isEmpty()) {
      throw new IllegalArgumentException(id + " is not a sub-account of shop " + shop.id() + " (R5)");
    }
  }
}
