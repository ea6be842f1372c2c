package io.fenliu.core.internal;

import io.fenliu.core.InvalidValueException;
import java.time.Duration;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * The one argument-check helper every Fenliu module uses, so that every refusal names the argument (and the
 * rule, where one applies) in the same words. Messages are formatted only when a check fails: the happy path
 * costs a comparison and no allocation, which matters on routing's hot path.
 *
 * <p>Exported only to Fenliu's own modules (a qualified export): it is not API.
 *
 * <p>Conventions: a null is a {@link NullPointerException} whose message is "{@code <argument> must not be
 * null}"; a bad value is an {@link InvalidValueException} (an {@link IllegalArgumentException}) whose message
 * carries the argument, the rule when there is one, and the offending value.
 */
public final class Require {
  /** The longest duration Fenliu keeps without saturating: about 292 years, as Caffeine does. */
  public static final Duration MAX_DURATION = Duration.ofNanos(Long.MAX_VALUE);

  private Require() {}

  /** {@code value}, or an NPE saying "{@code argument} must not be null". */
  public static <T> T notNull(@Nullable T value, String argument) {
    if (value == null) {
      throw new NullPointerException(argument + " must not be null");
    }
    return value;
  }

  /** {@code value}, or an NPE or {@link InvalidValueException} naming {@code argument}. */
  public static String notBlank(@Nullable String value, String argument) {
    String checked = notNull(value, argument);
    if (checked.isBlank()) {
      throw new InvalidValueException(argument, null, argument + " must not be blank: '" + checked + "'");
    }
    return checked;
  }

  /**
   * {@code value}, or an NPE, or an {@link InvalidValueException} naming {@code argument} if it is blank or longer
   * than {@code maxLength} characters, counted as {@link String#length()} counts them (UTF-16 units: a character
   * outside the Basic Multilingual Plane, such as an emoji, counts two). That is the strictest count of the
   * databases fenliu-jdbc supports (H2 counts UTF-16 units; PostgreSQL and MySQL count code points), so an id
   * accepted here fits a {@code VARCHAR(maxLength)} column in each. The message shows the length and the
   * beginning of the value, never a value of unbounded size; the happy path costs one comparison.
   */
  public static String id(@Nullable String value, String argument, int maxLength) {
    String checked = notBlank(value, argument);
    if (checked.length() > maxLength) {
      int shown = Math.min(16, maxLength);
      if (shown > 0 && Character.isHighSurrogate(checked.charAt(shown - 1))) {
        shown--;
      }
      throw new InvalidValueException(argument, null, argument + " must be at most " + maxLength
          + " characters long: " + checked.length() + " characters, '" + checked.substring(0, shown) + "…'");
    }
    return checked;
  }

  /**
   * {@code values}, after checking that neither it nor any element is null; the message names the element's
   * position ("agents[2] must not be null"), and nothing has been read into any state yet.
   */
  public static <C extends Collection<?>> C noNullElements(C values, String argument) {
    notNull(values, argument);
    int i = 0;
    for (Object v : values) {
      if (v == null) {
        throw new NullPointerException(argument + "[" + i + "] must not be null");
      }
      i++;
    }
    return values;
  }

  /** {@code values}, after checking that neither the array nor an element is null. */
  public static <T> T[] noNullElements(T[] values, String argument) {
    notNull(values, argument);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw new NullPointerException(argument + "[" + i + "] must not be null");
      }
    }
    return values;
  }

  /**
   * Throws an {@link InvalidValueException} for {@code argument} unless {@code condition} holds; the message is
   * {@code String.format(template, value)}, built only on failure, with " (rule)" appended when it does not cite
   * the rule already, so that every refusal that carries a rule also says it.
   *
   * @param rule the rule id the check enforces (e.g. "R13"), or null
   */
  public static void argument(boolean condition, String argument, @Nullable String rule, String template,
      @Nullable Object value) {
    if (!condition) {
      String message = String.format(template, value);
      if (rule != null && !message.contains(rule)) {
        message = message + " (" + rule + ")";
      }
      throw new InvalidValueException(argument, rule, message);
    }
  }

  /** {@code value} if it is in [min, max], else an {@link InvalidValueException} naming the argument and range. */
  public static long inRange(long value, long min, long max, String argument, @Nullable String rule) {
    if (value < min || value > max) {
      throw new InvalidValueException(argument, rule, argument + " must be in [" + min + ", " + max + "]"
          + (rule == null ? "" : " (" + rule + ")") + ": " + value);
    }
    return value;
  }

  /**
   * {@code value} if it is in [min, max], else an {@link InvalidValueException} naming the argument and range;
   * NaN is in no range.
   */
  public static double inRange(double value, double min, double max, String argument, @Nullable String rule) {
    if (!(value >= min && value <= max)) {
      throw new InvalidValueException(argument, rule, argument + " must be in [" + min + ", " + max + "]"
          + (rule == null ? "" : " (" + rule + ")") + ": " + value);
    }
    return value;
  }

  /** {@code value} if at least 1, else an {@link InvalidValueException}. */
  public static long positive(long value, String argument, @Nullable String rule) {
    return inRange(value, 1, Long.MAX_VALUE, argument, rule);
  }

  /**
   * A non-negative duration, saturated at {@link #MAX_DURATION} so that later arithmetic in nanoseconds or
   * milliseconds can never overflow.
   */
  public static Duration nonNegativeSaturated(Duration value, String argument) {
    notNull(value, argument);
    if (value.isNegative()) {
      throw new InvalidValueException(argument, null, argument + " must not be negative: " + Durations.describe(value));
    }
    return value.compareTo(MAX_DURATION) > 0 ? MAX_DURATION : value;
  }
}
