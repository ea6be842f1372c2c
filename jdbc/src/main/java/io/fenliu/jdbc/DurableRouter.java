package io.fenliu.jdbc;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.core.internal.Require;
import io.fenliu.jdbc.internal.DurableShop;
import io.fenliu.routing.Applied;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.QueueStatus;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One shop's {@link Router} kept in the host's database (R20, R22, R25, R26): every event — a consultation routed,
 * ended or withdrawn, a seat taken by the host, a presence change, a roster or settings change, time passing — is
 * applied to the shop's router and every consequence written in <em>one</em> transaction; after a crash, {@linkplain
 * Builder#take() taking} the shop again loads exactly what was committed. The host writes nothing around it.
 *
 * <pre>{@code
 * FenliuSchema.apply(dataSource);                                  // once: schema version 2 or later
 * DurableRouter shop = DurableRouter.builder(dataSource, shopId)
 *     .createIfAbsent(roster, settings)                            // the first time only
 *     .take();                                                     // raises the owner epoch, loads (R26)
 * shop.setPresence(alice, Presence.ONLINE, at);                    // replay your presence feed
 * Applied a = shop.route(consultation);                            // decided, seated and committed
 * a.exits().forEach(exit -> notifyBuyer(exit));                    // the queue exits the event caused
 * shop.end(consultationId);
 * }</pre>
 *
 * <h2>What one event writes (schema version 2, {@link FenliuSchema})</h2>
 *
 * In one transaction, in this order: the shop's row in {@code fenliu_shop} first — the fence (below), the count of
 * events committed ({@link #sequence()}), the shop's decision count and time (R25), and for a roster or settings
 * change the roster, settings and seed as {@link io.fenliu.routing.RouterSnapshotCodec} bytes — then for every
 * consultation the event or its queue exits touched: its row in {@code fenliu_waiting} (the queue, in order, R22)
 * and in {@code fenliu_open_consultation} (the seat, with the decision that took it, R19, R20); the buyer's latest
 * contact in {@code fenliu_recent_contact} for every new or moved seat (R18); each queue exit in {@code
 * fenliu_queue_exit}, with its buyer, decision, wait and seat time, as an outbox the host reads and purges; and a
 * presence change in {@code fenliu_presence} (R21). On PostgreSQL, with a connection the pool hands out in auto-commit
 * mode (pools' default), an event is <em>one</em> round trip: its statements are sent at once and the server commits
 * them together at the end, or none of them (a seated route is three statements); a connection handed out with
 * auto-commit off costs a second round trip, the commit. On H2 and MySQL/MariaDB each statement is a call of its own,
 * then the commit.
 *
 * <h2>One owner per shop, fenced (R26)</h2>
 *
 * {@link Builder#take()} raises the shop's owner epoch in the database ({@code UPDATE … SET owner_epoch =
 * owner_epoch + 1}) and loads the shop in that same transaction. Every later transaction of this router starts by
 * updating the shop's row {@code WHERE owner_epoch =} its epoch, and holds that row until it commits: once another
 * process has taken the shop, that update changes no row, the transaction is rolled back, and the call throws a
 * {@link ShopFencedException} naming the shop and both epochs — nothing written, and the same answer for every
 * later call. A take waits for a transaction in flight (it needs the row) and loads after it, so the new owner
 * starts from everything the old one committed. A stalled old owner (a pause, a partition) can therefore never
 * seat a consultation twice or overwrite what the new owner wrote. On PostgreSQL, set {@code
 * idle_in_transaction_session_timeout} for the router's connections, so that an owner stalled in the middle of a
 * transaction cannot hold the row — and so a take — for longer than that.
 *
 * <h2>Hand-over and failover</h2>
 *
 * A standby takes the shop ({@code builder(dataSource, shop).take()}) when the host's own failure detector says the
 * owner is gone (a lease it no longer renews, a health check, an operator): the take fences the old owner whatever
 * its state, loads the shop and carries on. A planned move is the same call on the new node. Nothing is lost but
 * the event in flight when the old owner died: its caller got no answer, and the new owner's {@link #sequence()} and
 * rows say whether it was committed (an event either committed whole or left nothing).
 *
 * <h2>When a write fails</h2>
 *
 * The event is applied to the in-memory router first (only the router can say what it does), then written. If the
 * write fails — a statement, the commit, a lost connection — the transaction is rolled back, the in-memory router is
 * thrown away and the shop reloaded from the database, so memory never runs ahead of what was committed; the call
 * throws a {@link JdbcStoreException} (nothing was written), or returns normally if the reload shows that the
 * commit went through after all. If the reload fails too, the next call reloads first. Refusals by a rule (R15, R17,
 * R20, an unknown agent) are not failures: as in the event log, they are returned in {@link Applied#refusal()}, and
 * the time the event carried still passes (what fell due leaves the queue), which is committed.
 *
 * <h2>What the host still owns</h2>
 *
 * <ul>
 *   <li><b>The connection pool.</b> The router borrows a connection from the {@code DataSource} for each event and
 *       gives it back; it keeps none between calls. Size the pool for one connection per shop writing at a time.
 *   <li><b>The presence feed.</b> Presence is written (with its time, so that an older change arriving late is
 *       still ignored after a reload, R21), but agents come and go while no owner runs: after a take, replay the
 *       current presence from your feed, dated, before routing.
 *   <li><b>Deciding who owns a shop</b> (a lease, a partition of your bus, a health check) and sending each event
 *       to the owner. The fence makes a wrong decision harmless, not impossible.
 *   <li><b>Continuity facts.</b> A consultation's recent contact and exclusive follower are stated by the host, as
 *       for {@link Router#route}; the recent contacts this router writes are in {@code fenliu_recent_contact}, where
 *       {@link JdbcRecentContactStore} reads them.
 *   <li><b>Telling buyers about queue exits</b>: from each call's {@link Applied#exits()}, or from the {@code
 *       fenliu_queue_exit} outbox (purge it yourself).
 *   <li><b>Expiry.</b> The router starts no thread: call {@link #advanceTo(Instant)} from your scheduler (any event
 *       expires what fell due, as of its deadline, R22).
 * </ul>
 *
 * <h2>Threads</h2>
 *
 * Thread-safe. Events of one shop are serialized: each holds the shop for its transaction, so one shop commits one
 * event at a time (about one commit's latency each), and shops scale across connections. Reads ({@link #liveState()},
 * {@link #queueStatus}, {@link #preview}, …) see committed state only, and wait for an event in flight.
 *
 * <p>Past one database, or past the write rate of one transaction per event, run the shops in the Flink job, which
 * owns each shop as keyed state with checkpoints: the same router, the same events (R25).
 */
public final class DurableRouter {
  private final DurableShop shop;

  private DurableRouter(DurableShop shop) {
    this.shop = shop;
  }

  /**
   * Starts taking {@code shop} in {@code dataSource}'s database, which must hold the Fenliu schema at {@link
   * FenliuSchema#VERSION}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(DataSource dataSource, ShopId shop) {
    return new Builder(Require.notNull(dataSource, "data source"), Require.notNull(shop, "shop"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Events: each one transaction

  /**
   * Applies one event of the shop's log (R25) and commits every consequence in one transaction; returns what it did,
   * as {@link Router#apply} does. An event without a time is dated by the builder's clock, and {@link
   * Applied#event()} carries that time.
   *
   * @throws io.fenliu.core.InvalidValueException if the event belongs to another shop (R25); nothing is written
   * @throws ShopFencedException if another process took the shop (R26); nothing is written
   * @throws JdbcStoreException if the database failed; nothing is written, and the router is as it was
   * @throws NullPointerException if {@code event} is null
   */
  public Applied apply(ShopEvent event) {
    return shop.apply(Require.notNull(event, "event"));
  }

  /**
   * Routes a consultation (R16–R22) and commits its seat, or its place in the queue; see {@link #apply}. The
   * decision is {@link Applied#decision()}; an id already open or waiting answers with its current outcome as a
   * repeat, and writes nothing but the time (R20).
   */
  public Applied route(Consultation consultation) {
    return apply(ShopEvent.arrived(shop.shop(), Require.notNull(consultation, "consultation")));
  }

  /**
   * Ends a consultation (R20), or takes it out of the queue, and commits the seat freed and the waiting consultations
   * it let in (R22); see {@link #apply}. Ending an id neither open nor waiting is reported, not refused.
   */
  public Applied end(ConsultationId consultation) {
    return apply(ShopEvent.ended(shop.shop(), Require.notNull(consultation, "consultation")));
  }

  /** A waiting buyer left the queue (R22); see {@link #apply}. */
  public Applied withdraw(ConsultationId consultation) {
    return apply(ShopEvent.withdrawn(shop.shop(), Require.notNull(consultation, "consultation")));
  }

  /**
   * The host seated a consultation itself: a manual pick-up or a transfer, which moves the seat (R20); see {@link
   * #apply}. Refused (in {@link Applied#refusal()}) for an agent not ACTIVE or out of routing (R17), or at its
   * limit (R20).
   */
  public Applied seat(ConsultationId consultation, BuyerId buyer, AccountId agent) {
    return apply(ShopEvent.seatedByHost(shop.shop(), Require.notNull(consultation, "consultation"),
        Require.notNull(buyer, "buyer"), Require.notNull(agent, "agent")));
  }

  /**
   * An agent's presence changed at {@code at} (R17, R21): an older change than the agent's last is ignored ({@link
   * Applied#changed()} false); see {@link #apply}.
   */
  public Applied setPresence(AccountId agent, Presence presence, Instant at) {
    return apply(ShopEvent.presenceChanged(shop.shop(), Require.notNull(agent, "agent"),
        Require.notNull(presence, "presence")).at(Require.notNull(at, "presence time")));
  }

  /** A sub-account added or changed (R1, R17, R20); commits the new roster; see {@link #apply}. */
  public Applied updateAccount(SubAccount account) {
    return apply(ShopEvent.accountChanged(shop.shop(), Require.notNull(account, "account")));
  }

  /** A sub-account left the roster (its seats stay until ended or moved); see {@link #apply}. */
  public Applied removeAccount(AccountId agent) {
    return apply(ShopEvent.accountRemoved(shop.shop(), Require.notNull(agent, "agent")));
  }

  /** New settings (R10–R16, R21–R23), refused while R15 forbids the switch; see {@link #apply}. */
  public Applied updateSettings(RoutingSettings settings) {
    return apply(ShopEvent.settingsChanged(shop.shop(), Require.notNull(settings, "settings")));
  }

  /**
   * Time passed: every waiting consultation that waited the shop's maximum by {@code time} leaves the queue, as of
   * its deadline (R22); commits the exits. Call it from the host's scheduler.
   */
  public Applied advanceTo(Instant time) {
    return apply(ShopEvent.timeAdvanced(shop.shop(), Require.notNull(time, "time")));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reads: committed state

  /** The shop. */
  public ShopId shop() {
    return shop.shop();
  }

  /** The owner epoch this router took the shop with (R26). */
  public long epoch() {
    return shop.epoch();
  }

  /**
   * How many events the shop has committed, all owners together: the seq the next event commits as, minus one. After
   * a write whose outcome was unknown, the shop is reloaded first, so the answer is the database's.
   *
   * @throws ShopFencedException if this router learnt that a newer owner took the shop
   * @throws JdbcStoreException if a reload was due and failed
   */
  public long sequence() {
    return shop.seq();
  }

  /**
   * Whether this router learnt that a newer owner took the shop (R26): a write of it was refused. False does not
   * prove ownership; only a write does.
   */
  public boolean isFenced() {
    return shop.isFenced();
  }

  /** The roster, as committed. */
  public Shop roster() {
    return shop.read(Router::shop);
  }

  /** The settings in force, as committed. */
  public RoutingSettings settings() {
    return shop.read(Router::settings);
  }

  /** The roster, settings, live state and seed, as committed (R25): what a reload gives back, equal. */
  public RouterSnapshot snapshot() {
    return shop.read(Router::snapshot);
  }

  /** The live state — presence, seats, the queue in order, the counters — as committed. */
  public LiveState liveState() {
    return shop.read(Router::liveState);
  }

  /** The open consultation with this id (R20), if there is one. */
  public Optional<OpenConsultation> openConsultation(ConsultationId consultation) {
    Require.notNull(consultation, "consultation");
    return shop.read(r -> r.openConsultation(consultation));
  }

  /** Every open consultation (R20). */
  public List<OpenConsultation> openConsultations() {
    return shop.read(Router::openConsultations);
  }

  /** Where a waiting consultation stands, with an estimated wait (R22); empty if it does not wait. */
  public Optional<QueueStatus> queueStatus(ConsultationId consultation) {
    Require.notNull(consultation, "consultation");
    return shop.read(r -> r.queueStatus(consultation));
  }

  /** How many consultations wait (R22). */
  public int queueLength() {
    return shop.read(Router::queueLength);
  }

  /**
   * How many consultations {@code agent} holds (R20).
   *
   * @throws io.fenliu.core.UnknownIdException if {@code agent} is neither on the roster nor holding a seat
   */
  public int seatsHeld(AccountId agent) {
    Require.notNull(agent, "agent");
    return shop.read(r -> r.seatsHeld(agent));
  }

  /** An agent's presence (R17, R21). */
  public Presence presence(AccountId agent) {
    Require.notNull(agent, "agent");
    return shop.read(r -> r.presence(agent));
  }

  /** What routing {@code consultation} would decide now, writing nothing (R19, R25). */
  public RoutingDecision preview(Consultation consultation) {
    Require.notNull(consultation, "consultation");
    return shop.read(r -> r.preview(consultation));
  }

  /**
   * What this router decided since it took the shop ({@link Builder#recordStats()}); statistics are not written,
   * and a reload after a failed write starts them again.
   */
  public RouterStats stats() {
    return shop.stats();
  }

  @Override
  public String toString() {
    return "DurableRouter[" + shop.shop() + ", epoch " + shop.epoch() + "]";
  }

  /** Takes a shop: see {@link DurableRouter}. */
  public static final class Builder {
    private final DataSource dataSource;
    private final ShopId shop;
    private @Nullable Shop roster;
    private @Nullable RoutingSettings settings;
    private @Nullable Long seed;
    private Clock clock = Clock.systemUTC();
    private boolean recordStats;
    private Duration queryTimeout = Duration.ZERO;

    private Builder(DataSource dataSource, ShopId shop) {
      this.dataSource = dataSource;
      this.shop = shop;
    }

    /**
     * Creates the shop with this roster and these settings if the database has no durable shop of that id yet (then
     * the take is epoch 1); ignored when it has one, whose own committed roster and settings are loaded.
     *
     * @throws NullPointerException if an argument is null
     * @throws io.fenliu.core.InvalidValueException if {@code roster} is another shop's
     */
    public Builder createIfAbsent(Shop roster, RoutingSettings settings) {
      Require.notNull(roster, "roster");
      Require.argument(roster.id().equals(shop), "roster", "R26", "the roster of shop %s cannot create another shop",
          roster.id() + " for " + shop);
      this.roster = roster;
      this.settings = Require.notNull(settings, "settings");
      return this;
    }

    /**
     * The seed of a shop created by this take (R25); a random one by default. A shop that exists keeps its own, as
     * committed.
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** The clock that dates events stating no time (R25); the system UTC clock by default. */
    public Builder clock(Clock value) {
      this.clock = Require.notNull(value, "clock");
      return this;
    }

    /** Records statistics for {@link DurableRouter#stats()} (not written to the database). */
    public Builder recordStats() {
      this.recordStats = true;
      return this;
    }

    /**
     * How long one statement may run before the driver cancels it (whole seconds, rounded up); {@link
     * Duration#ZERO}, the default, for no limit. A take waiting for a stalled owner's transaction gives up after it.
     *
     * @throws io.fenliu.core.InvalidValueException if negative or over a day
     */
    public Builder queryTimeout(Duration value) {
      JdbcRecentContactStore.timeoutSeconds(value);
      this.queryTimeout = value;
      return this;
    }

    /**
     * Takes the shop (R26): checks the schema, raises the shop's owner epoch — creating the shop first if it has no
     * row and {@link #createIfAbsent} was given — and loads its committed state in the same transaction. From now
     * on every write of an earlier owner is refused.
     *
     * @throws JdbcStoreException if no connection can be had, the schema is missing or of another version (the
     *     message says what to do), the rows cannot be read, or a statement failed or timed out
     * @throws io.fenliu.core.UnknownIdException if the shop has no row and nothing to create it from, or the roster
     *     given to {@link #createIfAbsent} lacks an agent its settings name (as {@link Router.Builder#build()}
     *     refuses them; nothing is written)
     */
    public DurableRouter take() {
      Shop r = roster;
      RoutingSettings s = settings;
      Long fixed = seed;
      DurableShop.Initial initial = r == null || s == null ? null
          : new DurableShop.Initial(r, s, fixed != null ? fixed : ThreadLocalRandom.current().nextLong());
      return new DurableRouter(DurableShop.take(dataSource, shop, initial, clock, recordStats,
          JdbcRecentContactStore.timeoutSeconds(queryTimeout)));
    }
  }
}
