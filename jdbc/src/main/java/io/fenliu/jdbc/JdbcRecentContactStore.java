package io.fenliu.jdbc;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.RecentContact;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import io.fenliu.jdbc.internal.Rows;
import io.fenliu.jdbc.internal.Sql;
import io.fenliu.routing.RecentContactStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RecentContactStore} over a {@link DataSource} (R18, R21): each buyer's latest contact in the {@code
 * fenliu_recent_contact} table of {@link FenliuSchema}, shared by every node of the host. The host records the
 * agent of each seated consultation, and asks for a buyer's contact when the buyer comes back.
 *
 * <h2>Consistency</h2>
 *
 * {@link #record} keeps the latest contact per buyer whatever the order the calls arrive in, from any number of
 * nodes: it is an {@code UPDATE … WHERE contacted_at_us <= ?} (so an older contact changes nothing, and on equal
 * times the later call wins), and an {@code INSERT} when the buyer has no row; if another node inserted the buyer
 * in between, the {@code UPDATE} runs once more and the database's row lock decides. Instants are stored to the
 * microsecond, truncated toward the past, as PostgreSQL stores timestamps.
 *
 * <p>Rows are not removed by themselves: call {@link #purgeOlderThan} from the host's scheduler (e.g. nightly,
 * with the shop's R18 window) to keep the table small. A query judges the window itself, so a row not yet purged is
 * never answered outside it.
 */
public final class JdbcRecentContactStore implements RecentContactStore {
  private static final String UPDATE = "UPDATE fenliu_recent_contact SET agent_id = ?, contacted_at_us = ? "
      + "WHERE shop_id = ? AND buyer_id = ? AND contacted_at_us <= ?";
  private static final String INSERT =
      "INSERT INTO fenliu_recent_contact (shop_id, buyer_id, agent_id, contacted_at_us) VALUES (?, ?, ?, ?)";
  private static final String READ =
      "SELECT agent_id, contacted_at_us FROM fenliu_recent_contact WHERE shop_id = ? AND buyer_id = ?";
  private static final String PURGE = "DELETE FROM fenliu_recent_contact WHERE shop_id = ? AND contacted_at_us < ?";

  private final DataSource dataSource;
  private final ShopId shop;
  private final int queryTimeoutSeconds;

  private JdbcRecentContactStore(DataSource dataSource, ShopId shop, int queryTimeoutSeconds) {
    this.dataSource = dataSource;
    this.shop = shop;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /**
   * A store of {@code shop}'s recent contacts in {@code dataSource}'s database.
   *
   * @param queryTimeout how long one statement may run before the driver cancels it (whole seconds, rounded up);
   *     {@link Duration#ZERO} for no limit
   * @throws JdbcStoreException if no connection can be had, or the schema is missing or of another version
   */
  public static JdbcRecentContactStore of(DataSource dataSource, ShopId shop, Duration queryTimeout) {
    Require.notNull(dataSource, "data source");
    Require.notNull(shop, "shop");
    int seconds = timeoutSeconds(queryTimeout);
    FenliuSchema.verify(dataSource);
    return new JdbcRecentContactStore(dataSource, shop, seconds);
  }

  /** A store with no statement time limit; see {@link #of(DataSource, ShopId, Duration)}. */
  public static JdbcRecentContactStore of(DataSource dataSource, ShopId shop) {
    return of(dataSource, shop, Duration.ZERO);
  }

  static int timeoutSeconds(Duration queryTimeout) {
    Duration t = Require.nonNegativeSaturated(queryTimeout, "query timeout");
    Require.argument(t.compareTo(Duration.ofDays(1)) <= 0, "query timeout", null,
        "query timeout must be at most a day: %s", t);
    return (int) ((t.toMillis() + 999) / 1000);
  }

  @Override
  public ShopId shop() {
    return shop;
  }

  @Override
  public void record(BuyerId buyer, AccountId agent, Instant at) {
    Require.notNull(buyer, "buyer");
    Require.notNull(agent, "agent");
    long micros = Sql.micros(Require.notNull(at, "at"), "contact time");
    Sql.run(dataSource, "record the recent contact of buyer " + buyer + " of shop " + shop, c -> {
      if (update(c, buyer, agent, micros) == 0) {
        try (PreparedStatement st = Sql.timed(c.prepareStatement(INSERT), queryTimeoutSeconds)) {
          st.setString(1, shop.value());
          st.setString(2, buyer.value());
          st.setString(3, agent.value());
          st.setLong(4, micros);
          st.executeUpdate();
        } catch (SQLException e) {
          if (!Sql.isUniqueViolation(e)) {
            throw e;
          }
          // Another node inserted the buyer meanwhile: its row now exists, so the UPDATE decides.
          update(c, buyer, agent, micros);
        }
      }
    });
  }

  private int update(Connection c, BuyerId buyer, AccountId agent, long micros) throws SQLException {
    try (PreparedStatement st = Sql.timed(c.prepareStatement(UPDATE), queryTimeoutSeconds)) {
      st.setString(1, agent.value());
      st.setLong(2, micros);
      st.setString(3, shop.value());
      st.setString(4, buyer.value());
      st.setLong(5, micros);
      return st.executeUpdate();
    }
  }

  @Override
  public Optional<RecentContact> recentContact(BuyerId buyer, Instant now, Duration window) {
    Require.notNull(buyer, "buyer");
    Require.notNull(now, "now");
    Require.nonNegativeSaturated(window, "window");
    Optional<RecentContact> held = Sql.withConnection(dataSource,
        "read the recent contact of buyer " + buyer + " of shop " + shop, c -> {
          try (PreparedStatement st = Sql.timed(c.prepareStatement(READ), queryTimeoutSeconds)) {
            st.setString(1, shop.value());
            st.setString(2, buyer.value());
            try (ResultSet rs = st.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              String agent = rs.getString(1);
              if (agent == null || agent.isBlank()) {
                throw Rows.blank("fenliu_recent_contact", shop, buyer.value(), "agent_id");
              }
              return Optional.of(new RecentContact(AccountId.of(agent), Sql.instant(rs.getLong(2))));
            }
          }
        });
    return held.filter(r -> !r.at().isAfter(now) && !r.at().isBefore(minus(now, window)));
  }

  /**
   * Deletes the contacts that took place before {@code cutoff}; how many. Call it from the host's scheduler with
   * {@code now} minus the shop's recent-agent window (R18): no query can answer those contacts any more.
   *
   * @throws JdbcStoreException if the database fails; some rows may then be deleted, which is harmless
   */
  public int purgeOlderThan(Instant cutoff) {
    long micros = Sql.micros(Require.notNull(cutoff, "cutoff"), "cutoff");
    return Sql.withConnection(dataSource, "purge old recent contacts of shop " + shop, c -> {
      try (PreparedStatement st = Sql.timed(c.prepareStatement(PURGE), queryTimeoutSeconds)) {
        st.setString(1, shop.value());
        st.setLong(2, micros);
        return st.executeUpdate();
      }
    });
  }

  private static Instant minus(Instant now, Duration window) {
    try {
      return now.minus(window);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return Instant.MIN;
    }
  }

  @Override
  public String toString() {
    return "JdbcRecentContactStore[shop=" + shop + "]";
  }
}
