package io.fenliu.core.internal;

import java.time.Duration;

/**
 * Durations in words an operator reads ("3 days", "90 seconds") rather than ISO-8601 ("PT72H"), for messages
 * and explanations (R19). Exported only to Fenliu's own modules.
 */
public final class Durations {
  private Durations() {}

  /**
   * "3 days", "24 hours", "90 minutes", "45 seconds", "250 ms"; negative values get a leading minus. Total: it
   * describes every {@link Duration}, since it is called to word refusals of the very values (e.g. {@code
   * Duration.ofSeconds(Long.MIN_VALUE)}, which has no positive counterpart) that are out of range, and must not
   * turn a refusal into an {@link ArithmeticException}. Durations too long for a {@code long} of milliseconds are
   * given in seconds.
   */
  public static String describe(Duration d) {
    if (d.isNegative()) {
      if (d.getSeconds() == Long.MIN_VALUE && d.getNano() == 0) {
        // -2^63 seconds: negated() would overflow, and 2^63 is not a whole number of minutes.
        return "-" + Long.toUnsignedString(Long.MIN_VALUE) + " seconds";
      }
      return "-" + describe(d.negated());
    }
    if (d.isZero()) {
      return "0 seconds";
    }
    long seconds = d.getSeconds();
    int nanos = d.getNano();
    if (nanos != 0 || seconds == 0) {
      if (seconds >= Long.MAX_VALUE / 1_000 - 1) {
        // toMillis() would overflow: whole seconds and the nanoseconds as a decimal fraction.
        String fraction = Integer.toString(1_000_000_000 + nanos).substring(1).replaceAll("0+$", "");
        return seconds + "." + fraction + " seconds";
      }
      long ms = d.toMillis();
      return ms + " ms";
    }
    if (seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds % 3_600 == 0) {
      return plural(seconds / 3_600, "hour");
    }
    if (seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
