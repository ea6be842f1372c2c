package io.fenliu.jdbc;

import static io.fenliu.jdbc.TestShops.ALICE;
import static io.fenliu.jdbc.TestShops.BOB;
import static io.fenliu.jdbc.TestShops.CAROL;
import static io.fenliu.jdbc.TestShops.EVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferListener;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.core.UnknownIdException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Saved transfer plans and their resume (R3, R8) on real databases: a plan saved, read back and resumed moves every
 * relationship once; a resume after a partial apply moves nobody twice; FAILED moves are applied again, final ones
 * never; a roster changed since saving gets TARGET_INVALID recorded (R3 at write time); another shop's plan, store or
 * roster, an unknown plan id and an id too long for its column are refused with nothing written.
 */
class JdbcTransferPlansTest {

  private static List<DataSource> databases() {
    return List.of(Databases.h2(), Databases.postgresShared());
  }

  /** Every relationship of {@code shop} in the store, by buyer. */
  static Map<BuyerId, ExclusiveRelationship> snapshot(RelationshipStore store) {
    Map<BuyerId, ExclusiveRelationship> all = new HashMap<>();
    store.forEach(r -> all.put(r.buyer(), r));
    return all;
  }

  /** Each planned relationship moved exactly once: at its target, one version past the planned one (R8). */
  static void assertEveryMoveMadeOnce(TransferPlan plan, RelationshipStore store) {
    Map<BuyerId, ExclusiveRelationship> now = snapshot(store);
    for (PlannedMove m : plan.moves()) {
      ExclusiveRelationship r = now.get(m.buyer());
      assertEquals(Optional.of(m.to()), r.follower(), m.toString());
      assertEquals(m.expectedVersion() + 1, r.version(), () -> m + ": moved exactly once, now " + r);
    }
  }

  private static TransferPlan everyAnomalous(Shop shop, RelationshipStore store) {
    return TransferPlanner.plan(shop, store, Selection.allAnomalous(), List.of(ALICE, BOB), Distribution.even());
  }

  @Test
  void r8_aSavedPlanReadsBackAndOneResumeMovesEveryRelationshipOnce() {
    List<DataSource> all = new ArrayList<>(databases());
    all.add(Databases.mariaDbShared());
    for (DataSource db : all) {
      Shop shop = TestShops.shop();
      Databases.insertAll(db, shop.id(), TestShops.followedByEve(700));
      JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
      TransferPlan plan = everyAnomalous(shop, store);
      JdbcTransferPlans plans = JdbcTransferPlans.of(db, shop.id());
      String id = plans.save(plan);
      assertEquals(plan.moves(), plans.plan(id).moves());
      assertEquals(List.of(id), plans.unfinished());
      TransferProgress before = plans.progress(id);
      assertEquals(700, before.moves());
      assertEquals(700, before.pending());
      assertFalse(before.isDone());
      assertEquals(Map.of(EVE, 700L), followers(store), "saving applies nothing");

      List<MoveOutcome> told = new ArrayList<>();
      TransferResult result = plans.resume(id, () -> shop, store, listener(told::add));
      assertEquals(700, result.count(MoveOutcome.Status.MOVED), result.toString());
      assertEquals(700, told.size());
      assertEveryMoveMadeOnce(plan, store);
      TransferProgress after = plans.progress(id);
      assertTrue(after.isDone(), after.toString());
      assertEquals(0, after.pending());
      assertEquals(700, after.count(MoveOutcome.Status.MOVED));
      assertTrue(after.finishedAt().isPresent());
      assertEquals(List.of(), plans.unfinished());

      TransferResult again = plans.resume(id, () -> shop, store);
      assertEquals(0, again.planned(), "a finished plan applies nothing");
      assertEveryMoveMadeOnce(plan, store);
      assertTrue(plans.delete(id));
      assertFalse(plans.delete(id));
      assertThrows(UnknownIdException.class, () -> plans.progress(id));
    }
  }

  /**
   * A process applied part of the plan and died before recording it, and another resume failed in its second chunk:
   * the next resume finishes it, the moves made before are ALREADY_AT_TARGET, and every relationship's version went
   * up by exactly one (R8).
   */
  @Test
  void r8_aResumeAfterAPartialApplyMovesNobodyTwice() {
    for (DataSource db : databases()) {
      Shop shop = TestShops.shop();
      Databases.insertAll(db, shop.id(), TestShops.followedByEve(1_000));
      JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
      TransferPlan plan = everyAnomalous(shop, store);
      JdbcTransferPlans plans = JdbcTransferPlans.of(db, shop.id());
      String id = plans.save(plan);

      // Written but never recorded: what a kill between a chunk's writes and its outcomes leaves.
      List<BuyerId> early = plan.moves().subList(100, 400).stream().map(PlannedMove::buyer).toList();
      assertTrue(plan.withOnly(early).applyTo(shop, store).isComplete());
      // A resume whose store fails from its second chunk on: the first chunk recorded, the rest FAILED.
      FailingStore failing = new FailingStore(store, 1);
      // Chunk 1 (moves 0-255): 100 written, 156 found at their targets. Chunk 2: 144 found, 112 FAILED; then FAILED.
      TransferResult first = plans.resume(id, () -> shop, failing);
      assertEquals(100, first.count(MoveOutcome.Status.MOVED), first.toString());
      assertEquals(300, first.count(MoveOutcome.Status.ALREADY_AT_TARGET), first.toString());
      assertEquals(600, first.count(MoveOutcome.Status.FAILED), first.toString());
      TransferProgress partial = plans.progress(id);
      assertEquals(600, partial.count(MoveOutcome.Status.FAILED));
      assertEquals(400, partial.count(MoveOutcome.Status.MOVED) + partial.count(MoveOutcome.Status.ALREADY_AT_TARGET));
      assertFalse(partial.isDone());
      assertEquals(List.of(id), plans.unfinished(), "a plan with FAILED moves is unfinished");

      TransferResult second = plans.resume(id, () -> shop, store);
      assertEquals(600, second.planned(), "only the FAILED moves are applied again");
      assertEquals(600, second.count(MoveOutcome.Status.MOVED), second.toString());
      assertEveryMoveMadeOnce(plan, store);
      TransferProgress done = plans.progress(id);
      assertTrue(done.isDone(), done.toString());
      assertEquals(700, done.count(MoveOutcome.Status.MOVED), done.toString());
      assertEquals(300, done.count(MoveOutcome.Status.ALREADY_AT_TARGET), "the 300 written before: " + done);
      assertEquals(0, done.pending());
    }
  }

  /**
   * R3 at write time: a target that resigned after the plan was saved gets none of the moves still pending, each
   * recorded TARGET_INVALID with the reason; those are final, so a later resume does not move them even once the
   * agent is back.
   */
  @Test
  void r3_aRosterChangedSinceSavingIsRecordedTargetInvalid() {
    for (DataSource db : databases()) {
      Shop shop = TestShops.shop();
      Databases.insertAll(db, shop.id(), TestShops.followedByEve(400));
      JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
      TransferPlan plan = everyAnomalous(shop, store);
      JdbcTransferPlans plans = JdbcTransferPlans.of(db, shop.id());
      String id = plans.save(plan);
      Shop bobResigned = shop.withSubAccount(shop.subAccount(BOB).orElseThrow().withStatus(AccountStatus.RESIGNED));

      TransferResult result = plans.resume(id, () -> bobResigned, store);
      long toBob = plan.moves().stream().filter(m -> m.to().equals(BOB)).count();
      assertTrue(toBob > 100, "the plan shares its moves between alice and bob");
      assertEquals(toBob, result.count(MoveOutcome.Status.TARGET_INVALID), result.toString());
      assertEquals(400 - toBob, result.count(MoveOutcome.Status.MOVED));
      TransferProgress progress = plans.progress(id);
      assertTrue(progress.isDone(), "TARGET_INVALID is final: " + progress);
      assertEquals(toBob, progress.count(MoveOutcome.Status.TARGET_INVALID));
      assertEquals(toBob, Databases.count(db, "SELECT COUNT(*) FROM fenliu_transfer_move WHERE plan_id = '" + id
          + "' AND status = 'TARGET_INVALID' AND reason LIKE '%RESIGNED%'"), "the reason is kept");
      Map<AccountId, Long> followers = followers(store);
      assertEquals(Map.of(ALICE, 400 - toBob, EVE, toBob), followers, "nobody went to bob after he resigned");

      assertEquals(0, plans.resume(id, () -> shop, store).planned(), "final outcomes are not applied again");
      assertEquals(followers, followers(store));
    }
  }

  /**
   * Two processes resuming one plan at once (which the class asks hosts not to do) still move nobody twice: the
   * compare-and-set decides each move, and the first outcome recorded for a move stands.
   */
  @Test
  void r8_twoResumersAtOnceMoveNobodyTwice() throws Exception {
    DataSource db = Databases.postgresShared();
    Shop shop = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(2_000));
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
    TransferPlan plan = everyAnomalous(shop, store);
    String id = JdbcTransferPlans.of(db, shop.id()).save(plan);
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<TransferResult>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        DataSource node = Databases.postgresNode();
        results.add(two.submit(() -> {
          start.await();
          return JdbcTransferPlans.of(node, shop.id()).resume(id, () -> shop,
              JdbcRelationshipStore.builder(node, shop.id()).build());
        }));
      }
      start.countDown();
      long moved = 0;
      for (var f : results) {
        TransferResult r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, r.count(MoveOutcome.Status.CONFLICT) + r.count(MoveOutcome.Status.FAILED), r.toString());
        moved += r.count(MoveOutcome.Status.MOVED);
      }
      assertEquals(2_000, moved, "each move written by exactly one of them");
    } finally {
      two.shutdownNow();
    }
    assertEveryMoveMadeOnce(plan, store);
    TransferProgress done = JdbcTransferPlans.of(db, shop.id()).progress(id);
    assertTrue(done.isDone(), done.toString());
    assertEquals(2_000, done.count(MoveOutcome.Status.MOVED) + done.count(MoveOutcome.Status.ALREADY_AT_TARGET));
  }

  /** A move someone else changed in between is CONFLICT, final; the relationship is left as they put it. */
  @Test
  void r8_aRelationshipChangedSinceSavingIsAConflictAndLeftAlone() {
    DataSource db = Databases.postgresShared();
    Shop shop = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(10));
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
    TransferPlan plan = everyAnomalous(shop, store);
    JdbcTransferPlans plans = JdbcTransferPlans.of(db, shop.id());
    String id = plans.save(plan);
    ExclusiveRelationship b3 = store.read(BuyerId.of("buyer-3")).orElseThrow();
    assertTrue(store.compareAndSet(b3.version(), b3.movedTo(CAROL)));
    TransferResult result = plans.resume(id, () -> shop, store);
    assertEquals(1, result.count(MoveOutcome.Status.CONFLICT));
    assertEquals(Optional.of(CAROL), store.read(BuyerId.of("buyer-3")).orElseThrow().follower());
    assertTrue(plans.progress(id).isDone());
  }

  /** Another shop's plan, store or roster; an unknown or over-long plan id: refused, and nothing is written. */
  @Test
  void r8_anotherShopAnUnknownPlanAndAnOverlongIdAreRefusedWithNothingWritten() {
    DataSource db = Databases.postgresShared();
    Shop shop = TestShops.shop();
    Shop other = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(300));
    Databases.insertAll(db, other.id(), TestShops.followedByEve(300));
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
    JdbcRelationshipStore otherStore = JdbcRelationshipStore.builder(db, other.id()).build();
    JdbcTransferPlans plans = JdbcTransferPlans.of(db, shop.id());
    JdbcTransferPlans otherPlans = JdbcTransferPlans.of(db, other.id());
    TransferPlan plan = everyAnomalous(shop, store);
    long rowsBefore = Databases.count(db, "SELECT COUNT(*) FROM fenliu_transfer_move");

    InvalidValueException wrongPlan = assertThrows(InvalidValueException.class, () -> otherPlans.save(plan));
    assertEquals("plan", wrongPlan.argument());
    assertEquals(Optional.of("R8"), wrongPlan.rule());
    assertEquals(rowsBefore, Databases.count(db, "SELECT COUNT(*) FROM fenliu_transfer_move"));

    String id = plans.save(plan);
    InvalidValueException wrongStore = assertThrows(InvalidValueException.class,
        () -> plans.resume(id, () -> shop, otherStore));
    assertEquals("store", wrongStore.argument());
    InvalidValueException wrongRoster = assertThrows(InvalidValueException.class,
        () -> plans.resume(id, () -> other, store));
    assertEquals("roster", wrongRoster.argument());
    UnknownIdException elsewhere = assertThrows(UnknownIdException.class,
        () -> otherPlans.resume(id, () -> other, otherStore));
    assertEquals(id, elsewhere.id());
    assertEquals(other.id().value(), elsewhere.shop());
    assertThrows(UnknownIdException.class, () -> plans.progress("no-such-plan"));
    assertThrows(UnknownIdException.class, () -> plans.plan("no-such-plan"));

    String tooLong = "p".repeat(JdbcTransferPlans.MAX_PLAN_ID_LENGTH + 1);
    for (Runnable call : List.<Runnable>of(() -> plans.progress(tooLong), () -> plans.plan(tooLong),
        () -> plans.resume(tooLong, () -> shop, store), () -> plans.delete(tooLong), () -> plans.progress(" "))) {
      InvalidValueException e = assertThrows(InvalidValueException.class, call::run);
      assertEquals("plan id", e.argument());
    }
    assertThrows(UnknownIdException.class, () -> plans.progress("p".repeat(JdbcTransferPlans.MAX_PLAN_ID_LENGTH)),
        "the longest id is looked up, not refused");
    assertThrows(NullPointerException.class, () -> plans.resume(id, null, store));

    assertEquals(Map.of(EVE, 300L), followers(store), "nothing moved");
    assertEquals(Map.of(EVE, 300L), followers(otherStore), "nothing moved");
    assertEquals(300, plans.progress(id).pending(), "nothing recorded");
    assertEquals(List.of(), otherPlans.unfinished());
  }

  /** The longest shop, buyer and agent ids are saved, resumed and recorded (issue 18's 128 characters). */
  @Test
  void r8_plansOfTheLongestIdsAreSavedAndResumed() {
    DataSource db = Databases.h2();
    ShopId id = ShopId.of("s".repeat(ShopId.MAX_LENGTH));
    AccountId longAgent = AccountId.of("a".repeat(AccountId.MAX_LENGTH));
    AccountId resigned = AccountId.of("\uD83D\uDE00".repeat(AccountId.MAX_LENGTH / 2));
    Shop shop = Shop.of(id, "long", new io.fenliu.core.MainAccount(AccountId.of("owner"), "owner"), List.of(
        SubAccount.builder(longAgent, "a").exclusiveAgent().build(),
        SubAccount.builder(resigned, "r").exclusiveAgent().status(AccountStatus.RESIGNED).build()));
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      rels.add(ExclusiveRelationship.of(BuyerId.of(i + "b".repeat(BuyerId.MAX_LENGTH - 2)), resigned));
    }
    Databases.insertAll(db, id, rels);
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, id).build();
    TransferPlan plan = TransferPlanner.plan(shop, store, Selection.allAnomalous(), List.of(longAgent),
        Distribution.even());
    JdbcTransferPlans plans = JdbcTransferPlans.of(db, id);
    String planId = plans.save(plan);
    assertEquals(20, plans.resume(planId, () -> shop, store).count(MoveOutcome.Status.MOVED));
    assertTrue(plans.progress(planId).isDone());
    assertEveryMoveMadeOnce(plan, store);
  }

  /** A save that fails part-way leaves no plan and no progress row: its transaction is rolled back whole. */
  @Test
  void r8_aSaveThatFailsPartWayLeavesNothing() {
    DataSource db = Databases.postgresShared();
    Shop shop = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(2_500));
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
    TransferPlan plan = everyAnomalous(shop, store);
    String trigger = "fail_" + Integer.toHexString(shop.id().value().hashCode());
    Databases.execute(db, "CREATE FUNCTION " + trigger + "() RETURNS trigger AS $$ BEGIN "
        + "IF NEW.shop_id = '" + shop.id().value() + "' AND NEW.idx = 2200 THEN RAISE EXCEPTION 'injected'; END IF; "
        + "RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER " + trigger + " BEFORE INSERT ON fenliu_transfer_move FOR EACH ROW EXECUTE FUNCTION "
            + trigger + "()");
    try {
      JdbcTransferPlans plans = JdbcTransferPlans.of(db, shop.id());
      JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> plans.save(plan));
      assertTrue(e.getMessage().contains("save transfer plan"), e.getMessage());
      assertEquals(List.of(), plans.unfinished());
      assertEquals(0, Databases.count(db, "SELECT COUNT(*) FROM fenliu_transfer_move WHERE shop_id = '"
          + shop.id().value() + "'"), "no progress row of the failed save");
    } finally {
      Databases.execute(db, "DROP TRIGGER " + trigger + " ON fenliu_transfer_move", "DROP FUNCTION " + trigger + "()");
    }
  }

  static Map<AccountId, Long> followers(RelationshipStore store) {
    Map<AccountId, Long> counts = new HashMap<>();
    store.forEach(r -> counts.merge(r.follower().orElseThrow(), 1L, Long::sum));
    return counts;
  }

  private static TransferListener listener(Consumer<MoveOutcome> outcomes) {
    return new TransferListener() {
      @Override
      public void moved(PlannedMove move, ExclusiveRelationship after) {}

      @Override
      public void reported(MoveOutcome outcome) {
        outcomes.accept(outcome);
      }
    };
  }

  /** A store whose batch writes throw after the first {@code good} batches: their outcome is unknown (FAILED). */
  static final class FailingStore implements RelationshipStore {
    private final RelationshipStore delegate;
    private final AtomicInteger left;

    FailingStore(RelationshipStore delegate, int good) {
      this.delegate = delegate;
      this.left = new AtomicInteger(good);
    }

    @Override
    public ShopId shop() {
      return delegate.shop();
    }

    @Override
    public Optional<ExclusiveRelationship> read(BuyerId buyer) {
      return delegate.read(buyer);
    }

    @Override
    public Map<BuyerId, ExclusiveRelationship> readAll(Collection<BuyerId> buyers) {
      return delegate.readAll(buyers);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
      throw new IllegalStateException("injected: the database went away");
    }

    @Override
    public List<WriteOutcome> compareAndSetAll(List<Write> writes) {
      if (left.getAndDecrement() > 0) {
        return delegate.compareAndSetAll(writes);
      }
      throw new IllegalStateException("injected: the database went away");
    }

    @Override
    public void insert(ExclusiveRelationship relationship) {
      delegate.insert(relationship);
    }

    @Override
    public void forEachFollowedBy(AccountId follower, Consumer<? super ExclusiveRelationship> action) {
      delegate.forEachFollowedBy(follower, action);
    }

    @Override
    public void forEach(Consumer<? super ExclusiveRelationship> action) {
      delegate.forEach(action);
    }
  }
}
