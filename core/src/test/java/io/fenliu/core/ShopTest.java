package io.fenliu.core;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShopTest {
  private static final MainAccount OWNER = new MainAccount(AccountId.of("owner"), "店主");
  private static final SubAccount ALICE =
      SubAccount.builder(AccountId.of("a1"), "Alice Pre").roles(Role.PRE_SALE).exclusiveAgent().build();
  private static final SubAccount BOB =
      SubAccount.builder(AccountId.of("b1"), "Bob After").roles(Role.AFTER_SALE).build();

  private static Shop shop(SubAccount... subs) {
    return Shop.of(ShopId.of("s"), "Shop", OWNER, List.of(subs));
  }

  @Test
  void duplicateSubAccountIdsAreRejected() {
    SubAccount alsoA1 = SubAccount.builder(AccountId.of("a1"), "Other").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shop(ALICE, alsoA1));
    assertTrue(e.getMessage().contains("duplicate sub-account id") && e.getMessage().contains("a1"), e.getMessage());
  }

  @Test
  void mainAccountListedAsSubAccountIsRejected() {
    SubAccount owner = SubAccount.builder(OWNER.id(), "owner as agent").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shop(ALICE, owner));
    assertTrue(e.getMessage().contains("main account") && e.getMessage().contains("R1.5"), e.getMessage());
  }

  @Test
  void nullsAndBlankNameAreRejected() {
    assertThrows(NullPointerException.class, () -> Shop.of(null, "n", OWNER, List.of()));
    assertThrows(IllegalArgumentException.class, () -> Shop.of(ShopId.of("s"), "", OWNER, List.of()));
    assertThrows(NullPointerException.class, () -> Shop.of(ShopId.of("s"), "n", null, List.of()));
    assertThrows(NullPointerException.class, () -> Shop.of(ShopId.of("s"), "n", OWNER, null));
  }

  @Test
  void findsAccountsById() {
    Shop s = shop(ALICE, BOB);
    assertEquals(Optional.of(OWNER), s.account(OWNER.id()));
    assertEquals(Optional.of(ALICE), s.account(ALICE.id()));
    assertEquals(Optional.empty(), s.subAccount(OWNER.id()));
    assertEquals(Optional.empty(), s.account(AccountId.of("nobody")));
    assertTrue(s.isMainAccount(OWNER.id()));
    assertFalse(s.isMainAccount(ALICE.id()));
    assertEquals(List.of(ALICE, BOB), s.subAccounts());
  }

  @Test
  void findsAgentsByRoleAndByPartOfNameIgnoringCase() {
    Shop s = shop(ALICE, BOB);
    assertEquals(List.of(ALICE), s.agentsWithRole(Role.PRE_SALE));
    assertEquals(List.of(BOB), s.agentsWithRole(Role.AFTER_SALE));
    assertEquals(List.of(), s.agentsWithRole(Role.of("vip")));
    assertEquals(List.of(ALICE), s.agentsNamed("alice"));
    assertEquals(List.of(BOB), s.agentsNamed("AFTER"));
    assertThrows(IllegalArgumentException.class, () -> s.agentsNamed(" "));
  }

  @Test
  void withSubAccountReplacesInPlaceOrAppends() {
    Shop s = shop(ALICE, BOB);
    SubAccount resigned = ALICE.withStatus(AccountStatus.RESIGNED);
    Shop changed = s.withSubAccount(resigned);
    assertEquals(List.of(resigned, BOB), changed.subAccounts());
    assertEquals(List.of(ALICE, BOB), s.subAccounts(), "the original is untouched");
    SubAccount carol = SubAccount.builder(AccountId.of("c1"), "Carol").build();
    assertEquals(List.of(ALICE, BOB, carol), s.withSubAccount(carol).subAccounts());
    assertThrows(IllegalArgumentException.class, () -> s.withSubAccount(SubAccount.builder(OWNER.id(), "x").build()));
    assertEquals(s, shop(ALICE, BOB));
    assertEquals(s.hashCode(), shop(ALICE, BOB).hashCode());
  }

  @Test
  void aShopIsItsIdNameMainAccountAndRosterAndIsEqualByThem() {
    Shop s = shop(ALICE);
    assertEquals(ShopId.of("s"), s.id());
    assertEquals("Shop", s.name());
    assertEquals(OWNER, s.mainAccount());
    assertEquals(shop(ALICE), s);
    assertEquals(shop(ALICE).hashCode(), s.hashCode());
    assertNotEquals(shop(ALICE, BOB), s);
    assertNotEquals(Shop.of(ShopId.of("t"), "Shop", OWNER, List.of(ALICE)), s);
    assertNotEquals(Shop.of(ShopId.of("s"), "Other", OWNER, List.of(ALICE)), s);
    assertNotEquals(Shop.of(ShopId.of("s"), "Shop", new MainAccount(AccountId.of("boss"), "boss"), List.of(ALICE)), s);
    assertNotEquals(shop(ALICE).hashCode(), shop(BOB).hashCode());
  }

  @Test
  void aSubAccountCanJoinAnEmptyRoster() {
    assertEquals(List.of(ALICE), shop().withSubAccount(ALICE).subAccounts());
  }
}
