package io.fenliu.core;

import java.util.Objects;

/** Argument checks whose messages name the argument, so a caller knows what to fix. */
final class Checks {
  private Checks() {}

  static <T> T notNull(T value, String argument) {
    return Objects.requireNonNull(value, () -> argument + " must not be null");
  }

  static String notBlank(String value, String argument) {
    notNull(value, argument);
    if (value.isBlank()) {
      throw new IllegalArgumentException(argument + " must not be blank: '" + value + "'");
    }
    return value;
  }
}
