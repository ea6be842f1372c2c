package io.fenliu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.RecentContact;
import io.fenliu.core.ShopId;
import io.fenliu.routing.RecentContactStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RecentContactStore} (R18, R21), as JUnit tests a store implementation inherits: extend
 * it and implement {@link #newStore}.
 *
 * <p>What it proves: a buyer's latest contact is answered within a window before {@code now} and not outside it
 * (nor after {@code now}), R21's shorter window over the same contacts, the latest contact wins whatever order
 * contacts are recorded in (on equal times the later call), buyers and shops are kept apart, and several threads
 * — through {@link #replicaOf}, several instances — recording at once keep the latest contact of each buyer.
 * Every test uses a shop id of its own and contacts dated around {@link #NOW}, within {@link #retention()}.
 */
@NullUnmarked // a test: it passes nulls on purpose to see them refused, as the module's other tests do
public abstract class RecentContactStoreContract {
  /** The instant the contract's contacts are dated around; a store's expiry clock should be near it. */
  protected static final Instant NOW = FenliuGenerators.NOW;

  /** For subclasses. */
  protected RecentContactStoreContract() {}

  /**
   * A new store of {@code shop}, which no other call uses, that keeps contacts for at least {@link
   * #retention()} before {@link #NOW} (for an expiring store: with a clock at {@link #NOW}).
   */
  protected abstract RecentContactStore newStore(ShopId shop);

  /**
   * A second instance over the same contacts as {@code store}, as another node would open. The default returns
   * {@code store} itself.
   */
  protected RecentContactStore replicaOf(RecentContactStore store) {
    return store;
  }

  /** The longest window the contract asks about; default three days (R18). */
  protected Duration retention() {
    return Duration.ofDays(3);
  }

  /** How many threads the concurrency test runs at once; default 4. */
  protected int writerThreads() {
    return 4;
  }

  private static final BuyerId B1 = BuyerId.of("buyer-1");
  private static final BuyerId B2 = BuyerId.of("buyer-2");
  private static final AccountId ALICE = AccountId.of("alice");
  private static final AccountId BOB = AccountId.of("bob");

  private RecentContactStore store() {
    ShopId shop = RelationshipStoreContract.freshShop();
    RecentContactStore store = newStore(shop);
    assertEquals(shop, store.shop());
    return store;
  }

  /** R18: the contact is answered inside the window, up to its edge, and not before the contact or after it. */
  @Test
  public void aContactIsAnsweredExactlyWithinTheWindow() {
    RecentContactStore store = store();
    Duration window = retention();
    assertEquals(Optional.empty(), store.recentContact(B1, NOW, window), "nothing recorded yet");
    Instant at = NOW.minus(Duration.ofHours(30));
    store.record(B1, ALICE, at);
    assertEquals(Optional.of(new RecentContact(ALICE, at)), store.recentContact(B1, NOW, window));
    assertEquals(Optional.of(new RecentContact(ALICE, at)), store.recentContact(B1, at.plus(window), window), "edge");
    assertEquals(Optional.empty(), store.recentContact(B1, at.plus(window).plusSeconds(1), window), "past the window");
    assertEquals(Optional.empty(), store.recentContact(B1, at.minusSeconds(1), window), "before the contact happened");
    assertEquals(Optional.empty(), store.recentContact(B2, NOW, window), "another buyer");
  }

  /** R21: a shorter window over the same contacts (a suspended agent's recent buyers). */
  @Test
  public void aShorterWindowSeesOnlyTheNewerContacts() {
    RecentContactStore store = store();
    store.record(B1, ALICE, NOW.minus(Duration.ofHours(30)));
    store.record(B2, BOB, NOW.minus(Duration.ofHours(3)));
    Duration day = Duration.ofHours(24);
    assertEquals(Optional.empty(), store.recentContact(B1, NOW, day));
    assertEquals(Optional.of(BOB), store.recentContact(B2, NOW, day).map(RecentContact::agent));
    assertEquals(Optional.of(ALICE), store.recentContact(B1, NOW, retention()).map(RecentContact::agent));
  }

  /** Only the latest contact counts, whatever order the contacts arrive in; on equal times the later call wins. */
  @Test
  public void theLatestContactWinsWhateverTheOrderOfArrival() {
    RecentContactStore store = store();
    Instant early = NOW.minus(Duration.ofHours(10));
    Instant late = NOW.minus(Duration.ofHours(2));
    store.record(B1, BOB, late);
    store.record(B1, ALICE, early);
    assertEquals(Optional.of(new RecentContact(BOB, late)), store.recentContact(B1, NOW, retention()),
        "an older contact recorded later changes nothing");
    store.record(B1, ALICE, late);
    assertEquals(Optional.of(new RecentContact(ALICE, late)), store.recentContact(B1, NOW, retention()),
        "equal times: the later call wins");
    Instant latest = NOW.minusSeconds(5);
    store.record(B1, BOB, latest);
    assertEquals(Optional.of(new RecentContact(BOB, latest)), store.recentContact(B1, NOW, retention()));
  }

  /** Shops never see each other's contacts. */
  @Test
  public void shopsAreKeptApart() {
    RecentContactStore one = store();
    RecentContactStore other = store();
    one.record(B1, ALICE, NOW.minusSeconds(60));
    assertEquals(Optional.empty(), other.recentContact(B1, NOW, retention()));
    other.record(B1, BOB, NOW.minusSeconds(30));
    assertEquals(Optional.of(ALICE), one.recentContact(B1, NOW, retention()).map(RecentContact::agent));
  }

  /** Nulls and negative windows are refused. */
  @Test
  public void badArgumentsAreRefused() {
    RecentContactStore store = store();
    assertThrows(NullPointerException.class, () -> store.record(null, ALICE, NOW));
    assertThrows(NullPointerException.class, () -> store.record(B1, null, NOW));
    assertThrows(NullPointerException.class, () -> store.record(B1, ALICE, null));
    assertThrows(NullPointerException.class, () -> store.recentContact(null, NOW, retention()));
    assertThrows(NullPointerException.class, () -> store.recentContact(B1, null, retention()));
    assertThrows(IllegalArgumentException.class, () -> store.recentContact(B1, NOW, Duration.ofSeconds(-1)));
    assertEquals(Optional.empty(), store.recentContact(B1, NOW, retention()), "nothing recorded");
  }

  /** Several threads (and instances) record contacts of the same buyers at once; each keeps its latest. */
  @Test
  public void concurrentRecordsKeepEachBuyersLatestContact() throws Exception {
    RecentContactStore store = store();
    RecentContactStore replica = replicaOf(store);
    int buyers = 12;
    int threads = writerThreads();
    List<Callable<Instant[]>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      RecentContactStore mine = t % 2 == 0 ? store : replica;
      AccountId me = AccountId.of("agent-" + t);
      long seed = 31L + t;
      tasks.add(() -> {
        SplittableRandom rnd = new SplittableRandom(seed);
        Instant[] latest = new Instant[buyers];
        for (int i = 0; i < 80; i++) {
          int b = rnd.nextInt(buyers);
          // Distinct times across threads (the thread number in the millis), so "latest" is unambiguous.
          Instant at = NOW.minusMillis(rnd.nextLong(1, 3_600_000L) * threads + (long) seedThread(me));
          mine.record(BuyerId.of("buyer-" + b), me, at);
          if (latest[b] == null || at.isAfter(latest[b])) {
            latest[b] = at;
          }
        }
        return latest;
      });
    }
    List<Instant[]> results = RelationshipStoreContract.runAtOnce(tasks);
    for (int b = 0; b < buyers; b++) {
      Instant want = null;
      int wantThread = -1;
      for (int t = 0; t < results.size(); t++) {
        Instant at = results.get(t)[b];
        if (at != null && (want == null || at.isAfter(want))) {
          want = at;
          wantThread = t;
        }
      }
      Optional<RecentContact> got = store.recentContact(BuyerId.of("buyer-" + b), NOW, retention());
      if (want == null) {
        assertEquals(Optional.empty(), got);
      } else {
        assertEquals(Optional.of(new RecentContact(AccountId.of("agent-" + wantThread), want)), got, "buyer " + b);
        assertEquals(got, replica.recentContact(BuyerId.of("buyer-" + b), NOW, retention()));
      }
    }
    assertTrue(results.stream().anyMatch(r -> r[0] != null || r[1] != null), "the threads recorded something");
  }

  private static int seedThread(AccountId agent) {
    return Integer.parseInt(agent.value().substring("agent-".length()));
  }
}
