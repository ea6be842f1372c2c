package io.fenliu.flink;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ShopId;
import io.fenliu.flink.internal.VerdictChangeTypeInfoFactory;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * One agent's R1 verdict changed (R9): the anomaly kinds every relationship it follows had before a roster change
 * and has after it, as the health job ({@link HealthJob}) emits it from its per-agent state. Empty kinds mean
 * healthy. The relationships themselves are not here: the job's second stage lists them from the host's store and
 * emits one {@link RelationshipHealthUpdate} each.
 *
 * <p>{@link #dedupKey()} ({@code shop/agent#sequence}) names the change: the job's output is at least once, and a
 * replay after a failure repeats a change with the same key and the same value.
 */
@TypeInfo(VerdictChangeTypeInfoFactory.class)
public final class VerdictChange {
  private final ShopId shop;
  private final AccountId agent;
  private final Set<AnomalyKind> before;
  private final Set<AnomalyKind> after;
  private final long sequence;
  private final long timestamp;

  private VerdictChange(ShopId shop, AccountId agent, Set<AnomalyKind> before, Set<AnomalyKind> after, long sequence,
      long timestamp) {
    this.shop = shop;
    this.agent = agent;
    this.before = before;
    this.after = after;
    this.sequence = sequence;
    this.timestamp = timestamp;
  }

  /**
   * A change of {@code agent}'s verdict from {@code before} to {@code after}, made by the log entry at {@code
   * sequence} of the shop's log.
   *
   * @param timestamp the entry's record timestamp, epoch milliseconds
   * @throws NullPointerException if an argument or a kind is null
   * @throws IllegalArgumentException if {@code before} equals {@code after} (nothing changed, R9)
   */
  public static VerdictChange of(ShopId shop, AccountId agent, Set<AnomalyKind> before, Set<AnomalyKind> after,
      long sequence, long timestamp) {
    Set<AnomalyKind> b = Set.copyOf(Objects.requireNonNull(before, "before"));
    Set<AnomalyKind> a = Set.copyOf(Objects.requireNonNull(after, "after"));
    if (b.equals(a)) {
      throw new IllegalArgumentException("a verdict change needs different kinds before and after (R9): " + b);
    }
    return new VerdictChange(Objects.requireNonNull(shop, "shop"), Objects.requireNonNull(agent, "agent"), b, a,
        sequence, timestamp);
  }

  /** The shop. */
  public ShopId shop() {
    return shop;
  }

  /** The agent whose account changed: the follower of every relationship the change touches. */
  public AccountId agent() {
    return agent;
  }

  /** The kinds a relationship it follows had before the change; empty when healthy; unmodifiable. */
  public Set<AnomalyKind> before() {
    return before;
  }

  /** The kinds a relationship it follows has after the change; empty when healthy; unmodifiable. */
  public Set<AnomalyKind> after() {
    return after;
  }

  /** The sequence of the log entry that changed it, in the shop's log. */
  public long sequence() {
    return sequence;
  }

  /** The record timestamp of that entry, epoch milliseconds. */
  public long timestamp() {
    return timestamp;
  }

  /** {@code shop/agent#sequence}: equal for a change and its replays, distinct between changes. */
  public String dedupKey() {
    return shop.value() + "/" + agent.value() + "#" + sequence;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof VerdictChange c && shop.equals(c.shop) && agent.equals(c.agent) && before.equals(c.before)
        && after.equals(c.after) && sequence == c.sequence && timestamp == c.timestamp;
  }

  @Override
  public int hashCode() {
    return Objects.hash(shop, agent, before, after, sequence, timestamp);
  }

  @Override
  public String toString() {
    return "VerdictChange[" + dedupKey() + " " + before + " -> " + after + "]";
  }
}
