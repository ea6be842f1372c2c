package io.fenliu.jdbc;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import io.fenliu.jdbc.internal.Rows;
import io.fenliu.jdbc.internal.Sql;
import io.fenliu.jdbc.internal.Streams;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.OpenConsultationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * An {@link OpenConsultationStore} over a {@link DataSource} (R20): the consultations holding a seat, in the {@code
 * fenliu_open_consultation} table of {@link FenliuSchema}, so that a router restarted after a crash can be handed
 * the seats still held ({@link #forEachOpen}, by cursor, in constant memory).
 *
 * <p>{@link #opened} is an {@code UPDATE} of the consultation's row, or an {@code INSERT} when it has none (retried
 * as an {@code UPDATE} if another node inserted it meanwhile): opening an open consultation again moves its seat.
 * {@link #closed} is one {@code DELETE}. Each call is atomic; a host may retry either after a failure, since opening
 * twice and closing twice change nothing more. Instants are stored to the microsecond, truncated toward the past.
 */
public final class JdbcOpenConsultationStore implements OpenConsultationStore {
  /** Rows fetched per round trip by {@link #forEachOpen}. */
  public static final int FETCH_SIZE = 1_000;

  private static final String UPDATE = "UPDATE fenliu_open_consultation SET buyer_id = ?, agent_id = ?, "
      + "seated_at_us = ? WHERE shop_id = ? AND consultation_id = ?";
  private static final String INSERT = "INSERT INTO fenliu_open_consultation "
      + "(buyer_id, agent_id, seated_at_us, shop_id, consultation_id) VALUES (?, ?, ?, ?, ?)";
  private static final String DELETE = "DELETE FROM fenliu_open_consultation WHERE shop_id = ? AND consultation_id = ?";
  private static final String ALL = "SELECT consultation_id, buyer_id, agent_id, seated_at_us "
      + "FROM fenliu_open_consultation WHERE shop_id = ?";

  private final DataSource dataSource;
  private final ShopId shop;
  private final int queryTimeoutSeconds;

  private JdbcOpenConsultationStore(DataSource dataSource, ShopId shop, int queryTimeoutSeconds) {
    this.dataSource = dataSource;
    this.shop = shop;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  /**
   * A store of {@code shop}'s open consultations in {@code dataSource}'s database.
   *
   * @param queryTimeout how long one statement may run before the driver cancels it (whole seconds, rounded up);
   *     {@link Duration#ZERO} for no limit
   * @throws JdbcStoreException if no connection can be had, or the schema is missing or of another version
   */
  public static JdbcOpenConsultationStore of(DataSource dataSource, ShopId shop, Duration queryTimeout) {
    Require.notNull(dataSource, "data source");
    Require.notNull(shop, "shop");
    int seconds = JdbcRecentContactStore.timeoutSeconds(queryTimeout);
    FenliuSchema.verify(dataSource);
    return new JdbcOpenConsultationStore(dataSource, shop, seconds);
  }

  /** A store with no statement time limit; see {@link #of(DataSource, ShopId, Duration)}. */
  public static JdbcOpenConsultationStore of(DataSource dataSource, ShopId shop) {
    return of(dataSource, shop, Duration.ZERO);
  }

  @Override
  public ShopId shop() {
    return shop;
  }

  @Override
  public void opened(OpenConsultation consultation) {
    Require.notNull(consultation, "consultation");
    long micros = Sql.micros(consultation.seatedAt(), "seated at");
    Sql.run(dataSource, "record open consultation " + consultation.id() + " of shop " + shop, c -> {
      if (write(c, UPDATE, consultation, micros) == 0) {
        try {
          write(c, INSERT, consultation, micros);
        } catch (SQLException e) {
          if (!Sql.isUniqueViolation(e)) {
            throw e;
          }
          write(c, UPDATE, consultation, micros);
        }
      }
    });
  }

  /** Both statements bind the same five values in the same order. */
  private int write(Connection c, String sql, OpenConsultation consultation, long micros) throws SQLException {
    try (PreparedStatement st = Sql.timed(c.prepareStatement(sql), queryTimeoutSeconds)) {
      st.setString(1, consultation.buyer().value());
      st.setString(2, consultation.agent().value());
      st.setLong(3, micros);
      st.setString(4, shop.value());
      st.setString(5, consultation.id().value());
      return st.executeUpdate();
    }
  }

  @Override
  public boolean closed(ConsultationId id) {
    Require.notNull(id, "consultation id");
    return Sql.withConnection(dataSource, "close consultation " + id + " of shop " + shop, c -> {
      try (PreparedStatement st = Sql.timed(c.prepareStatement(DELETE), queryTimeoutSeconds)) {
        st.setString(1, shop.value());
        st.setString(2, id.value());
        return st.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void forEachOpen(Consumer<? super OpenConsultation> sink) {
    Require.notNull(sink, "sink");
    Streams.forEachRow(dataSource, "read the open consultations of shop " + shop, ALL,
        st -> st.setString(1, shop.value()), FETCH_SIZE, queryTimeoutSeconds, rs -> {
          String id = rs.getString(1);
          String buyer = rs.getString(2);
          String agent = rs.getString(3);
          if (id == null || id.isBlank()) {
            throw Rows.blank("fenliu_open_consultation", shop, String.valueOf(id), "consultation_id");
          }
          if (buyer == null || buyer.isBlank()) {
            throw Rows.blank("fenliu_open_consultation", shop, id, "buyer_id");
          }
          if (agent == null || agent.isBlank()) {
            throw Rows.blank("fenliu_open_consultation", shop, id, "agent_id");
          }
          sink.accept(new OpenConsultation(ConsultationId.of(id), BuyerId.of(buyer), AccountId.of(agent),
              Sql.instant(rs.getLong(4))));
        });
  }

  @Override
  public String toString() {
    return "JdbcOpenConsultationStore[shop=" + shop + "]";
  }
}
