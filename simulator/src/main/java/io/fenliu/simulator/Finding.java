package io.fenliu.simulator;

import io.fenliu.simulator.internal.Checks;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing {@link SettingsLinter} found in a shop's settings: which check, how serious, the rule behind it (R11–R22,
 * see {@link SettingsLinter.Check#rule()}), what it concerns, a message for the shop's operator and a suggested fix. A value: built with {@link #of}, compared by all
 * its fields, written as JSON by {@link #toJson()}.
 *
 * <p>JSON shape (fields always present, in this order): {@code {"check":"GROUP_UNROUTABLE","severity":"ERROR",
 * "rule":"R17","subject":"group 'pre-sale'","message":"…","fix":"…"}}.
 */
public final class Finding {
  /** How serious a finding is. */
  public enum Severity {
    /** Consultations will be routed against the shop's intent, or not at all. */
    ERROR,
    /** Likely a mistake, or a risk under load. */
    WARNING,
    /** Worth knowing; nothing is wrong by itself. */
    INFO
  }

  private final SettingsLinter.Check check;
  private final Severity severity;
  private final String subject;
  private final String message;
  private final String fix;

  private Finding(SettingsLinter.Check check, Severity severity, String subject, String message, String fix) {
    this.check = Checks.notNull(check, "check");
    this.severity = Checks.notNull(severity, "severity");
    this.subject = Checks.notNull(subject, "subject");
    this.message = Checks.notNull(message, "message");
    this.fix = Checks.notNull(fix, "fix");
  }

  /**
   * A finding.
   *
   * @param check the check that found it (its rule is the finding's rule)
   * @param severity how serious it is
   * @param subject what it concerns, e.g. "group 'pre-sale'" or "agent bob"
   * @param message what is wrong, for the shop's operator
   * @param fix what to change
   * @throws NullPointerException if an argument is null
   */
  public static Finding of(SettingsLinter.Check check, Severity severity, String subject, String message,
      String fix) {
    return new Finding(check, severity, subject, message, fix);
  }

  /** The check that found it. */
  public SettingsLinter.Check check() {
    return check;
  }

  /** How serious it is. */
  public Severity severity() {
    return severity;
  }

  /** The rule id behind it, e.g. "R17" (see docs/RULES.md). */
  public String rule() {
    return check.rule();
  }

  /** What it concerns. */
  public String subject() {
    return subject;
  }

  /** What is wrong. */
  public String message() {
    return message;
  }

  /** The suggested fix. */
  public String fix() {
    return fix;
  }

  /** The finding as one JSON object (see the class comment for its shape). */
  public String toJson() {
    return "{\"check\":" + quote(check.name()) + ",\"severity\":" + quote(severity.name()) + ",\"rule\":"
        + quote(rule()) + ",\"subject\":" + quote(subject) + ",\"message\":" + quote(message) + ",\"fix\":"
        + quote(fix) + "}";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Finding f && check == f.check && severity == f.severity && subject.equals(f.subject)
        && message.equals(f.message) && fix.equals(f.fix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(check, severity, subject, message, fix);
  }

  @Override
  public String toString() {
    return severity + " " + check + " (" + rule() + ") " + subject + ": " + message + " Fix: " + fix;
  }
}
