package io.fenliu.core;

/**
 * A shop's main account (主账号): the owner's account. A relationship bound to it is anomalous
 * (R1.5), it is never a valid transfer target (R3), and it is never routed to (R17).
 *
 * @param id the account's id
 * @param name the account's name; never blank
 */
public record MainAccount(AccountId id, String name) implements Account {
  /** Validates both components. */
  public MainAccount {
    Checks.notNull(id, "main account id");
    Checks.notBlank(name, "main account name");
  }
}
