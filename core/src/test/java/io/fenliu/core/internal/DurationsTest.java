package io.fenliu.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.InvalidValueException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Durations are worded for refusals of out-of-range values, so the wording must be total: the extreme durations
 * that cannot be negated or converted to milliseconds are described, never an {@link ArithmeticException}.
 */
class DurationsTest {
  private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
  private static final Duration SHORTEST = Duration.ofSeconds(Long.MIN_VALUE);

  @Test
  void everyDurationIsDescribedTheExtremesIncluded() {
    assertEquals("-9223372036854775808 seconds", Durations.describe(SHORTEST), "has no positive counterpart");
    assertEquals("-9223372036854775807.999999999 seconds", Durations.describe(Duration.ofSeconds(Long.MIN_VALUE, 1)),
        "one nanosecond above the shortest");
    assertEquals("9223372036854775807.999999999 seconds", Durations.describe(LONGEST));
    assertEquals("9223372036854775807 seconds", Durations.describe(Duration.ofSeconds(Long.MAX_VALUE)));
    assertEquals("3 days", Durations.describe(Duration.ofDays(3)));
    assertEquals("-1 ms", Durations.describe(Duration.ofMillis(-1)));
    assertEquals("250 ms", Durations.describe(Duration.ofMillis(250)));
    assertEquals("0 seconds", Durations.describe(Duration.ZERO));
  }

  @Test
  void wholeDurationsAreGivenInTheirLargestWholeUnit() {
    assertEquals("1 day", Durations.describe(Duration.ofHours(24)));
    assertEquals("2 hours", Durations.describe(Duration.ofHours(2)));
    assertEquals("1 hour", Durations.describe(Duration.ofHours(1)));
    assertEquals("90 minutes", Durations.describe(Duration.ofMinutes(90)));
    assertEquals("1 minute", Durations.describe(Duration.ofMinutes(1)));
    assertEquals("45 seconds", Durations.describe(Duration.ofSeconds(45)));
    assertEquals("1 second", Durations.describe(Duration.ofSeconds(1)));
    assertEquals("-3 days", Durations.describe(Duration.ofDays(-3)));
  }

  @Test
  void aNegativeDurationIsRefusedBeforeAnyConversionAndALongOneSaturates() {
    for (Duration negative : List.of(SHORTEST, Duration.ofSeconds(Long.MIN_VALUE, 1), Duration.ofNanos(-1))) {
      InvalidValueException e = assertThrows(InvalidValueException.class,
          () -> Require.nonNegativeSaturated(negative, "window"));
      assertEquals("window", e.argument());
      assertTrue(e.getMessage().startsWith("window must not be negative: -"), e.getMessage());
    }
    assertEquals(Require.MAX_DURATION, Require.nonNegativeSaturated(LONGEST, "window"));
    assertEquals(Long.MAX_VALUE, Require.nonNegativeSaturated(LONGEST, "window").toNanos(), "converts safely");
  }
}
