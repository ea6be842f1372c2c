package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.core.internal.Require;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The relationships a roster change made anomalous, healthy again, or anomalous in another way (R9: health
 * follows the roster at once), found without rescanning the shop.
 *
 * <p>A relationship's health depends only on its follower (R1), so a change of the roster changes the health of
 * exactly the relationships of the accounts whose R1 verdict changed: each account of either roster (and the
 * main account) is judged before and after, and only the changed ones' relationships are listed, through the
 * store's {@link RelationshipStore#forEachFollowedBy}. The cost is O(accounts + their relationships), not
 * O(shop). Relationships without a follower never change with the roster.
 *
 * <p>The answer streams like a scan: counts per {@link HealthChange.Direction}, the first changes up to a
 * retention limit, and a visitor for each; {@link TransferPlanner#plan(HealthChanges, List, Distribution)} plans
 * exactly the relationships anomalous after the change. The listing is as weakly consistent as the store's: a
 * relationship moved while the answer is computed may be missed or included as it was at that moment.
 */
public final class HealthChanges {
  private final Shop before;
  private final Shop after;
  private final RelationshipStore store;
  private final Set<AccountId> changedFollowers;
  private final Map<HealthChange.Direction, Long> counts;
  private final List<HealthChange> examples;

  private HealthChanges(Shop before, Shop after, RelationshipStore store, Set<AccountId> changedFollowers,
      long[] counts, List<HealthChange> examples) {
    this.before = before;
    this.after = after;
    this.store = store;
    this.changedFollowers = Collections.unmodifiableSet(changedFollowers);
    Map<HealthChange.Direction, Long> c = new EnumMap<>(HealthChange.Direction.class);
    for (HealthChange.Direction d : HealthChange.Direction.values()) {
      c.put(d, counts[d.ordinal()]);
    }
    this.counts = Collections.unmodifiableMap(c);
    this.examples = List.copyOf(examples);
  }

  /**
   * The health changes from {@code before} to {@code after}, keeping the first {@value
   * AnomalyScanner#DEFAULT_RETAINED_EXAMPLES} as examples.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if the two rosters, or the store, are of different shops
   */
  public static HealthChanges between(Shop before, Shop after, RelationshipStore store) {
    return compute(before, after, store, AnomalyScanner.DEFAULT_RETAINED_EXAMPLES, null);
  }

  /**
   * The health changes after one sub-account changed (its status, permissions or routing participation), or
   * joined the shop: {@code between(before, before.withSubAccount(changed), store)}.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if the store is another shop's, or {@code changed} has the main account's id
   */
  public static HealthChanges afterChange(Shop before, SubAccount changed, RelationshipStore store) {
    Require.notNull(before, "before");
    Require.notNull(changed, "changed");
    if (before.isMainAccount(changed.id())) {
      throw new InvalidValueException("changed", "R1", "the changed account " + changed.id() + " is shop "
          + before.id() + "'s main account, not a sub-account (R1.5)");
    }
    return between(before, before.withSubAccount(changed), store);
  }

  /**
   * The health changes from {@code before} to {@code after}: hands each to {@code visitor}, keeps the first
   * {@code retain} as examples.
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if {@code retain} is negative, or the two rosters, or the store, are of
   *     different shops
   * @throws RuntimeException whatever the store or the visitor throws; nothing is written either way
   */
  public static HealthChanges between(
      Shop before, Shop after, RelationshipStore store, int retain, Consumer<? super HealthChange> visitor) {
    Require.notNull(visitor, "visitor");
    return compute(before, after, store, retain, visitor);
  }

  /**
   * The answer; a null visitor means none. Kinds depend only on the follower (R1), so each changed follower's
   * two verdicts and direction are computed once and its relationships only counted, a record being built just
   * for those retained or visited.
   */
  private static HealthChanges compute(
      Shop before, Shop after, RelationshipStore store, int retain, @Nullable Consumer<? super HealthChange> visitor) {
    Require.notNull(before, "before");
    Require.notNull(after, "after");
    Require.notNull(store, "store");
    Require.inRange(retain, 0, Integer.MAX_VALUE, "retained examples", null);
    if (!before.id().equals(after.id())) {
      throw new InvalidValueException("after", "R9", "the rosters before and after are of shops " + before.id()
          + " and " + after.id() + " (R9): compare two rosters of the same shop");
    }
    if (!before.id().equals(store.shop())) {
      throw new InvalidValueException("store", "R9", "the store holds the relationships of shop " + store.shop()
          + ", not of shop " + before.id() + " (R9): use shop " + before.id() + "'s own store");
    }
    Set<AccountId> accounts = new LinkedHashSet<>();
    accounts.add(before.mainAccount().id());
    accounts.add(after.mainAccount().id());
    before.subAccounts().forEach(s -> accounts.add(s.id()));
    after.subAccounts().forEach(s -> accounts.add(s.id()));
    Set<AccountId> changed = new LinkedHashSet<>();
    long[] counts = new long[HealthChange.Direction.values().length];
    List<HealthChange> examples = new ArrayList<>(Math.min(retain, 64));
    for (AccountId id : accounts) {
      Set<AnomalyKind> was = Set.copyOf(RelationshipHealth.anomaliesOfFollower(before, Optional.of(id)));
      Set<AnomalyKind> is = Set.copyOf(RelationshipHealth.anomaliesOfFollower(after, Optional.of(id)));
      if (was.equals(is)) {
        continue;
      }
      changed.add(id);
      int direction = was.isEmpty() ? HealthChange.Direction.BECAME_ANOMALOUS.ordinal()
          : is.isEmpty() ? HealthChange.Direction.BECAME_HEALTHY.ordinal() : HealthChange.Direction.KINDS_CHANGED.ordinal();
      store.forEachFollowedBy(id, r -> {
        counts[direction]++;
        if (examples.size() < retain || visitor != null) {
          HealthChange c = new HealthChange(r, was, is);
          if (examples.size() < retain) {
            examples.add(c);
          }
          if (visitor != null) {
            visitor.accept(c);
          }
        }
      });
    }
    return new HealthChanges(before, after, store, changed, counts, examples);
  }

  /** The roster before the change. */
  public Shop before() {
    return before;
  }

  /** The roster after the change. */
  public Shop after() {
    return after;
  }

  /** The store the relationships were listed from. */
  RelationshipStore store() {
    return store;
  }

  /** The accounts whose R1 verdict the change altered, in roster order; unmodifiable. */
  public Set<AccountId> changedFollowers() {
    return changedFollowers;
  }

  /** How many relationships changed in each direction; every direction present; unmodifiable. */
  public Map<HealthChange.Direction, Long> counts() {
    return counts;
  }

  /** How many relationships changed in {@code direction}. */
  public long count(HealthChange.Direction direction) {
    return counts.getOrDefault(Require.notNull(direction, "direction"), 0L);
  }

  /** How many relationships changed health in any way. */
  public long total() {
    long t = 0;
    for (long c : counts.values()) {
      t += c;
    }
    return t;
  }

  /** The first changes found, at most the retention limit; unmodifiable. */
  public List<HealthChange> examples() {
    return examples;
  }

  @Override
  public String toString() {
    return "HealthChanges[shop=" + after.id() + ", changed followers=" + changedFollowers + ", " + counts + "]";
  }
}
