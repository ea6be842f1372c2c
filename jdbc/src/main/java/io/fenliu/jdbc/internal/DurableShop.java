package io.fenliu.jdbc.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.RecentContact;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.core.UnknownIdException;
import io.fenliu.jdbc.FenliuSchema;
import io.fenliu.jdbc.FenliuSchema.Dialect;
import io.fenliu.jdbc.JdbcStoreException;
import io.fenliu.jdbc.ShopFencedException;
import io.fenliu.jdbc.internal.Transaction.Null;
import io.fenliu.routing.Applied;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.QueueStatus;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RouterSnapshotCodec;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShopEvent;
import io.fenliu.routing.WaitingConsultation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@code DurableRouter}: one shop's {@link Router}, owned at one epoch (R26), whose every event is
 * applied in memory and written in one transaction (R20, R22, R25).
 *
 * <h2>State and what guards it</h2>
 *
 * Everything mutable — {@link #router}, {@link #seq}, {@link #decisions}, {@link #time}, {@link #waitingBuyers},
 * {@link #stale}, {@link #fenced} — is guarded by {@link #lock}, held for the whole of an event: borrow a
 * connection, apply, write, commit. Reads take it too, so they see only committed state. Events of one shop are
 * therefore serialized, one transaction at a time, in the order they are applied: the shop's {@code seq}.
 *
 * <h2>Invariants</h2>
 *
 * <ol>
 *   <li><b>Memory equals the database.</b> Between events, the router's live state, roster, settings and seed equal
 *       what the rows committed at {@link #seq} load into (the open consultations with their decisions, the queue
 *       in order, presence with its times, the decision count and the shop's time). An event is applied in memory
 *       first (the router is the only thing that can say what it does), and its consequences are derived from the
 *       router's answers: the state of every consultation the event or its queue exits touched, before and after.
 *       If anything fails after the in-memory apply — a statement, the commit, the fence — the in-memory router is
 *       thrown away and the shop reloaded from the database ({@link #recover}): never "undo", which would be a
 *       second copy of the router's logic. If the reload finds the event's seq committed (a commit whose answer
 *       was lost), the event is reported applied.
 *   <li><b>One writer per shop (R26).</b> Every transaction starts with an {@code UPDATE} of the shop's row {@code
 *       WHERE owner_epoch = ?} (the fence): a take raises the epoch, so an older owner's fence changes no row and its
 *       transaction is rolled back; and the row lock the fence holds until commit makes a take wait for the
 *       transaction in flight, then load after it. Once fenced, always fenced: {@link #fenced} is set and every
 *       later call throws it without touching the database. On PostgreSQL, in auto-commit mode, the fence is
 *       sent with the event's other statements as one pipeline that the server commits whole at its end, and it is
 *       written to fail when it changes no row ({@link Transaction}): a fenced event writes nothing, and its later
 *       statements never run, so they never wait on the new owner's rows.
 *   <li><b>Counters derived, checked.</b> The shop's decision count grows by one per non-repeated arrival and per
 *       queue exit, and its time is the latest event time (R25); the fence writes both, and tests compare a reload
 *       with the live router, so a change in how the router counts is caught.
 * </ol>
 *
 * What is not written: statistics (configuration of the router, not state), the mean service time behind queue
 * estimates, the clock.
 */
public final class DurableShop {
  private static final Logger LOG = LoggerFactory.getLogger(DurableShop.class);
  /** Arbitrary page and status for the read that asks the router how an open consultation was seated. */
  private static final EntryPage ANY_PAGE = EntryPage.values()[0];
  private static final OrderStatus ANY_STATUS = OrderStatus.values()[0];

  private final DataSource dataSource;
  private final ShopId shop;
  private final DurableSql sql;
  private final long epoch;
  private final Clock clock;
  private final boolean recordStats;
  private final int queryTimeoutSeconds;
  private final ReentrantLock lock = new ReentrantLock();

  private Router router;
  private long seed;
  private long seq;
  private long decisions;
  private @Nullable Instant time;
  /** The buyer of every waiting consultation: which consultations wait, without asking for the whole queue (R22). */
  private final Map<ConsultationId, BuyerId> waitingBuyers = new HashMap<>();
  /** The in-memory router may differ from the database: reload before the next call. */
  private boolean stale;
  private @Nullable ShopFencedException fenced;

  private DurableShop(DataSource dataSource, ShopId shop, DurableSql sql, long epoch, Clock clock, boolean recordStats,
      int queryTimeoutSeconds, Loaded loaded) {
    this.dataSource = dataSource;
    this.shop = shop;
    this.sql = sql;
    this.epoch = epoch;
    this.clock = clock;
    this.recordStats = recordStats;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.router = install(loaded);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Taking a shop (R26)

  /** What creating a shop needs when it has no row yet. */
  public record Initial(Shop shop, RoutingSettings settings, long seed) {}

  /**
   * Takes {@code shop}: raises its epoch (creating the row from {@code initial} when there is none and one is given),
   * loads it in the same transaction, and returns its router.
   */
  public static DurableShop take(DataSource dataSource, ShopId shop, @Nullable Initial initial, Clock clock,
      boolean recordStats, int queryTimeoutSeconds) {
    FenliuSchema.verify(dataSource);
    byte[] config = initial == null ? null
        : RouterSnapshotCodec.encode(RouterSnapshot.of(initial.shop(), initial.settings(), LiveState.empty(),
            initial.seed()));
    if (initial != null) {
      // Refused here, before the shop exists, rather than by the first load.
      Router.builder(initial.shop(), initial.settings()).seed(initial.seed()).build();
    }
    for (int attempt = 0; ; attempt++) {
      Optional<Taken> took = Sql.withConnection(dataSource, "take shop " + shop, c -> takeOnce(c, shop, config,
          queryTimeoutSeconds));
      if (took.isPresent()) {
        Taken taken = took.get();
        DurableShop d = new DurableShop(dataSource, shop, DurableSql.of(taken.dialect), taken.loaded.epoch, clock,
            recordStats, queryTimeoutSeconds, taken.loaded);
        LOG.info("shop {} taken at epoch {} (seq {}, {} open, {} waiting)", shop, taken.loaded.epoch,
            taken.loaded.seq, taken.loaded.open.size(), taken.loaded.waiting.size());
        return d;
      }
      if (attempt > 0) {
        throw new JdbcStoreException("could not take shop " + shop + ": it was created and deleted while taken; "
            + "try again", null);
      }
    }
  }

  private record Taken(Dialect dialect, Loaded loaded) {}

  /** One take; empty when another node created the shop at the same moment (then take again). */
  private static Optional<Taken> takeOnce(Connection c, ShopId shop, byte @Nullable [] config, int timeout)
      throws SQLException {
    Dialect dialect = Dialect.ofProduct(c.getMetaData().getDatabaseProductName());
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      int raised;
      try (PreparedStatement st = Sql.timed(c.prepareStatement(DurableSql.TAKE), timeout)) {
        st.setString(1, shop.value());
        raised = st.executeUpdate();
      }
      if (raised == 0) {
        if (config == null) {
          c.rollback();
          throw new UnknownIdException(shop.value(), shop.value(), "shop " + shop + " has no durable router in "
              + "this database (no fenliu_shop row): create it with DurableRouter.builder(dataSource, shop)"
              + ".createIfAbsent(roster, settings)");
        }
        try (PreparedStatement st = Sql.timed(c.prepareStatement(DurableSql.CREATE), timeout)) {
          st.setString(1, shop.value());
          st.setBytes(2, config);
          st.executeUpdate();
        } catch (SQLException e) {
          if (!Sql.isUniqueViolation(e)) {
            throw e;
          }
          c.rollback();
          return Optional.empty();
        }
      }
      Loaded loaded = load(c, shop, timeout);
      c.commit();
      return Optional.of(new Taken(dialect, loaded));
    } catch (SQLException | RuntimeException e) {
      Sql.rollbackQuietly(c, e);
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Loading

  /** The rows of one shop, as read in one transaction that holds the shop's row. */
  private record Loaded(long epoch, long seq, long decisions, @Nullable Instant time, RouterSnapshot config,
      Map<AccountId, Presence> presence, Map<AccountId, Instant> presenceAt, List<OpenConsultation> open,
      Map<ConsultationId, RoutingDecision> openDecisions, List<WaitingConsultation> waiting) {}

  private static Loaded load(Connection c, ShopId shop, int timeout) throws SQLException {
    long epoch;
    long seq;
    long decisions;
    Instant time;
    byte[] config;
    try (PreparedStatement st = Sql.timed(c.prepareStatement(DurableSql.READ_SHOP), timeout)) {
      st.setString(1, shop.value());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          throw new UnknownIdException(shop.value(), shop.value(), "shop " + shop + " has no fenliu_shop row");
        }
        epoch = rs.getLong(1);
        seq = rs.getLong(2);
        decisions = rs.getLong(3);
        long s = rs.getLong(4);
        time = rs.wasNull() ? null : Instant.ofEpochSecond(s, rs.getInt(5));
        config = rs.getBytes(6);
      }
    }
    if (config == null) {
      throw new JdbcStoreException("the fenliu_shop row of shop " + shop + " has no config: it was not written by "
          + "Fenliu; delete the row and create the shop again", null);
    }
    RouterSnapshot snapshot = RouterSnapshotCodec.decode(config);
    if (!snapshot.shop().id().equals(shop)) {
      throw new JdbcStoreException("the fenliu_shop row of shop " + shop + " holds the roster of shop "
          + snapshot.shop().id() + ": it was not written by Fenliu; nothing was changed", null);
    }
    Map<AccountId, Presence> presence = new LinkedHashMap<>();
    Map<AccountId, Instant> presenceAt = new LinkedHashMap<>();
    for (SubAccount a : snapshot.shop().subAccounts()) {
      presence.put(a.id(), Presence.OFFLINE);
    }
    forEach(c, DurableSql.PRESENCE_READ, shop, timeout, rs -> {
      AccountId agent = AccountId.of(text(rs, 1, shop, "fenliu_presence", "agent_id"));
      if (presence.containsKey(agent)) {
        presence.put(agent, Presence.valueOf(text(rs, 2, shop, "fenliu_presence", "presence")));
        presenceAt.put(agent, Instant.ofEpochSecond(rs.getLong(3), rs.getInt(4)));
      } else {
        LOG.warn("shop {}: presence row of {}, who is not on the roster, ignored", shop, agent);
      }
    });
    List<OpenConsultation> open = new ArrayList<>();
    Map<ConsultationId, RoutingDecision> openDecisions = new HashMap<>();
    forEach(c, DurableSql.OPEN_READ, shop, timeout, rs -> {
      ConsultationId id = ConsultationId.of(text(rs, 1, shop, "fenliu_open_consultation", "consultation_id"));
      AccountId agent = AccountId.of(text(rs, 3, shop, "fenliu_open_consultation", "agent_id"));
      open.add(new OpenConsultation(id, BuyerId.of(text(rs, 2, shop, "fenliu_open_consultation", "buyer_id")), agent,
          Sql.instant(rs.getLong(4))));
      String step = rs.getString(5);
      String reason = rs.getString(6);
      if (step != null && reason != null) {
        openDecisions.put(id, RoutingDecision.of(Optional.of(agent), RoutingStep.valueOf(step), reason));
      }
    });
    List<WaitingConsultation> waiting = new ArrayList<>();
    forEach(c, DurableSql.WAITING_READ, shop, timeout, rs -> {
      Consultation w = Consultation.of(ConsultationId.of(text(rs, 1, shop, "fenliu_waiting", "consultation_id")),
          BuyerId.of(text(rs, 2, shop, "fenliu_waiting", "buyer_id")),
          EntryPage.valueOf(text(rs, 3, shop, "fenliu_waiting", "entry_page")),
          OrderStatus.valueOf(text(rs, 4, shop, "fenliu_waiting", "order_status")));
      long since = rs.getLong(5);
      long arrivedS = rs.getLong(6);
      if (!rs.wasNull()) {
        w = w.arrivedAt(Instant.ofEpochSecond(arrivedS, rs.getInt(7)));
      }
      String recent = rs.getString(8);
      if (recent != null) {
        w = w.withRecentContact(AccountId.of(recent), Instant.ofEpochSecond(rs.getLong(9), rs.getInt(10)));
      }
      String follower = rs.getString(11);
      if (follower != null) {
        w = w.withExclusiveFollower(AccountId.of(follower));
      }
      waiting.add(new WaitingConsultation(w, Instant.ofEpochMilli(since)));
    });
    return new Loaded(epoch, seq, decisions, time, snapshot, presence, presenceAt, open, openDecisions, waiting);
  }

  @FunctionalInterface
  private interface RowReader {
    void row(ResultSet rs) throws SQLException;
  }

  private static void forEach(Connection c, String query, ShopId shop, int timeout, RowReader reader)
      throws SQLException {
    try (PreparedStatement st = Sql.timed(c.prepareStatement(query), timeout)) {
      st.setString(1, shop.value());
      // No fetch size: a shop's rows are few (its seats and queue), and a cursor would cost a round trip per batch.
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          reader.row(rs);
        }
      }
    }
  }

  private static String text(ResultSet rs, int column, ShopId shop, String table, String name) throws SQLException {
    String v = rs.getString(column);
    if (v == null || v.isBlank()) {
      throw Rows.blank(table, shop, String.valueOf(rs.getString(1)), name);
    }
    return v;
  }

  /** Builds the router from loaded rows and sets the counters; the rows are the truth (R20). */
  private Router install(Loaded l) {
    LiveState live = LiveState.of(l.presence, l.presenceAt, l.open, l.waiting).withDecisions(l.decisions)
        .withOpenDecisions(l.openDecisions);
    Instant t = l.time;
    if (t != null) {
      live = live.withTime(t);
    }
    Router.Builder b = Router.builder(l.config.shop(), l.config.settings()).liveState(live).seed(l.config.seed())
        .clock(clock);
    if (recordStats) {
      b.recordStats();
    }
    Router built = b.build();
    if (built.queueLength() != l.waiting.size()) {
      // The rows broke the queue's invariant (someone wrote them by hand): the router seated waiting consultations
      // while loading, which no row says. Refused, rather than diverging from the database from the start.
      throw new JdbcStoreException("the queue rows of shop " + shop + " hold consultations that could be seated at "
          + "once (" + l.waiting.size() + " waiting, " + built.queueLength() + " after loading): they were not written "
          + "by a durable router; fix the rows or their agents' presence", null);
    }
    this.seed = l.config.seed();
    this.seq = l.seq;
    this.decisions = l.decisions;
    this.time = t;
    waitingBuyers.clear();
    for (WaitingConsultation w : l.waiting) {
      waitingBuyers.put(w.consultation().id(), w.consultation().buyer());
    }
    return built;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Events

  /** Applies one event and commits every consequence in one transaction; see the class comment. */
  public Applied apply(ShopEvent event) {
    lock.lock();
    try {
      usable();
      if (!event.shop().equals(shop)) {
        throw new InvalidValueException("event", "R25", "this durable router owns shop " + shop + ", not shop "
            + event.shop() + " (R25): " + event);
      }
      Connection c = borrow("apply " + kind(event) + " to shop " + shop);
      @Nullable Applied applied = null;
      long next = seq + 1;
      boolean closed = false;
      try {
        Map<ConsultationId, Before> before = before(event);
        applied = router.apply(event);
        Write w = consequences(event, applied, before, next);
        boolean autoCommit = c.getAutoCommit();
        if (sql.pipelined() && autoCommit) {
          // One round trip that commits itself, or writes nothing (Transaction).
          if (!w.tx.runCommitting(c, queryTimeoutSeconds)) {
            throw fencedNow(c, null);
          }
        } else {
          c.setAutoCommit(false);
          try {
            if (!w.tx.run(c, queryTimeoutSeconds)) {
              c.rollback();
              throw fencedNow(c, null);
            }
            c.commit();
          } catch (SQLException | RuntimeException | Error e) {
            // Before auto-commit is restored: turning it back on commits whatever the transaction holds.
            rollbackQuietly(c, e);
            throw e;
          } finally {
            restoreAutoCommit(c, autoCommit);
          }
        }
        seq = next;
        decisions = w.decisions;
        time = w.time;
        w.waitingAfter.forEach((id, buyer) -> {
          if (buyer.isPresent()) {
            waitingBuyers.put(id, buyer.get());
          } else {
            waitingBuyers.remove(id);
          }
        });
        return applied;
      } catch (ShopFencedException e) {
        fenced = e;
        throw e;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        closeQuietly(c, e);
        closed = true;
        return recover(e, next, applied, event);
      } finally {
        if (!closed) {
          closeQuietly(c, null);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private static String kind(ShopEvent e) {
    return e.getClass().getSimpleName();
  }

  /** Refuses when fenced; reloads a router that may differ from the database. Under the lock. */
  private void usable() {
    ShopFencedException f = fenced;
    if (f != null) {
      throw new ShopFencedException(f.shop(), f.epoch(), f.currentEpoch(), f);
    }
    if (stale) {
      reload();
    }
  }

  private Connection borrow(String what) {
    try {
      return dataSource.getConnection();
    } catch (SQLException | RuntimeException e) {
      throw new JdbcStoreException("could not " + what + ": the DataSource gave no connection (" + e
          + "); nothing was applied or written; check that the database is up, then try again", e);
    }
  }

  /**
   * After a failure with the in-memory router possibly ahead of the database: reload, and answer {@code applied} if
   * the reload shows the event's seq committed (a lost commit answer); otherwise throw. Under the lock.
   */
  private Applied recover(Throwable failure, long attempted, @Nullable Applied applied, ShopEvent event) {
    stale = true;
    try {
      reload();
    } catch (ShopFencedException f) {
      fenced = f;
      f.addSuppressed(failure);
      throw f;
    } catch (RuntimeException r) {
      r.addSuppressed(failure);
      throw new JdbcStoreException("could not apply " + kind(event) + " to shop " + shop + " (" + failure + "), nor "
          + "reload the shop afterwards: whether the event was written is unknown; the next call reloads the shop "
          + "from the database first, and the shop's seq tells (" + attempted + " if it was written)", r);
    }
    if (seq == attempted && applied != null) {
      LOG.warn("shop {}: the commit of seq {} reported a failure but was written; the event is applied", shop,
          attempted, failure);
      return applied;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure instanceof SQLException e) {
      JdbcStoreException j = Sql.failure("apply " + kind(event) + " to shop " + shop, e);
      throw new JdbcStoreException(j.getMessage() + "; nothing was written, and the shop was reloaded from the "
          + "database", e);
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    throw new IllegalStateException(failure);
  }

  /** Reloads the router from the database, holding the shop's row under this epoch's fence. Under the lock. */
  private void reload() {
    Loaded l = Sql.withConnection(dataSource, "reload shop " + shop, c -> Sql.inTransaction(c, () -> {
      try (PreparedStatement st = Sql.timed(c.prepareStatement(DurableSql.HOLD), queryTimeoutSeconds)) {
        st.setString(1, shop.value());
        st.setLong(2, epoch);
        if (st.executeUpdate() != 1) {
          c.rollback();
          throw fencedNow(c, null);
        }
      }
      return load(c, shop, queryTimeoutSeconds);
    }));
    router = install(l);
    stale = false;
  }

  /** The refusal of a write whose fence changed no row, with the epoch the database holds now. */
  private ShopFencedException fencedNow(Connection c, @Nullable Throwable cause) throws SQLException {
    long current = 0;
    try (PreparedStatement st = Sql.timed(c.prepareStatement(DurableSql.READ_EPOCH), queryTimeoutSeconds)) {
      st.setString(1, shop.value());
      try (ResultSet rs = st.executeQuery()) {
        if (rs.next()) {
          current = rs.getLong(1);
        }
      }
    }
    if (current == epoch) {
      // Same epoch, other seq: a second router took no new epoch yet wrote; not a fence, a broken invariant.
      throw new JdbcStoreException("shop " + shop + " was written at epoch " + epoch + " by another router than this "
          + "one (its seq is not " + seq + "): two routers share one epoch, which a take never allows; this one "
          + "reloads the shop", null);
    }
    return new ShopFencedException(shop, epoch, current > epoch ? current : 0, cause);
  }

  private static void restoreAutoCommit(Connection c, boolean autoCommit) throws SQLException {
    if (autoCommit) {
      c.setAutoCommit(true);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(Connection c, @Nullable Throwable cause) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      } else {
        LOG.debug("closing a connection failed", e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Consequences

  /** Where a consultation stood before the event. */
  private enum Where { NONE, OPEN, WAITING }

  private record Before(Where where, @Nullable OpenConsultation open) {}

  /** The transaction of one event, and the counters and waiting buyers it commits. */
  private record Write(Transaction tx, long decisions, Instant time, Map<ConsultationId, Optional<BuyerId>> waitingAfter) {}

  /** Where each consultation the event names stood before it. Under the lock, before the apply. */
  private Map<ConsultationId, Before> before(ShopEvent e) {
    Map<ConsultationId, Before> b = new LinkedHashMap<>();
    for (ConsultationId id : named(e)) {
      b.put(id, where(id));
    }
    return b;
  }

  private Before where(ConsultationId id) {
    Optional<OpenConsultation> o = router.openConsultation(id);
    if (o.isPresent()) {
      return new Before(Where.OPEN, o.get());
    }
    return new Before(waitingBuyers.containsKey(id) ? Where.WAITING : Where.NONE, null);
  }

  private static List<ConsultationId> named(ShopEvent e) {
    if (e instanceof ShopEvent.Arrived a) {
      return List.of(a.consultation().id());
    } else if (e instanceof ShopEvent.Ended x) {
      return List.of(x.consultation());
    } else if (e instanceof ShopEvent.Withdrawn x) {
      return List.of(x.consultation());
    } else if (e instanceof ShopEvent.SeatedByHost x) {
      return List.of(x.consultation());
    } else if (e instanceof ShopEvent.Restored x) {
      List<ConsultationId> ids = new ArrayList<>();
      for (OpenConsultation o : x.open()) {
        ids.add(o.id());
      }
      return ids;
    }
    return List.of();
  }

  /**
   * Every row the event changed, derived from the router's answers before and after (see the class comment), in
   * one transaction led by the fence.
   */
  private Write consequences(ShopEvent event, Applied applied, Map<ConsultationId, Before> before, long next) {
    Instant at = applied.event().time().orElseThrow(
        () -> new IllegalStateException("an applied event always states its time (R25): " + applied.event()));
    Instant last = time;
    Instant now = last != null && at.isBefore(last) ? last : at;
    boolean arrived = event instanceof ShopEvent.Arrived && applied.decision().isPresent()
        && !applied.decision().get().isRepeat();
    long nextDecisions = decisions + (arrived ? 1 : 0) + applied.exits().size();
    boolean config = applied.refusal().isEmpty() && (event instanceof ShopEvent.AccountChanged
        || event instanceof ShopEvent.AccountRemoved || event instanceof ShopEvent.SettingsChanged);

    Transaction tx = new Transaction();
    String s = shop.value();
    if (config) {
      byte[] doc = RouterSnapshotCodec.encode(RouterSnapshot.of(router.shop(), router.settings(), LiveState.empty(),
          seed));
      tx.add(DurableSql.FENCE_CONFIG, next, nextDecisions, now.getEpochSecond(), now.getNano(), doc, s, epoch, seq);
    } else {
      tx.add(DurableSql.FENCE, next, nextDecisions, now.getEpochSecond(), now.getNano(), s, epoch, seq);
    }

    // Every consultation touched: those the event names, then those that left the queue (they waited before).
    Map<ConsultationId, Before> touched = new LinkedHashMap<>(before);
    Set<ConsultationId> exited = new HashSet<>();
    for (QueueExit x : applied.exits()) {
      exited.add(x.consultation());
      touched.putIfAbsent(x.consultation(), new Before(Where.WAITING, null));
    }
    // A restore hands back the host's own seats: its rows take the "restored" decision, and no new contact (R18).
    boolean restore = event instanceof ShopEvent.Restored;
    Map<ConsultationId, Optional<BuyerId>> waitingAfter = new LinkedHashMap<>();
    for (Map.Entry<ConsultationId, Before> entry : touched.entrySet()) {
      ConsultationId id = entry.getKey();
      Before b = entry.getValue();
      Optional<OpenConsultation> open = router.openConsultation(id);
      Optional<QueueStatus> waiting = open.isPresent() ? Optional.empty() : router.queueStatus(id);
      boolean left = exited.contains(id);
      boolean restored = restore && before.containsKey(id);
      if (b.where() == Where.WAITING && (waiting.isEmpty() || left)) {
        tx.add(DurableSql.WAITING_DELETE, s, id.value());
        waitingAfter.put(id, Optional.empty());
      }
      if (waiting.isPresent() && (b.where() != Where.WAITING || left)) {
        Consultation c = ((ShopEvent.Arrived) applied.event()).consultation();
        tx.add(DurableSql.WAITING_INSERT, waitingRow(s, c, next, waiting.get().waitingSince()));
        waitingAfter.put(id, Optional.of(c.buyer()));
      }
      OpenConsultation was = b.open();
      if (was != null && open.isEmpty()) {
        tx.add(DurableSql.OPEN_DELETE, s, id.value());
      }
      if (open.isPresent()) {
        OpenConsultation o = open.get();
        boolean moved = was != null && (!was.agent().equals(o.agent()) || !was.seatedAt().equals(o.seatedAt()));
        if (was == null || moved || restored) {
          RoutingDecision d = seatedBy(o);
          long micros = Sql.micros(o.seatedAt(), "seated at");
          if (was == null) {
            tx.add(DurableSql.OPEN_INSERT, s, id.value(), o.buyer().value(), o.agent().value(), micros,
                d.step().name(), d.reason());
          } else {
            tx.add(DurableSql.OPEN_UPDATE, o.buyer().value(), o.agent().value(), micros, d.step().name(), d.reason(),
                s, id.value());
          }
          if (!restored && (was == null || !was.agent().equals(o.agent()))) {
            tx.add(sql.contactUpsert(), s, o.buyer().value(), o.agent().value(), micros);
          }
        }
      }
    }
    int idx = 0;
    for (QueueExit x : applied.exits()) {
      RoutingDecision d = x.decision();
      Optional<Instant> seated = x.seatedAt();
      tx.add(DurableSql.EXIT_INSERT, s, next, idx++, x.consultation().value(), x.buyer().value(), d.step().name(),
          Transaction.orNull(d.agent().map(AccountId::value).orElse(null), Null.STRING), d.reason(),
          x.waited().toMillis(), seated.isPresent() ? (Object) Sql.micros(seated.get(), "seated at") : Null.LONG);
    }
    if (event instanceof ShopEvent.PresenceChanged p && applied.changed()) {
      tx.add(sql.presenceUpsert(), s, p.agent().value(), p.presence().name(), at.getEpochSecond(), at.getNano());
    }
    if (event instanceof ShopEvent.AccountRemoved r && applied.refusal().isEmpty()) {
      tx.add(DurableSql.PRESENCE_DELETE, s, r.agent().value());
    }
    return new Write(tx, nextDecisions, now, waitingAfter);
  }

  private static Object[] waitingRow(String shop, Consultation c, long queueSeq, Instant since) {
    // Seconds and the nanosecond adjustment within them: the two columns together are the instant, exactly.
    Instant arrived = c.arrivedAt().orElse(null);
    RecentContact recent = c.recentContact().orElse(null);
    Instant recentAt = recent == null ? null : recent.at();
    return new Object[] {shop, c.id().value(), queueSeq, c.buyer().value(), c.entryPage().name(),
        c.orderStatus().name(), since.toEpochMilli(),
        arrived == null ? Null.LONG : (Object) arrived.getEpochSecond(),
        arrived == null ? Null.INT : (Object) arrived.getNano(),
        recent == null ? Null.STRING : recent.agent().value(),
        recentAt == null ? Null.LONG : (Object) recentAt.getEpochSecond(),
        recentAt == null ? Null.INT : (Object) recentAt.getNano(),
        Transaction.orNull(c.exclusiveFollower().map(AccountId::value).orElse(null), Null.STRING)};
  }

  /**
   * The decision that seated {@code o}, as the router keeps it (R19): a preview of an open id answers with it,
   * marked as a repeat; stored unmarked, as a reload gives it back.
   */
  private RoutingDecision seatedBy(OpenConsultation o) {
    RoutingDecision d = router.preview(Consultation.of(o.id(), o.buyer(), ANY_PAGE, ANY_STATUS));
    return RoutingDecision.of(d.agent(), d.step(), d.reason());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reads: committed state only, under the lock

  /** Runs {@code read} on the router under the lock, after reloading it if it may differ from the database. */
  public <T> T read(Function<Router, T> read) {
    lock.lock();
    try {
      usable();
      return read.apply(router);
    } finally {
      lock.unlock();
    }
  }

  /** The epoch this router owns the shop at. */
  public long epoch() {
    return epoch;
  }

  /** The shop. */
  public ShopId shop() {
    return shop;
  }

  /** How many events the shop has committed; reloads first when a failed write left that unknown. */
  public long seq() {
    lock.lock();
    try {
      usable();
      return seq;
    } finally {
      lock.unlock();
    }
  }

  /** The router's statistics, when recorded; never reloads. */
  public RouterStats stats() {
    lock.lock();
    try {
      return router.stats();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a newer owner took the shop (as far as this router has learnt). */
  public boolean isFenced() {
    lock.lock();
    try {
      return fenced != null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "DurableShop[" + shop + ", epoch " + epoch + "]";
  }
}
