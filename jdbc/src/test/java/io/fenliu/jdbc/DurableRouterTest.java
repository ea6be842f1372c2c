package io.fenliu.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import io.fenliu.routing.Applied;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShopEvent;
import io.fenliu.routing.WaitingConsultation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The durable router on PostgreSQL and H2 (R20, R22, R25, R26): every event committed whole, a reload equal to the
 * router that committed it, two round trips for a seated route, fenced old owners, failures that leave nothing.
 */
class DurableRouterTest {
  private static final AtomicInteger SHOPS = new AtomicInteger();
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00.123456789Z");

  static ShopId newShop(String kind) {
    return ShopId.of("durable-" + kind + "-" + SHOPS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime()));
  }

  private static List<DataSource> databases() {
    return List.of(Databases.h2(), Databases.postgresShared());
  }

  /** The dialects' SQL differs (upserts), so the exactness check runs on MariaDB too. */
  private static List<DataSource> everyDialect() {
    return List.of(Databases.h2(), Databases.postgresShared(), Databases.mariaDbShared());
  }

  static List<ConsultationId> openIds(Router r) {
    List<ConsultationId> ids = new ArrayList<>();
    for (OpenConsultation o : r.openConsultations()) {
      ids.add(o.id());
    }
    return ids;
  }

  static List<ConsultationId> waitingIds(Router r) {
    List<ConsultationId> ids = new ArrayList<>();
    for (WaitingConsultation w : r.liveState().waiting()) {
      ids.add(w.consultation().id());
    }
    return ids;
  }

  @Test
  void everyHandOverLoadsExactlyWhatTheRouterCommitted() {
    for (DataSource db : everyDialect()) {
      ShopId id = newShop("exact");
      Shop roster = DurableWorkload.roster(id);
      DurableRouter durable = DurableRouter.builder(db, id).createIfAbsent(roster, DurableWorkload.settings()).seed(7)
          .take();
      assertEquals(1, durable.epoch());
      Router reference = Router.builder(roster, DurableWorkload.settings()).seed(7).build();
      DurableWorkload work = new DurableWorkload(11, "c", true);
      Instant t = T0;
      int exits = 0;
      int mostOpen = 0;
      for (int i = 1; i <= 300; i++) {
        t = t.plusMillis(700);
        ShopEvent e = work.next(id, t, openIds(reference), waitingIds(reference));
        Applied expected = reference.apply(e);
        assertEquals(expected, durable.apply(e), "event " + i + " on " + db);
        exits += expected.exits().size();
        for (io.fenliu.routing.QueueExit x : expected.exits()) {
          assertEquals(x.decision().holdsSeat() ? reference.openConsultation(x.consultation()).map(o -> o.seatedAt())
              : java.util.Optional.empty(), x.seatedAt(), "an exit's seat time is its seat's (R20, R22)");
        }
        mostOpen = Math.max(mostOpen, reference.openConsultations().size());
        assertEquals(i, durable.sequence());
        if (i % 75 == 0) {
          DurableRouter next = DurableRouter.builder(db, id).take();
          assertEquals(durable.epoch() + 1, next.epoch(), "a take raises the epoch (R26)");
          assertEquals(reference.snapshot(), next.snapshot(), "a reload is the router that committed (R25), at " + i);
          assertRowsAre(db, id, reference);
          DurableRouter old = durable;
          ShopFencedException f = assertThrows(ShopFencedException.class, () -> old.advanceTo(T0));
          assertEquals(List.of(id, old.epoch(), next.epoch()), List.of(f.shop(), f.epoch(), f.currentEpoch()));
          durable = next;
        }
      }
      assertTrue(exits > 10 && mostOpen >= 6, "the queue and the seats were busy: " + exits + " exits, " + mostOpen
          + " open at most");
      assertEquals(exits, Databases.count(db, "SELECT COUNT(*) FROM fenliu_queue_exit WHERE shop_id = '"
          + id.value() + "'"), "every queue exit is in the outbox");
      assertEquals(0, Databases.count(db, "SELECT COUNT(*) FROM fenliu_queue_exit x WHERE x.shop_id = '" + id.value()
          + "' AND ((x.seated_at_us IS NULL) = (x.step IN ('RECENT_AGENT', 'EXCLUSIVE_FOLLOWER', 'PAGE_SET', "
          + "'MATCHED_GROUP', 'OTHER_GROUP', 'UNGROUPED', 'ANY_ONLINE')) OR x.buyer_id NOT LIKE 'b%')"),
          "each outbox row names its buyer, and a seat time exactly for a seat");
    }
  }

  /** The open and waiting rows, row for row, equal the router's seats and queue (R20, R22). */
  static void assertRowsAre(DataSource db, ShopId shop, Router expected) {
    Map<String, String> open = new TreeMap<>();
    for (OpenConsultation o : expected.openConsultations()) {
      open.put(o.id().value(), o.buyer().value() + " " + o.agent().value() + " " + o.seatedAt().toEpochMilli() * 1000);
    }
    Map<String, String> rows = new TreeMap<>();
    List<String> waitingRows = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      try (PreparedStatement st = c.prepareStatement("SELECT consultation_id, buyer_id, agent_id, seated_at_us "
          + "FROM fenliu_open_consultation WHERE shop_id = ?")) {
        st.setString(1, shop.value());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            rows.put(rs.getString(1), rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4));
          }
        }
      }
      try (PreparedStatement st = c.prepareStatement(
          "SELECT consultation_id FROM fenliu_waiting WHERE shop_id = ? ORDER BY queue_seq")) {
        st.setString(1, shop.value());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            waitingRows.add(rs.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(open, rows, "seats row for row (R20)");
    List<String> queue = new ArrayList<>();
    for (ConsultationId w : waitingIds(expected)) {
      queue.add(w.value());
    }
    assertEquals(queue, waitingRows, "the queue row for row, in order (R22)");
  }

  private static Consultation consultation(String id, Instant at) {
    return Consultation.of(ConsultationId.of(id), BuyerId.of("buyer-" + id), EntryPage.SHOP_HOME,
        OrderStatus.NO_ORDER).arrivedAt(at);
  }

  @Test
  void aSeatedRouteAndAnEndCostOneRoundTripEachOnPostgres() {
    CountingDataSource db = new CountingDataSource(Databases.postgresShared());
    ShopId id = newShop("trips");
    DurableRouter durable = DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id),
        DurableWorkload.settings()).take();
    durable.setPresence(DurableWorkload.AGENTS.get(2), Presence.ONLINE, T0);
    for (int i = 0; i < 3; i++) { // the first uses of a statement text cost the same: the driver sends it whole
      db.roundTrips.set(0);
      Applied routed = durable.route(consultation("trip-" + i, T0.plusSeconds(i)));
      assertTrue(routed.decision().orElseThrow().holdsSeat(), routed.toString());
      assertEquals(1, db.roundTrips.get(), "a seated route: its statements and their commit, sent at once");
      db.roundTrips.set(0);
      durable.end(ConsultationId.of("trip-" + i));
      assertEquals(1, db.roundTrips.get(), "an end: its statements and their commit, sent at once");
    }
    assertEquals(0, Databases.count(db, "SELECT COUNT(*) FROM fenliu_open_consultation WHERE shop_id = '"
        + id.value() + "'"));
    assertEquals(1, Databases.count(db, "SELECT COUNT(*) FROM fenliu_recent_contact WHERE shop_id = '" + id.value()
        + "' AND buyer_id = 'buyer-trip-2' AND agent_id = 'a2'"), "the seat's recent contact (R18)");
  }

  @Test
  void aFencedOwnerWritesNothingAndRefusesEveryLaterEvent() {
    for (DataSource db : databases()) {
      ShopId id = newShop("fenced");
      DurableRouter first = DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id),
          DurableWorkload.settings()).take();
      AccountId a0 = DurableWorkload.AGENTS.get(0);
      first.setPresence(a0, Presence.ONLINE, T0);
      first.route(consultation("f-1", T0));
      DurableRouter second = DurableRouter.builder(db, id).take();
      long rows = Databases.count(db, "SELECT COUNT(*) FROM fenliu_open_consultation WHERE shop_id = '"
          + id.value() + "'");
      ShopFencedException e = assertThrows(ShopFencedException.class, () -> first.route(consultation("f-2", T0)));
      assertTrue(e.getMessage().contains(id.value()) && e.getMessage().contains("epoch 1")
          && e.getMessage().contains("epoch 2") && e.getMessage().contains("R26"), e.getMessage());
      assertTrue(first.isFenced());
      assertThrows(ShopFencedException.class, () -> first.end(ConsultationId.of("f-1")), "once fenced, always");
      assertThrows(ShopFencedException.class, first::liveState, "a fenced router answers nothing stale either");
      assertEquals(rows, Databases.count(db, "SELECT COUNT(*) FROM fenliu_open_consultation WHERE shop_id = '"
          + id.value() + "'"), "nothing written");
      assertEquals(1, second.seatsHeld(a0));
      assertEquals(2, second.sequence(), "the new owner goes on from what the old one committed");
      second.end(ConsultationId.of("f-1"));
      assertEquals(0, second.seatsHeld(a0));
    }
  }

  @Test
  void aFailedWriteLeavesNothingAndTheRouterAsTheDatabaseSays() {
    for (DataSource real : databases()) {
      CountingDataSource db = new CountingDataSource(real);
      ShopId id = newShop("fail");
      DurableRouter durable = DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id),
          DurableWorkload.settings()).seed(3).take();
      Router reference = Router.builder(DurableWorkload.roster(id), DurableWorkload.settings()).seed(3).build();
      ShopEvent online = ShopEvent.presenceChanged(id, DurableWorkload.AGENTS.get(1), Presence.ONLINE).at(T0);
      assertEquals(reference.apply(online), durable.apply(online));

      db.failOnce(CountingDataSource.Fault.BEFORE_COMMIT);
      JdbcStoreException lost = assertThrows(JdbcStoreException.class,
          () -> durable.route(consultation("x-1", T0.plusSeconds(1))));
      assertTrue(lost.getMessage().contains("nothing was written") && lost.getMessage().contains("reloaded"),
          lost.getMessage());
      assertEquals(1, durable.sequence());
      assertEquals(reference.snapshot(), durable.snapshot(), "memory as the database says: not seated");
      assertRowsAre(real, id, reference);

      db.failOnce(CountingDataSource.Fault.AFTER_COMMIT);
      ShopEvent e = ShopEvent.arrived(id, consultation("x-2", T0.plusSeconds(2)));
      assertEquals(reference.apply(e), durable.apply(e), "a commit whose answer was lost is found on reload");
      assertEquals(2, durable.sequence());
      assertEquals(reference.snapshot(), durable.snapshot());
      ShopEvent again = ShopEvent.arrived(id, consultation("x-1", T0.plusSeconds(3)));
      assertEquals(reference.apply(again), durable.apply(again), "the failed event, sent again, is applied once");
      assertRowsAre(real, id, reference);
    }
  }

  @Test
  void aStatementThatFailsMidTransactionRollsBackTheFenceToo() {
    CountingDataSource db = new CountingDataSource(Databases.h2()); // one statement per call on H2
    ShopId id = newShop("mid");
    DurableRouter durable = DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id),
        DurableWorkload.settings()).take();
    durable.setPresence(DurableWorkload.AGENTS.get(1), Presence.ONLINE, T0);
    db.failOnce(CountingDataSource.Fault.SECOND_STATEMENT);
    assertThrows(JdbcStoreException.class, () -> durable.route(consultation("m-1", T0)));
    assertEquals(1, Databases.count(db, "SELECT seq FROM fenliu_shop WHERE shop_id = '" + id.value() + "'"),
        "the fence's update was rolled back with the rest");
    assertEquals(0, Databases.count(db, "SELECT COUNT(*) FROM fenliu_open_consultation WHERE shop_id = '"
        + id.value() + "'"));
    assertTrue(durable.openConsultation(ConsultationId.of("m-1")).isEmpty());
    assertTrue(durable.route(consultation("m-1", T0)).decision().orElseThrow().holdsSeat());
  }

  /**
   * On PostgreSQL an event is one pipeline that commits itself at its end: a statement the server refuses after the
   * fence (here the open-consultation insert, against a row written behind the router's back) rolls back the fence
   * and every other statement of the event, not only its own.
   */
  @Test
  void onPostgresAStatementRefusedByTheServerRollsBackTheWholeEvent() {
    DataSource db = Databases.postgresShared();
    ShopId id = newShop("pipe");
    DurableRouter durable = DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id),
        DurableWorkload.settings()).take();
    durable.setPresence(DurableWorkload.AGENTS.get(1), Presence.ONLINE, T0);
    Databases.execute(db, "INSERT INTO fenliu_open_consultation (shop_id, consultation_id, buyer_id, agent_id, "
        + "seated_at_us) VALUES ('" + id.value() + "', 'p-1', 'someone', 'a3', 0)");
    assertThrows(JdbcStoreException.class, () -> durable.route(consultation("p-1", T0)));
    assertEquals(1, Databases.count(db, "SELECT seq FROM fenliu_shop WHERE shop_id = '" + id.value() + "'"),
        "the fence's update was rolled back with the statement that failed");
    assertEquals(0, Databases.count(db, "SELECT COUNT(*) FROM fenliu_recent_contact WHERE shop_id = '" + id.value()
        + "'"), "the contact written after the failed insert was never kept (R18)");
    assertEquals(1, durable.sequence());
  }

  @Test
  void refusalsByARuleAreReturnedAndTheirTimeIsCommitted() {
    DataSource db = Databases.postgresShared();
    ShopId id = newShop("refused");
    DurableRouter durable = DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id),
        DurableWorkload.settings()).take();
    Applied a = durable.seat(ConsultationId.of("r-1"), BuyerId.of("b"), AccountId.of("nobody"));
    assertTrue(a.refusal().isPresent(), a.toString());
    assertEquals(1, durable.sequence(), "the refused event's time passed, and is committed");
    assertEquals(0, Databases.count(db, "SELECT COUNT(*) FROM fenliu_open_consultation WHERE shop_id = '"
        + id.value() + "'"));
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsWritten() {
    DataSource db = Databases.postgresShared();
    ShopId id = newShop("bad");
    UnknownIdException unknown = assertThrows(UnknownIdException.class, () -> DurableRouter.builder(db, id).take());
    assertTrue(unknown.getMessage().contains("createIfAbsent"), unknown.getMessage());

    Shop other = DurableWorkload.roster(newShop("other"));
    InvalidValueException wrongRoster = assertThrows(InvalidValueException.class,
        () -> DurableRouter.builder(db, id).createIfAbsent(other, DurableWorkload.settings()));
    assertTrue(wrongRoster.getMessage().contains(other.id().value()), wrongRoster.getMessage());

    RoutingSettings strangers = RoutingSettings.builder().offlineReceivers(List.of(AccountId.of("stranger"))).build();
    assertThrows(UnknownIdException.class,
        () -> DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id), strangers).take());
    assertEquals(0, Databases.count(db, "SELECT COUNT(*) FROM fenliu_shop WHERE shop_id = '" + id.value() + "'"),
        "a roster and settings that cannot make a router create no shop");

    DurableRouter durable = DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id),
        DurableWorkload.settings()).take();
    InvalidValueException otherShop = assertThrows(InvalidValueException.class,
        () -> durable.apply(ShopEvent.timeAdvanced(other.id(), T0)));
    assertTrue(otherShop.getMessage().contains("R25"), otherShop.getMessage());
    assertEquals(0, durable.sequence(), "nothing written");

    String tooLong = "c".repeat(ConsultationId.MAX_LENGTH + 1);
    InvalidValueException longId = assertThrows(InvalidValueException.class, () -> ConsultationId.of(tooLong));
    assertEquals("consultation id", longId.argument());
    assertThrows(InvalidValueException.class, () -> DurableRouter.builder(db, ShopId.of("s".repeat(129))));
    assertEquals(0, durable.sequence(), "an id over the documented length never reaches the router");
    assertFalse(durable.isFenced());
  }

  @Test
  void aSchemaOfAnotherVersionIsRefusedWithWhatToDo() {
    DataSource newer = Databases.h2();
    int later = FenliuSchema.VERSION + 1;
    Databases.execute(newer, "UPDATE fenliu_schema_version SET version = " + later + " WHERE component = 'fenliu'");
    ShopId v3 = ShopId.of("v3");
    JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> DurableRouter.builder(newer, v3)
        .createIfAbsent(DurableWorkload.roster(v3), DurableWorkload.settings()).take());
    assertTrue(e.getMessage().contains("version " + later) && e.getMessage().contains("fenliu-jdbc release that wrote it"),
        e.getMessage());
    assertEquals(0, Databases.count(newer, "SELECT COUNT(*) FROM fenliu_shop"));
  }

  @Test
  void aVersionOneDatabaseIsRefusedThenMigratedKeepingItsRows() {
    for (DataSource db : List.of(Databases.emptyH2(), Databases.emptyPostgres())) {
      String product;
      try (Connection c = db.getConnection()) {
        product = c.getMetaData().getDatabaseProductName();
      } catch (SQLException x) {
        throw new IllegalStateException(x);
      }
      Databases.execute(db, FenliuSchema.statements(FenliuSchema.Dialect.ofProduct(product), 1)
          .toArray(new String[0]));
      ShopId id = newShop("v1");
      Databases.execute(db, "INSERT INTO fenliu_open_consultation (shop_id, consultation_id, buyer_id, agent_id, "
          + "seated_at_us) VALUES ('" + id.value() + "', 'old', 'b', 'a0', 0)");
      JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> DurableRouter.builder(db, id)
          .createIfAbsent(DurableWorkload.roster(id), DurableWorkload.settings()).take());
      assertTrue(e.getMessage().contains("version 1") && e.getMessage().contains("FenliuSchema.apply"),
          e.getMessage());
      assertTrue(FenliuSchema.apply(db), "migrated");
      assertFalse(FenliuSchema.apply(db), "once");
      List<OpenConsultation> old = new ArrayList<>();
      JdbcOpenConsultationStore.of(db, id).forEachOpen(old::add);
      assertEquals(List.of(ConsultationId.of("old")), old.stream().map(OpenConsultation::id).toList());
      DurableRouter durable = DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id),
          DurableWorkload.settings()).take();
      assertEquals(1, durable.seatsHeld(AccountId.of("a0")), "a version-1 seat is loaded, as restored (R20)");
      assertEquals(RoutingStep.ASSIGNED_BY_HOST, durable.preview(Consultation.of(ConsultationId.of("old"),
          BuyerId.of("b"), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER)).step(), "a seat without its decision");
    }
  }
}
