package io.fenliu.core;

/**
 * Identifies a buyer (买家 / 客户): the person who consults and who may be bound to an exclusive
 * agent by an {@link ExclusiveRelationship}.
 *
 * <p>At most {@value #MAX_LENGTH} characters as {@link String#length()} counts them (an emoji counts two), the
 * one maximum of every Fenliu id: the width of fenliu-jdbc's id columns, so that an id this library accepts can
 * always be stored. A longer or blank
 * id is refused here, where the id is made, with an {@link InvalidValueException} naming the argument.
 *
 * @param value the platform's buyer id; never blank, at most {@value #MAX_LENGTH} characters
 */
public record BuyerId(String value) {
  /** The longest buyer id, in characters: 128, the width of fenliu-jdbc's id columns. */
  public static final int MAX_LENGTH = Checks.MAX_ID_LENGTH;

  /**
   * Validates the id.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws InvalidValueException if {@code value} is blank or longer than {@value #MAX_LENGTH} characters
   */
  public BuyerId {
    Checks.id(value, "buyer id");
  }

  /**
   * Shorthand for {@code new BuyerId(value)}.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws InvalidValueException if {@code value} is blank or longer than {@value #MAX_LENGTH} characters
   */
  public static BuyerId of(String value) {
    return new BuyerId(value);
  }

  /**
   * Equal when the values are: written out, with an identity check first, because ids are the keys of the
   * routing engine's look-ups and the generated record method goes through a method-handle chain there. The hash
   * is the value's, as the generated method's was, so nothing derived from it changes.
   */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o == this || (o instanceof BuyerId other && value.equals(other.value));
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
