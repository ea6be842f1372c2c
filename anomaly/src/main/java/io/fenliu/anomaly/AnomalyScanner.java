package io.fenliu.anomaly;

import io.fenliu.anomaly.internal.FollowerHealthIndex;
import io.fenliu.anomaly.internal.FollowerHealthIndex.Tally;
import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.internal.Require;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Inspects and scans exclusive relationships for the five anomaly kinds (R1).
 *
 * <p>A scan streams: it reads each relationship once, keeps counts and at most {@code retain} examples, and
 * hands every anomalous relationship to an optional visitor — so a shop's ten million relationships scan in
 * constant memory, from an {@code Iterable}, a {@code Stream} or a {@link RelationshipStore}'s walk. Health is
 * judged per follower once (a shop has far fewer agents than buyers), so the per-relationship cost is one hash
 * look-up.
 */
public final class AnomalyScanner {
  /** Examples a scan keeps unless told otherwise. */
  public static final int DEFAULT_RETAINED_EXAMPLES = 1_000;

  private AnomalyScanner() {}

  /**
   * The anomaly kinds of one relationship (R1); empty when healthy.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Set<AnomalyKind> inspect(Shop shop, ExclusiveRelationship relationship) {
    Require.notNull(shop, "shop");
    Require.notNull(relationship, "relationship");
    return RelationshipHealth.anomalies(shop, relationship);
  }

  /**
   * Scans relationships, keeping the first {@value #DEFAULT_RETAINED_EXAMPLES} anomalous ones as examples.
   *
   * @throws NullPointerException if an argument or a relationship is null
   */
  public static AnomalyReport scan(Shop shop, Iterable<? extends ExclusiveRelationship> relationships) {
    return scan(shop, relationships, DEFAULT_RETAINED_EXAMPLES, null);
  }

  /**
   * Scans a stream of relationships; see {@link #scan(Shop, Iterable)}. The stream is consumed.
   *
   * @throws NullPointerException if an argument or a relationship is null
   */
  public static AnomalyReport scan(Shop shop, Stream<? extends ExclusiveRelationship> relationships) {
    Require.notNull(shop, "shop");
    Require.notNull(relationships, "relationships");
    Scan scan = new Scan(shop, DEFAULT_RETAINED_EXAMPLES, null);
    relationships.sequential().forEach(scan); // the scan's state is not thread-safe
    return scan.report();
  }

  /**
   * Scans every relationship of {@code store} with its constant-memory walk ({@link RelationshipStore#forEach}),
   * keeping the first {@value #DEFAULT_RETAINED_EXAMPLES} anomalous ones as examples.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if the store is another shop's
   */
  public static AnomalyReport scan(Shop shop, RelationshipStore store) {
    return scanStore(shop, store, DEFAULT_RETAINED_EXAMPLES, null);
  }

  /**
   * Scans every relationship of {@code store}, handing every anomalous one to {@code visitor} and keeping the
   * first {@code retain} as examples.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if {@code retain} is negative or the store is another shop's
   * @throws RuntimeException whatever the store or the visitor throws; the scan stops
   */
  public static AnomalyReport scan(
      Shop shop, RelationshipStore store, int retain, Consumer<? super AnomalousRelationship> visitor) {
    Require.notNull(visitor, "visitor");
    return scanStore(shop, store, retain, visitor);
  }

  /** The store scan; a null visitor means none, so no record is built only to be dropped. */
  private static AnomalyReport scanStore(
      Shop shop, RelationshipStore store, int retain, @Nullable Consumer<? super AnomalousRelationship> visitor) {
    Require.notNull(shop, "shop");
    Require.notNull(store, "store");
    Require.inRange(retain, 0, Integer.MAX_VALUE, "retained examples", null);
    if (!shop.id().equals(store.shop())) {
      throw new InvalidValueException("store", "R1", "the store holds the relationships of shop " + store.shop()
          + ", not of shop " + shop.id() + " (R1): scan shop " + shop.id() + "'s own store");
    }
    Scan scan = new Scan(shop, retain, visitor);
    store.forEach(scan);
    return scan.report();
  }

  /**
   * Scans relationships, handing every anomalous one to {@code visitor} and keeping the first {@code retain} as
   * examples. A null visitor is allowed here and means none, so no record is built only to be dropped.
   *
   * @throws InvalidValueException if {@code retain} is negative
   * @throws NullPointerException if the shop, the relationships or a relationship is null
   */
  public static AnomalyReport scan(
      Shop shop,
      Iterable<? extends ExclusiveRelationship> relationships,
      int retain,
      @Nullable Consumer<? super AnomalousRelationship> visitor) {
    Require.notNull(shop, "shop");
    Require.notNull(relationships, "relationships");
    Require.inRange(retain, 0, Integer.MAX_VALUE, "retained examples", null);
    Scan scan = new Scan(shop, retain, visitor);
    for (ExclusiveRelationship r : relationships) {
      scan.accept(r);
    }
    return scan.report();
  }

  /**
   * One scan's state. The per-relationship path is a follower look-up and a counter increment (three for an
   * anomalous one); a record is built only for an anomalous relationship that is kept or visited. Invariant:
   * {@code anomalous} is the sum of the unhealthy tallies' counts, {@code scanned - anomalous} the healthy ones.
   */
  private static final class Scan implements Consumer<ExclusiveRelationship> {
    private final FollowerHealthIndex index;
    private final int retain;
    private final @Nullable Consumer<? super AnomalousRelationship> visitor;
    private final List<AnomalousRelationship> examples;
    private long scanned;
    private long anomalous;

    Scan(Shop shop, int retain, @Nullable Consumer<? super AnomalousRelationship> visitor) {
      this.index = new FollowerHealthIndex(shop);
      this.retain = retain;
      this.visitor = visitor;
      this.examples = new ArrayList<>(Math.min(retain, 64));
    }

    @Override
    public void accept(ExclusiveRelationship r) {
      if (r == null) {
        throw new NullPointerException("relationships[" + scanned + "] must not be null");
      }
      scanned++;
      Tally tally = index.tallyOf(r);
      if (tally.healthy) {
        return; // healthy tallies are not counted: the report only names followers with anomalies
      }
      tally.relationships++;
      anomalous++;
      if (examples.size() < retain || visitor != null) {
        AnomalousRelationship a = new AnomalousRelationship(r, tally.kinds);
        if (examples.size() < retain) {
          examples.add(a);
        }
        if (visitor != null) {
          visitor.accept(a);
        }
      }
    }

    AnomalyReport report() {
      Map<AnomalyKind, Long> byKind = new EnumMap<>(AnomalyKind.class);
      for (AnomalyKind k : AnomalyKind.values()) {
        byKind.put(k, 0L);
      }
      byKind.put(AnomalyKind.NO_EXCLUSIVE_AGENT, index.noFollower().relationships);
      Map<AccountId, Long> byFollower = new HashMap<>();
      for (Map.Entry<AccountId, Tally> e : index.tallies().entrySet()) {
        Tally t = e.getValue();
        if (t.relationships > 0 && !t.healthy) {
          byFollower.put(e.getKey(), t.relationships);
          for (AnomalyKind k : t.kinds) {
            byKind.merge(k, t.relationships, Long::sum);
          }
        }
      }
      return new AnomalyReport(scanned, anomalous, byKind, byFollower, examples);
    }
  }
}
