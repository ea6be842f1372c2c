package io.fenliu.core;

/**
 * Identifies a shop (店铺): one merchant, owning one main account and its sub-accounts.
 *
 * <p>At most {@value #MAX_LENGTH} characters as {@link String#length()} counts them (an emoji counts two), the
 * one maximum of every Fenliu id: the width of fenliu-jdbc's id columns, so that an id this library accepts can
 * always be stored. A longer or blank
 * id is refused here, where the id is made, with an {@link InvalidValueException} naming the argument.
 *
 * @param value the platform's shop id; never blank, at most {@value #MAX_LENGTH} characters
 */
public record ShopId(String value) {
  /** The longest shop id, in characters: 128, the width of fenliu-jdbc's id columns. */
  public static final int MAX_LENGTH = Checks.MAX_ID_LENGTH;

  /**
   * Validates the id.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws InvalidValueException if {@code value} is blank or longer than {@value #MAX_LENGTH} characters
   */
  public ShopId {
    Checks.id(value, "shop id");
  }

  /**
   * Shorthand for {@code new ShopId(value)}.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws InvalidValueException if {@code value} is blank or longer than {@value #MAX_LENGTH} characters
   */
  public static ShopId of(String value) {
    return new ShopId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
