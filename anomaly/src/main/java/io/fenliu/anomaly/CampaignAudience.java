package io.fenliu.anomaly;

import io.fenliu.anomaly.internal.FollowerHealthIndex;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Shop;
import io.fenliu.core.internal.Require;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Who an exclusive-channel campaign can reach (R2): the buyers of healthy relationships, and every excluded
 * buyer with its reasons. Reached plus excluded is exactly the input.
 *
 * <p>Streams like a scan: it counts reachable and excluded buyers (and the excluded per kind), keeps the first
 * of each up to a retention limit, in input order, and hands every buyer to an optional {@link Visitor} — the
 * way to send a campaign to millions of buyers without holding them. Memory is bounded by the retention limit;
 * {@link Integer#MAX_VALUE} keeps every buyer when a host asks for the full lists.
 *
 * <p>Made only by its factories; immutable.
 */
public final class CampaignAudience {

  /**
   * A buyer the campaign cannot reach, and why (R2).
   *
   * @param buyer the buyer
   * @param reasons the anomaly kinds of its relationship, at least one; unmodifiable
   */
  public record Excluded(BuyerId buyer, Set<AnomalyKind> reasons) {
    /**
     * Validates and copies.
     *
     * @throws NullPointerException if a component or a reason is null
     * @throws InvalidValueException if there is no reason
     */
    public Excluded {
      Require.notNull(buyer, "buyer");
      reasons = Set.copyOf(Require.noNullElements(reasons, "reasons"));
      if (reasons.isEmpty()) {
        throw new InvalidValueException("reasons", "R2", "an excluded buyer has at least one reason (R2): " + buyer);
      }
    }
  }

  /** Sees every buyer of an audience as it is decided, in input order. Both methods do nothing by default. */
  public interface Visitor {
    /** {@code buyer}'s relationship is healthy: the campaign reaches it (R2). */
    default void reachable(BuyerId buyer) {}

    /** The campaign cannot reach this buyer (R2). */
    default void excluded(Excluded excluded) {}
  }

  private final CampaignKind kind;
  private final long reachableCount;
  private final long excludedCount;
  private final Map<AnomalyKind, Long> excludedByKind;
  private final List<BuyerId> reachable;
  private final List<Excluded> excluded;

  private CampaignAudience(CampaignKind kind, long reachableCount, long excludedCount, long[] byKind,
      List<BuyerId> reachable, List<Excluded> excluded) {
    this.kind = kind;
    this.reachableCount = reachableCount;
    this.excludedCount = excludedCount;
    Map<AnomalyKind, Long> m = new EnumMap<>(AnomalyKind.class);
    for (AnomalyKind k : AnomalyKind.values()) {
      m.put(k, byKind[k.ordinal()]);
    }
    this.excludedByKind = Collections.unmodifiableMap(m);
    this.reachable = List.copyOf(reachable);
    this.excluded = List.copyOf(excluded);
  }

  /**
   * Splits {@code relationships} into the reachable and the excluded for {@code kind}, keeping the first
   * {@value AnomalyScanner#DEFAULT_RETAINED_EXAMPLES} of each.
   *
   * @throws NullPointerException if an argument or a relationship is null
   */
  public static CampaignAudience of(Shop shop, Iterable<? extends ExclusiveRelationship> relationships,
      CampaignKind kind) {
    return of(shop, relationships, kind, AnomalyScanner.DEFAULT_RETAINED_EXAMPLES, new Visitor() {});
  }

  /**
   * Splits {@code relationships} for {@code kind}, handing every buyer to {@code visitor} and keeping the first
   * {@code retain} reachable and the first {@code retain} excluded buyers.
   *
   * @throws NullPointerException if an argument or a relationship is null
   * @throws InvalidValueException if {@code retain} is negative
   */
  public static CampaignAudience of(Shop shop, Iterable<? extends ExclusiveRelationship> relationships,
      CampaignKind kind, int retain, Visitor visitor) {
    Require.notNull(relationships, "relationships");
    Split split = new Split(shop, kind, retain, visitor);
    for (ExclusiveRelationship r : relationships) {
      split.accept(r);
    }
    return split.audience();
  }

  /**
   * Splits every relationship of {@code store} for {@code kind} with the store's constant-memory walk, handing
   * every buyer to {@code visitor} and keeping the first {@code retain} of each side.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if {@code retain} is negative or the store is another shop's
   * @throws RuntimeException whatever the store or the visitor throws
   */
  public static CampaignAudience of(Shop shop, RelationshipStore store, CampaignKind kind, int retain,
      Visitor visitor) {
    Require.notNull(store, "store");
    Split split = new Split(shop, kind, retain, visitor);
    if (!shop.id().equals(store.shop())) {
      throw new InvalidValueException("store", "R2", "the store holds the relationships of shop " + store.shop()
          + ", not of shop " + shop.id() + " (R2): use shop " + shop.id() + "'s own store");
    }
    store.forEach(split);
    return split.audience();
  }

  /** The campaign. */
  public CampaignKind kind() {
    return kind;
  }

  /** How many buyers the campaign reaches. */
  public long reachableCount() {
    return reachableCount;
  }

  /** How many buyers it cannot reach. */
  public long excludedCount() {
    return excludedCount;
  }

  /**
   * Excluded buyers per anomaly kind, every kind present (a buyer with two kinds counts in both); unmodifiable.
   */
  public Map<AnomalyKind, Long> excludedByKind() {
    return excludedByKind;
  }

  /** The first reachable buyers, in input order, at most the retention limit; unmodifiable. */
  public List<BuyerId> reachable() {
    return reachable;
  }

  /** The first excluded buyers with their reasons, in input order, at most the retention limit; unmodifiable. */
  public List<Excluded> excluded() {
    return excluded;
  }

  /** Whether {@link #reachable()} and {@link #excluded()} hold every buyer (the limit was not reached). */
  public boolean isEveryBuyerListed() {
    return reachable.size() == reachableCount && excluded.size() == excludedCount;
  }

  @Override
  public String toString() {
    return "CampaignAudience[" + kind + ", reachable=" + reachableCount + ", excluded=" + excludedCount + "]";
  }

  /** One audience being split; not thread-safe. */
  private static final class Split implements Consumer<ExclusiveRelationship> {
    private final CampaignKind kind;
    private final int retain;
    private final Visitor visitor;
    private final FollowerHealthIndex index;
    private final long[] byKind = new long[AnomalyKind.values().length];
    private final List<BuyerId> reachable = new ArrayList<>();
    private final List<Excluded> excluded = new ArrayList<>();
    private long reachableCount;
    private long excludedCount;

    Split(Shop shop, CampaignKind kind, int retain, Visitor visitor) {
      Require.notNull(shop, "shop");
      this.kind = Require.notNull(kind, "campaign kind");
      this.retain = (int) Require.inRange(retain, 0, Integer.MAX_VALUE, "retained buyers", null);
      this.visitor = Require.notNull(visitor, "visitor");
      this.index = new FollowerHealthIndex(shop);
    }

    @Override
    public void accept(ExclusiveRelationship r) {
      Require.notNull(r, "relationship");
      FollowerHealthIndex.Tally t = index.tallyOf(r);
      if (t.healthy) {
        reachableCount++;
        if (reachable.size() < retain) {
          reachable.add(r.buyer());
        }
        visitor.reachable(r.buyer());
        return;
      }
      excludedCount++;
      for (AnomalyKind k : t.kinds) {
        byKind[k.ordinal()]++;
      }
      Excluded e = new Excluded(r.buyer(), t.kinds);
      if (excluded.size() < retain) {
        excluded.add(e);
      }
      visitor.excluded(e);
    }

    CampaignAudience audience() {
      return new CampaignAudience(kind, reachableCount, excludedCount, byKind, reachable, excluded);
    }
  }
}
