package io.fenliu.core;

/**
 * Identifies an account of a shop: its main account (主账号) or one of its sub-accounts (子账号).
 * Whether an id names the main account or a sub-account is a question for the {@link Shop}.
 *
 * @param value the platform's account id, e.g. {@code "cy03"}; never blank
 */
public record AccountId(String value) {
  /** Validates the id. */
  public AccountId {
    Checks.notBlank(value, "account id");
  }

  /** Shorthand for {@code new AccountId(value)}. */
  public static AccountId of(String value) {
    return new AccountId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
