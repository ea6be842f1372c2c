package io.fenliu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.ShopId;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.OpenConsultationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OpenConsultationStore} (R20), as JUnit tests a store implementation inherits: extend it
 * and implement {@link #newStore}.
 *
 * <p>What it proves: an opened consultation is handed back by {@link OpenConsultationStore#forEachOpen} until it
 * is closed, exactly once and as it was stored; opening an open id again replaces it (a transfer moves the
 * seat); closing twice, or closing an id never opened, returns false and changes nothing, so a host may retry
 * either after a failure; shops are kept apart; a restore walks more consultations than any fetch size and a
 * failing sink releases the store; several threads (and, through {@link #replicaOf}, instances) opening and
 * closing at once leave exactly the consultations still open.
 */
@NullUnmarked // a test: it passes nulls on purpose to see them refused, as the module's other tests do
public abstract class OpenConsultationStoreContract {
  private static final Instant T = FenliuGenerators.NOW;

  /** For subclasses. */
  protected OpenConsultationStoreContract() {}

  /** A new, empty store of {@code shop}, which no other call uses. */
  protected abstract OpenConsultationStore newStore(ShopId shop);

  /** A second instance over the same rows as {@code store}; the default returns {@code store} itself. */
  protected OpenConsultationStore replicaOf(OpenConsultationStore store) {
    return store;
  }

  /**
   * How many consultations the restore test opens and walks; default 2,500, more than any usual fetch size. A store
   * whose every call opens a new connection may lower it, as long as it stays above its own fetch size.
   */
  protected int restoreSize() {
    return 2_500;
  }

  /** How many threads the concurrency test runs at once; default 4. */
  protected int writerThreads() {
    return 4;
  }

  private OpenConsultationStore store() {
    ShopId shop = RelationshipStoreContract.freshShop();
    OpenConsultationStore store = newStore(shop);
    assertEquals(shop, store.shop());
    return store;
  }

  private static OpenConsultation open(int i, String agent) {
    return new OpenConsultation(ConsultationId.of("c-" + i), BuyerId.of("buyer-" + i), AccountId.of(agent),
        T.plusMillis(i));
  }

  private static Map<ConsultationId, OpenConsultation> all(OpenConsultationStore store) {
    Map<ConsultationId, OpenConsultation> map = new HashMap<>();
    store.forEachOpen(c -> assertTrue(map.put(c.id(), c) == null, "handed back twice: " + c));
    return map;
  }

  /** R20: what is opened is handed back as stored until it is closed. */
  @Test
  public void openedConsultationsAreHandedBackUntilClosed() {
    OpenConsultationStore store = store();
    assertEquals(Map.of(), all(store));
    OpenConsultation a = open(1, "alice");
    OpenConsultation b = open(2, "bob");
    store.opened(a);
    store.opened(b);
    assertEquals(Map.of(a.id(), a, b.id(), b), all(store));
    assertTrue(store.closed(a.id()));
    assertEquals(Map.of(b.id(), b), all(store));
  }

  /** Opening an open id again replaces its row: a transfer between agents moves the seat, never doubles it. */
  @Test
  public void openingAnOpenIdAgainReplacesIt() {
    OpenConsultationStore store = store();
    OpenConsultation a = open(1, "alice");
    store.opened(a);
    OpenConsultation moved = new OpenConsultation(a.id(), a.buyer(), AccountId.of("bob"), T.plusSeconds(60));
    store.opened(moved);
    store.opened(moved);
    assertEquals(Map.of(a.id(), moved), all(store));
  }

  /** Closing twice or closing an unknown id returns false and changes nothing, so a retry is always safe. */
  @Test
  public void closingTwiceOrClosingAnUnknownIdChangesNothing() {
    OpenConsultationStore store = store();
    OpenConsultation a = open(1, "alice");
    OpenConsultation b = open(2, "alice");
    store.opened(a);
    store.opened(b);
    assertFalse(store.closed(ConsultationId.of("never-opened")));
    assertTrue(store.closed(a.id()));
    assertFalse(store.closed(a.id()));
    assertEquals(Map.of(b.id(), b), all(store));
  }

  /** Shops never see each other's consultations, even with the same ids. */
  @Test
  public void shopsAreKeptApart() {
    OpenConsultationStore one = store();
    OpenConsultationStore other = store();
    OpenConsultation a = open(1, "alice");
    one.opened(a);
    assertEquals(Map.of(), all(other));
    assertFalse(other.closed(a.id()));
    OpenConsultation same = open(1, "bob");
    other.opened(same);
    assertEquals(Map.of(a.id(), a), all(one));
    assertEquals(Map.of(a.id(), same), all(other));
  }

  /** A restore walks many consultations (more than a fetch size), each once; a failing sink stops it and leaves the store usable. */
  @Test
  public void aRestoreWalksEveryOpenConsultationAndAFailingSinkStopsIt() {
    OpenConsultationStore store = store();
    Map<ConsultationId, OpenConsultation> expected = new HashMap<>();
    for (int i = 0; i < restoreSize(); i++) {
      OpenConsultation c = open(i, "agent-" + (i % 7));
      store.opened(c);
      expected.put(c.id(), c);
    }
    assertEquals(expected, all(store));
    IllegalStateException stop = new IllegalStateException("the host's router refused");
    for (int round = 0; round < 30; round++) {
      AtomicInteger seen = new AtomicInteger();
      assertSame(stop, assertThrows(IllegalStateException.class, () -> store.forEachOpen(c -> {
        if (seen.incrementAndGet() == 3) {
          throw stop;
        }
      })));
      assertEquals(3, seen.get());
    }
    assertTrue(store.closed(ConsultationId.of("c-0")));
    assertEquals(expected.size() - 1, all(store).size());
  }

  /** Nulls are refused. */
  @Test
  public void badArgumentsAreRefused() {
    OpenConsultationStore store = store();
    assertThrows(NullPointerException.class, () -> store.opened(null));
    assertThrows(NullPointerException.class, () -> store.closed(null));
    assertThrows(NullPointerException.class, () -> store.forEachOpen(null));
  }

  /** Several threads (and instances) open, move and close consultations at once; exactly the open ones remain. */
  @Test
  public void concurrentOpensAndClosesLeaveExactlyTheOpenOnes() throws Exception {
    OpenConsultationStore store = store();
    OpenConsultationStore replica = replicaOf(store);
    int threads = writerThreads();
    List<Callable<Map<ConsultationId, OpenConsultation>>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      OpenConsultationStore mine = t % 2 == 0 ? store : replica;
      int thread = t;
      tasks.add(() -> {
        SplittableRandom rnd = new SplittableRandom(thread);
        Map<ConsultationId, OpenConsultation> stillOpen = new HashMap<>();
        for (int i = 0; i < 60; i++) {
          // Ids are the thread's own; the shared part is the table, its indexes and the buyers.
          OpenConsultation c = new OpenConsultation(ConsultationId.of("t" + thread + "-c" + i),
              BuyerId.of("buyer-" + rnd.nextInt(10)), AccountId.of("agent-" + rnd.nextInt(4)), T.plusMillis(i));
          mine.opened(c);
          stillOpen.put(c.id(), c);
          if (rnd.nextInt(3) == 0) {
            OpenConsultation moved = new OpenConsultation(c.id(), c.buyer(), AccountId.of("agent-9"), c.seatedAt());
            mine.opened(moved);
            stillOpen.put(c.id(), moved);
          }
          if (rnd.nextInt(2) == 0) {
            ConsultationId victim = List.copyOf(stillOpen.keySet()).get(rnd.nextInt(stillOpen.size()));
            assertTrue(mine.closed(victim), "closing " + victim);
            stillOpen.remove(victim);
          }
        }
        return stillOpen;
      });
    }
    Map<ConsultationId, OpenConsultation> expected = new HashMap<>();
    for (Map<ConsultationId, OpenConsultation> m : RelationshipStoreContract.runAtOnce(tasks)) {
      expected.putAll(m);
    }
    assertEquals(expected, all(store));
    assertEquals(Set.copyOf(expected.values()), Set.copyOf(all(replica).values()));
  }
}
