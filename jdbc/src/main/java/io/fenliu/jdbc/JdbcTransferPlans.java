package io.fenliu.jdbc;

import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.anomaly.TransferListener;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanCodec;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import io.fenliu.jdbc.internal.TransferPlanTables;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Transfer plans that outlive their process (R3, R8): one shop's saved {@link TransferPlan}s and each move's
 * progress in the {@code fenliu_transfer_plan} and {@code fenliu_transfer_move} tables of {@link FenliuSchema}
 * (version 3), so that an apply interrupted by a crash or a restart is resumed, by this process or another, without
 * moving anyone twice.
 *
 * <pre>{@code
 * JdbcTransferPlans plans = JdbcTransferPlans.of(dataSource, shop.id());
 * String id = plans.save(TransferPlanner.plan(shop, store, Selection.allAnomalous(), targets, Distribution.even()));
 * TransferResult result = plans.resume(id, roster::current, store);       // applies, recording as it goes
 * // after a restart: resume every plan the shop has not finished
 * for (String unfinished : plans.unfinished()) {
 *   plans.resume(unfinished, roster::current, store);
 * }
 * }</pre>
 *
 * <h2>How a resume proceeds</h2>
 *
 * {@link #save} writes the plan ({@link TransferPlanCodec} bytes) and one PENDING progress row per move, in one
 * transaction. {@link #resume} reads the moves whose outcome is not final, and applies them in plan order in chunks
 * of 256 ({@link TransferPlan#withOnly}, then {@link TransferPlan#applyTo}); after each chunk's relationships are
 * written, its outcomes are recorded in one transaction. MOVED, ALREADY_AT_TARGET, CONFLICT and TARGET_INVALID are
 * final: recorded once, never overwritten, never applied again. FAILED (the store threw, so the outcome is unknown) is
 * applied again by the next resume, which finds out.
 *
 * <h2>Why nobody moves twice (R8)</h2>
 *
 * The relationships are guarded by the store, not by the progress table: every move is a compare-and-set on the
 * version and follower the plan names. A process killed after writing a chunk's relationships and before recording
 * their outcomes leaves those moves PENDING; the next resume applies them again, finds each relationship already at
 * its target and records ALREADY_AT_TARGET, writing nothing. So after any number of crashes and resumes each
 * planned relationship was written at most once, by exactly one version step. (A move recorded ALREADY_AT_TARGET may
 * thus have been made by this very plan before a crash: the relationship's version tells, being the planned one plus
 * one.)
 *
 * <h2>Changed roster, other shop (R3, R8)</h2>
 *
 * A resume checks R3 at write time against the roster {@code roster} supplies before each chunk, as {@link
 * TransferPlan#applyTo} does: a target that resigned, lost its permission or stopped routing since the plan was saved
 * gets none of the moves still pending (TARGET_INVALID, final, with the reason); a relationship someone else moved
 * in between is CONFLICT. A store or roster of another shop, a plan of another shop, an unknown plan id and a plan id
 * that could not be stored are refused before anything is read or written.
 *
 * <h2>Concurrency and failures</h2>
 *
 * Resume a plan from one process at a time (the shop's owner, or whoever holds the host's lease). Two resumers of one
 * plan still move nobody twice (the compare-and-set decides) and never overwrite a final outcome; the first outcome
 * recorded for a move stands. Every database failure is a {@link JdbcStoreException} and rolls back its own
 * transaction: a save is all or nothing, a chunk's outcomes are recorded all or none. A failure while recording
 * stops the resume (the chunk's moves stay PENDING and are found at their targets next time).
 *
 * <p>Thread-safe as its {@code DataSource}: it holds no connection between calls.
 */
public final class JdbcTransferPlans {
  /** The longest plan id, in characters: the width of the {@code plan_id} columns (as every Fenliu id). */
  public static final int MAX_PLAN_ID_LENGTH = 128;

  /** Moves applied and outcomes recorded per transaction by {@link #resume}. */
  public static final int CHUNK = TransferPlanTables.CHUNK;

  private final DataSource dataSource;
  private final ShopId shop;
  private final Clock clock;

  private JdbcTransferPlans(DataSource dataSource, ShopId shop, Clock clock) {
    this.dataSource = dataSource;
    this.shop = shop;
    this.clock = clock;
  }

  /**
   * The saved transfer plans of {@code shop} in {@code dataSource}'s database, after checking the schema.
   *
   * @throws NullPointerException if an argument is null
   * @throws JdbcStoreException if no connection can be had, or the schema is missing or of another version (see
   *     {@link FenliuSchema#verify})
   */
  public static JdbcTransferPlans of(DataSource dataSource, ShopId shop) {
    Require.notNull(dataSource, "data source");
    Require.notNull(shop, "shop");
    FenliuSchema.verify(dataSource);
    return new JdbcTransferPlans(dataSource, shop, Clock.systemUTC());
  }

  /** The shop whose plans these are. */
  public ShopId shop() {
    return shop;
  }

  /**
   * Saves {@code plan} with every move PENDING, in one transaction, and returns its new id (a random UUID, 36
   * characters). Nothing is applied: call {@link #resume} to apply it.
   *
   * @throws NullPointerException if {@code plan} is null
   * @throws InvalidValueException (R8) if the plan is another shop's; nothing is written
   * @throws JdbcStoreException if the database fails; nothing is written
   */
  public String save(TransferPlan plan) {
    Require.notNull(plan, "plan");
    if (!plan.shop().equals(shop)) {
      throw new InvalidValueException("plan", "R8", "the plan moves relationships of shop " + plan.shop()
          + " but these are shop " + shop + "'s saved plans (R8); nothing was written: save it with JdbcTransferPlans"
          + ".of(dataSource, " + plan.shop() + ")");
    }
    String id = UUID.randomUUID().toString();
    TransferPlanTables.save(dataSource, shop, id, plan, clock.instant());
    return id;
  }

  /**
   * The saved plan {@code planId}, as it was saved (its moves, in order, and its unmatched buyers).
   *
   * @throws NullPointerException if {@code planId} is null
   * @throws InvalidValueException if {@code planId} is blank or longer than {@value #MAX_PLAN_ID_LENGTH} characters
   * @throws io.fenliu.core.UnknownIdException if the shop has no such plan
   * @throws JdbcStoreException if the database fails or the saved bytes are unreadable
   */
  public TransferPlan plan(String planId) {
    return TransferPlanTables.load(dataSource, shop, checkId(planId));
  }

  /**
   * Resumes {@code planId} with no listener, keeping the first {@value AnomalyScanner#DEFAULT_RETAINED_EXAMPLES}
   * outcomes as examples; see {@link #resume(String, Supplier, RelationshipStore, TransferListener, int)}.
   */
  public TransferResult resume(String planId, Supplier<? extends Shop> roster, RelationshipStore store) {
    return resume(planId, roster, store, (move, after) -> {}, AnomalyScanner.DEFAULT_RETAINED_EXAMPLES);
  }

  /**
   * Resumes {@code planId}, telling {@code listener}, keeping the first {@value
   * AnomalyScanner#DEFAULT_RETAINED_EXAMPLES} outcomes as examples; see {@link #resume(String, Supplier,
   * RelationshipStore, TransferListener, int)}.
   */
  public TransferResult resume(String planId, Supplier<? extends Shop> roster, RelationshipStore store,
      TransferListener listener) {
    return resume(planId, roster, store, listener, AnomalyScanner.DEFAULT_RETAINED_EXAMPLES);
  }

  /**
   * Applies the moves of {@code planId} whose outcome is not final yet (PENDING, or FAILED before) to {@code store},
   * checking R3 against the roster {@code roster} gives before each chunk, recording each chunk's outcomes in one
   * transaction (see the class description), and marks the plan finished when no move is left PENDING or FAILED.
   * Resuming a finished plan applies nothing.
   *
   * <p>The result counts the moves this call applied (not those recorded by earlier resumes: see {@link
   * #progress}) and carries the plan's unmatched buyers; {@code listener} hears of this call's writes and outcomes.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if {@code planId} is blank or longer than {@value #MAX_PLAN_ID_LENGTH}
   *     characters, {@code retain} is negative, or the store or the roster is another shop's (R8); nothing is
   *     written
   * @throws io.fenliu.core.UnknownIdException if the shop has no such plan; nothing is written
   * @throws JdbcStoreException if recording outcomes, or reading the plan, fails: the chunk being recorded stays as
   *     it was, and resuming again finishes the work
   */
  public TransferResult resume(String planId, Supplier<? extends Shop> roster, RelationshipStore store,
      TransferListener listener, int retain) {
    String id = checkId(planId);
    Require.notNull(roster, "roster");
    Require.notNull(store, "store");
    Require.notNull(listener, "listener");
    Require.inRange(retain, 0, Integer.MAX_VALUE, "retained outcomes", null);
    if (!store.shop().equals(shop)) {
      throw new InvalidValueException("store", "R8", "the store holds shop " + store.shop() + "'s relationships but "
          + "these are shop " + shop + "'s plans (R8); nothing was read or written: resume with shop " + shop
          + "'s store");
    }
    return TransferPlanTables.resume(dataSource, shop, id, roster, store, listener, retain);
  }

  /**
   * How far {@code planId} has come: how many moves are pending and how many ended in each outcome.
   *
   * @throws NullPointerException if {@code planId} is null
   * @throws InvalidValueException if {@code planId} is blank or longer than {@value #MAX_PLAN_ID_LENGTH} characters
   * @throws io.fenliu.core.UnknownIdException if the shop has no such plan
   * @throws JdbcStoreException if the database fails
   */
  public TransferProgress progress(String planId) {
    String id = checkId(planId);
    TransferPlanTables.Progress p = TransferPlanTables.progress(dataSource, shop, id)
        .orElseThrow(() -> TransferPlanTables.unknown(shop, id));
    return new TransferProgress(shop, id, p.moves(), p.pending(), p.outcomes(), p.savedAt(), p.finishedAt());
  }

  /**
   * The ids of the shop's plans not yet found finished, oldest first: what a restarted host resumes. A plan is
   * finished once a resume found none of its moves PENDING or FAILED.
   *
   * @throws JdbcStoreException if the database fails
   */
  public List<String> unfinished() {
    return TransferPlanTables.unfinished(dataSource, shop);
  }

  /**
   * Deletes {@code planId} and its progress, in one transaction, e.g. once it is finished and reported; returns
   * whether the shop had it. The relationships are not touched.
   *
   * @throws NullPointerException if {@code planId} is null
   * @throws InvalidValueException if {@code planId} is blank or longer than {@value #MAX_PLAN_ID_LENGTH} characters
   * @throws JdbcStoreException if the database fails; nothing is deleted
   */
  public boolean delete(String planId) {
    return TransferPlanTables.delete(dataSource, shop, checkId(planId));
  }

  private static String checkId(String planId) {
    return Require.id(planId, "plan id", MAX_PLAN_ID_LENGTH);
  }

  @Override
  public String toString() {
    return "JdbcTransferPlans[shop=" + shop + "]";
  }
}
