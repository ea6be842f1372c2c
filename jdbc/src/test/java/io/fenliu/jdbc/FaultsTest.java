package io.fenliu.jdbc;

import static io.fenliu.jdbc.TestShops.ALICE;
import static io.fenliu.jdbc.TestShops.BOB;
import static io.fenliu.jdbc.TestShops.EVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.InvitationSettings;
import io.fenliu.anomaly.Invitations;
import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real faults on a real PostgreSQL, injected by the database itself: a trigger that kills its own connection in
 * the middle of a batch, and one that sleeps past the store's statement timeout, when they meet a buyer listed in
 * a control table. Each is reported per buyer with the reason (R8), nothing else changes, and re-applying the same
 * plan once the fault is gone completes it.
 */
class FaultsTest {
  private static DataSource db;

  @BeforeAll
  static void database() {
    db = Databases.emptyPostgres();
    FenliuSchema.apply(db);
    Databases.execute(db,
        "CREATE TABLE test_fault (buyer_id VARCHAR(128) PRIMARY KEY, kind VARCHAR(16) NOT NULL)",
        "CREATE FUNCTION test_fault() RETURNS trigger AS $$ DECLARE k VARCHAR; BEGIN "
            + "SELECT kind INTO k FROM test_fault WHERE buyer_id = NEW.buyer_id; "
            + "IF k = 'kill' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; "
            + "IF k = 'sleep' THEN PERFORM pg_sleep(5); END IF; "
            + "RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER test_fault BEFORE UPDATE ON fenliu_relationship FOR EACH ROW EXECUTE FUNCTION test_fault()");
  }

  private static TransferPlan planEveryAnomalous(Shop shop, JdbcRelationshipStore store) {
    return TransferPlanner.plan(shop, store, Selection.allAnomalous(), List.of(ALICE, BOB), Distribution.even());
  }

  @Test
  void r8_aConnectionDroppedMidBatchFailsThatChunkWithTheReasonAndReapplyingCompletes() {
    Shop shop = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(600));
    Databases.execute(db, "INSERT INTO test_fault VALUES ('buyer-100', 'kill')");
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
    TransferPlan plan = planEveryAnomalous(shop, store);
    try {
      List<MoveOutcome> first = TestShops.apply(plan, shop, store);
      assertEquals(600, first.size(), "every planned buyer reported once");
      Set<BuyerId> failed = new HashSet<>();
      for (MoveOutcome o : first) {
        if (o.status() == MoveOutcome.Status.FAILED) {
          failed.add(o.move().buyer());
          assertTrue(o.detail().contains("connection"), "the reason names the lost connection: " + o.detail());
        } else {
          assertEquals(MoveOutcome.Status.MOVED, o.status(), o.toString());
        }
      }
      assertTrue(failed.contains(BuyerId.of("buyer-100")), "the chunk holding the killer failed");
      assertTrue(failed.size() < 600, "the other chunks went on: " + failed.size());
      // The killed transaction rolled back: its buyers are untouched, still at version 0 with eve.
      for (BuyerId b : failed) {
        assertEquals(Optional.of(ExclusiveRelationship.of(b, EVE)), store.read(b));
      }
    } finally {
      Databases.execute(db, "DELETE FROM test_fault");
    }
    List<MoveOutcome> second = TestShops.apply(plan, shop, store);
    assertTrue(second.stream().allMatch(o -> o.status() == MoveOutcome.Status.MOVED
        || o.status() == MoveOutcome.Status.ALREADY_AT_TARGET), "re-applying completes");
    long[] moved = new long[1];
    store.forEach(r -> moved[0] += r.isFollowedBy(EVE) ? 0 : 1);
    assertEquals(600, moved[0]);
  }

  @Test
  void r8_aStatementTimeoutFailsThatChunkWithTheReasonAndReapplyingCompletes() {
    Shop shop = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(300));
    Databases.execute(db, "INSERT INTO test_fault VALUES ('buyer-7', 'sleep')");
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).queryTimeout(Duration.ofSeconds(1)).build();
    TransferPlan plan = planEveryAnomalous(shop, store);
    List<MoveOutcome> first;
    try {
      first = TestShops.apply(plan, shop, store);
    } finally {
      Databases.execute(db, "DELETE FROM test_fault");
    }
    MoveOutcome slow = first.stream().filter(o -> o.move().buyer().equals(BuyerId.of("buyer-7"))).findFirst().orElseThrow();
    assertEquals(MoveOutcome.Status.FAILED, slow.status());
    assertTrue(slow.detail().contains("timed out"), "the reason names the timeout: " + slow.detail());
    assertEquals(Optional.of(ExclusiveRelationship.of(BuyerId.of("buyer-7"), EVE)), store.read(BuyerId.of("buyer-7")),
        "the cancelled transaction wrote nothing");
    List<MoveOutcome> second = TestShops.apply(plan, shop, store);
    assertTrue(second.stream().allMatch(o -> o.status() == MoveOutcome.Status.MOVED
        || o.status() == MoveOutcome.Status.ALREADY_AT_TARGET), "re-applying completes: " + second);
  }

  @Test
  void r8_aUniqueKeyViolationOnInsertIsRefusedForThatBuyerWithR8AndChangesNothing() {
    Shop shop = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(3));
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
    InvitationSettings settings = InvitationSettings.of(shop, List.of(ALICE, BOB));
    RuleRefusedException e = assertThrows(RuleRefusedException.class,
        () -> Invitations.acceptInvitation(shop, settings, store, BuyerId.of("buyer-1"), ALICE));
    assertEquals("R8", e.rule());
    assertTrue(e.getMessage().contains("buyer-1") && e.getMessage().contains("followed by eve"), e.getMessage());
    assertEquals(Optional.of(ExclusiveRelationship.of(BuyerId.of("buyer-1"), EVE)), store.read(BuyerId.of("buyer-1")));
    ExclusiveRelationship added = Invitations.acceptInvitation(shop, settings, store, BuyerId.of("buyer-new"), BOB);
    assertEquals(Optional.of(added), store.read(BuyerId.of("buyer-new")), "a new buyer is accepted");
    assertEquals(4, Databases.count(db, "SELECT COUNT(*) FROM fenliu_relationship WHERE shop_id = '" + shop.id() + "'"));
  }
}
