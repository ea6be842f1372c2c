package io.fenliu.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A value Fenliu refuses whatever the state: a weight out of range (R13), a batch over 300 buyers (R7), a
 * blank id or one longer than 128 characters, a limit below 1 (R20). Thrown before anything changes.
 *
 * <p>An {@link IllegalArgumentException}, so existing catch blocks keep working; a host maps it to "bad
 * request" (HTTP 400/422). {@link #argument()} names what to fix and {@link #rule()} the rule behind it.
 */
public class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String argument;
  private final @Nullable String rule;

  /**
   * A refusal of {@code argument}'s value.
   *
   * @param argument the argument or field at fault, e.g. "weight of alice"
   * @param rule the rule id (e.g. "R13"; see docs/RULES.md), or null when no rule applies
   * @param message the whole message, naming the argument, the rule and the value
   */
  public InvalidValueException(@Nullable String argument, @Nullable String rule, String message) {
    super(message);
    this.argument = argument == null ? "" : argument;
    this.rule = rule;
  }

  /** The argument or field at fault. */
  public String argument() {
    return argument;
  }

  /** The rule the value breaks, e.g. "R7", if one applies. */
  public Optional<String> rule() {
    return Optional.ofNullable(rule);
  }
}
