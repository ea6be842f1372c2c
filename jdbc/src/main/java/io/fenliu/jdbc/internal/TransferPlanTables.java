package io.fenliu.jdbc.internal;

import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.anomaly.TransferListener;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanCodec;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.BuyerId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import io.fenliu.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saved transfer plans and their progress in {@code fenliu_transfer_plan} and {@code fenliu_transfer_move} (schema
 * version 3), and the resume loop over them (R3, R8).
 *
 * <h2>Invariants</h2>
 *
 * <ol>
 *   <li><b>A plan is saved whole or not at all.</b> The plan row (its {@link TransferPlanCodec} bytes) and one
 *       PENDING progress row per move, {@code idx} being the move's place in the plan and {@code buyer_id} its
 *       buyer, are inserted in one transaction. Rows of a plan exist exactly when its plan row does (deleting a
 *       plan deletes both in one transaction).
 *   <li><b>A final outcome is never overwritten.</b> Every progress update carries {@code AND status IN
 *       ('PENDING', 'FAILED')}: once MOVED, ALREADY_AT_TARGET, CONFLICT or TARGET_INVALID is committed for a move,
 *       nothing changes it and no resume applies that move again. FAILED ("the outcome is unknown") is applied
 *       again by the next resume, which finds out.
 *   <li><b>The relationships are written before their outcomes, never after.</b> A resume applies a chunk of at
 *       most {@link #CHUNK} not-yet-final moves ({@link TransferPlan#withOnly}) through the host's {@link
 *       RelationshipStore}, then records the chunk's outcomes in one transaction. A crash between the two leaves
 *       moves written and still PENDING; the next resume applies them again, and the compare-and-set on the version
 *       the plan names (R8) makes that a no-op reported ALREADY_AT_TARGET. Nothing can write a relationship twice:
 *       the store's compare-and-set on the planned version is what guards the relationships, the progress table
 *       only saves work and says what happened.
 *   <li><b>R3 is checked at write time</b>, by {@link TransferPlan#applyTo}, against the roster the host's
 *       supplier gives before each chunk: a plan resumed after the roster changed moves nobody to an agent that is
 *       no longer valid (TARGET_INVALID, final).
 *   <li><b>Finished is derived, then recorded.</b> After the last chunk, one statement sets {@code finished_at_us}
 *       if no progress row is PENDING or FAILED. A crash before it leaves the plan listed as unfinished; resuming
 *       it applies nothing and records it finished.
 * </ol>
 *
 * <h2>What guards what</h2>
 *
 * The relationships: the store's compare-and-set (R8). The progress rows: the status guard above, and the database's
 * row locks, taken in {@code idx} order within a transaction so that two resumers of one plan never deadlock. Two
 * resumers of one plan are safe but wasteful, and the one that records second may find its outcome already final
 * (its update changes nothing): the first committed outcome stands, so a move one resumer wrote can be recorded
 * ALREADY_AT_TARGET by the other. The shop: every statement is keyed by {@code shop_id}, so a plan id of another
 * shop is simply unknown here.
 *
 * <p>Stateless: every method borrows a connection from the host's {@link DataSource} and gives it back.
 */
public final class TransferPlanTables {
  /** Moves applied, and outcomes recorded, per transaction: the plan's own write chunk. */
  public static final int CHUNK = 256;

  /** The longest reason kept, in UTF-16 units (the column's width in every dialect). */
  public static final int MAX_REASON = 1_000;

  /** Progress rows inserted per JDBC batch when a plan is saved. */
  private static final int INSERT_BATCH = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(TransferPlanTables.class);

  private static final String NOT_FINAL = "('PENDING', 'FAILED')";

  private TransferPlanTables() {}

  /** Inserts the plan and one PENDING row per move in one transaction (invariant 1). */
  public static void save(DataSource ds, ShopId shop, String planId, TransferPlan plan, Instant at) {
    byte[] bytes = TransferPlanCodec.encode(plan);
    List<PlannedMove> moves = plan.moves();
    Sql.run(ds, "save transfer plan " + planId + " of shop " + shop + " (" + moves.size() + " moves)", c ->
        Sql.inTransaction(c, () -> {
          try (PreparedStatement st = c.prepareStatement("INSERT INTO fenliu_transfer_plan (shop_id, plan_id, moves, "
              + "saved_at_us, finished_at_us, plan_bytes) VALUES (?, ?, ?, ?, NULL, ?)")) {
            st.setString(1, shop.value());
            st.setString(2, planId);
            st.setInt(3, moves.size());
            st.setLong(4, Sql.micros(at, "saved at"));
            st.setBytes(5, bytes);
            st.executeUpdate();
          }
          try (PreparedStatement st = c.prepareStatement("INSERT INTO fenliu_transfer_move (shop_id, plan_id, idx, "
              + "buyer_id, status, attempts, reason) VALUES (?, ?, ?, ?, 'PENDING', 0, NULL)")) {
            for (int i = 0; i < moves.size(); i++) {
              st.setString(1, shop.value());
              st.setString(2, planId);
              st.setInt(3, i);
              st.setString(4, moves.get(i).buyer().value());
              st.addBatch();
              if ((i + 1) % INSERT_BATCH == 0) {
                st.executeBatch();
              }
            }
            return st.executeBatch();
          }
        }));
    LOG.info("shop {}: transfer plan {} saved: {} moves, {} unmatched buyers", shop, planId, moves.size(),
        plan.unmatched().size());
  }

  /** The saved plan, decoded; refuses an unknown id and a row whose bytes are not this shop's plan. */
  public static TransferPlan load(DataSource ds, ShopId shop, String planId) {
    Optional<byte[]> saved = Sql.withConnection(ds, "read transfer plan " + planId + " of shop " + shop, c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT plan_bytes FROM fenliu_transfer_plan WHERE shop_id = ? AND plan_id = ?")) {
        st.setString(1, shop.value());
        st.setString(2, planId);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
        }
      }
    });
    byte[] bytes = saved.orElseThrow(() -> unknown(shop, planId));
    TransferPlan plan;
    try {
      plan = TransferPlanCodec.decode(bytes);
    } catch (InvalidValueException e) {
      throw new JdbcStoreException("the saved bytes of transfer plan " + planId + " of shop " + shop + " are not a "
          + "plan this release reads (" + e.getMessage() + "); nothing was applied", e);
    }
    if (!plan.shop().equals(shop)) {
      throw new JdbcStoreException("the row of transfer plan " + planId + " of shop " + shop + " holds a plan of "
          + "shop " + plan.shop() + " (R8): the row was changed by hand; nothing was applied", null);
    }
    return plan;
  }

  /** The plan's row and its counts by status, or empty when the shop has no such plan. */
  public static Optional<Progress> progress(DataSource ds, ShopId shop, String planId) {
    return Sql.withConnection(ds, "read the progress of transfer plan " + planId + " of shop " + shop, c -> {
      int moves;
      long savedAt;
      Long finishedAt;
      try (PreparedStatement st = c.prepareStatement("SELECT moves, saved_at_us, finished_at_us "
          + "FROM fenliu_transfer_plan WHERE shop_id = ? AND plan_id = ?")) {
        st.setString(1, shop.value());
        st.setString(2, planId);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          moves = rs.getInt(1);
          savedAt = rs.getLong(2);
          long f = rs.getLong(3);
          finishedAt = rs.wasNull() ? null : f;
        }
      }
      Map<String, Long> counts = new HashMap<>();
      try (PreparedStatement st = c.prepareStatement("SELECT status, COUNT(*) FROM fenliu_transfer_move "
          + "WHERE shop_id = ? AND plan_id = ? GROUP BY status")) {
        st.setString(1, shop.value());
        st.setString(2, planId);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            counts.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      return Optional.of(new Progress(moves, Sql.instant(savedAt), finishedAt == null ? null
          : Sql.instant(finishedAt), counts));
    });
  }

  /** The shop's plans with no {@code finished_at_us}, oldest first. */
  public static List<String> unfinished(DataSource ds, ShopId shop) {
    return Sql.withConnection(ds, "list the unfinished transfer plans of shop " + shop, c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT plan_id FROM fenliu_transfer_plan WHERE shop_id = ? "
          + "AND finished_at_us IS NULL ORDER BY saved_at_us, plan_id")) {
        st.setString(1, shop.value());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      return List.copyOf(ids);
    });
  }

  /** Deletes the plan and its progress rows in one transaction; whether it existed. */
  public static boolean delete(DataSource ds, ShopId shop, String planId) {
    return Sql.withConnection(ds, "delete transfer plan " + planId + " of shop " + shop, c -> {
      return Sql.inTransaction(c, () -> {
        try (PreparedStatement st = c.prepareStatement(
            "DELETE FROM fenliu_transfer_move WHERE shop_id = ? AND plan_id = ?")) {
          st.setString(1, shop.value());
          st.setString(2, planId);
          st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement(
            "DELETE FROM fenliu_transfer_plan WHERE shop_id = ? AND plan_id = ?")) {
          st.setString(1, shop.value());
          st.setString(2, planId);
          return st.executeUpdate() == 1;
        }
      });
    });
  }

  /**
   * Applies the moves of {@code planId} whose outcome is not final, chunk by chunk, recording each chunk's outcomes
   * in one transaction (invariants 2–5); the caller checked the arguments' shops. Returns this resume's result: the
   * moves it applied, and the plan's unmatched buyers.
   */
  public static TransferResult resume(DataSource ds, ShopId shop, String planId, Supplier<? extends Shop> roster,
      RelationshipStore store, TransferListener listener, int retain) {
    TransferPlan plan = load(ds, shop, planId);
    // Applying the empty part first checks the roster's and the store's shop before anything is read or written.
    TransferResult result = plan.withOnly(List.of()).applyTo(roster, store, listener, 0);
    List<Integer> pending = new ArrayList<>();
    List<PlannedMove> moves = plan.moves();
    Sql.run(ds, "read the pending moves of transfer plan " + planId + " of shop " + shop, c -> {
      try (PreparedStatement st = c.prepareStatement("SELECT idx, buyer_id FROM fenliu_transfer_move WHERE shop_id = ?"
          + " AND plan_id = ? AND status IN " + NOT_FINAL + " ORDER BY idx")) {
        st.setString(1, shop.value());
        st.setString(2, planId);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            int idx = rs.getInt(1);
            String buyer = rs.getString(2);
            if (idx < 0 || idx >= moves.size() || !moves.get(idx).buyer().value().equals(buyer)) {
              throw new JdbcStoreException("progress row " + idx + " (buyer " + buyer + ") of transfer plan " + planId
                  + " of shop " + shop + " does not match the saved plan's move there: the rows were changed by hand;"
                  + " nothing was applied", null);
            }
            pending.add(idx);
          }
        }
      }
    });
    int left = retain;
    for (int from = 0; from < pending.size(); from += CHUNK) {
      List<Integer> chunk = pending.subList(from, Math.min(pending.size(), from + CHUNK));
      Map<BuyerId, Integer> indexOf = new HashMap<>();
      for (int idx : chunk) {
        indexOf.put(moves.get(idx).buyer(), idx);
      }
      List<MoveOutcome> outcomes = new ArrayList<>(chunk.size());
      TransferListener recording = new TransferListener() {
        @Override
        public void moved(PlannedMove move, io.fenliu.core.ExclusiveRelationship after) {
          listener.moved(move, after);
        }

        @Override
        public void reported(MoveOutcome outcome) {
          outcomes.add(outcome);
          listener.reported(outcome);
        }
      };
      TransferResult part;
      try {
        part = plan.withOnly(indexOf.keySet()).applyTo(roster, store, recording, left);
      } catch (Error e) {
        // applyTo reported every buyer before rethrowing: record what it found, then let the Error go on.
        try {
          record(ds, shop, planId, outcomes, indexOf);
        } catch (RuntimeException x) {
          e.addSuppressed(x);
        }
        throw e;
      }
      record(ds, shop, planId, outcomes, indexOf);
      left -= part.examples().size();
      result = result.plus(part);
    }
    boolean finished = markFinished(ds, shop, planId);
    LOG.info("shop {}: transfer plan {} resumed: {} moves applied ({}), {}", shop, planId, result.planned(),
        result.counts(), finished ? "every move has a final outcome" : "some failed: resume it again");
    return result;
  }

  /** Records one chunk's outcomes in one transaction, never over a final one (invariant 2). */
  private static void record(DataSource ds, ShopId shop, String planId, List<MoveOutcome> outcomes,
      Map<BuyerId, Integer> indexOf) {
    if (outcomes.isEmpty()) {
      return;
    }
    List<int[]> order = new ArrayList<>(outcomes.size());
    for (int k = 0; k < outcomes.size(); k++) {
      Integer idx = indexOf.get(outcomes.get(k).move().buyer());
      if (idx == null) {
        throw new IllegalStateException("an outcome of a buyer not in the chunk: " + outcomes.get(k));
      }
      order.add(new int[] {idx, k});
    }
    order.sort((a, b) -> Integer.compare(a[0], b[0]));
    Sql.run(ds, "record " + outcomes.size() + " outcomes of transfer plan " + planId + " of shop " + shop, c ->
        Sql.inTransaction(c, () -> {
          try (PreparedStatement st = c.prepareStatement("UPDATE fenliu_transfer_move SET status = ?, "
              + "attempts = attempts + 1, reason = ? WHERE shop_id = ? AND plan_id = ? AND idx = ? AND status IN "
              + NOT_FINAL)) {
            for (int[] o : order) {
              MoveOutcome outcome = outcomes.get(o[1]);
              st.setString(1, outcome.status().name());
              st.setString(2, outcome.status() == MoveOutcome.Status.MOVED ? null : cut(outcome.detail()));
              st.setString(3, shop.value());
              st.setString(4, planId);
              st.setInt(5, o[0]);
              st.addBatch();
            }
            return st.executeBatch();
          }
        }));
  }

  /** Sets {@code finished_at_us} if no move is PENDING or FAILED; whether the plan is finished now. */
  private static boolean markFinished(DataSource ds, ShopId shop, String planId) {
    return Sql.withConnection(ds, "mark transfer plan " + planId + " of shop " + shop + " finished", c -> {
      try (PreparedStatement st = c.prepareStatement("UPDATE fenliu_transfer_plan SET finished_at_us = ? "
          + "WHERE shop_id = ? AND plan_id = ? AND finished_at_us IS NULL AND NOT EXISTS (SELECT 1 FROM "
          + "fenliu_transfer_move m WHERE m.shop_id = ? AND m.plan_id = ? AND m.status IN " + NOT_FINAL + ")")) {
        st.setLong(1, Sql.micros(Instant.now(), "now"));
        st.setString(2, shop.value());
        st.setString(3, planId);
        st.setString(4, shop.value());
        st.setString(5, planId);
        st.executeUpdate();
      }
      try (PreparedStatement st = c.prepareStatement("SELECT finished_at_us FROM fenliu_transfer_plan "
          + "WHERE shop_id = ? AND plan_id = ?")) {
        st.setString(1, shop.value());
        st.setString(2, planId);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          rs.getLong(1);
          return !rs.wasNull();
        }
      }
    });
  }

  /** {@code reason} cut to {@link #MAX_REASON} UTF-16 units, never between the two halves of a surrogate pair. */
  static String cut(String reason) {
    if (reason.length() <= MAX_REASON) {
      return reason;
    }
    int end = MAX_REASON;
    if (Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--;
    }
    return reason.substring(0, end);
  }

  /** The refusal of a plan id the shop does not have. */
  public static UnknownIdException unknown(ShopId shop, String planId) {
    return new UnknownIdException(planId, shop.value(), "shop " + shop + " has no saved transfer plan " + planId
        + " (R8): it was never saved in this database, was deleted, or is another shop's; list the shop's unfinished"
        + " plans with JdbcTransferPlans.unfinished()");
  }

  /** A plan's row and its progress counts, as read in one connection. */
  public static final class Progress {
    private final int moves;
    private final Instant savedAt;
    private final @Nullable Instant finishedAt;
    private final Map<String, Long> counts;

    Progress(int moves, Instant savedAt, @Nullable Instant finishedAt, Map<String, Long> counts) {
      this.moves = moves;
      this.savedAt = savedAt;
      this.finishedAt = finishedAt;
      this.counts = Map.copyOf(counts);
    }

    /** The number of moves the plan holds. */
    public int moves() {
      return moves;
    }

    /** When the plan was saved. */
    public Instant savedAt() {
      return savedAt;
    }

    /** When a resume found every move final, if one did. */
    public Optional<Instant> finishedAt() {
      return Optional.ofNullable(finishedAt);
    }

    /** How many moves have not been applied yet. */
    public long pending() {
      return counts.getOrDefault("PENDING", 0L);
    }

    /** How many moves have each outcome; every status present. */
    public Map<MoveOutcome.Status, Long> outcomes() {
      Map<MoveOutcome.Status, Long> m = new EnumMap<>(MoveOutcome.Status.class);
      for (MoveOutcome.Status s : MoveOutcome.Status.values()) {
        m.put(s, counts.getOrDefault(s.name(), 0L));
      }
      return m;
    }
  }
}
