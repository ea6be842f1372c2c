package io.fenliu.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A shop (店铺) and its roster: one {@link MainAccount} and any number of {@link SubAccount}s, with the
 * look-ups both engines need — an account by id, agents by role or by part of their name (R11), the
 * sub-accounts in roster order.
 *
 * <p>Immutable and validated: account ids are unique across the whole shop, so the main account can
 * never also be listed as a sub-account. {@link #withSubAccount(SubAccount)} returns a changed copy,
 * which is how a status or permission change (R1, R4) reaches the engines.
 */
public final class Shop {
  private final ShopId id;
  private final String name;
  private final MainAccount mainAccount;
  private final List<SubAccount> subAccounts;
  private final Map<AccountId, SubAccount> subAccountsById;

  private Shop(ShopId id, String name, MainAccount mainAccount, Collection<SubAccount> subAccounts) {
    this.id = Checks.notNull(id, "shop id");
    this.name = Checks.notBlank(name, "shop name");
    this.mainAccount = Checks.notNull(mainAccount, "main account");
    Checks.notNull(subAccounts, "sub-accounts");
    io.fenliu.core.internal.Require.noNullElements(subAccounts, "sub-accounts");
    // A plain hash map: the roster order lives in the list, and a shop of 100,000 agents saves a link per entry.
    Map<AccountId, SubAccount> byId = new HashMap<>(subAccounts.size() * 4 / 3 + 1);
    for (SubAccount sub : subAccounts) {
      if (sub.id().equals(mainAccount.id())) {
        throw new InvalidValueException("sub-accounts", "R1", "the main account " + sub.id().value()
            + " must not be listed as a sub-account of shop " + id.value() + " (R1.5): give the sub-account an id"
            + " of its own");
      }
      if (byId.putIfAbsent(sub.id(), sub) != null) {
        throw new InvalidValueException("sub-accounts", null, "duplicate sub-account id in shop " + id.value() + ": "
            + sub.id().value() + " is listed twice; list each sub-account once");
      }
    }
    this.subAccountsById = Collections.unmodifiableMap(byId);
    List<SubAccount> inOrder = new ArrayList<>(byId.size());
    for (SubAccount sub : subAccounts) {
      inOrder.add(sub);
    }
    this.subAccounts = List.copyOf(inOrder);
  }

  /**
   * Creates a shop.
   *
   * @throws NullPointerException if any argument or element is null
   * @throws IllegalArgumentException if the name is blank, two sub-accounts share an id, or a
   *     sub-account has the main account's id
   */
  public static Shop of(ShopId id, String name, MainAccount mainAccount, Collection<SubAccount> subAccounts) {
    return new Shop(id, name, mainAccount, subAccounts);
  }

  /** The shop's id. */
  public ShopId id() {
    return id;
  }

  /** The shop's name. */
  public String name() {
    return name;
  }

  /** The shop's main account. */
  public MainAccount mainAccount() {
    return mainAccount;
  }

  /** The sub-accounts, in the order they were given; unmodifiable. */
  public List<SubAccount> subAccounts() {
    return subAccounts;
  }

  /** The main account or sub-account with this id, if the shop knows it. */
  public Optional<Account> account(AccountId accountId) {
    Checks.notNull(accountId, "account id");
    if (accountId.equals(mainAccount.id())) {
      return Optional.of(mainAccount);
    }
    return Optional.ofNullable(subAccountsById.get(accountId));
  }

  /** The sub-account with this id; empty for the main account and for unknown ids. */
  public Optional<SubAccount> subAccount(AccountId accountId) {
    return Optional.ofNullable(subAccountsById.get(Checks.notNull(accountId, "account id")));
  }

  /** Whether {@code accountId} is this shop's main account. */
  public boolean isMainAccount(AccountId accountId) {
    return mainAccount.id().equals(Checks.notNull(accountId, "account id"));
  }

  /** The sub-accounts that play {@code role}, in roster order (R11: find agents by role). */
  public List<SubAccount> agentsWithRole(Role role) {
    Checks.notNull(role, "role");
    List<SubAccount> found = new ArrayList<>();
    for (SubAccount sub : subAccounts) {
      if (sub.hasRole(role)) {
        found.add(sub);
      }
    }
    return Collections.unmodifiableList(found);
  }

  /**
   * The sub-accounts whose name contains {@code fragment}, ignoring case, in roster order (R11: find
   * agents by account name). The fragment must not be blank: a blank search would silently match
   * everybody.
   */
  public List<SubAccount> agentsNamed(String fragment) {
    String needle = Checks.notBlank(fragment, "name fragment").toLowerCase(Locale.ROOT);
    List<SubAccount> found = new ArrayList<>();
    for (SubAccount sub : subAccounts) {
      if (sub.name().toLowerCase(Locale.ROOT).contains(needle)) {
        found.add(sub);
      }
    }
    return Collections.unmodifiableList(found);
  }

  /**
   * A copy in which {@code sub} replaces the sub-account with the same id, or is appended if there is
   * none.
   *
   * @throws IllegalArgumentException if {@code sub} has the main account's id
   */
  public Shop withSubAccount(SubAccount sub) {
    Checks.notNull(sub, "sub-account");
    List<SubAccount> next = new ArrayList<>(subAccounts.size() + 1);
    boolean replaced = false;
    for (SubAccount existing : subAccounts) {
      if (existing.id().equals(sub.id())) {
        next.add(sub);
        replaced = true;
      } else {
        next.add(existing);
      }
    }
    if (!replaced) {
      next.add(sub);
    }
    return new Shop(id, name, mainAccount, next);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shop other
        && id.equals(other.id)
        && name.equals(other.name)
        && mainAccount.equals(other.mainAccount)
        && subAccounts.equals(other.subAccounts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, mainAccount, subAccounts);
  }

  @Override
  public String toString() {
    return "Shop[" + id + " '" + name + "', main=" + mainAccount.id() + ", " + subAccounts.size() + " sub-accounts]";
  }
}
