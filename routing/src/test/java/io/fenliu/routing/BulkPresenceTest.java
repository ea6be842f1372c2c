package io.fenliu.routing;

import static io.fenliu.routing.RegistryFixture.X;
import static io.fenliu.routing.RegistryFixture.Y;
import static io.fenliu.routing.RegistryFixture.consultation;
import static io.fenliu.routing.RegistryFixture.roster;
import static io.fenliu.routing.RegistryFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Several presence changes at once on {@link Router} (R21, R24, R25): all or nothing against the roster, seen by
 * decisions all together, and equal to the same changes logged as presence events.
 */
class BulkPresenceTest {
  /**
   * How long the race of bulk changes against previews runs, at least 10,000 previews in any case; the PIT
   * profile shortens it (-Dfenliu.rt.raceMillis), since it reruns the test for every mutant it covers.
   */
  private static final long RACE_MILLIS = Long.getLong("fenliu.rt.raceMillis", 2_000);

  private static final ShopId SHOP = shop(0);
  private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

  private static Router router(int limit) {
    return Router.builder(roster(SHOP, limit), RoutingSettings.builder().build()).seed(5).build();
  }

  private static Map<AccountId, Presence> changes(AccountId a, Presence pa, AccountId b, Presence pb) {
    Map<AccountId, Presence> m = new LinkedHashMap<>();
    m.put(a, pa);
    m.put(b, pb);
    return m;
  }

  @Test
  void r21_anUnknownIdRefusesTheWholeCallAndChangesNothing() {
    Router r = router(2);
    AccountId stranger = AccountId.of("stranger");
    UnknownIdException e = assertThrows(UnknownIdException.class,
        () -> r.setPresence(changes(X, Presence.ONLINE, stranger, Presence.ONLINE)));
    assertTrue(e.getMessage().contains("stranger"), e.getMessage());
    assertEquals(Presence.OFFLINE, r.presence(X), "X, listed before the unknown id, was not changed");
    assertThrows(UnknownIdException.class,
        () -> r.setPresence(changes(X, Presence.ONLINE, stranger, Presence.ONLINE), T));
    assertEquals(Presence.OFFLINE, r.presence(X));
    assertThrows(NullPointerException.class, () -> r.setPresence((Map<AccountId, Presence>) null));
  }

  @Test
  void r25_anEmptyBulkChangeChangesNothingNotEvenTheShopsTime() {
    Router r = router(2);
    LiveState before = r.liveState();
    assertEquals(0, r.setPresence(Map.of(), T));
    r.setPresence(Map.of());
    assertEquals(before, r.liveState());
  }

  @Test
  void r21_aTimedChangeOlderThanTheAgentsLastIsSkippedAndNotCounted() {
    Router r = router(2);
    r.setPresence(X, Presence.ONLINE, T.plusSeconds(10));
    int applied = r.setPresence(changes(X, Presence.OFFLINE, Y, Presence.ONLINE), T);
    assertEquals(1, applied);
    assertEquals(Presence.ONLINE, r.presence(X), "the older change to X was stale");
    assertEquals(Presence.ONLINE, r.presence(Y));
  }

  /**
   * R25: a bulk change replays as the same changes logged one by one, in the map's order, at the same time — here
   * with a queue that the second agent's arrival online drains.
   */
  @Test
  void r25_aBulkChangeEqualsTheSameChangesAsPresenceEventsInOrder() {
    Router bulk = router(1);
    Router events = router(1);
    for (Router r : new Router[] {bulk, events}) {
      r.setPresence(X, Presence.ONLINE, T);
      for (int i = 0; i < 4; i++) {
        r.apply(ShopEvent.arrived(SHOP, consultation("c" + i).arrivedAt(T.plusSeconds(1 + i))));
      }
    }
    Instant at = T.plusSeconds(30);
    bulk.setPresence(changes(X, Presence.SUSPENDED, Y, Presence.ONLINE), at);
    events.apply(ShopEvent.presenceChanged(SHOP, X, Presence.SUSPENDED).at(at));
    events.apply(ShopEvent.presenceChanged(SHOP, Y, Presence.ONLINE).at(at));

    assertEquals(events.liveState(), bulk.liveState());
    assertEquals(events.snapshot().liveState(), bulk.snapshot().liveState());
    assertEquals(2, bulk.openConsultations().size(), "Y took the head of the queue");
  }

  /**
   * R24: while one thread swaps which of two agents is online, in one call, a previewing thread never finds
   * nobody online. Applied as two single changes (the one going offline first), it would, between them.
   */
  @Test
  void r24_decisionsNeverSeeHalfABulkChange() throws Exception {
    Shop shop = roster(SHOP, 2);
    Router r = Router.builder(shop, RoutingSettings.builder().build()).build();
    r.setPresence(X, Presence.ONLINE);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong previews = new AtomicLong();
    AtomicReference<RoutingDecision> torn = new AtomicReference<>();
    Thread previewer = new Thread(() -> {
      while (!stop.get()) {
        RoutingDecision d = r.preview(consultation("p"));
        previews.incrementAndGet();
        if (d.agent().isEmpty()) {
          torn.compareAndSet(null, d);
        }
      }
    });
    previewer.start();
    try {
      long deadline = System.nanoTime() + RACE_MILLIS * 1_000_000L;
      boolean xOnline = true;
      while ((System.nanoTime() < deadline || previews.get() < 10_000) && torn.get() == null) {
        r.setPresence(xOnline ? changes(X, Presence.OFFLINE, Y, Presence.ONLINE)
            : changes(Y, Presence.OFFLINE, X, Presence.ONLINE));
        xOnline = !xOnline;
      }
    } finally {
      stop.set(true);
      previewer.join();
    }
    assertEquals(null, torn.get(), "a preview saw nobody online in the middle of a bulk change");
  }
}
