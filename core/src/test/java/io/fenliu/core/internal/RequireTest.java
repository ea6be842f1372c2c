package io.fenliu.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenliu.core.InvalidValueException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The refusal contract every module's checks go through: a value that passes is returned as given; a bad one is an
 * {@link InvalidValueException} naming the argument, the rule where one applies (a weight, R13; a seat limit, R20),
 * the allowed range and the value; a null is a {@link NullPointerException} naming the argument or the element.
 */
class RequireTest {

  @Test
  void aConditionThatHoldsPassesAndOneThatFailsNamesTheArgumentAndCitesTheRuleOnce() {
    Require.argument(true, "weight", "R13", "weight must be at least 1: %s", 0);
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> Require.argument(false, "weight", "R13", "weight must be at least 1: %s", 0));
    assertEquals("weight must be at least 1: 0 (R13)", e.getMessage());
    assertEquals("weight", e.argument());
    assertEquals(Optional.of("R13"), e.rule());
    assertEquals("weight must be at least 1 (R13): 0", assertThrows(InvalidValueException.class,
        () -> Require.argument(false, "weight", "R13", "weight must be at least 1 (R13): %s", 0)).getMessage(),
        "a message that cites the rule already does not cite it twice");
    InvalidValueException noRule = assertThrows(InvalidValueException.class,
        () -> Require.argument(false, "name", null, "name is odd: %s", "x"));
    assertEquals("name is odd: x", noRule.getMessage());
    assertEquals(Optional.empty(), noRule.rule());
  }

  @Test
  void aLongInRangeIsReturnedBoundsIncludedAndOneOutsideIsRefusedWithTheRange() {
    assertEquals(1, Require.inRange(1, 1, 10, "weight", "R13"));
    assertEquals(10, Require.inRange(10, 1, 10, "weight", "R13"));
    assertEquals(5, Require.inRange(5, 1, 10, "weight", "R13"));
    assertEquals("weight must be in [1, 10] (R13): 0", assertThrows(InvalidValueException.class,
        () -> Require.inRange(0, 1, 10, "weight", "R13")).getMessage());
    assertEquals("count must be in [1, 10]: 11", assertThrows(InvalidValueException.class,
        () -> Require.inRange(11, 1, 10, "count", null)).getMessage());
    assertEquals(7, Require.positive(7, "limit", "R20"));
    assertEquals(Long.MAX_VALUE, Require.positive(Long.MAX_VALUE, "limit", "R20"));
    InvalidValueException zero = assertThrows(InvalidValueException.class, () -> Require.positive(0, "limit", "R20"));
    assertEquals(Optional.of("R20"), zero.rule());
    assertEquals("limit", zero.argument());
  }

  @Test
  void aDoubleInRangeIsReturnedBoundsIncludedAndNaNIsInNoRange() {
    assertEquals(0.0, Require.inRange(0.0, 0.0, 1.0, "share", null));
    assertEquals(1.0, Require.inRange(1.0, 0.0, 1.0, "share", null));
    assertEquals(0.25, Require.inRange(0.25, 0.0, 1.0, "share", null));
    for (double bad : new double[] {-0.5, 1.5, Double.NaN}) {
      InvalidValueException e = assertThrows(InvalidValueException.class,
          () -> Require.inRange(bad, 0.0, 1.0, "share", "R13"));
      assertEquals("share must be in [0.0, 1.0] (R13): " + bad, e.getMessage());
    }
    assertEquals("share must be in [0.0, 1.0]: 2.0", assertThrows(InvalidValueException.class,
        () -> Require.inRange(2.0, 0.0, 1.0, "share", null)).getMessage());
  }

  @Test
  void anIdUpToItsMaximumIsReturnedAndALongerOneShowsOnlyItsBeginningNeverHalfACharacter() {
    assertEquals("abc", Require.id("abc", "agent id", 3));
    assertEquals("agent id must be at most 3 characters long: 4 characters, 'abc…'",
        assertThrows(InvalidValueException.class, () -> Require.id("abcd", "agent id", 3)).getMessage());
    assertEquals("agent id must be at most 18 characters long: 19 characters, '0123456789abcdef…'",
        assertThrows(InvalidValueException.class, () -> Require.id("0123456789abcdefXYZ", "agent id", 18))
            .getMessage(), "at most 16 characters are shown");
    String emojiAt16 = "a".repeat(15) + "\uD83D\uDE00";
    assertEquals("agent id must be at most 16 characters long: 17 characters, '" + "a".repeat(15) + "…'",
        assertThrows(InvalidValueException.class, () -> Require.id(emojiAt16, "agent id", 16)).getMessage(),
        "a character outside the BMP is shown whole or not at all");
    assertEquals("agent id must be at most 0 characters long: 1 characters, '…'",
        assertThrows(InvalidValueException.class, () -> Require.id("a", "agent id", 0)).getMessage());
  }

  @Test
  void elementsAreCheckedAndTheCollectionOrArrayItselfReturned() {
    List<String> agents = List.of("a", "b");
    assertSame(agents, Require.noNullElements(agents, "agents"));
    String[] array = {"a", "b"};
    assertSame(array, Require.noNullElements(array, "agents"));
    assertEquals("agents[1] must not be null", assertThrows(NullPointerException.class,
        () -> Require.noNullElements(Arrays.asList("a", null), "agents")).getMessage());
    assertEquals("agents[1] must not be null", assertThrows(NullPointerException.class,
        () -> Require.noNullElements(new String[] {"a", null}, "agents")).getMessage());
  }

  @Test
  void aDurationInRangeIsReturnedAsGiven() {
    assertEquals(Duration.ZERO, Require.nonNegativeSaturated(Duration.ZERO, "window"));
    assertEquals(Duration.ofDays(3), Require.nonNegativeSaturated(Duration.ofDays(3), "window"));
    assertEquals(Require.MAX_DURATION, Require.nonNegativeSaturated(Require.MAX_DURATION, "window"));
    assertEquals(Require.MAX_DURATION, Require.nonNegativeSaturated(Require.MAX_DURATION.plusNanos(1), "window"));
  }
}
