package io.fenliu.simulator.internal;

import io.fenliu.core.InvalidValueException;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's argument checks, worded as core's {@code Require} words them (core's internal package is exported
 * only to the engines): a null is an NPE naming the argument; a bad value is an {@link InvalidValueException}
 * naming the field, the rule when one applies, and the value.
 */
public final class Checks {
  private Checks() {}

  /** {@code value}, or an NPE saying "{@code argument} must not be null". */
  public static <T> T notNull(@Nullable T value, String argument) {
    if (value == null) {
      throw new NullPointerException(argument + " must not be null");
    }
    return value;
  }

  /**
   * Throws an {@link InvalidValueException} for {@code argument} unless {@code condition} holds; the message is
   * {@code message}, with " (rule)" appended when a rule is given and the message does not cite it.
   */
  public static void argument(boolean condition, String argument, @Nullable String rule, String message) {
    if (!condition) {
      String m = rule != null && !message.contains(rule) ? message + " (" + rule + ")" : message;
      throw new InvalidValueException(argument, rule, m);
    }
  }

  /** {@code value} if it is finite and at least 0, else an {@link InvalidValueException} naming the field. */
  public static double nonNegative(double value, String argument, @Nullable String rule) {
    argument(Double.isFinite(value) && value >= 0, argument, rule,
        argument + " must be a finite number at least 0: " + value);
    return value;
  }

  /** {@code value} if it is in [0, 1], else an {@link InvalidValueException} naming the field. */
  public static double share(double value, String argument, @Nullable String rule) {
    argument(value >= 0 && value <= 1, argument, rule, argument + " must be in [0, 1]: " + value);
    return value;
  }
}
