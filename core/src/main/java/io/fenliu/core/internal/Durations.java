package io.fenliu.core.internal;

import java.time.Duration;

/**
 * Durations in words an operator reads ("3 days", "90 seconds") rather than ISO-8601 ("PT72H"), for messages
 * and explanations (R19). Exported only to Fenliu's own modules.
 */
public final class Durations {
  private Durations() {}

  /** "3 days", "24 hours", "90 minutes", "45 seconds", "250 ms"; negative values get a leading minus. */
  public static String describe(Duration d) {
    if (d.isNegative()) {
      return "-" + describe(d.negated());
    }
    if (d.isZero()) {
      return "0 seconds";
    }
    long seconds = d.getSeconds();
    if (d.getNano() != 0 || seconds == 0) {
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
