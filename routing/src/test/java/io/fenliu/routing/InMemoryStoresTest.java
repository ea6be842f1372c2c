package io.fenliu.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RecentContact;
import io.fenliu.core.ShopId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory stores add to their SPIs' contracts (which fenliu-testing runs against them): the recent-contact
 * store's retention, bound and window check (R18, R21), and the open-consultation store's size (R20).
 */
class InMemoryStoresTest {
  private static final ShopId SHOP = ShopId.of("s");
  private static final BuyerId B = BuyerId.of("b");
  private static final AccountId ALICE = AccountId.of("alice");
  private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

  /** A clock a test moves by hand. */
  private static final class HandClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void r18_aContactIsForgottenOnceOlderThanTheRetention() {
    HandClock clock = new HandClock();
    InMemoryRecentContactStore store = InMemoryRecentContactStore.builder(SHOP).retention(Duration.ofDays(3))
        .clock(clock).build();
    store.record(B, ALICE, T0);
    assertEquals(1, store.estimatedSize());
    clock.now = T0.plus(Duration.ofHours(71));
    assertEquals(Optional.of(new RecentContact(ALICE, T0)), store.recentContact(B, clock.now, Duration.ofDays(3)));
    clock.now = T0.plus(Duration.ofHours(73));
    assertEquals(0, store.estimatedSize(), "expired with the window: the memory is freed");
    assertEquals(Optional.empty(), store.recentContact(B, T0.plusSeconds(1), Duration.ofDays(3)),
        "gone even for a query dated before expiry");
  }

  @Test
  void r18_aContactAlreadyOutsideTheRetentionIsNotKept() {
    HandClock clock = new HandClock();
    InMemoryRecentContactStore store = InMemoryRecentContactStore.builder(SHOP).retention(Duration.ofDays(3))
        .clock(clock).build();
    store.record(B, ALICE, T0.minus(Duration.ofDays(4)));
    assertEquals(0, store.estimatedSize());
  }

  @Test
  void theStoreStaysWithinItsMaximumSize() {
    HandClock clock = new HandClock();
    InMemoryRecentContactStore store = InMemoryRecentContactStore.builder(SHOP).maximumSize(100).clock(clock).build();
    for (int i = 0; i < 5_000; i++) {
      store.record(BuyerId.of("b" + i), ALICE, T0);
    }
    assertTrue(store.estimatedSize() <= 100, "size " + store.estimatedSize());
    assertEquals(100, store.maximumSize());
  }

  @Test
  void r18_aWindowLongerThanTheRetentionIsRefusedWithWhatToDo() {
    InMemoryRecentContactStore store = InMemoryRecentContactStore.builder(SHOP).retention(Duration.ofDays(1)).build();
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> store.recentContact(B, T0, Duration.ofDays(3)));
    assertEquals(Optional.of("R18"), e.rule());
    assertTrue(e.getMessage().contains("3 days") && e.getMessage().contains("1 day")
        && e.getMessage().contains("retention("), e.getMessage());
  }

  /** The longest {@link Duration}: about 292 billion years, far beyond the 292 years a long of nanoseconds holds. */
  private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

  @Test
  void r18_withTheLongestRetentionTheLongestWindowAnswersInsteadOfOverflowing() {
    HandClock clock = new HandClock();
    InMemoryRecentContactStore store = InMemoryRecentContactStore.builder(SHOP).retention(LONGEST).clock(clock).build();
    Instant longAgo = T0.minus(Duration.ofDays(365L * 100));
    store.record(B, ALICE, longAgo);
    assertEquals(Optional.of(new RecentContact(ALICE, longAgo)), store.recentContact(B, T0, LONGEST),
        "a store kept about forever answers the longest window");
    Instant later = longAgo.plus(Duration.ofDays(365L * 290));
    assertEquals(Optional.of(new RecentContact(ALICE, longAgo)), store.recentContact(B, later, LONGEST),
        "the window is saturated at about 292 years, as the retention is");
    assertEquals(Optional.empty(), store.recentContact(B, Instant.MAX, LONGEST), "and reaches no further back");
    assertEquals(Optional.empty(), store.recentContact(BuyerId.of("nobody"), Instant.MIN, LONGEST));
    assertEquals(Optional.empty(), store.recentContact(B, T0, Duration.ofDays(3)), "the window still applies");
    InvalidValueException shorter = assertThrows(InvalidValueException.class,
        () -> InMemoryRecentContactStore.builder(SHOP).retention(Duration.ofDays(3)).build()
            .recentContact(B, T0, LONGEST));
    assertEquals(Optional.of("R18"), shorter.rule(), "a shorter retention refuses it with the documented type");
  }

  @Test
  void builderRefusesBadValuesNamingThem() {
    InMemoryRecentContactStore.Builder b = InMemoryRecentContactStore.builder(SHOP);
    assertTrue(assertThrows(InvalidValueException.class, () -> b.retention(Duration.ZERO)).getMessage().contains("retention"));
    assertTrue(assertThrows(InvalidValueException.class, () -> b.maximumSize(0)).getMessage().contains("maximum size"));
    assertThrows(NullPointerException.class, () -> b.clock(null));
    assertThrows(NullPointerException.class, () -> InMemoryRecentContactStore.builder(null));
    assertEquals(InMemoryRecentContactStore.DEFAULT_RETENTION, b.build().retention());
  }

  @Test
  void r20_openConsultationsAreCountedAndRestoredOnce() {
    InMemoryOpenConsultationStore store = InMemoryOpenConsultationStore.of(SHOP);
    OpenConsultation c = new OpenConsultation(ConsultationId.of("c1"), B, ALICE, T0);
    store.opened(c);
    store.opened(c);
    assertEquals(1, store.size());
    List<OpenConsultation> restored = new ArrayList<>();
    store.forEachOpen(restored::add);
    assertEquals(List.of(c), restored);
    assertTrue(store.closed(c.id()));
    assertFalse(store.closed(c.id()));
    assertEquals(0, store.size());
  }
}
