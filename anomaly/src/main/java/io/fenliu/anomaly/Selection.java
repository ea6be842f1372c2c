package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which relationships a bulk transfer moves (R6, 关系转移管理): all anomalous ones, those of one kind, those of
 * one source follower, or an explicit set of buyers.
 */
public sealed interface Selection {

  /** Every anomalous relationship (R1). */
  static Selection allAnomalous() {
    return new AllAnomalous();
  }

  /** The relationships with anomaly {@code kind}. */
  static Selection ofKind(AnomalyKind kind) {
    return new OfKind(kind);
  }

  /** The relationships followed by {@code follower}, healthy or not. */
  static Selection fromFollower(AccountId follower) {
    return new FromFollower(follower);
  }

  /**
   * The relationships of these buyers.
   *
   * @throws IllegalArgumentException if {@code buyers} is empty or names a buyer twice
   */
  static Selection buyers(Collection<BuyerId> buyers) {
    return new Buyers(List.copyOf(Objects.requireNonNull(buyers, "selected buyers must not be null")));
  }

  /** Whether this selection takes {@code relationship}, whose anomaly kinds are {@code kinds}. */
  boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds);

  /** Every anomalous relationship. */
  record AllAnomalous() implements Selection {
    @Override
    public boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
      return !kinds.isEmpty();
    }
  }

  /**
   * The relationships having one anomaly kind.
   *
   * @param kind the kind
   */
  record OfKind(AnomalyKind kind) implements Selection {
    /** Validates the kind. */
    public OfKind {
      Objects.requireNonNull(kind, "selected anomaly kind must not be null");
    }

    @Override
    public boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
      return kinds.contains(kind);
    }
  }

  /**
   * The relationships of one source follower.
   *
   * @param follower the source follower
   */
  record FromFollower(AccountId follower) implements Selection {
    /** Validates the follower. */
    public FromFollower {
      Objects.requireNonNull(follower, "selected source follower must not be null");
    }

    @Override
    public boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
      return relationship.isFollowedBy(follower);
    }
  }

  /**
   * An explicit set of buyers.
   *
   * @param buyers the buyers, at least one, each once; unmodifiable
   */
  record Buyers(List<BuyerId> buyers) implements Selection {
    /** Validates: not empty, no duplicates. */
    public Buyers {
      Objects.requireNonNull(buyers, "selected buyers must not be null");
      if (buyers.isEmpty()) {
        throw new IllegalArgumentException("a selection of buyers must name at least one buyer (R6)");
      }
      Set<BuyerId> seen = new LinkedHashSet<>();
      for (BuyerId b : buyers) {
        if (!seen.add(Objects.requireNonNull(b, "selected buyer must not be null"))) {
          throw new IllegalArgumentException("buyer " + b + " is selected twice (R6, R8)");
        }
      }
      buyers = List.copyOf(buyers);
    }

    @Override
    public boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
      return buyers.contains(relationship.buyer());
    }
  }
}
