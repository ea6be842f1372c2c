package io.fenliu.flink;

import io.fenliu.anomaly.HealthChange;
import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import io.fenliu.flink.internal.RelationshipHealthUpdateTypeInfoFactory;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * One relationship whose health a roster change changed (R1, R9), as the health job ({@link HealthJob}) emits it:
 * the relationship as the host's store listed it, its anomaly kinds before and after, and — when the host gave
 * transfer targets and the relationship is anomalous after the change — the target the R9 transfer plan moves it
 * to, or why no move was planned (R3, R8).
 *
 * <p>A planned move is {@link io.fenliu.anomaly.TransferPlanner}'s: apply it as a compare-and-set from {@link #relationship()}'s
 * version (R8), which refuses it if the relationship moved since it was listed, or its target is no longer valid.
 *
 * <p>{@link #dedupKey()} ({@code shop/follower#sequence/buyer}) names the update: the output is at least once, and
 * a replay repeats an update with the same key. The value of a replayed update is the store's answer at the time
 * of the replay's fetch, so it can differ from the first in what the store changed in between (a relationship
 * moved away is then absent, or listed as it is now).
 *
 * @see io.fenliu.anomaly.TransferPlanner#plan(io.fenliu.anomaly.HealthChanges, java.util.List,
 *     io.fenliu.anomaly.Distribution)
 */
@TypeInfo(RelationshipHealthUpdateTypeInfoFactory.class)
public final class RelationshipHealthUpdate {
  private final ShopId shop;
  private final long sequence;
  private final long timestamp;
  private final HealthChange change;
  private final Optional<AccountId> moveTo;
  private final Optional<String> unplanned;

  private RelationshipHealthUpdate(ShopId shop, long sequence, long timestamp, HealthChange change,
      Optional<AccountId> moveTo, Optional<String> unplanned) {
    this.shop = shop;
    this.sequence = sequence;
    this.timestamp = timestamp;
    this.change = change;
    this.moveTo = moveTo;
    this.unplanned = unplanned;
  }

  /**
   * An update of {@code change}'s relationship, made by the log entry at {@code sequence} of the shop's log.
   *
   * @param moveTo the planned target, if a move was planned
   * @param unplanned why no move was planned although targets were given; empty when a move was planned or no
   *     plan was asked for
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the relationship has no follower (a roster change never changes the
   *     health of such a relationship, R1.4), or both {@code moveTo} and {@code unplanned} are present
   */
  public static RelationshipHealthUpdate of(ShopId shop, long sequence, long timestamp, HealthChange change,
      Optional<AccountId> moveTo, Optional<String> unplanned) {
    Objects.requireNonNull(shop, "shop");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(moveTo, "moveTo");
    Objects.requireNonNull(unplanned, "unplanned");
    if (change.relationship().follower().isEmpty()) {
      throw new IllegalArgumentException("a roster change only touches relationships with a follower (R1.4, R9): "
          + change.relationship());
    }
    if (moveTo.isPresent() && unplanned.isPresent()) {
      throw new IllegalArgumentException("a move is either planned or not: " + moveTo.get() + " and \""
          + unplanned.get() + "\"");
    }
    return new RelationshipHealthUpdate(shop, sequence, timestamp, change, moveTo, unplanned);
  }

  /** The shop. */
  public ShopId shop() {
    return shop;
  }

  /** The agent whose change this is: the relationship's follower when it was listed. */
  public AccountId follower() {
    return change.relationship().follower().orElseThrow();
  }

  /** The sequence of the log entry that changed the follower's verdict. */
  public long sequence() {
    return sequence;
  }

  /** The record timestamp of that entry, epoch milliseconds. */
  public long timestamp() {
    return timestamp;
  }

  /** The change: the relationship as listed, and its kinds before and after. */
  public HealthChange change() {
    return change;
  }

  /** The relationship, as the store listed it (its version is what a move expects, R8). */
  public ExclusiveRelationship relationship() {
    return change.relationship();
  }

  /** Its anomaly kinds before the change; empty when healthy. */
  public Set<AnomalyKind> before() {
    return change.before();
  }

  /** Its anomaly kinds after the change; empty when healthy. */
  public Set<AnomalyKind> after() {
    return change.after();
  }

  /** How its health changed. */
  public HealthChange.Direction direction() {
    return change.direction();
  }

  /** The target the transfer plan moves it to (R3, R9), if one was planned. */
  public Optional<AccountId> moveTo() {
    return moveTo;
  }

  /** Why no move was planned although the host gave targets (the planner's message, citing R3), if so. */
  public Optional<String> unplanned() {
    return unplanned;
  }

  /** {@code shop/follower#sequence/buyer}: equal for an update and its replays, distinct between updates. */
  public String dedupKey() {
    return shop.value() + "/" + follower().value() + "#" + sequence + "/" + relationship().buyer().value();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RelationshipHealthUpdate u && shop.equals(u.shop) && sequence == u.sequence
        && timestamp == u.timestamp && change.equals(u.change) && moveTo.equals(u.moveTo)
        && unplanned.equals(u.unplanned);
  }

  @Override
  public int hashCode() {
    return Objects.hash(shop, sequence, timestamp, change, moveTo, unplanned);
  }

  @Override
  public String toString() {
    return "RelationshipHealthUpdate[" + dedupKey() + " " + before() + " -> " + after()
        + moveTo.map(t -> " move to " + t.value()).orElse("") + unplanned.map(u -> " unplanned: " + u).orElse("")
        + "]";
  }
}
