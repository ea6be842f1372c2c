package io.fenliu.jdbc.internal;

import io.fenliu.jdbc.FenliuSchema.Dialect;

/**
 * The durable router's SQL (schema version 2), per dialect where standard SQL has no single form: an upsert of a
 * presence row, and of a recent contact that keeps the latest (R18). Every other statement is the same everywhere.
 *
 * <p>Instants the router keeps to the nanosecond (an event's time, a presence change's time, a consultation's stated
 * arrival) are two columns, seconds and nanoseconds, so that a reloaded shop decides exactly as before (R25); seat
 * times are microseconds as in version 1 (the router keeps milliseconds), queue waits milliseconds.
 */
public final class DurableSql {
  /** The fence of every event's transaction (R26): the shop's counters, only while the epoch is the owner's. */
  public static final String FENCE = "UPDATE fenliu_shop SET seq = ?, decisions = ?, time_s = ?, time_ns = ? "
      + "WHERE shop_id = ? AND owner_epoch = ? AND seq = ?";
  /** The fence of a roster or settings change: the counters and the configuration document. */
  public static final String FENCE_CONFIG = "UPDATE fenliu_shop SET seq = ?, decisions = ?, time_s = ?, time_ns = ?, "
      + "config = ? WHERE shop_id = ? AND owner_epoch = ? AND seq = ?";
  /** The fence of a reload: holds the row, changes nothing. */
  public static final String HOLD = "UPDATE fenliu_shop SET owner_epoch = owner_epoch WHERE shop_id = ? "
      + "AND owner_epoch = ?";
  /** A take (R26): the next epoch. */
  public static final String TAKE = "UPDATE fenliu_shop SET owner_epoch = owner_epoch + 1 WHERE shop_id = ?";
  /** A new durable shop, taken at epoch 1. */
  public static final String CREATE = "INSERT INTO fenliu_shop (shop_id, owner_epoch, seq, decisions, time_s, "
      + "time_ns, config) VALUES (?, 1, 0, 0, NULL, NULL, ?)";
  /** The shop's row. */
  public static final String READ_SHOP = "SELECT owner_epoch, seq, decisions, time_s, time_ns, config "
      + "FROM fenliu_shop WHERE shop_id = ?";
  /** The shop's epoch alone. */
  public static final String READ_EPOCH = "SELECT owner_epoch FROM fenliu_shop WHERE shop_id = ?";

  /** A new seat (R20), with the decision that took it (R19). */
  public static final String OPEN_INSERT = "INSERT INTO fenliu_open_consultation (shop_id, consultation_id, buyer_id, "
      + "agent_id, seated_at_us, step, reason) VALUES (?, ?, ?, ?, ?, ?, ?)";
  /** A moved seat. */
  public static final String OPEN_UPDATE = "UPDATE fenliu_open_consultation SET buyer_id = ?, agent_id = ?, "
      + "seated_at_us = ?, step = ?, reason = ? WHERE shop_id = ? AND consultation_id = ?";
  /** A freed seat. */
  public static final String OPEN_DELETE =
      "DELETE FROM fenliu_open_consultation WHERE shop_id = ? AND consultation_id = ?";
  /** The shop's seats. */
  public static final String OPEN_READ = "SELECT consultation_id, buyer_id, agent_id, seated_at_us, step, reason "
      + "FROM fenliu_open_consultation WHERE shop_id = ?";

  /** A consultation joins the queue (R22). */
  public static final String WAITING_INSERT = "INSERT INTO fenliu_waiting (shop_id, consultation_id, queue_seq, "
      + "buyer_id, entry_page, order_status, since_ms, arrived_s, arrived_ns, recent_agent_id, recent_s, recent_ns, "
      + "follower_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  /** A consultation leaves the queue. */
  public static final String WAITING_DELETE = "DELETE FROM fenliu_waiting WHERE shop_id = ? AND consultation_id = ?";
  /** The queue, head first. */
  public static final String WAITING_READ = "SELECT consultation_id, buyer_id, entry_page, order_status, since_ms, "
      + "arrived_s, arrived_ns, recent_agent_id, recent_s, recent_ns, follower_id FROM fenliu_waiting "
      + "WHERE shop_id = ? ORDER BY queue_seq";

  /** An agent leaves the roster: its presence goes with it. */
  public static final String PRESENCE_DELETE = "DELETE FROM fenliu_presence WHERE shop_id = ? AND agent_id = ?";
  /** The shop's presence rows. */
  public static final String PRESENCE_READ =
      "SELECT agent_id, presence, changed_s, changed_ns FROM fenliu_presence WHERE shop_id = ?";

  /** A queue exit for the host's outbox (R22). */
  public static final String EXIT_INSERT = "INSERT INTO fenliu_queue_exit (shop_id, seq, idx, consultation_id, "
      + "buyer_id, step, agent_id, reason, waited_ms, seated_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  /** The exits after a sequence number, in order. */
  public static final String EXIT_READ = "SELECT seq, idx, consultation_id, buyer_id, step, agent_id, reason, "
      + "waited_ms, seated_at_us FROM fenliu_queue_exit WHERE shop_id = ? AND seq > ? ORDER BY seq, idx";
  /** Purges the exits up to a sequence number. */
  public static final String EXIT_PURGE = "DELETE FROM fenliu_queue_exit WHERE shop_id = ? AND seq <= ?";

  private final Dialect dialect;

  private DurableSql(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The statements for {@code dialect}. */
  public static DurableSql of(Dialect dialect) {
    return new DurableSql(dialect);
  }

  /** The dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The fence as one statement that fails when it changes no row, for a pipeline that commits by itself: {@code
   * fence} ({@link #FENCE} or {@link #FENCE_CONFIG}) in a data-modifying {@code WITH}, whose {@code SELECT} divides
   * by the number of rows it changed. A fence that changed nothing raises {@link #FENCE_REFUSED}, which aborts the
   * implicit transaction: nothing after it runs, nothing before it stays (see {@link Transaction}). PostgreSQL only.
   */
  public static String guarded(String fence) {
    return "WITH fence AS (" + fence + " RETURNING 1) SELECT 1 / COUNT(*) FROM fence";
  }

  /** The SQLState of a {@linkplain #guarded guarded} fence that changed no row: division by zero. */
  public static final String FENCE_REFUSED = "22012";

  /** Whether the driver sends several statements in one round trip (see {@link Transaction}). */
  public boolean pipelined() {
    return dialect == Dialect.POSTGRESQL;
  }

  /** Sets an agent's presence row: shop, agent, presence, seconds, nanoseconds. */
  public String presenceUpsert() {
    return switch (dialect) {
      case POSTGRESQL -> "INSERT INTO fenliu_presence (shop_id, agent_id, presence, changed_s, changed_ns) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (shop_id, agent_id) DO UPDATE SET presence = EXCLUDED.presence, "
            + "changed_s = EXCLUDED.changed_s, changed_ns = EXCLUDED.changed_ns";
      case H2 -> "MERGE INTO fenliu_presence (shop_id, agent_id, presence, changed_s, changed_ns) KEY (shop_id, agent_id) "
            + "VALUES (?, ?, ?, ?, ?)";
      case MYSQL -> "INSERT INTO fenliu_presence (shop_id, agent_id, presence, changed_s, changed_ns) VALUES (?, ?, ?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE presence = VALUES(presence), changed_s = VALUES(changed_s), "
            + "changed_ns = VALUES(changed_ns)";
    };
  }

  /**
   * Records a buyer's contact, keeping the latest (R18): shop, buyer, agent, microseconds. The same rule as {@code
   * JdbcRecentContactStore#record} (an older contact changes nothing; on equal times the later write wins), in one
   * statement, so that it travels in the event's batch.
   */
  public String contactUpsert() {
    return switch (dialect) {
      case POSTGRESQL -> "INSERT INTO fenliu_recent_contact (shop_id, buyer_id, agent_id, contacted_at_us) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (shop_id, buyer_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, "
            + "contacted_at_us = EXCLUDED.contacted_at_us "
            + "WHERE fenliu_recent_contact.contacted_at_us <= EXCLUDED.contacted_at_us";
      case H2 -> "MERGE INTO fenliu_recent_contact t USING (VALUES (CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(128)), "
            + "CAST(? AS VARCHAR(128)), CAST(? AS BIGINT))) s (shop_id, buyer_id, agent_id, at_us) "
            + "ON t.shop_id = s.shop_id AND t.buyer_id = s.buyer_id "
            + "WHEN MATCHED AND t.contacted_at_us <= s.at_us THEN UPDATE SET agent_id = s.agent_id, "
            + "contacted_at_us = s.at_us "
            + "WHEN NOT MATCHED THEN INSERT (shop_id, buyer_id, agent_id, contacted_at_us) "
            + "VALUES (s.shop_id, s.buyer_id, s.agent_id, s.at_us)";
      // Assignments run left to right: the agent is judged against the old time before the time moves.
      case MYSQL -> "INSERT INTO fenliu_recent_contact (shop_id, buyer_id, agent_id, contacted_at_us) VALUES (?, ?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE agent_id = IF(contacted_at_us <= VALUES(contacted_at_us), VALUES(agent_id), "
            + "agent_id), contacted_at_us = GREATEST(contacted_at_us, VALUES(contacted_at_us))";
    };
  }
}
