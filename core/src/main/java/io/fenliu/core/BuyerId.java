package io.fenliu.core;

/**
 * Identifies a buyer (买家 / 客户): the person who consults and who may be bound to an exclusive
 * agent by an {@link ExclusiveRelationship}.
 *
 * @param value the platform's buyer id; never blank
 */
public record BuyerId(String value) {
  /** Validates the id. */
  public BuyerId {
    Checks.notBlank(value, "buyer id");
  }

  /** Shorthand for {@code new BuyerId(value)}. */
  public static BuyerId of(String value) {
    return new BuyerId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
