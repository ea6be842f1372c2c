package io.fenliu.core;

/**
 * A change a rule refuses in the current state, e.g. switching advanced routing off while agents are bound
 * to its groups (R15), or a transfer to an agent who is not a valid target (R3). Nothing changed; the
 * message says what to do first. A host maps it to "conflict" (HTTP 409).
 *
 * <p>An {@link IllegalStateException}, so existing catch blocks keep working.
 */
public class RuleRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String rule;

  /**
   * A refusal.
   *
   * @param rule the rule id, e.g. "R15"
   * @param message the whole message, citing the rule and saying what to do
   */
  public RuleRefusedException(String rule, String message) {
    super(message);
    this.rule = rule;
  }

  /** The rule that refused the change, e.g. "R15". */
  public String rule() {
    return rule;
  }
}
