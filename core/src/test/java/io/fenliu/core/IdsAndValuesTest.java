package io.fenliu.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IdsAndValuesTest {

  @Test
  void idsAreEqualByValueAndHashAsTheirValue() {
    // The routing engine's draws and look-ups take an id's hash as its value's (R25): it must not change.
    assertEquals("cy03".hashCode(), AccountId.of("cy03").hashCode());
    assertEquals("b1".hashCode(), BuyerId.of("b1").hashCode());
    assertEquals("c1".hashCode(), ConsultationId.of("c1").hashCode());
    assertEquals("s1".hashCode(), ShopId.of("s1").hashCode());
    assertEquals(AccountId.of("cy03"), AccountId.of(new String("cy03".toCharArray())));
    assertFalse(AccountId.of("cy03").equals(AccountId.of("cy04")));
    Object buyer = BuyerId.of("cy03");
    assertFalse(AccountId.of("cy03").equals(buyer), "an account is not a buyer of the same name");
    assertEquals(BuyerId.of("b1"), BuyerId.of(new String("b1".toCharArray())));
    Object consultation = ConsultationId.of("b1");
    assertFalse(BuyerId.of("b1").equals(consultation));
    assertEquals(ConsultationId.of("c1"), ConsultationId.of(new String("c1".toCharArray())));
    assertFalse(ConsultationId.of("c1").equals(ConsultationId.of("c2")));
    assertEquals(ShopId.of("s1"), ShopId.of(new String("s1".toCharArray())));
    Object account = AccountId.of("s1");
    assertFalse(ShopId.of("s1").equals(account));
  }

  @Test
  void idsRejectNullAndBlankNamingTheArgument() {
    assertEquals("shop id must not be null", assertThrows(NullPointerException.class, () -> ShopId.of(null)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountId.of("  ")).getMessage().startsWith("account id must not be blank"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BuyerId.of("")).getMessage().startsWith("buyer id must not be blank"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Role.of("\t")).getMessage().startsWith("role name must not be blank"));
    assertEquals("cy03", AccountId.of("cy03").toString());
  }

  /**
   * One maximum for every id, 128 characters (the width of fenliu-jdbc's id columns), checked where the id is made:
   * a 129-character agent id used to be accepted and then failed every JDBC transfer batch holding it (issue 18).
   */
  @Test
  void idsOfAtMost128CharactersAreAcceptedAndLongerOnesRefusedWhereMade() {
    List<Function<String, ?>> factories = List.of(AccountId::of, BuyerId::of, ConsultationId::of, ShopId::of,
        AccountId::new, BuyerId::new, ConsultationId::new, ShopId::new);
    List<String> arguments = List.of("account id", "buyer id", "consultation id", "shop id");
    assertEquals(128, AccountId.MAX_LENGTH);
    assertEquals(List.of(128, 128, 128), List.of(BuyerId.MAX_LENGTH, ConsultationId.MAX_LENGTH, ShopId.MAX_LENGTH));
    String longest = "a".repeat(127) + "z";
    String emoji = "\uD83D\uDE00".repeat(64);
    for (int i = 0; i < factories.size(); i++) {
      Function<String, ?> make = factories.get(i);
      String argument = arguments.get(i % 4);
      assertEquals(longest, make.apply(longest).toString(), argument + ": 128 characters");
      assertEquals(emoji, make.apply(emoji).toString(), argument + ": 64 emoji are 128 UTF-16 units");
      for (String tooLong : List.of(longest + "b", "\uD83D\uDE00".repeat(65), "x".repeat(100_000))) {
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> make.apply(tooLong), argument);
        assertEquals(argument, e.argument());
        assertEquals(Optional.empty(), e.rule());
        assertTrue(e.getMessage().startsWith(argument + " must be at most 128 characters long: " + tooLong.length()
            + " characters, '"), e.getMessage());
        assertTrue(e.getMessage().length() < 200, "the message does not carry the whole value: " + e.getMessage());
      }
    }
  }

  @Test
  void mainAccountNeedsIdAndName() {
    assertThrows(NullPointerException.class, () -> new MainAccount(null, "owner"));
    assertThrows(IllegalArgumentException.class, () -> new MainAccount(AccountId.of("m"), " "));
  }

  @Test
  void relationshipVersionMustBeNonNegativeAndMovesIncrementIt() {
    BuyerId buyer = BuyerId.of("b");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ExclusiveRelationship(buyer, Optional.empty(), -1))
        .getMessage().contains("-1"));
    assertThrows(NullPointerException.class, () -> new ExclusiveRelationship(buyer, null, 0));
    ExclusiveRelationship r = ExclusiveRelationship.of(buyer, AccountId.of("a"));
    ExclusiveRelationship moved = r.movedTo(AccountId.of("c"));
    assertEquals(1, moved.version());
    assertTrue(moved.isFollowedBy(AccountId.of("c")));
    assertEquals(Optional.empty(), ExclusiveRelationship.withoutFollower(buyer).follower());
    ExclusiveRelationship last = new ExclusiveRelationship(buyer, Optional.empty(), Long.MAX_VALUE);
    assertThrows(IllegalStateException.class, () -> last.movedTo(AccountId.of("c")));
  }

  @Test
  void isFollowedByRefusesNullNamingTheArgument() {
    ExclusiveRelationship followed = ExclusiveRelationship.of(BuyerId.of("b"), AccountId.of("a"));
    ExclusiveRelationship none = ExclusiveRelationship.withoutFollower(BuyerId.of("b"));
    for (ExclusiveRelationship r : List.of(followed, none)) {
      assertEquals("account must not be null",
          assertThrows(NullPointerException.class, () -> r.isFollowedBy(null)).getMessage(), r.toString());
    }
    assertTrue(followed.isFollowedBy(AccountId.of("a")));
  }

  @Test
  void consultationRejectsNullsAndCarriesOptionalFacts() {
    BuyerId buyer = BuyerId.of("b");
    assertEquals("entry page must not be null",
        assertThrows(NullPointerException.class, () -> Consultation.of(ConsultationId.of("c"), buyer, null, OrderStatus.NO_ORDER)).getMessage());
    assertThrows(NullPointerException.class, () -> Consultation.of(ConsultationId.of("c"), buyer, EntryPage.SHOP_HOME, null));
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    Consultation c = Consultation.of(ConsultationId.of("c"), buyer, EntryPage.SHOP_HOME, OrderStatus.NO_ORDER)
        .withRecentContact(AccountId.of("a"), at)
        .withExclusiveFollower(AccountId.of("f"));
    assertEquals(new RecentContact(AccountId.of("a"), at), c.recentContact().orElseThrow());
    assertEquals(AccountId.of("f"), c.exclusiveFollower().orElseThrow());
    assertThrows(NullPointerException.class, () -> new RecentContact(AccountId.of("a"), null));
  }

  @Test
  void onlyActiveIsNormal() {
    for (AccountStatus s : AccountStatus.values()) {
      assertEquals(s != AccountStatus.ACTIVE, s.isAbnormal(), s.name());
    }
  }

  /** R1: a relationship is followed by its follower and nobody else; one without a follower by nobody. */
  @Test
  void r1_aRelationshipIsFollowedByItsFollowerOnly() {
    ExclusiveRelationship r = ExclusiveRelationship.of(BuyerId.of("b"), AccountId.of("cy03"));
    assertTrue(r.isFollowedBy(AccountId.of("cy03")));
    assertFalse(r.isFollowedBy(AccountId.of("cy04")));
    assertFalse(ExclusiveRelationship.withoutFollower(BuyerId.of("b")).isFollowedBy(AccountId.of("cy03")));
  }

  /** R1's five kinds and R11's five entry pages carry the platform's wording (docs/RULES.md). */
  @Test
  void r1_r11_kindsAndPagesCarryThePlatformsWording() {
    assertEquals(List.of("店铺首页", "商品详情页", "订单详情页", "退款详情页", "物流投诉页"),
        java.util.Arrays.stream(EntryPage.values()).map(EntryPage::chineseLabel).toList());
    for (AnomalyKind kind : AnomalyKind.values()) {
      assertFalse(kind.chineseLabel().isBlank(), kind.name());
      assertFalse(kind.description().isBlank(), kind.name());
    }
    assertEquals(AnomalyKind.values().length, java.util.Arrays.stream(AnomalyKind.values())
        .map(AnomalyKind::description).distinct().count(), "every kind explained in its own words");
    assertTrue(AnomalyKind.AGENT_STATUS_ABNORMAL.description().contains("resigned"));
    assertTrue(AnomalyKind.BOUND_TO_MAIN_ACCOUNT.description().contains("main account"));
  }

  @Test
  void refusalsCarryWhatAHostMapsThemBy() {
    UnknownIdException unknown = new UnknownIdException("ghost", "shop-1", "no agent ghost in shop shop-1");
    assertEquals("ghost", unknown.id());
    assertEquals("shop-1", unknown.shop());
    assertEquals("R15", new RuleRefusedException("R15", "unbind the agents first (R15)").rule());
  }
}
