package io.fenliu.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.jdbc.FenliuSchema.Dialect;
import java.lang.module.ModuleDescriptor;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The schema files, the helper that applies them, and the module's shape. */
class SchemaTest {
  @Test
  void everyDialectCreatesTheSameTablesAndIndexesAndRecordsItsVersion() {
    for (Dialect d : Dialect.values()) {
      List<String> sql = FenliuSchema.statements(d);
      String all = String.join("\n", sql);
      for (String name : List.of("fenliu_schema_version", "fenliu_relationship", "fenliu_relationship_by_follower",
          "fenliu_recent_contact", "fenliu_open_consultation", "fenliu_relationship_version_ck", "fenliu_shop",
          "fenliu_presence", "fenliu_waiting", "fenliu_queue_exit", "fenliu_transfer_plan", "fenliu_transfer_move")) {
        assertTrue(all.contains(name), d + " lacks " + name);
      }
      List<String> first = FenliuSchema.statements(d, 1);
      assertTrue(first.get(first.size() - 1).contains("VALUES ('fenliu', 1)"), d.toString());
      for (int v = 2; v <= FenliuSchema.VERSION; v++) {
        List<String> migration = FenliuSchema.statements(d, v);
        assertTrue(migration.get(migration.size() - 1).contains("SET version = " + v), d + " V" + v);
      }
      assertEquals(sql.size(), java.util.stream.IntStream.rangeClosed(1, FenliuSchema.VERSION)
          .map(v -> FenliuSchema.statements(d, v).size()).sum(), "every file, once, in order");
      assertTrue(sql.stream().noneMatch(s -> s.endsWith(";") || s.startsWith("--")), d + ": clean statements");
    }
    assertTrue(String.join("\n", FenliuSchema.statements(Dialect.MYSQL)).contains("utf8mb4_bin"),
        "MySQL compares ids exactly");
  }

  /**
   * Every older version is migrated to the current one by running only the later files (1 → 3 runs V2 and V3, 2 → 3
   * runs V3), keeping the rows it held; the migrated database then saves and resumes a transfer plan (R8).
   */
  @Test
  void everyOlderVersionIsMigratedToTheCurrentOneKeepingItsRows() {
    for (int from = 1; from < FenliuSchema.VERSION; from++) {
      for (DataSource db : List.of(Databases.emptyH2(), Databases.emptyPostgres())) {
        Dialect dialect;
        try (var c = db.getConnection()) {
          dialect = Dialect.ofProduct(c.getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
        for (int v = 1; v <= from; v++) {
          Databases.execute(db, FenliuSchema.statements(dialect, v).toArray(new String[0]));
        }
        Shop shop = TestShops.shop();
        Databases.insertAll(db, shop.id(), TestShops.followedByEve(3));
        int version = from;
        JdbcStoreException old = assertThrows(JdbcStoreException.class, () -> JdbcTransferPlans.of(db, shop.id()));
        assertTrue(old.getMessage().contains("version " + version), old.getMessage());
        assertTrue(FenliuSchema.apply(db), dialect + ": migrated from " + from);
        assertFalse(FenliuSchema.apply(db), "once");
        assertEquals(FenliuSchema.VERSION, Databases.count(db,
            "SELECT version FROM fenliu_schema_version WHERE component = 'fenliu'"));
        JdbcRelationshipStore store = JdbcRelationshipStore.builder(db, shop.id()).build();
        assertEquals(3, JdbcTransferPlansTest.followers(store).get(TestShops.EVE), "the rows are kept");
        JdbcTransferPlans plans = JdbcTransferPlans.of(db, shop.id());
        String id = plans.save(TransferPlanner.plan(shop, store, Selection.allAnomalous(), List.of(TestShops.ALICE),
            Distribution.even()));
        assertTrue(plans.resume(id, () -> shop, store).isComplete());
        assertTrue(plans.progress(id).isDone(), dialect + " from " + from);
      }
    }
  }

  @Test
  void dialectsAreKnownByProductName() {
    assertEquals(Dialect.POSTGRESQL, Dialect.ofProduct("PostgreSQL"));
    assertEquals(Dialect.H2, Dialect.ofProduct("H2"));
    assertEquals(Dialect.MYSQL, Dialect.ofProduct("MySQL"));
    assertEquals(Dialect.MYSQL, Dialect.ofProduct("MariaDB"));
    JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> Dialect.ofProduct("Oracle"));
    assertTrue(e.getMessage().contains("Oracle") && e.getMessage().contains("adapt"), e.getMessage());
  }

  @Test
  void theStoresUseTheIndexesTheSchemaDeclares() {
    DataSource db = Databases.emptyPostgres();
    FenliuSchema.apply(db);
    List<io.fenliu.core.ExclusiveRelationship> rels = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      rels.add(io.fenliu.core.ExclusiveRelationship.of(BuyerId.of("buyer-" + i), io.fenliu.core.AccountId.of("agent-" + i % 50)));
    }
    Databases.insertAll(db, ShopId.of("x"), rels);
    Databases.insertAll(db, ShopId.of("z"), rels);
    Databases.execute(db, "ANALYZE fenliu_relationship");
    String plan = explain(db, "EXPLAIN SELECT buyer_id FROM fenliu_relationship WHERE shop_id = 'x' AND follower_id = 'agent-7'");
    assertTrue(plan.contains("fenliu_relationship_by_follower"), "by follower (R9): " + plan);
    String byBuyer = explain(db, "EXPLAIN SELECT buyer_id FROM fenliu_relationship WHERE shop_id = 'x' AND buyer_id = 'buyer-7'");
    assertTrue(byBuyer.contains("fenliu_relationship_pk"), "by buyer: " + byBuyer);
  }

  private static String explain(DataSource db, String sql) {
    try (var c = db.getConnection(); var st = c.createStatement()) {
      st.execute("SET enable_seqscan = off");
      StringBuilder out = new StringBuilder();
      try (var rs = st.executeQuery(sql)) {
        while (rs.next()) {
          out.append(rs.getString(1)).append('\n');
        }
      }
      st.execute("RESET enable_seqscan");
      return out.toString();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void instantsKeepTheirMicroseconds() {
    DataSource db = Databases.h2();
    JdbcRecentContactStore store = JdbcRecentContactStore.of(db, ShopId.of("s"));
    Instant at = Instant.parse("1969-12-31T23:59:59.123456789Z");
    store.record(BuyerId.of("b"), TestShops.ALICE, at);
    assertEquals(Instant.parse("1969-12-31T23:59:59.123456Z"),
        store.recentContact(BuyerId.of("b"), at.plusSeconds(1), java.time.Duration.ofDays(1)).orElseThrow().at(),
        "truncated toward the past, also before 1970");
    assertEquals(1, store.purgeOlderThan(Instant.parse("1970-01-01T00:00:00Z")));
  }

  @Test
  void jdbcExportsOnlyItsApi() {
    Module module = JdbcRelationshipStore.class.getModule();
    assertEquals("io.fenliu.jdbc", module.getName());
    ModuleDescriptor d = module.getDescriptor();
    assertEquals(Set.of("io.fenliu.jdbc"), d.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet()));
    assertTrue(d.packages().contains("io.fenliu.jdbc.internal"));
    Set<String> requires = d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    assertTrue(requires.containsAll(Set.of("java.sql", "io.fenliu.routing", "io.fenliu.anomaly")), requires.toString());
    assertTrue(requires.stream().noneMatch(r -> r.contains("postgres") || r.contains("h2") || r.contains("caffeine")),
        "no driver, no pool: " + requires);
  }
}
