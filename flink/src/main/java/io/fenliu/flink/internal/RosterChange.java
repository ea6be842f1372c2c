package io.fenliu.flink.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.ShopId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A roster change on its way from the health job's reader to its per-agent function (R9): which account of which
 * shop changed, the R1 kinds a relationship it follows has after the change (as {@link Kinds}' byte), and the log
 * entry's sequence and timestamp. The kinds depend only on the account's own facts, so the reader computes them
 * and the per-agent function never sees the account itself.
 */
public final class RosterChange {
  private final ShopId shop;
  private final AccountId agent;
  private final byte after;
  private final long sequence;
  private final long timestamp;

  RosterChange(ShopId shop, AccountId agent, byte after, long sequence, long timestamp) {
    this.shop = shop;
    this.agent = agent;
    this.after = after;
    this.sequence = sequence;
    this.timestamp = timestamp;
  }

  ShopId shop() {
    return shop;
  }

  AccountId agent() {
    return agent;
  }

  byte after() {
    return after;
  }

  long sequence() {
    return sequence;
  }

  long timestamp() {
    return timestamp;
  }

  /** The key: shop and agent, unambiguous whatever characters the ids hold (the shop id's length first). */
  public String key() {
    return key(shop, agent);
  }

  /** The key of {@code agent} of {@code shop}. */
  public static String key(ShopId shop, AccountId agent) {
    return shop.value().length() + ":" + shop.value() + "/" + agent.value();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RosterChange c && shop.equals(c.shop) && agent.equals(c.agent) && after == c.after
        && sequence == c.sequence && timestamp == c.timestamp;
  }

  @Override
  public int hashCode() {
    return Objects.hash(shop, agent, after, sequence, timestamp);
  }

  @Override
  public String toString() {
    return "RosterChange[" + key() + " #" + sequence + " after=" + Kinds.kinds(after) + "]";
  }
}
