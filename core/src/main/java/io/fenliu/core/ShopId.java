package io.fenliu.core;

/**
 * Identifies a shop (店铺): one merchant, owning one main account and its sub-accounts.
 *
 * @param value the platform's shop id; never blank
 */
public record ShopId(String value) {
  /** Validates the id. */
  public ShopId {
    Checks.notBlank(value, "shop id");
  }

  /** Shorthand for {@code new ShopId(value)}. */
  public static ShopId of(String value) {
    return new ShopId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
