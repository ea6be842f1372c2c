package io.fenliu.core;

/**
 * A role a sub-account plays, such as pre-sale (售前) or after-sale (售后). Shops may define their own;
 * basic routing finds agents for an entry page by role (R11). Names compare exactly.
 *
 * @param name the role's name; never blank
 */
public record Role(String name) {
  /** 售前: answers questions before a purchase. */
  public static final Role PRE_SALE = new Role("pre-sale");

  /** 售后: handles shipping, returns and complaints after a purchase. */
  public static final Role AFTER_SALE = new Role("after-sale");

  /** Validates the name. */
  public Role {
    Checks.notBlank(name, "role name");
  }

  /** Shorthand for {@code new Role(name)}. */
  public static Role of(String name) {
    return new Role(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
