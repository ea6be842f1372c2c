package io.fenliu.jdbc.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import io.fenliu.jdbc.JdbcStoreException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns rows into Fenliu's values, refusing any the value types would refuse, so that a row written outside
 * Fenliu (a hand-made fix, another program, a dropped check constraint) is reported with its key and what to do,
 * instead of surfacing as a bare {@link IllegalArgumentException} from deep inside a scan.
 */
public final class Rows {
  private Rows() {}

  /** The relationship a {@code fenliu_relationship} row holds. */
  public static ExclusiveRelationship relationship(
      ShopId shop, @Nullable String buyer, @Nullable String follower, long version) {
    if (version < 0) {
      throw bad(shop, buyer, "version " + version + ": versions are never negative (R8). Set it to a version no "
          + "writer holds, e.g. UPDATE fenliu_relationship SET version = 0 WHERE shop_id = " + sqlString(shop.value())
          + " AND buyer_id = " + sqlString(String.valueOf(buyer))
          + ", and restore the check constraint fenliu_relationship_version_ck");
    }
    if (buyer == null || buyer.isBlank()) {
      throw bad(shop, buyer, "a blank buyer id: delete the row, or give it the platform's buyer id");
    }
    if (follower != null && follower.isBlank()) {
      throw bad(shop, buyer, "a blank follower id '" + follower + "': set follower_id to NULL (no follower, R1.4) "
          + "or to the agent's account id");
    }
    return new ExclusiveRelationship(BuyerId.of(buyer),
        follower == null ? Optional.empty() : Optional.of(AccountId.of(follower)), version);
  }

  /**
   * {@code value} as an SQL string literal, single quotes doubled (standard SQL, and what PostgreSQL, H2 and MySQL
   * accept), so that a repair statement suggested in a message can be run as it is, whatever the ids hold.
   */
  static String sqlString(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** A row of {@code table} holding a blank id in {@code column}, keyed by {@code key}. */
  public static JdbcStoreException blank(String table, ShopId shop, String key, String column) {
    return new JdbcStoreException("the " + table + " row of shop " + shop + ", key '" + key + "', has a blank "
        + column + ": Fenliu ids are never blank; fix or delete the row (it was not written by Fenliu)", null);
  }

  private static JdbcStoreException bad(ShopId shop, @Nullable String buyer, String what) {
    return new JdbcStoreException("the fenliu_relationship row of shop " + shop + ", buyer '" + buyer + "', holds "
        + what + "; nothing was changed", null);
  }
}
