package io.fenliu.core;

import io.fenliu.core.internal.Require;
import org.jspecify.annotations.Nullable;

/**
 * Core's argument checks: short names for {@link Require}'s, so that core refuses a bad value in the same words
 * and with the same exception types ({@link NullPointerException}, {@link InvalidValueException}) as every
 * other Fenliu module.
 */
final class Checks {
  private Checks() {}

  /** {@code value}, or an NPE saying "{@code argument} must not be null". */
  static <T> T notNull(@Nullable T value, String argument) {
    return Require.notNull(value, argument);
  }

  /** {@code value}, or an NPE, or an {@link InvalidValueException} if it is blank. */
  static String notBlank(@Nullable String value, String argument) {
    return Require.notBlank(value, argument);
  }
}
