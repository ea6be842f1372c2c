package io.fenliu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.RelationshipEligibility;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.anomaly.RelationshipStore.Write;
import io.fenliu.anomaly.RelationshipStore.WriteOutcome;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferListener;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.NullUnmarked;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RelationshipStore} (R8, R9), as JUnit tests a store implementation inherits: extend it,
 * implement {@link #newStore}, and run it with the rest of your tests.
 *
 * <pre>{@code
 * class MyStoreTest extends RelationshipStoreContract {
 *   protected RelationshipStore newStore(ShopId shop, List<ExclusiveRelationship> relationships) {
 *     MyStore store = new MyStore(dataSource, shop);
 *     relationships.forEach(store::insert);
 *     return store;
 *   }
 * }
 * }</pre>
 *
 * <p>What it proves: reads, single and batch compare-and-sets at exactly the expected version (a write never
 * overwrites a relationship changed since it was read), batch outcomes in write order, inserts that refuse a
 * buyer's second relationship (R8), listings by follower (R9) and walks of the whole shop that hand over each
 * relationship once, shops that never see each other's rows, several threads — and, through {@link
 * #replicaOf}, several store instances — writing the same buyers at once without losing or duplicating a write,
 * and transfers that survive a store throwing before or after its writes (outcome unknown, then re-applied).
 * Every test asks for fresh stores of a shop id no other test uses, so a shared database needs no cleaning.
 */
@NullUnmarked // a test: it passes nulls on purpose to see them refused, as the module's other tests do
public abstract class RelationshipStoreContract {
  private static final AtomicInteger SHOPS = new AtomicInteger();

  /** For subclasses. */
  protected RelationshipStoreContract() {}

  /**
   * A store of {@code shop} holding exactly {@code relationships} (distinct buyers, at the versions they carry),
   * e.g. a new store on which {@link RelationshipStore#insert} was called for each. {@code shop} is new to every
   * call; the store must hold no relationship of any other shop.
   */
  protected abstract RelationshipStore newStore(ShopId shop, List<ExclusiveRelationship> relationships);

  /**
   * A second instance over the same relationships as {@code store}, as another node of the host would open
   * (e.g. a new store object on the same database). The concurrency tests write through both at once. The
   * default returns {@code store} itself, for stores that live in one JVM.
   */
  protected RelationshipStore replicaOf(RelationshipStore store) {
    return store;
  }

  /** How many threads the concurrency tests run at once; default 4. */
  protected int writerThreads() {
    return 4;
  }

  /** How many examples the generated-scenario test runs; default 40 (each creates one store). */
  protected int generatedExamples() {
    return 40;
  }

  /** A shop id that no other test of this JVM uses. */
  protected static ShopId freshShop() {
    return ShopId.of("contract-shop-" + SHOPS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime()));
  }

  private static final AccountId ALICE = AccountId.of("alice");
  private static final AccountId BOB = AccountId.of("bob");
  private static final AccountId CAROL = AccountId.of("carol");

  private static BuyerId buyer(int i) {
    return BuyerId.of("buyer-" + i);
  }

  private RelationshipStore store(ExclusiveRelationship... relationships) {
    ShopId shop = freshShop();
    RelationshipStore store = newStore(shop, List.of(relationships));
    assertEquals(shop, store.shop(), "shop() is the shop the store was made for");
    return store;
  }

  private static List<ExclusiveRelationship> all(RelationshipStore store) {
    List<ExclusiveRelationship> out = new ArrayList<>();
    store.forEach(out::add);
    return out;
  }

  private static Map<BuyerId, ExclusiveRelationship> byBuyer(Collection<ExclusiveRelationship> relationships) {
    Map<BuyerId, ExclusiveRelationship> map = new HashMap<>();
    for (ExclusiveRelationship r : relationships) {
      assertTrue(map.put(r.buyer(), r) == null, "buyer " + r.buyer() + " handed over twice");
    }
    return map;
  }

  // ---------------------------------------------------------------- reads and inserts

  /** Every kind of relationship comes back as it went in: follower, none, main account, any version. */
  @Test
  public void readReturnsWhatWasInsertedAndNothingElse() {
    ExclusiveRelationship a = ExclusiveRelationship.of(buyer(1), ALICE);
    ExclusiveRelationship none = ExclusiveRelationship.withoutFollower(buyer(2));
    ExclusiveRelationship late = new ExclusiveRelationship(buyer(3), Optional.of(FenliuGenerators.MAIN), 41);
    RelationshipStore store = store(a, none, late);
    assertEquals(Optional.of(a), store.read(buyer(1)));
    assertEquals(Optional.of(none), store.read(buyer(2)));
    assertEquals(Optional.of(late), store.read(buyer(3)));
    assertEquals(Optional.empty(), store.read(buyer(4)));
    ExclusiveRelationship inserted = ExclusiveRelationship.of(buyer(4), BOB);
    store.insert(inserted);
    assertEquals(Optional.of(inserted), store.read(buyer(4)));
  }

  /** R8: a buyer has exactly one relationship; a second insert is refused, citing R8, and changes nothing. */
  @Test
  public void insertOfABuyerAlreadyHeldIsRefusedWithR8AndChangesNothing() {
    ExclusiveRelationship a = new ExclusiveRelationship(buyer(1), Optional.of(ALICE), 3);
    RelationshipStore store = store(a);
    RuleRefusedException e = assertThrows(RuleRefusedException.class,
        () -> store.insert(ExclusiveRelationship.of(buyer(1), BOB)));
    assertEquals("R8", e.rule());
    assertTrue(e.getMessage().contains("buyer-1"), "the message names the buyer: " + e.getMessage());
    assertEquals(Optional.of(a), store.read(buyer(1)));
    assertEquals(1, all(store).size());
  }

  /** Shops never see each other's relationships, even for buyers with the same id. */
  @Test
  public void twoShopsNeverSeeEachOthersRelationships() {
    RelationshipStore one = store(ExclusiveRelationship.of(buyer(1), ALICE), ExclusiveRelationship.of(buyer(2), ALICE));
    RelationshipStore other = store(ExclusiveRelationship.of(buyer(1), BOB));
    assertEquals(Optional.of(ALICE), one.read(buyer(1)).orElseThrow().follower());
    assertEquals(Optional.of(BOB), other.read(buyer(1)).orElseThrow().follower());
    assertEquals(Optional.empty(), other.read(buyer(2)));
    assertTrue(other.compareAndSet(0, ExclusiveRelationship.of(buyer(1), BOB).movedTo(CAROL)));
    assertEquals(ExclusiveRelationship.of(buyer(1), ALICE), one.read(buyer(1)).orElseThrow(), "the other shop's write");
    assertEquals(2, all(one).size());
    List<ExclusiveRelationship> alices = new ArrayList<>();
    other.forEachFollowedBy(ALICE, alices::add);
    assertEquals(List.of(), alices);
    assertEquals(Map.of(), other.readAll(List.of(buyer(2))));
  }

  /** Nulls and negative versions are refused before anything is read or written. */
  @Test
  public void badArgumentsAreRefusedBeforeAnythingChanges() {
    ExclusiveRelationship a = ExclusiveRelationship.of(buyer(1), ALICE);
    RelationshipStore store = store(a);
    assertThrows(NullPointerException.class, () -> store.read(null));
    assertThrows(NullPointerException.class, () -> store.insert(null));
    assertThrows(NullPointerException.class, () -> store.compareAndSet(0, null));
    assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(-1, a.movedTo(BOB)));
    assertThrows(NullPointerException.class, () -> store.readAll(Arrays.asList(buyer(1), null)));
    assertThrows(NullPointerException.class, () -> store.compareAndSetAll(Arrays.asList(new Write(0, a.movedTo(BOB)), null)));
    assertThrows(NullPointerException.class, () -> store.forEach(null));
    assertThrows(NullPointerException.class, () -> store.forEachFollowedBy(null, r -> {}));
    assertThrows(NullPointerException.class, () -> store.forEachFollowedBy(ALICE, null));
    assertEquals(Optional.of(a), store.read(buyer(1)), "nothing written");
  }

  // ---------------------------------------------------------------- compare-and-set

  /** R8: a write succeeds only on the expected version, and never creates a relationship. */
  @Test
  public void compareAndSetWritesOnlyAtTheExpectedVersion() {
    ExclusiveRelationship a = new ExclusiveRelationship(buyer(1), Optional.of(ALICE), 5);
    RelationshipStore store = store(a);
    assertFalse(store.compareAndSet(4, a.movedTo(BOB)), "stale");
    assertFalse(store.compareAndSet(6, a.movedTo(BOB)), "ahead");
    assertEquals(Optional.of(a), store.read(buyer(1)));
    ExclusiveRelationship moved = a.movedTo(BOB);
    assertTrue(store.compareAndSet(5, moved));
    assertEquals(Optional.of(moved), store.read(buyer(1)));
    assertFalse(store.compareAndSet(5, a.movedTo(CAROL)), "the same expected version twice");
    assertEquals(Optional.of(moved), store.read(buyer(1)));
    assertFalse(store.compareAndSet(0, ExclusiveRelationship.of(buyer(2), ALICE).movedTo(BOB)), "absent buyer");
    assertEquals(Optional.empty(), store.read(buyer(2)), "a compare-and-set never creates a relationship");
  }

  /** A move may also clear nothing but the version is what guards: a write to "no follower" is stored too. */
  @Test
  public void compareAndSetStoresTheNextValueAsGiven() {
    ExclusiveRelationship a = ExclusiveRelationship.of(buyer(1), ALICE);
    RelationshipStore store = store(a);
    ExclusiveRelationship cleared = new ExclusiveRelationship(buyer(1), Optional.empty(), 9);
    assertTrue(store.compareAndSet(0, cleared));
    assertEquals(Optional.of(cleared), store.read(buyer(1)));
  }

  /** Batch outcomes come in write order; stale and absent writes do not stop the others. */
  @Test
  public void compareAndSetAllAnswersEachWriteInOrder() {
    ExclusiveRelationship a = ExclusiveRelationship.of(buyer(1), ALICE);
    ExclusiveRelationship b = new ExclusiveRelationship(buyer(2), Optional.of(ALICE), 2);
    ExclusiveRelationship c = ExclusiveRelationship.of(buyer(3), BOB);
    RelationshipStore store = store(a, b, c);
    List<Write> writes = List.of(
        new Write(0, a.movedTo(BOB)),
        new Write(1, b.movedTo(BOB)),
        new Write(0, ExclusiveRelationship.of(buyer(9), ALICE).movedTo(BOB)),
        new Write(0, c.movedTo(CAROL)),
        new Write(1, a.movedTo(BOB).movedTo(CAROL)),
        new Write(0, a.movedTo(ALICE)));
    List<WriteOutcome> outcomes = store.compareAndSetAll(writes);
    assertEquals(List.of(WriteOutcome.WRITTEN, WriteOutcome.STALE, WriteOutcome.ABSENT, WriteOutcome.WRITTEN,
        WriteOutcome.WRITTEN, WriteOutcome.STALE), outcomes, "a later write of the same buyer sees the earlier one");
    assertEquals(Optional.of(a.movedTo(BOB).movedTo(CAROL)), store.read(buyer(1)));
    assertEquals(Optional.of(b), store.read(buyer(2)));
    assertEquals(Optional.of(c.movedTo(CAROL)), store.read(buyer(3)));
    assertEquals(Optional.empty(), store.read(buyer(9)));
    assertEquals(List.of(), store.compareAndSetAll(List.of()));
  }

  /** Batches larger than any chunk a store may cut them into: 1,000 reads and 700 writes. */
  @Test
  public void largeBatchesReadAndWriteEveryBuyer() {
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rels.add(new ExclusiveRelationship(buyer(i), Optional.of(i % 2 == 0 ? ALICE : BOB), i % 3));
    }
    RelationshipStore store = newStore(freshShop(), rels);
    List<BuyerId> asked = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      asked.add(buyer(i));
    }
    asked.add(buyer(7));
    Map<BuyerId, ExclusiveRelationship> read = store.readAll(asked);
    assertEquals(byBuyer(rels), read, "held buyers once each, absent ones left out");
    assertEquals(Map.of(), store.readAll(List.of()));

    List<Write> writes = new ArrayList<>();
    List<WriteOutcome> expected = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      ExclusiveRelationship r = rels.get(i);
      boolean stale = i % 7 == 0;
      writes.add(new Write(stale ? r.version() + 1 : r.version(), r.movedTo(CAROL)));
      expected.add(stale ? WriteOutcome.STALE : WriteOutcome.WRITTEN);
    }
    assertEquals(expected, store.compareAndSetAll(writes));
    Map<BuyerId, ExclusiveRelationship> after = byBuyer(all(store));
    assertEquals(1000, after.size());
    for (int i = 0; i < 1000; i++) {
      ExclusiveRelationship want = i < 700 && i % 7 != 0 ? rels.get(i).movedTo(CAROL) : rels.get(i);
      assertEquals(want, after.get(buyer(i)));
    }
  }

  // ---------------------------------------------------------------- listings

  /** R9: a follower's listing holds exactly its relationships, and follows moves at once. */
  @Test
  public void forEachFollowedByListsExactlyTheFollowersRelationships() {
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      rels.add(i % 10 == 9 ? ExclusiveRelationship.withoutFollower(buyer(i))
          : ExclusiveRelationship.of(buyer(i), i % 3 == 0 ? ALICE : BOB));
    }
    RelationshipStore store = newStore(freshShop(), rels);
    Map<BuyerId, ExclusiveRelationship> alices = new HashMap<>();
    store.forEachFollowedBy(ALICE, r -> assertTrue(alices.put(r.buyer(), r) == null, "listed twice: " + r));
    Map<BuyerId, ExclusiveRelationship> expected = new HashMap<>();
    rels.stream().filter(r -> r.isFollowedBy(ALICE)).forEach(r -> expected.put(r.buyer(), r));
    assertEquals(expected, alices);

    ExclusiveRelationship first = rels.get(0);
    assertTrue(store.compareAndSet(0, first.movedTo(CAROL)));
    List<ExclusiveRelationship> carols = new ArrayList<>();
    store.forEachFollowedBy(CAROL, carols::add);
    assertEquals(List.of(first.movedTo(CAROL)), carols);
    List<BuyerId> alicesNow = new ArrayList<>();
    store.forEachFollowedBy(ALICE, r -> alicesNow.add(r.buyer()));
    assertFalse(alicesNow.contains(first.buyer()), "a moved relationship leaves its old follower's listing");
    assertEquals(expected.size() - 1, alicesNow.size());
    List<ExclusiveRelationship> nobody = new ArrayList<>();
    store.forEachFollowedBy(AccountId.of("nobody"), nobody::add);
    assertEquals(List.of(), nobody);
  }

  /** A walk of the shop hands over every relationship exactly once, more than any fetch size. */
  @Test
  public void forEachHandsOverEveryRelationshipOnce() {
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      rels.add(new ExclusiveRelationship(buyer(i), i % 11 == 0 ? Optional.empty() : Optional.of(i % 2 == 0 ? ALICE : BOB),
          i % 5));
    }
    RelationshipStore store = newStore(freshShop(), rels);
    assertEquals(byBuyer(rels), byBuyer(all(store)));
  }

  /** An exception thrown by the visitor stops the walk, comes back unchanged, and leaves the store usable. */
  @Test
  public void aFailingVisitorStopsTheWalkAndTheStoreStaysUsable() {
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rels.add(ExclusiveRelationship.of(buyer(i), ALICE));
    }
    RelationshipStore store = newStore(freshShop(), rels);
    IllegalStateException stop = new IllegalStateException("the host's own failure");
    for (int round = 0; round < 30; round++) {
      AtomicInteger seen = new AtomicInteger();
      Consumer<ExclusiveRelationship> failing = r -> {
        if (seen.incrementAndGet() == 5) {
          throw stop;
        }
      };
      assertSame(stop, assertThrows(IllegalStateException.class, () -> store.forEach(failing)));
      assertEquals(5, seen.get(), "the walk stopped at the failure");
      seen.set(0);
      assertSame(stop, assertThrows(IllegalStateException.class, () -> store.forEachFollowedBy(ALICE, failing)));
    }
    // Thirty abandoned walks must not have leaked what the store holds (cursors, connections).
    assertTrue(store.compareAndSet(0, rels.get(0).movedTo(BOB)));
    assertEquals(300, all(store).size());
  }

  // ---------------------------------------------------------------- concurrency

  /**
   * R8 under contention: several threads, through the store and its replica, move the same buyers again and
   * again by read-then-compare-and-set. Every success must show in the version: none lost, none doubled.
   */
  @Test
  public void concurrentCompareAndSetsOnTheSameBuyersLoseAndDuplicateNothing() throws Exception {
    int buyers = 20;
    int rounds = 60;
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      rels.add(ExclusiveRelationship.of(buyer(i), ALICE));
    }
    RelationshipStore store = newStore(freshShop(), rels);
    RelationshipStore replica = replicaOf(store);
    int threads = writerThreads();
    List<Callable<int[]>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      RelationshipStore mine = t % 2 == 0 ? store : replica;
      AccountId me = AccountId.of("writer-" + t);
      long seed = t;
      tasks.add(() -> {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] wins = new int[buyers];
        for (int r = 0; r < rounds; r++) {
          int b = rnd.nextInt(buyers);
          ExclusiveRelationship current = mine.read(buyer(b)).orElseThrow();
          if (mine.compareAndSet(current.version(), current.movedTo(me))) {
            wins[b]++;
          }
        }
        return wins;
      });
    }
    int[] total = new int[buyers];
    for (int[] wins : runAtOnce(tasks)) {
      for (int b = 0; b < buyers; b++) {
        total[b] += wins[b];
      }
    }
    int sum = 0;
    for (int b = 0; b < buyers; b++) {
      ExclusiveRelationship now = store.read(buyer(b)).orElseThrow();
      assertEquals(total[b], now.version(), "buyer " + b + ": every successful write, and only those, moved the version");
      assertEquals(now, replica.read(buyer(b)).orElseThrow(), "both instances see the same relationship");
      sum += total[b];
    }
    assertTrue(sum > 0, "some writes succeeded");
    assertEquals(buyers, all(store).size());
  }

  /** The same with batches: overlapping batch compare-and-sets from several threads; outcomes match effects. */
  @Test
  public void concurrentBatchesOnOverlappingBuyersReportEveryConflict() throws Exception {
    int buyers = 60;
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      rels.add(ExclusiveRelationship.of(buyer(i), ALICE));
    }
    RelationshipStore store = newStore(freshShop(), rels);
    RelationshipStore replica = replicaOf(store);
    int threads = writerThreads();
    List<Callable<int[]>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      RelationshipStore mine = t % 2 == 0 ? replica : store;
      AccountId me = AccountId.of("batch-writer-" + t);
      long seed = 100L + t;
      tasks.add(() -> {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] wins = new int[buyers];
        for (int round = 0; round < 12; round++) {
          Set<BuyerId> pick = new HashSet<>();
          while (pick.size() < 25) {
            pick.add(buyer(rnd.nextInt(buyers)));
          }
          Map<BuyerId, ExclusiveRelationship> read = mine.readAll(pick);
          assertEquals(pick, read.keySet());
          List<Write> writes = new ArrayList<>();
          read.values().forEach(r -> writes.add(new Write(r.version(), r.movedTo(me))));
          List<WriteOutcome> outcomes = mine.compareAndSetAll(writes);
          assertEquals(writes.size(), outcomes.size());
          for (int i = 0; i < writes.size(); i++) {
            WriteOutcome o = outcomes.get(i);
            assertTrue(o == WriteOutcome.WRITTEN || o == WriteOutcome.STALE, "only written or stale: " + o);
            if (o == WriteOutcome.WRITTEN) {
              wins[Integer.parseInt(writes.get(i).next().buyer().value().substring("buyer-".length()))]++;
            }
          }
        }
        return wins;
      });
    }
    int[] total = new int[buyers];
    for (int[] wins : runAtOnce(tasks)) {
      for (int b = 0; b < buyers; b++) {
        total[b] += wins[b];
      }
    }
    for (int b = 0; b < buyers; b++) {
      assertEquals(total[b], store.read(buyer(b)).orElseThrow().version(), "buyer " + b);
    }
  }

  /** R8: several threads insert the same new buyers at once; exactly one insert per buyer wins. */
  @Test
  public void concurrentInsertsOfTheSameBuyerLetExactlyOneWin() throws Exception {
    RelationshipStore store = newStore(freshShop(), List.of());
    RelationshipStore replica = replicaOf(store);
    int buyers = 30;
    int threads = writerThreads();
    List<Callable<int[]>> tasks = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      RelationshipStore mine = t % 2 == 0 ? store : replica;
      AccountId me = AccountId.of("inserter-" + t);
      tasks.add(() -> {
        int[] wins = new int[buyers];
        for (int b = 0; b < buyers; b++) {
          try {
            mine.insert(ExclusiveRelationship.of(buyer(b), me));
            wins[b]++;
          } catch (RuleRefusedException e) {
            assertEquals("R8", e.rule());
          }
        }
        return wins;
      });
    }
    int[] total = new int[buyers];
    for (int[] wins : runAtOnce(tasks)) {
      for (int b = 0; b < buyers; b++) {
        total[b] += wins[b];
      }
    }
    for (int b = 0; b < buyers; b++) {
      assertEquals(1, total[b], "buyer " + b + " inserted exactly once");
    }
    assertEquals(buyers, all(store).size());
  }

  /** Runs every task at the same moment on its own thread; their results in task order, or the first failure. */
  protected static <T> List<T> runAtOnce(List<Callable<T>> tasks) throws Exception {
    Checks.notNull(tasks, "tasks");
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- transfers over the store, faults injected

  /**
   * R8 over this store with faults injected: a wrapper throws before some writes and after others (so their
   * outcome is unknown) and changes some relationships behind the plan's back. Nothing is lost or duplicated,
   * no changed relationship is overwritten, and a calm re-application completes every move it can.
   */
  @Test
  public void transfersSurviveInjectedFaultsAndReapplyingCompletes() {
    qt().withFixedSeed(11L).withExamples(generatedExamples())
        .forAll(FenliuGenerators.scenarios(2, 8, 60), org.quicktheories.generators.SourceDSL.longs().all())
        .checkAssert((sc, seed) -> {
          List<AccountId> targets = RelationshipEligibility.receivers(sc.shop()).stream().map(SubAccount::id)
              .limit(2).toList();
          if (targets.isEmpty()) {
            return;
          }
          Shop shop = Shop.of(freshShop(), sc.shop().name(), sc.shop().mainAccount(), sc.shop().subAccounts());
          RelationshipStore real = newStore(shop.id(), sc.relationships());
          InMemoryRelationshipStore model = InMemoryRelationshipStore.of(shop.id(), sc.relationships());
          Faulty faulty = new Faulty(real, seed, shop.subAccounts().get(0).id());
          TransferPlan onRealShop = TransferPlanner.plan(shop, sc.relationships(), Selection.allAnomalous(), targets,
              Distribution.even());
          List<BuyerId> planned = onRealShop.moves().stream().map(PlannedMove::buyer).toList();

          List<MoveOutcome> first = outcomes(onRealShop, shop, faulty);
          assertEquals(planned, first.stream().map(o -> o.move().buyer()).toList(), "each buyer once");
          for (MoveOutcome o : first) {
            if (faulty.tampered.contains(o.move().buyer())) {
              assertTrue(o.status() != MoveOutcome.Status.MOVED, "overwrote a relationship changed since planning: " + o);
            }
          }
          faulty.calm = true;
          List<MoveOutcome> second = outcomes(onRealShop, shop, faulty);
          Map<BuyerId, ExclusiveRelationship> now = byBuyer(all(real));
          assertEquals(byBuyer(sc.relationships()).keySet(), now.keySet(), "every buyer keeps exactly one relationship");
          for (MoveOutcome o : second) {
            ExclusiveRelationship r = now.get(o.move().buyer());
            switch (o.status()) {
              case MOVED, ALREADY_AT_TARGET -> assertTrue(r.isFollowedBy(o.move().to()), o.toString());
              case CONFLICT -> assertTrue(faulty.tampered.contains(o.move().buyer()), "conflict without a change: " + o);
              case FAILED, TARGET_INVALID -> throw new AssertionError("a calm store and a constant roster left: " + o);
            }
          }
          // Every buyer nobody touched ends as the fault-free model store ends.
          onRealShop.applyTo(shop, model);
          for (ExclusiveRelationship m : model.all()) {
            if (!faulty.tampered.contains(m.buyer())) {
              assertEquals(m.follower(), now.get(m.buyer()).follower(), "buyer " + m.buyer());
            }
          }
        });
  }

  /** Applies {@code plan} and collects every planned buyer's outcome, in plan order. */
  private static List<MoveOutcome> outcomes(TransferPlan plan, Shop roster, RelationshipStore store) {
    List<MoveOutcome> all = new ArrayList<>();
    TransferResult result = plan.applyTo(() -> roster, store, new TransferListener() {
      @Override
      public void moved(PlannedMove move, ExclusiveRelationship after) {}

      @Override
      public void reported(MoveOutcome outcome) {
        all.add(outcome);
      }
    }, 0);
    assertEquals(plan.moves().size(), result.planned());
    return all;
  }

  /**
   * Wraps a store: while not calm, throws before or after a write (the write then happened or not, as a dropped
   * connection leaves it) and moves relationships behind the caller's back before reads.
   */
  private static final class Faulty implements RelationshipStore {
    final RelationshipStore real;
    final SplittableRandom random;
    final AccountId elsewhere;
    final Set<BuyerId> tampered = new HashSet<>();
    boolean calm;

    Faulty(RelationshipStore real, long seed, AccountId elsewhere) {
      this.real = real;
      this.random = new SplittableRandom(seed);
      this.elsewhere = elsewhere;
    }

    @Override
    public ShopId shop() {
      return real.shop();
    }

    private void maybeTamper(BuyerId buyer) {
      if (!calm && random.nextInt(10) == 0) {
        real.read(buyer).ifPresent(cur -> {
          if (real.compareAndSet(cur.version(), cur.movedTo(elsewhere))) {
            tampered.add(buyer);
          }
        });
      }
    }

    @Override
    public Optional<ExclusiveRelationship> read(BuyerId buyer) {
      if (!calm && random.nextInt(12) == 0) {
        throw new IllegalStateException("injected: read timed out");
      }
      maybeTamper(buyer);
      return real.read(buyer);
    }

    @Override
    public Map<BuyerId, ExclusiveRelationship> readAll(Collection<BuyerId> buyers) {
      if (!calm && random.nextInt(12) == 0) {
        throw new IllegalStateException("injected: batch read timed out");
      }
      buyers.forEach(this::maybeTamper);
      return real.readAll(buyers);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
      int roll = calm ? 9 : random.nextInt(10);
      if (roll == 0) {
        throw new IllegalStateException("injected: write refused before reaching the store");
      }
      boolean wrote = real.compareAndSet(expectedVersion, next);
      if (roll == 1) {
        throw new IllegalStateException("injected: connection lost after the write (wrote=" + wrote + ")");
      }
      return wrote;
    }

    @Override
    public List<WriteOutcome> compareAndSetAll(List<Write> writes) {
      int roll = calm ? 9 : random.nextInt(10);
      if (roll == 0) {
        throw new IllegalStateException("injected: batch refused before reaching the store");
      }
      if (roll == 1 && writes.size() > 1) {
        int half = writes.size() / 2;
        real.compareAndSetAll(writes.subList(0, half));
        throw new IllegalStateException("injected: connection lost mid-batch after " + half + " writes");
      }
      return real.compareAndSetAll(writes);
    }

    @Override
    public void insert(ExclusiveRelationship relationship) {
      real.insert(relationship);
    }

    @Override
    public void forEachFollowedBy(AccountId follower, Consumer<? super ExclusiveRelationship> action) {
      real.forEachFollowedBy(follower, action);
    }

    @Override
    public void forEach(Consumer<? super ExclusiveRelationship> action) {
      real.forEach(action);
    }
  }

  /** Model-based: random reads, inserts and (batch) writes give the same answers as the in-memory store. */
  @Test
  public void behavesLikeTheReferenceStoreOnRandomOperations() {
    qt().withFixedSeed(7L).withExamples(generatedExamples())
        .forAll(FenliuGenerators.scenarios(1, 6, 30), org.quicktheories.generators.SourceDSL.longs().all())
        .checkAssert((sc, seed) -> {
          RelationshipStore store = newStore(freshShop(), sc.relationships());
          InMemoryRelationshipStore model = InMemoryRelationshipStore.of(store.shop(), sc.relationships());
          SplittableRandom rnd = new SplittableRandom(seed);
          List<AccountId> followers = new ArrayList<>(List.of(ALICE, BOB, FenliuGenerators.MAIN));
          sc.shop().subAccounts().forEach(s -> followers.add(s.id()));
          for (int step = 0; step < 40; step++) {
            BuyerId b = buyer(rnd.nextInt(sc.relationships().size() + 5));
            AccountId f = followers.get(rnd.nextInt(followers.size()));
            long v = rnd.nextInt(6);
            switch (rnd.nextInt(5)) {
              case 0 -> assertEquals(model.read(b), store.read(b), "read " + b);
              case 1 -> {
                ExclusiveRelationship r = new ExclusiveRelationship(b, Optional.of(f), v);
                boolean modelRefused = refused(() -> model.insert(r));
                assertEquals(modelRefused, refused(() -> store.insert(r)), "insert " + r);
              }
              case 2 -> {
                ExclusiveRelationship next = new ExclusiveRelationship(b, Optional.of(f), v + 1);
                assertEquals(model.compareAndSet(v, next), store.compareAndSet(v, next), "cas " + v + " " + next);
              }
              case 3 -> {
                List<Write> writes = new ArrayList<>();
                for (int i = 0; i < 1 + rnd.nextInt(6); i++) {
                  BuyerId wb = buyer(rnd.nextInt(sc.relationships().size() + 3));
                  long wv = rnd.nextInt(6);
                  writes.add(new Write(wv, new ExclusiveRelationship(wb, Optional.of(f), wv + 1)));
                }
                assertEquals(model.compareAndSetAll(writes), store.compareAndSetAll(writes), "batch " + writes);
              }
              default -> {
                Set<ExclusiveRelationship> want = new HashSet<>();
                model.forEachFollowedBy(f, want::add);
                Set<ExclusiveRelationship> got = new HashSet<>();
                store.forEachFollowedBy(f, got::add);
                assertEquals(want, got, "listing of " + f);
              }
            }
          }
          assertEquals(new HashSet<>(model.all()), new HashSet<>(all(store)));
        });
  }

  private static boolean refused(Runnable insert) {
    try {
      insert.run();
      return false;
    } catch (RuleRefusedException e) {
      return true;
    }
  }
}
