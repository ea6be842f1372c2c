package io.fenliu.core;

import io.fenliu.core.internal.Require;
import org.jspecify.annotations.Nullable;

/**
 * Core's argument checks: short names for {@link Require}'s, so that core refuses a bad value in the same words
 * and with the same exception types ({@link NullPointerException}, {@link InvalidValueException}) as every
 * other Fenliu module.
 */
final class Checks {
  /**
   * The longest id, in characters as {@link String#length()} counts them: the width of the id columns of
   * fenliu-jdbc's schema ({@code VARCHAR(128)}), so that an id accepted here can be stored in every dialect. One maximum for every kind of id: {@link
   * AccountId#MAX_LENGTH}, {@link BuyerId#MAX_LENGTH}, {@link ConsultationId#MAX_LENGTH}, {@link
   * ShopId#MAX_LENGTH}.
   */
  static final int MAX_ID_LENGTH = 128;

  private Checks() {}

  /**
   * {@code value}, or an NPE, or an {@link InvalidValueException} if it is blank or longer than {@link
   * #MAX_ID_LENGTH} characters.
   */
  static String id(@Nullable String value, String argument) {
    return Require.id(value, argument, MAX_ID_LENGTH);
  }

  /** {@code value}, or an NPE saying "{@code argument} must not be null". */
  static <T> T notNull(@Nullable T value, String argument) {
    return Require.notNull(value, argument);
  }

  /** {@code value}, or an NPE, or an {@link InvalidValueException} if it is blank. */
  static String notBlank(@Nullable String value, String argument) {
    return Require.notBlank(value, argument);
  }
}
