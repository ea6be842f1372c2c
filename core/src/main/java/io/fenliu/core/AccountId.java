package io.fenliu.core;

/**
 * Identifies an account of a shop: its main account (主账号) or one of its sub-accounts (子账号).
 * Whether an id names the main account or a sub-account is a question for the {@link Shop}.
 *
 * <p>At most {@value #MAX_LENGTH} characters as {@link String#length()} counts them (an emoji counts two), the
 * one maximum of every Fenliu id: the width of fenliu-jdbc's id columns, so that an id this library accepts can
 * always be stored. A longer or blank
 * id is refused here, where the id is made, with an {@link InvalidValueException} naming the argument.
 *
 * @param value the platform's account id, e.g. {@code "cy03"}; never blank, at most {@value #MAX_LENGTH} characters
 */
public record AccountId(String value) {
  /** The longest account id, in characters: 128, the width of fenliu-jdbc's id columns. */
  public static final int MAX_LENGTH = Checks.MAX_ID_LENGTH;

  /**
   * Validates the id.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws InvalidValueException if {@code value} is blank or longer than {@value #MAX_LENGTH} characters
   */
  public AccountId {
    Checks.id(value, "account id");
  }

  /**
   * Shorthand for {@code new AccountId(value)}.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws InvalidValueException if {@code value} is blank or longer than {@value #MAX_LENGTH} characters
   */
  public static AccountId of(String value) {
    return new AccountId(value);
  }

  /**
   * Equal when the values are: written out, with an identity check first, because ids are the keys of the
   * routing engine's look-ups and the generated record method goes through a method-handle chain there. The hash
   * is the value's, as the generated method's was, so nothing derived from it changes.
   */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o == this || (o instanceof AccountId other && value.equals(other.value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
