package io.fenliu.core;

/**
 * The host's own id for one consultation (咨询), e.g. its chat session id. Seats are held and ended by it
 * (R20), and a waiting consultation is found in the queue by it (R22).
 *
 * <p>At most {@value #MAX_LENGTH} characters as {@link String#length()} counts them (an emoji counts two), the
 * one maximum of every Fenliu id: the width of fenliu-jdbc's id columns, so that an id this library accepts can
 * always be stored. A longer or blank
 * id is refused here, where the id is made, with an {@link InvalidValueException} naming the argument.
 *
 * @param value the id; never blank, at most {@value #MAX_LENGTH} characters
 */
public record ConsultationId(String value) {
  /** The longest consultation id, in characters: 128, the width of fenliu-jdbc's id columns. */
  public static final int MAX_LENGTH = Checks.MAX_ID_LENGTH;

  /**
   * Validates the id.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws InvalidValueException if {@code value} is blank or longer than {@value #MAX_LENGTH} characters
   */
  public ConsultationId {
    Checks.id(value, "consultation id");
  }

  /**
   * Shorthand for {@code new ConsultationId(value)}.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws InvalidValueException if {@code value} is blank or longer than {@value #MAX_LENGTH} characters
   */
  public static ConsultationId of(String value) {
    return new ConsultationId(value);
  }

  /**
   * Equal when the values are: written out, with an identity check first, because ids are the keys of the
   * routing engine's look-ups and the generated record method goes through a method-handle chain there. The hash
   * is the value's, as the generated method's was, so nothing derived from it changes.
   */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o == this || (o instanceof ConsultationId other && value.equals(other.value));
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
