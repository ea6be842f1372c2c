package io.fenliu.anomaly;

import io.fenliu.anomaly.internal.FollowerHealthIndex;
import io.fenliu.anomaly.internal.FollowerHealthIndex.Tally;
import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Inspects and scans exclusive relationships for the five anomaly kinds (R1).
 *
 * <p>A scan streams: it reads each relationship once, keeps counts and at most {@code retain} examples, and
 * hands every anomalous relationship to an optional visitor — so a shop's ten million relationships scan
 * in constant memory. Health is judged per follower once (a shop has far fewer agents than buyers), so the
 * per-relationship cost is one hash look-up.
 */
public final class AnomalyScanner {
  /** Examples a scan keeps unless told otherwise. */
  public static final int DEFAULT_RETAINED_EXAMPLES = 1_000;

  private AnomalyScanner() {}

  /** The anomaly kinds of one relationship (R1); empty when healthy. */
  public static Set<AnomalyKind> inspect(Shop shop, ExclusiveRelationship relationship) {
    return RelationshipHealth.anomalies(shop, relationship);
  }

  /** Scans relationships, keeping the first {@value #DEFAULT_RETAINED_EXAMPLES} anomalous ones as examples. */
  public static AnomalyReport scan(Shop shop, Iterable<? extends ExclusiveRelationship> relationships) {
    return run(shop, relationships, DEFAULT_RETAINED_EXAMPLES, null);
  }

  /** Scans a stream of relationships; see {@link #scan(Shop, Iterable)}. The stream is consumed. */
  @SuppressWarnings("StreamToIterable") // a one-shot Iterable on purpose: run iterates it exactly once
  public static AnomalyReport scan(Shop shop, Stream<? extends ExclusiveRelationship> relationships) {
    Objects.requireNonNull(relationships, "relationships must not be null");
    Stream<ExclusiveRelationship> widened = relationships.map(r -> r);
    return run(shop, widened::iterator, DEFAULT_RETAINED_EXAMPLES, null);
  }

  /**
   * Scans relationships, handing every anomalous one to {@code visitor} and keeping the first {@code
   * retain} as examples.
   *
   * @throws IllegalArgumentException if {@code retain} is negative
   * @throws NullPointerException if an argument or a relationship is null
   */
  public static AnomalyReport scan(
      Shop shop,
      Iterable<? extends ExclusiveRelationship> relationships,
      int retain,
      Consumer<? super AnomalousRelationship> visitor) {
    Objects.requireNonNull(visitor, "visitor must not be null");
    if (retain < 0) {
      throw new IllegalArgumentException("retained examples must be non-negative: " + retain);
    }
    return run(shop, relationships, retain, visitor);
  }

  /** The scan; a null visitor means none, so no record is built only to be dropped. */
  private static AnomalyReport run(
      Shop shop,
      Iterable<? extends ExclusiveRelationship> relationships,
      int retain,
      @Nullable Consumer<? super AnomalousRelationship> visitor) {
    Objects.requireNonNull(shop, "shop must not be null");
    Objects.requireNonNull(relationships, "relationships must not be null");
    FollowerHealthIndex index = new FollowerHealthIndex(shop);
    long scanned = 0;
    long anomalous = 0;
    List<AnomalousRelationship> examples = new ArrayList<>(Math.min(retain, 64));
    for (ExclusiveRelationship r : relationships) {
      Objects.requireNonNull(r, "relationship must not be null");
      scanned++;
      Tally tally = index.tallyOf(r);
      tally.relationships++;
      if (tally.kinds.isEmpty()) {
        continue;
      }
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
    Map<AnomalyKind, Long> byKind = new EnumMap<>(AnomalyKind.class);
    for (AnomalyKind k : AnomalyKind.values()) {
      byKind.put(k, 0L);
    }
    byKind.put(AnomalyKind.NO_EXCLUSIVE_AGENT, index.noFollower().relationships);
    Map<AccountId, Long> byFollower = new HashMap<>();
    for (Map.Entry<AccountId, Tally> e : index.tallies().entrySet()) {
      Tally t = e.getValue();
      if (t.relationships > 0 && !t.kinds.isEmpty()) {
        byFollower.put(e.getKey(), t.relationships);
        for (AnomalyKind k : t.kinds) {
          byKind.merge(k, t.relationships, Long::sum);
        }
      }
    }
    return new AnomalyReport(scanned, anomalous, byKind, byFollower, examples);
  }
}
