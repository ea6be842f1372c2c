package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.internal.Require;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which relationships a bulk transfer moves (R6, 关系转移管理): all anomalous ones, those of one kind, those of
 * one source follower, or an explicit set of buyers. Deciding whether one relationship is selected costs O(1)
 * for every kind of selection (an explicit set is hashed once), so a plan costs O(relationships + selected).
 */
public sealed interface Selection {

  /** Every anomalous relationship (R1). */
  static Selection allAnomalous() {
    return new AllAnomalous();
  }

  /**
   * The relationships with anomaly {@code kind}.
   *
   * @throws NullPointerException if {@code kind} is null
   */
  static Selection ofKind(AnomalyKind kind) {
    return new OfKind(kind);
  }

  /**
   * The relationships followed by {@code follower}, healthy or not. Planned over a store, they are found with
   * its listing by follower, not a full scan.
   *
   * @throws NullPointerException if {@code follower} is null
   */
  static Selection fromFollower(AccountId follower) {
    return new FromFollower(follower);
  }

  /**
   * The relationships of these buyers, in this order. Planned over a store, they are read with its batch read,
   * not found by a full scan.
   *
   * @throws NullPointerException if {@code buyers} or an element is null ("buyers[1] must not be null")
   * @throws InvalidValueException if {@code buyers} is empty or names a buyer twice
   */
  static Selection buyers(Collection<BuyerId> buyers) {
    return new Buyers(buyers);
  }

  /**
   * Whether this selection takes {@code relationship}, whose anomaly kinds are {@code kinds}; O(1).
   *
   * @throws NullPointerException naming the argument if {@code relationship} or {@code kinds} is null
   */
  boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds);

  /** Checks {@link #selects}'s arguments, so that a null is refused by name whatever the selection reads. */
  private static void checkSelects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
    Require.notNull(relationship, "relationship");
    Require.notNull(kinds, "kinds");
  }

  /** Every anomalous relationship. */
  record AllAnomalous() implements Selection {
    @Override
    public boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
      Selection.checkSelects(relationship, kinds);
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
      Require.notNull(kind, "kind");
    }

    @Override
    public boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
      Selection.checkSelects(relationship, kinds);
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
      Require.notNull(follower, "follower");
    }

    @Override
    public boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
      Selection.checkSelects(relationship, kinds);
      return relationship.isFollowedBy(follower);
    }
  }

  /** An explicit set of buyers, at least one, each once, hashed for O(1) membership. */
  final class Buyers implements Selection {
    private final List<BuyerId> buyers;
    private final Set<BuyerId> set;

    private Buyers(Collection<BuyerId> given) {
      Require.noNullElements(given, "buyers");
      if (given.isEmpty()) {
        throw new InvalidValueException("buyers", "R6", "a selection of buyers must name at least one buyer (R6)");
      }
      List<BuyerId> list = List.copyOf(given);
      Set<BuyerId> seen = new HashSet<>(Math.max(16, list.size() * 2));
      for (BuyerId b : list) {
        if (!seen.add(b)) {
          throw new InvalidValueException("buyers", "R6", "buyer " + b + " is selected twice (R6, R8): name each"
              + " buyer once");
        }
      }
      this.buyers = list;
      this.set = Collections.unmodifiableSet(seen);
    }

    /** The buyers, in the order given; unmodifiable. */
    public List<BuyerId> buyers() {
      return buyers;
    }

    /**
     * Whether {@code buyer} is selected; O(1).
     *
     * @throws NullPointerException if {@code buyer} is null ("buyer must not be null"): no buyer is null, and
     *     answering false would hide the caller's bug
     */
    public boolean contains(BuyerId buyer) {
      return set.contains(Require.notNull(buyer, "buyer"));
    }

    @Override
    public boolean selects(ExclusiveRelationship relationship, Set<AnomalyKind> kinds) {
      Selection.checkSelects(relationship, kinds);
      return set.contains(relationship.buyer());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Buyers b && buyers.equals(b.buyers);
    }

    @Override
    public int hashCode() {
      return buyers.hashCode();
    }

    @Override
    public String toString() {
      return "Buyers[" + buyers.size() + " buyers]";
    }
  }
}
