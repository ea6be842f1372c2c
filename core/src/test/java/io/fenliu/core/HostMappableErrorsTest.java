package io.fenliu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Core's refusals have types a host maps without reading messages (issue 12): a bad value is an {@link
 * InvalidValueException} naming the argument and, where one applies, the rule; messages speak to the shop's
 * operator and say what to do.
 */
class HostMappableErrorsTest {
  private static final MainAccount OWNER = new MainAccount(AccountId.of("owner"), "店主");
  private static final SubAccount ALICE = SubAccount.builder(AccountId.of("a1"), "Alice").build();

  @Test
  void blankIdsAndNamesAreInvalidValuesNamingTheArgument() {
    assertInvalid(() -> AccountId.of(" "), "account id", Optional.empty());
    assertInvalid(() -> BuyerId.of(""), "buyer id", Optional.empty());
    assertInvalid(() -> ShopId.of("\t"), "shop id", Optional.empty());
    assertInvalid(() -> ConsultationId.of(" "), "consultation id", Optional.empty());
    assertInvalid(() -> Role.of(""), "role name", Optional.empty());
    assertInvalid(() -> new MainAccount(AccountId.of("o"), " "), "main account name", Optional.empty());
    assertInvalid(() -> SubAccount.builder(AccountId.of("x"), "").build(), "sub-account name", Optional.empty());
    assertInvalid(() -> Shop.of(ShopId.of("s"), "  ", OWNER, List.of()), "shop name", Optional.empty());
    assertInvalid(() -> Shop.of(ShopId.of("s"), "Shop", OWNER, List.of()).agentsNamed(" "), "name fragment",
        Optional.empty());
  }

  @Test
  void aNegativeRelationshipVersionIsAnInvalidValue() {
    InvalidValueException e = assertInvalid(
        () -> new ExclusiveRelationship(BuyerId.of("b"), Optional.empty(), -1), "relationship version", Optional.empty());
    assertTrue(e.getMessage().contains("buyer b") && e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void aConcurrentLimitBelowOneCitesR20AndSaysWhatToDoInstead() {
    InvalidValueException e = assertInvalid(() -> ALICE.withConcurrentLimit(OptionalInt.of(0)), "concurrent limit",
        Optional.of("R20"));
    assertTrue(e.getMessage().contains("routing participation off"), e.getMessage());
  }

  @Test
  void theRosterRefusesTheMainAccountAsASubAccountAndDuplicates() {
    SubAccount owner = SubAccount.builder(OWNER.id(), "owner as agent").build();
    InvalidValueException main = assertInvalid(() -> Shop.of(ShopId.of("s"), "Shop", OWNER, List.of(owner)),
        "sub-accounts", Optional.of("R1"));
    assertTrue(main.getMessage().contains("R1.5") && main.getMessage().contains("owner"), main.getMessage());
    InvalidValueException twice = assertInvalid(() -> Shop.of(ShopId.of("s"), "Shop", OWNER, List.of(ALICE, ALICE)),
        "sub-accounts", Optional.empty());
    assertTrue(twice.getMessage().contains("a1 is listed twice"), twice.getMessage());
  }

  @Test
  void nullsStayNullPointerExceptionsNamingTheArgument() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Shop.of(null, "n", OWNER, List.of()));
    assertEquals("shop id must not be null", e.getMessage());
  }

  private static InvalidValueException assertInvalid(Runnable call, String argument, Optional<String> rule) {
    InvalidValueException e = assertThrows(InvalidValueException.class, call::run);
    assertEquals(argument, e.argument());
    assertEquals(rule, e.rule());
    // Operator language: no Java method names, no ISO-8601 durations.
    assertFalse(e.getMessage().matches("(?s).*\\b[a-z]+[A-Z]\\w*\\(.*"), e.getMessage());
    assertFalse(e.getMessage().matches("(?s).*\\bPT\\d.*"), e.getMessage());
    return e;
  }
}
