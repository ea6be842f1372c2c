package io.fenliu.jdbc;

import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How far a saved transfer plan has come (R8), as {@link JdbcTransferPlans#progress} read it in one go: how many of
 * its moves were never applied (pending), how many ended in each {@link MoveOutcome.Status}, and whether it is done.
 * The pending count and the outcome counts add up to the plan's moves: no relationship of the plan is unaccounted
 * for. Immutable.
 */
public final class TransferProgress {
  private final ShopId shop;
  private final String planId;
  private final long moves;
  private final long pending;
  private final Map<MoveOutcome.Status, Long> outcomes;
  private final Instant savedAt;
  private final Optional<Instant> finishedAt;

  TransferProgress(ShopId shop, String planId, long moves, long pending, Map<MoveOutcome.Status, Long> outcomes,
      Instant savedAt, Optional<Instant> finishedAt) {
    this.shop = shop;
    this.planId = planId;
    this.moves = moves;
    this.pending = pending;
    Map<MoveOutcome.Status, Long> copy = new EnumMap<>(MoveOutcome.Status.class);
    for (MoveOutcome.Status s : MoveOutcome.Status.values()) {
      copy.put(s, outcomes.getOrDefault(s, 0L));
    }
    this.outcomes = Collections.unmodifiableMap(copy);
    this.savedAt = savedAt;
    this.finishedAt = finishedAt;
  }

  /** The shop whose plan this is. */
  public ShopId shop() {
    return shop;
  }

  /** The plan's id. */
  public String planId() {
    return planId;
  }

  /** How many moves the plan holds. */
  public long moves() {
    return moves;
  }

  /** How many moves no resume has applied yet. */
  public long pending() {
    return pending;
  }

  /** How many moves ended in each status, as last recorded; every status present, in declaration order. */
  public Map<MoveOutcome.Status, Long> outcomes() {
    return outcomes;
  }

  /** How many moves ended in {@code status}, as last recorded. */
  public long count(MoveOutcome.Status status) {
    return outcomes.getOrDefault(Require.notNull(status, "status"), 0L);
  }

  /**
   * Whether every move has a final outcome: none pending, none FAILED. A done plan may still hold CONFLICT and
   * TARGET_INVALID moves: those relationships were left where they were, with the reason (R3, R8); plan them again.
   */
  public boolean isDone() {
    return pending == 0 && count(MoveOutcome.Status.FAILED) == 0;
  }

  /** When the plan was saved. */
  public Instant savedAt() {
    return savedAt;
  }

  /**
   * When a resume found the plan done and recorded it: empty while it is listed by {@link
   * JdbcTransferPlans#unfinished()} (which may briefly include a done plan, until it is resumed once more).
   */
  public Optional<Instant> finishedAt() {
    return finishedAt;
  }

  @Override
  public String toString() {
    return "TransferProgress[shop=" + shop + ", plan=" + planId + ", moves=" + moves + ", pending=" + pending + ", "
        + outcomes + (isDone() ? ", done" : "") + "]";
  }
}
