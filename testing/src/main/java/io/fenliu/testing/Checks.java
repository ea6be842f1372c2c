package io.fenliu.testing;

/**
 * Argument checks of the kit. The kit does not use core's internal check helper: it is often on the class path of
 * a user's tests while Fenliu's modules are on the module path, where that helper is not exported to it. Messages
 * follow the helper's wording.
 */
final class Checks {
  private Checks() {}

  /** {@code value}, or an NPE saying "{@code argument} must not be null". */
  static <T> T notNull(T value, String argument) {
    if (value == null) {
      throw new NullPointerException(argument + " must not be null");
    }
    return value;
  }
}
