package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where one shop's exclusive relationships live: one relationship per buyer, each with a version (R8). The host
 * implements it over its database; {@link InMemoryRelationshipStore} is a thread-safe one for single-node hosts,
 * tests and simulations. Transfers (R6–R8), invitations (R4, R5), health-follows-the-roster (R9) and scans (R1,
 * R2) all read and write through it.
 *
 * <h2>Versions</h2>
 *
 * <p>A write is a compare-and-set: it replaces the stored relationship of a buyer only if the stored one is at
 * the version the writer expects, so a relationship changed by someone else since it was read is never
 * overwritten. The store does not invent versions: it stores the {@code next} value it is given (Fenliu's
 * writers give {@link ExclusiveRelationship#movedTo}, i.e. the version plus one). A new relationship enters
 * only by {@link #insert}; a store never deletes one on Fenliu's behalf.
 *
 * <h2>Thread-safety and consistency</h2>
 *
 * <p>Implementations must be safe for use by any number of threads at once, and every single-buyer operation
 * must be atomic: two compare-and-sets on the same buyer at the same expected version never both succeed.
 * Batches and listings are <em>not</em> snapshots: each buyer in them is read or written atomically, but the
 * batch as a whole may interleave with other writers (like a {@code ConcurrentHashMap}'s bulk operations).
 *
 * <h2>Exceptions</h2>
 *
 * <p>A {@link RuntimeException} from a read or listing means the answer is unavailable (nothing changed). A
 * {@link RuntimeException} from a write means its outcome is <em>unknown</em>: the write may or may not have
 * taken effect. Fenliu's transfer reports such a move FAILED and a re-application re-reads the relationship
 * and finds out (a move that took effect is then reported at its target). Argument errors ({@code null}, a
 * negative version) are {@link NullPointerException}s and {@link IllegalArgumentException}s thrown before
 * anything is read or written.
 */
public interface RelationshipStore {

  /** The shop whose relationships this store holds; never changes. */
  ShopId shop();

  /**
   * The relationship of {@code buyer}, if the store has one.
   *
   * @throws NullPointerException if {@code buyer} is null
   */
  Optional<ExclusiveRelationship> read(BuyerId buyer);

  /**
   * The relationships of {@code buyers}, in one round trip where the store can (R7's manual batch reads its
   * ≤ 300 buyers this way). The answer maps each buyer the store holds to its relationship; buyers it does
   * not hold are absent from the map. A buyer named twice is answered once. The map is unmodifiable and its
   * iteration order unspecified. Each relationship is read atomically; the batch is not a snapshot.
   *
   * <p>The default reads one buyer at a time with {@link #read}; a database store overrides it with one
   * query per chunk of buyers.
   *
   * @throws NullPointerException if {@code buyers} or one of its elements is null (nothing is read)
   */
  default Map<BuyerId, ExclusiveRelationship> readAll(Collection<BuyerId> buyers) {
    Require.noNullElements(buyers, "buyers");
    Map<BuyerId, ExclusiveRelationship> found = new HashMap<>();
    for (BuyerId b : buyers) {
      read(b).ifPresent(r -> found.put(b, r));
    }
    return Collections.unmodifiableMap(found);
  }

  /**
   * Replaces the relationship of {@code next.buyer()} with {@code next} if, and only if, the stored one is at
   * {@code expectedVersion}; returns whether it did. False when the stored version differs or the buyer has no
   * relationship. Any exception means the outcome is unknown: the transfer reports the move failed and a
   * re-application finds out.
   *
   * @throws NullPointerException if {@code next} is null
   * @throws IllegalArgumentException if {@code expectedVersion} is negative
   */
  boolean compareAndSet(long expectedVersion, ExclusiveRelationship next);

  /**
   * Applies {@code writes} as compare-and-sets, in one round trip where the store can, and says what became of
   * each: the answer has one {@link WriteOutcome} per write, <em>in the same order</em> as {@code writes}.
   *
   * <p>Writes take effect in list order, each atomically and independently, as if {@link #compareAndSet} were
   * called for each in turn: the batch is not a transaction, a stale write does not stop the others, and a
   * second write for the same buyer sees the first one's effect. A store that knows some writes took effect
   * and cannot tell for others (e.g. a connection dropped mid-batch) answers {@link WriteOutcome#UNKNOWN} for
   * those. If the call throws instead, <em>every</em> write of the batch has an unknown outcome.
   *
   * <p>The default calls {@link #compareAndSet} for each write in turn and lets an exception propagate (the
   * writes before it may have taken effect: their outcomes are unknown to the caller, as this contract says).
   *
   * @throws NullPointerException if {@code writes} or one of its elements is null (nothing is written)
   */
  default List<WriteOutcome> compareAndSetAll(List<Write> writes) {
    Require.noNullElements(writes, "writes");
    List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
    for (Write w : writes) {
      if (compareAndSet(w.expectedVersion(), w.next())) {
        outcomes.add(WriteOutcome.WRITTEN);
      } else {
        outcomes.add(read(w.next().buyer()).isPresent() ? WriteOutcome.STALE : WriteOutcome.ABSENT);
      }
    }
    return Collections.unmodifiableList(outcomes);
  }

  /**
   * Adds a relationship for a buyer the store does not hold yet, at the version {@code relationship} carries
   * (0 for a new one; a restore may bring others). A buyer has exactly one relationship: a buyer the store
   * already holds is refused with a {@link io.fenliu.core.RuleRefusedException} citing R8 (overwriting would
   * lose the existing relationship) and nothing changes.
   *
   * <p>The store does not judge the follower: whether an agent may take new relationships (R4) and may invite
   * (R5) is checked by {@link Invitations#acceptInvitation}, which then calls this.
   *
   * @throws NullPointerException if {@code relationship} is null
   * @throws io.fenliu.core.RuleRefusedException (rule R8) if the buyer already has a relationship
   */
  void insert(ExclusiveRelationship relationship);

  /**
   * Hands {@code action} every relationship whose follower is {@code follower}, healthy or not (R9: a roster
   * change touches exactly the relationships its agent follows). Relationships without a follower are never
   * listed here. Order is unspecified.
   *
   * <p>Weakly consistent: a relationship not changed during the call is listed exactly once; one moved
   * concurrently may be listed or not, as it was at some moment during the call. Memory stays constant in the
   * number of relationships listed (a database store streams by cursor).
   *
   * <p>An exception thrown by {@code action} stops the listing, is rethrown unchanged, and the store releases
   * what it held (cursor, connection).
   *
   * @throws NullPointerException if an argument is null
   */
  void forEachFollowedBy(AccountId follower, Consumer<? super ExclusiveRelationship> action);

  /**
   * Hands {@code action} every relationship of the shop, each once, in unspecified order, in constant memory
   * (for a scan, R1, R2, R6). A visitor rather than an iterator so the store owns its resources: a database
   * store opens a cursor, streams with a fetch size and always closes it, and a caller cannot leak it.
   *
   * <p>Weakly consistent as {@link #forEachFollowedBy}: a relationship not changed during the call is handed
   * over exactly once; one changed concurrently is handed over once, as it was at some moment during the
   * call. An exception thrown by {@code action} stops the walk and is rethrown unchanged.
   *
   * @throws NullPointerException if {@code action} is null
   */
  void forEach(Consumer<? super ExclusiveRelationship> action);

  /**
   * One compare-and-set of a batch: replace the relationship of {@code next.buyer()} with {@code next} if it
   * is stored at {@code expectedVersion}.
   *
   * @param expectedVersion the version the writer read, non-negative
   * @param next the relationship to store
   */
  record Write(long expectedVersion, ExclusiveRelationship next) {
    /**
     * Validates both components.
     *
     * @throws NullPointerException if {@code next} is null
     * @throws IllegalArgumentException if {@code expectedVersion} is negative
     */
    public Write {
      Require.inRange(expectedVersion, 0, Long.MAX_VALUE, "expected version", "R8");
      Require.notNull(next, "next");
    }
  }

  /** What became of one write of {@link #compareAndSetAll}. */
  enum WriteOutcome {
    /** The write took effect: the store now holds {@code next}. */
    WRITTEN,
    /** Nothing written: the stored relationship is at another version (someone else changed it). */
    STALE,
    /** Nothing written: the store holds no relationship for the buyer. */
    ABSENT,
    /** The store cannot tell whether the write took effect; re-read the relationship to find out. */
    UNKNOWN
  }
}
