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

  /**
   * Equal when the values are: written out, with an identity check first, because ids are the keys of the
   * routing engine's look-ups and the generated record method goes through a method-handle chain there. The hash
   * is the value's, as the generated method's was, so nothing derived from it changes.
   */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o == this || (o instanceof ShopId other && value.equals(other.value));
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
