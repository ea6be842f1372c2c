package io.fenliu.jdbc;

import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import io.fenliu.jdbc.internal.Rows;
import io.fenliu.jdbc.internal.Sql;
import io.fenliu.jdbc.internal.Streams;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RelationshipStore} over a {@link DataSource} (R8, R9): one shop's exclusive relationships in the
 * {@code fenliu_relationship} table of {@link FenliuSchema}, for hosts that keep them in their relational database.
 * Several store instances — on several nodes — may share one database: every write is a compare-and-set on the
 * row's version, decided by the database.
 *
 * <pre>{@code
 * FenliuSchema.apply(dataSource);                       // once, or with your migration tool
 * JdbcRelationshipStore store = JdbcRelationshipStore.builder(dataSource, shop.id()).build();
 * TransferResult result = plan.applyTo(shop, store);   // batched: two round trips per 256 moves
 * }</pre>
 *
 * <h2>Statements</h2>
 *
 * <ul>
 *   <li>{@link #read}: one {@code SELECT} by primary key. {@link #readAll}: one {@code SELECT … IN (…)} per
 *       {@linkplain Builder#batchSize(int) batch size} of buyers.
 *   <li>{@link #compareAndSet}: one {@code UPDATE … WHERE shop_id = ? AND buyer_id = ? AND version = ?}, in
 *       auto-commit; it wrote if it changed one row.
 *   <li>{@link #compareAndSetAll}: the same {@code UPDATE}s as one JDBC batch (one round trip on PostgreSQL, H2
 *       and MySQL) and one transaction per batch size of writes, then one {@code SELECT} to tell the stale writes
 *       from the absent buyers. Within a transaction the rows are written in buyer order, so that two nodes
 *       writing overlapping batches lock rows in the same order and never deadlock; writes of one buyer keep their
 *       list order, so a later write of a buyer sees the earlier one, as the interface requires.
 *   <li>{@link #insert}: one {@code INSERT}; a primary-key violation is R8's refusal.
 *   <li>{@link #forEach} and {@link #forEachFollowedBy}: one cursor each, {@linkplain Builder#fetchSize(int) fetch
 *       size} rows per round trip, in constant memory (the by-follower walk uses the {@code (shop_id,
 *       follower_id)} index).
 * </ul>
 *
 * <h2>Failures</h2>
 *
 * Every driver failure becomes a {@link JdbcStoreException} whose message says what was being done and what to
 * try: no connection, a statement timeout ({@linkplain Builder#queryTimeout(Duration) query timeout}), a lost
 * connection. For {@code compareAndSetAll}, a failure of the first transaction throws (no write of the batch
 * took effect on PostgreSQL, whose transaction rolled back, but a lost commit cannot be told apart, so the
 * interface's "every outcome unknown" holds); a failure of a later one answers the transactions already
 * committed and {@link WriteOutcome#UNKNOWN} for the rest. A row that holds a value no relationship can have (a
 * negative version, a blank id) is reported with its key and the fix, and nothing is changed.
 *
 * <h2>Statistics</h2>
 *
 * The batch read relies on the database probing the primary key for each buyer of the {@code IN} list. PostgreSQL
 * does so once it has statistics of the table; on a freshly bulk-loaded table that was never analyzed, its generic
 * plan for the prepared statement (used from the sixth execution on) may walk the whole shop instead, some hundred
 * times slower. Run {@code ANALYZE fenliu_relationship} after a bulk import (autovacuum does it too, later), or set
 * {@code plan_cache_mode = force_custom_plan} for the role the host connects as.
 *
 * <p>Thread-safe as its {@code DataSource}: it holds no connection between calls.
 */
public final class JdbcRelationshipStore implements RelationshipStore {
  /** The default number of rows fetched per round trip by a walk. */
  public static final int DEFAULT_FETCH_SIZE = 1_000;

  /** The default number of buyers per batch read and of writes per batch transaction. */
  public static final int DEFAULT_BATCH_SIZE = 500;

  private static final Logger LOG = LoggerFactory.getLogger(JdbcRelationshipStore.class);

  private static final String COLUMNS = "buyer_id, follower_id, version";
  private static final String READ =
      "SELECT " + COLUMNS + " FROM fenliu_relationship WHERE shop_id = ? AND buyer_id = ?";
  private static final String CAS = "UPDATE fenliu_relationship SET follower_id = ?, version = ? "
      + "WHERE shop_id = ? AND buyer_id = ? AND version = ?";
  private static final String INSERT =
      "INSERT INTO fenliu_relationship (shop_id, buyer_id, follower_id, version) VALUES (?, ?, ?, ?)";
  private static final String ALL = "SELECT " + COLUMNS + " FROM fenliu_relationship WHERE shop_id = ?";
  private static final String BY_FOLLOWER =
      "SELECT " + COLUMNS + " FROM fenliu_relationship WHERE shop_id = ? AND follower_id = ?";

  private final DataSource dataSource;
  private final ShopId shop;
  private final int fetchSize;
  private final int batchSize;
  private final int queryTimeoutSeconds;

  private JdbcRelationshipStore(Builder b) {
    this.dataSource = b.dataSource;
    this.shop = b.shop;
    this.fetchSize = b.fetchSize;
    this.batchSize = b.batchSize;
    this.queryTimeoutSeconds = b.queryTimeoutSeconds;
  }

  /** Starts building a store of {@code shop}'s relationships in {@code dataSource}'s database. */
  public static Builder builder(DataSource dataSource, ShopId shop) {
    return new Builder(Require.notNull(dataSource, "data source"), Require.notNull(shop, "shop"));
  }

  @Override
  public ShopId shop() {
    return shop;
  }

  @Override
  public Optional<ExclusiveRelationship> read(BuyerId buyer) {
    Require.notNull(buyer, "buyer");
    return Sql.withConnection(dataSource, "read the relationship of buyer " + buyer + " of shop " + shop, c -> {
      try (PreparedStatement st = Sql.timed(c.prepareStatement(READ), queryTimeoutSeconds)) {
        st.setString(1, shop.value());
        st.setString(2, buyer.value());
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Map<BuyerId, ExclusiveRelationship> readAll(Collection<BuyerId> buyers) {
    Require.noNullElements(buyers, "buyers");
    List<BuyerId> distinct = new ArrayList<>(new LinkedHashSet<>(buyers));
    if (distinct.isEmpty()) {
      return Map.of();
    }
    Map<BuyerId, ExclusiveRelationship> found = Sql.withConnection(dataSource,
        "read the relationships of " + distinct.size() + " buyers of shop " + shop, c -> readAll(c, distinct));
    return Collections.unmodifiableMap(found);
  }

  private Map<BuyerId, ExclusiveRelationship> readAll(Connection c, List<BuyerId> buyers) throws SQLException {
    Map<BuyerId, ExclusiveRelationship> found = new HashMap<>(Math.max(16, buyers.size() * 2));
    for (int from = 0; from < buyers.size(); from += batchSize) {
      List<BuyerId> chunk = buyers.subList(from, Math.min(buyers.size(), from + batchSize));
      String sql = "SELECT " + COLUMNS + " FROM fenliu_relationship WHERE shop_id = ? AND buyer_id IN ("
          + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
      try (PreparedStatement st = Sql.timed(c.prepareStatement(sql), queryTimeoutSeconds)) {
        st.setString(1, shop.value());
        for (int i = 0; i < chunk.size(); i++) {
          st.setString(i + 2, chunk.get(i).value());
        }
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            ExclusiveRelationship r = row(rs);
            found.put(r.buyer(), r);
          }
        }
      }
    }
    return found;
  }

  @Override
  public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
    Require.inRange(expectedVersion, 0, Long.MAX_VALUE, "expected version", "R8");
    Require.notNull(next, "next");
    return Sql.withConnection(dataSource, "write the relationship of buyer " + next.buyer() + " of shop " + shop, c -> {
      try (PreparedStatement st = Sql.timed(c.prepareStatement(CAS), queryTimeoutSeconds)) {
        bindWrite(st, expectedVersion, next);
        return st.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<WriteOutcome> compareAndSetAll(List<Write> writes) {
    Require.noNullElements(writes, "writes");
    WriteOutcome[] outcomes = new WriteOutcome[writes.size()];
    for (int from = 0; from < writes.size(); from += batchSize) {
      int to = Math.min(writes.size(), from + batchSize);
      try {
        writeChunk(writes, from, to, outcomes);
      } catch (JdbcStoreException e) {
        if (from == 0) {
          throw e;
        }
        Arrays.fill(outcomes, from, writes.size(), WriteOutcome.UNKNOWN);
        LOG.warn("shop {}: batch write stopped after {} of {} writes; the other {} have an unknown outcome",
            shop, from, writes.size(), writes.size() - from, e);
        break;
      }
    }
    return Collections.unmodifiableList(Arrays.asList(outcomes));
  }

  /** Writes {@code writes[from, to)} in one transaction and fills their outcomes. */
  private void writeChunk(List<Write> writes, int from, int to, WriteOutcome[] outcomes) {
    Integer[] order = new Integer[to - from];
    for (int i = 0; i < order.length; i++) {
      order[i] = from + i;
    }
    // Stable: writes of one buyer keep their list order; buyers are locked in one global order (no deadlock).
    Arrays.sort(order, Comparator.comparing(i -> writes.get(i).next().buyer().value()));
    Sql.run(dataSource, "write " + order.length + " relationships of shop " + shop + " in one batch", c -> {
      int[] counts;
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement st = Sql.timed(c.prepareStatement(CAS), queryTimeoutSeconds)) {
          for (int i : order) {
            Write w = writes.get(i);
            bindWrite(st, w.expectedVersion(), w.next());
            st.addBatch();
          }
          counts = st.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        Sql.rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
      List<BuyerId> unwritten = new ArrayList<>();
      for (int k = 0; k < order.length; k++) {
        int i = order[k];
        if (counts[k] == 1) {
          outcomes[i] = WriteOutcome.WRITTEN;
        } else if (counts[k] == 0) {
          unwritten.add(writes.get(i).next().buyer());
        } else {
          outcomes[i] = WriteOutcome.UNKNOWN; // the driver did not say (SUCCESS_NO_INFO)
        }
      }
      if (!unwritten.isEmpty()) {
        // Committed already: this read only tells "someone else's version" from "no such buyer".
        Map<BuyerId, ExclusiveRelationship> held = readAll(c, new ArrayList<>(new LinkedHashSet<>(unwritten)));
        for (int i = from; i < to; i++) {
          if (outcomes[i] == null) {
            outcomes[i] = held.containsKey(writes.get(i).next().buyer()) ? WriteOutcome.STALE : WriteOutcome.ABSENT;
          }
        }
      }
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>The row is written with the version {@code relationship} carries; the database's primary key decides
   * between two nodes inserting the same buyer at once.
   */
  @Override
  public void insert(ExclusiveRelationship relationship) {
    Require.notNull(relationship, "relationship");
    boolean duplicate = Sql.withConnection(dataSource,
        "insert the relationship of buyer " + relationship.buyer() + " of shop " + shop, c -> {
          try (PreparedStatement st = Sql.timed(c.prepareStatement(INSERT), queryTimeoutSeconds)) {
            st.setString(1, shop.value());
            st.setString(2, relationship.buyer().value());
            st.setString(3, relationship.follower().map(AccountId::value).orElse(null));
            st.setLong(4, relationship.version());
            st.executeUpdate();
            return false;
          } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
              return true;
            }
            throw e;
          }
        });
    if (duplicate) {
      String held = read(relationship.buyer()).map(r -> r.follower().map(f -> "followed by " + f)
          .orElse("without a follower") + ", version " + r.version()).orElse("just removed");
      throw new RuleRefusedException("R8", "buyer " + relationship.buyer() + " of shop " + shop
          + " already has an exclusive relationship (" + held + "); a buyer has exactly one (R8): move the "
          + "existing one with a transfer instead of adding another; nothing was written");
    }
  }

  @Override
  public void forEachFollowedBy(AccountId follower, Consumer<? super ExclusiveRelationship> action) {
    Require.notNull(follower, "follower");
    Require.notNull(action, "action");
    Streams.forEachRow(dataSource, "list the relationships " + follower + " follows in shop " + shop, BY_FOLLOWER,
        st -> {
          st.setString(1, shop.value());
          st.setString(2, follower.value());
        }, fetchSize, queryTimeoutSeconds, rs -> action.accept(row(rs)));
  }

  @Override
  public void forEach(Consumer<? super ExclusiveRelationship> action) {
    Require.notNull(action, "action");
    Streams.forEachRow(dataSource, "walk the relationships of shop " + shop, ALL, st -> st.setString(1, shop.value()),
        fetchSize, queryTimeoutSeconds, rs -> action.accept(row(rs)));
  }

  private void bindWrite(PreparedStatement st, long expectedVersion, ExclusiveRelationship next) throws SQLException {
    st.setString(1, next.follower().map(AccountId::value).orElse(null));
    st.setLong(2, next.version());
    st.setString(3, shop.value());
    st.setString(4, next.buyer().value());
    st.setLong(5, expectedVersion);
  }

  private ExclusiveRelationship row(ResultSet rs) throws SQLException {
    return Rows.relationship(shop, rs.getString(1), rs.getString(2), rs.getLong(3));
  }

  @Override
  public String toString() {
    return "JdbcRelationshipStore[shop=" + shop + "]";
  }

  /**
   * Builds a {@link JdbcRelationshipStore}. Every setter checks its value at once and names it in the message.
   * {@link #build()} verifies the schema.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private final ShopId shop;
    private int fetchSize = DEFAULT_FETCH_SIZE;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int queryTimeoutSeconds;

    private Builder(DataSource dataSource, ShopId shop) {
      this.dataSource = dataSource;
      this.shop = shop;
    }

    /**
     * Rows fetched per round trip by {@link #forEach} and {@link #forEachFollowedBy}; default {@value
     * #DEFAULT_FETCH_SIZE}. Memory of a walk is proportional to it, not to the shop.
     *
     * @throws io.fenliu.core.InvalidValueException unless in [1, 1,000,000]
     */
    public Builder fetchSize(int fetchSize) {
      this.fetchSize = (int) Require.inRange(fetchSize, 1, 1_000_000, "fetch size", null);
      return this;
    }

    /**
     * Buyers per {@code SELECT … IN (…)} of {@link #readAll}, and writes per batch transaction of {@link
     * #compareAndSetAll}; default {@value #DEFAULT_BATCH_SIZE}. Larger batches mean fewer round trips and longer
     * row locks.
     *
     * @throws io.fenliu.core.InvalidValueException unless in [1, 10,000]
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = (int) Require.inRange(batchSize, 1, 10_000, "batch size", null);
      return this;
    }

    /**
     * How long one statement may run before the driver cancels it ({@link
     * java.sql.Statement#setQueryTimeout}, whole seconds, rounded up); default none. A cancelled write has an
     * unknown outcome, which a transfer reports as FAILED and finishes when applied again.
     *
     * @throws io.fenliu.core.InvalidValueException if negative or longer than a day
     */
    public Builder queryTimeout(Duration timeout) {
      Duration t = Require.nonNegativeSaturated(timeout, "query timeout");
      Require.argument(t.compareTo(Duration.ofDays(1)) <= 0, "query timeout", null,
          "query timeout must be at most a day: %s", t);
      this.queryTimeoutSeconds = (int) ((t.toMillis() + 999) / 1000);
      return this;
    }

    /**
     * A store over the data source.
     *
     * @throws JdbcStoreException if no connection can be had, or the schema is missing or of another version
     *     (see {@link FenliuSchema#verify})
     */
    public JdbcRelationshipStore build() {
      FenliuSchema.verify(dataSource);
      return new JdbcRelationshipStore(this);
    }
  }
}
