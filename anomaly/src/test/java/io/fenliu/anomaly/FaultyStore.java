package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A purpose-built fault-injecting wrapper around the in-memory store: each operation first runs its hook, which
 * may throw anything (a checked exception sneakily, an Error) or change the backing store behind the caller's
 * back; batch writes can throw after writing. Counts the calls so tests can say which access paths were used.
 */
class FaultyStore implements RelationshipStore {
  final InMemoryRelationshipStore backing;
  Runnable beforeRead = () -> {};
  Runnable beforeWrite = () -> {};
  Runnable afterWrite = () -> {};
  boolean forbidFullWalk;
  int readAllCalls;
  int walks;
  int followerListings;

  FaultyStore(InMemoryRelationshipStore backing) {
    this.backing = backing;
  }

  /** Throws {@code t} whatever its type, as code compiled elsewhere (or a Kotlin/Scala store) can. */
  @SuppressWarnings("unchecked")
  static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Override
  public ShopId shop() {
    return backing.shop();
  }

  @Override
  public Optional<ExclusiveRelationship> read(BuyerId buyer) {
    beforeRead.run();
    return backing.read(buyer);
  }

  @Override
  public Map<BuyerId, ExclusiveRelationship> readAll(Collection<BuyerId> buyers) {
    readAllCalls++;
    beforeRead.run();
    return backing.readAll(buyers);
  }

  @Override
  public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
    beforeWrite.run();
    boolean done = backing.compareAndSet(expectedVersion, next);
    afterWrite.run();
    return done;
  }

  @Override
  public List<WriteOutcome> compareAndSetAll(List<Write> writes) {
    beforeWrite.run();
    List<WriteOutcome> done = backing.compareAndSetAll(writes);
    afterWrite.run();
    return done;
  }

  @Override
  public void insert(ExclusiveRelationship relationship) {
    backing.insert(relationship);
  }

  @Override
  public void forEachFollowedBy(AccountId follower, Consumer<? super ExclusiveRelationship> action) {
    followerListings++;
    backing.forEachFollowedBy(follower, action);
  }

  @Override
  public void forEach(Consumer<? super ExclusiveRelationship> action) {
    walks++;
    if (forbidFullWalk) {
      throw new AssertionError("this operation must not walk the whole shop");
    }
    backing.forEach(action);
  }
}
