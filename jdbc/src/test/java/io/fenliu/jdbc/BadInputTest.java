package io.fenliu.jdbc;

import static io.fenliu.jdbc.TestShops.ALICE;
import static io.fenliu.jdbc.TestShops.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Bad input (issue 11): a failing DataSource, a missing or other-version schema, a store of another shop, rows a
 * relationship cannot have. Each is a clear exception naming what is wrong and what to do, and no row changes.
 */
class BadInputTest {

  /** A DataSource whose database is down. */
  private static final class Unreachable implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      throw new SQLException("Connection refused: db.internal:5432", "08001");
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }

  @Test
  void aFailingDataSourceIsNamedWithWhatToCheck() {
    DataSource down = new Unreachable();
    for (Runnable build : List.<Runnable>of(
        () -> JdbcRelationshipStore.builder(down, ShopId.of("s")).build(),
        () -> JdbcRecentContactStore.of(down, ShopId.of("s")),
        () -> JdbcOpenConsultationStore.of(down, ShopId.of("s")),
        () -> FenliuSchema.apply(down))) {
      JdbcStoreException e = assertThrows(JdbcStoreException.class, build::run);
      assertTrue(e.getMessage().contains("DataSource gave no connection") && e.getMessage().contains("Connection refused")
          && e.getMessage().contains("check its URL, credentials"), e.getMessage());
    }
  }

  @Test
  void aMissingSchemaIsRefusedWithHowToApplyIt() {
    for (DataSource empty : List.of(Databases.emptyH2(), Databases.emptyPostgres())) {
      JdbcStoreException e = assertThrows(JdbcStoreException.class,
          () -> JdbcRelationshipStore.builder(empty, ShopId.of("s")).build());
      assertTrue(e.getMessage().contains("schema is missing") && e.getMessage().contains("FenliuSchema.apply")
          && e.getMessage().contains("V1__fenliu.sql"), e.getMessage());
      assertTrue(FenliuSchema.apply(empty), "created");
      assertEquals(false, FenliuSchema.apply(empty), "applying again changes nothing");
      JdbcRelationshipStore.builder(empty, ShopId.of("s")).build();
    }
  }

  @Test
  void anotherSchemaVersionIsRefusedWithWhatToDoAndNothingIsWritten() {
    for (DataSource db : List.of(Databases.h2(), Databases.emptyPostgres())) {
      FenliuSchema.apply(db);
      Databases.execute(db, "UPDATE fenliu_schema_version SET version = 4 WHERE component = 'fenliu'");
      for (Runnable build : List.<Runnable>of(
          () -> JdbcRelationshipStore.builder(db, ShopId.of("s")).build(),
          () -> JdbcRecentContactStore.of(db, ShopId.of("s")),
          () -> JdbcOpenConsultationStore.of(db, ShopId.of("s")),
          () -> JdbcTransferPlans.of(db, ShopId.of("s")),
          () -> FenliuSchema.apply(db))) {
        JdbcStoreException e = assertThrows(JdbcStoreException.class, build::run);
        assertTrue(e.getMessage().contains("version 4") && e.getMessage().contains("version " + FenliuSchema.VERSION)
            && e.getMessage().contains("fenliu-jdbc release that wrote it"), e.getMessage());
      }
      assertEquals(0, Databases.count(db, "SELECT COUNT(*) FROM fenliu_relationship"));
    }
  }

  @Test
  void aStoreOfAnotherShopIsRefusedBeforeAnythingIsWritten() {
    DataSource db = Databases.postgresShared();
    Shop shop = TestShops.shop();
    Shop other = TestShops.shop();
    Databases.insertAll(db, shop.id(), TestShops.followedByEve(10));
    Databases.insertAll(db, other.id(), TestShops.followedByEve(10));
    JdbcRelationshipStore mine = JdbcRelationshipStore.builder(db, shop.id()).build();
    JdbcRelationshipStore theirs = JdbcRelationshipStore.builder(db, other.id()).build();
    TransferPlan plan = TransferPlanner.plan(shop, mine, Selection.allAnomalous(), List.of(ALICE), Distribution.even());
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> plan.applyTo(shop, theirs));
    assertTrue(e.getMessage().contains(shop.id().value()) && e.getMessage().contains(other.id().value()), e.getMessage());
    assertThrows(InvalidValueException.class, () -> AnomalyScanner.scan(shop, theirs));
    assertEquals(10, AnomalyScanner.scan(other, theirs).anomalous(), "the other shop's rows are untouched");
    assertEquals(10, Databases.count(db, "SELECT COUNT(*) FROM fenliu_relationship WHERE shop_id = '" + other.id()
        + "' AND version = 0 AND follower_id = 'eve'"));
  }

  /** The repair suggested for a bad row is SQL a DBA can run as it is: ids with quotes are escaped, not pasted. */
  @Test
  void theSuggestedRepairEscapesQuotesInIdsAndRunsAsItIs() {
    DataSource db = Databases.h2();
    ShopId shop = ShopId.of("o'shop");
    BuyerId buyer = BuyerId.of("o'brien'); DROP TABLE fenliu_relationship; --");
    Databases.insertAll(db, shop, List.of(io.fenliu.core.ExclusiveRelationship.of(buyer, BOB),
        io.fenliu.core.ExclusiveRelationship.of(BuyerId.of("o"), BOB)));
    Databases.execute(db, "ALTER TABLE fenliu_relationship DROP CONSTRAINT fenliu_relationship_version_ck",
        "UPDATE fenliu_relationship SET version = -3");
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop).build();
    JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> store.read(buyer));
    String message = e.getMessage();
    assertTrue(message.contains("WHERE shop_id = 'o''shop' AND buyer_id = 'o''brien''); DROP TABLE "
        + "fenliu_relationship; --'"), message);
    String repair = message.substring(message.indexOf("UPDATE fenliu_relationship"), message.indexOf(", and restore"));
    Databases.execute(db, repair);
    assertEquals(0, store.read(buyer).orElseThrow().version(), "the suggested statement repaired exactly that row");
    assertEquals(1, Databases.count(db, "SELECT COUNT(*) FROM fenliu_relationship WHERE version = -3"),
        "and no other");
  }

  @Test
  void aRowWithANegativeVersionIsReportedWithItsKeyAndTheFixAndNothingChanges() {
    for (DataSource db : List.of(Databases.h2(), Databases.emptyPostgres())) {
      FenliuSchema.apply(db);
      Shop shop = TestShops.shop();
      Databases.insertAll(db, shop.id(), TestShops.followedByEve(5));
      // A row written outside Fenliu, after someone dropped the check constraint.
      Databases.execute(db, "ALTER TABLE fenliu_relationship DROP CONSTRAINT fenliu_relationship_version_ck",
          "UPDATE fenliu_relationship SET version = -3 WHERE buyer_id = 'buyer-2'",
          "UPDATE fenliu_relationship SET follower_id = '  ' WHERE buyer_id = 'buyer-4'");
      JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
      JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> store.read(BuyerId.of("buyer-2")));
      assertTrue(e.getMessage().contains("buyer 'buyer-2'") && e.getMessage().contains("version -3")
          && e.getMessage().contains("UPDATE fenliu_relationship SET version = 0"), e.getMessage());
      JdbcStoreException blank = assertThrows(JdbcStoreException.class, () -> store.read(BuyerId.of("buyer-4")));
      assertTrue(blank.getMessage().contains("blank follower id") && blank.getMessage().contains("NULL"),
          blank.getMessage());
      List<Object> seen = new ArrayList<>();
      assertThrows(JdbcStoreException.class, () -> store.forEach(seen::add), "a scan stops at the bad row");
      assertThrows(JdbcStoreException.class, () -> TransferPlanner.plan(shop, store, Selection.allAnomalous(),
          List.of(BOB), Distribution.even()), "no plan is made over a bad row");
      assertEquals(1, Databases.count(db, "SELECT COUNT(*) FROM fenliu_relationship WHERE version = -3"));
      assertEquals(4, Databases.count(db, "SELECT COUNT(*) FROM fenliu_relationship WHERE version = 0"),
          "nothing changed");
    }
  }

  @Test
  void badArgumentsOfTheBuildersAndStoresNameTheValue() {
    DataSource db = Databases.postgresShared();
    JdbcRelationshipStore.Builder b = JdbcRelationshipStore.builder(db, ShopId.of("s"));
    assertTrue(assertThrows(InvalidValueException.class, () -> b.fetchSize(0)).getMessage().contains("fetch size"));
    assertTrue(assertThrows(InvalidValueException.class, () -> b.batchSize(20_000)).getMessage().contains("batch size"));
    assertThrows(InvalidValueException.class, () -> b.queryTimeout(Duration.ofSeconds(-1)));
    assertThrows(NullPointerException.class, () -> JdbcRelationshipStore.builder(null, ShopId.of("s")));
    JdbcRecentContactStore contacts = JdbcRecentContactStore.of(db, ShopId.of("s"));
    assertThrows(InvalidValueException.class,
        () -> contacts.record(BuyerId.of("b"), ALICE, Instant.MAX), "an instant no column can hold");
    assertThrows(InvalidValueException.class,
        () -> contacts.recentContact(BuyerId.of("b"), Instant.now(), Duration.ofDays(-1)));
    JdbcOpenConsultationStore open = JdbcOpenConsultationStore.of(db, ShopId.of("s"));
    assertThrows(NullPointerException.class, () -> open.closed((ConsultationId) null));
  }
}
