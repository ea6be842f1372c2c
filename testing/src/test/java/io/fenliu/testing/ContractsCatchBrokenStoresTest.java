package io.fenliu.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RecentContact;
import io.fenliu.core.ShopId;
import io.fenliu.routing.InMemoryOpenConsultationStore;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.OpenConsultationStore;
import io.fenliu.routing.RecentContactStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The contracts are not vacuous: stores that break the rules they state fail them. */
class ContractsCatchBrokenStoresTest {

  /** Writes whatever the expected version: a lost update waiting to happen (R8). */
  private static final class IgnoresVersions implements RelationshipStore {
    final InMemoryRelationshipStore real;

    IgnoresVersions(InMemoryRelationshipStore real) {
      this.real = real;
    }

    @Override
    public ShopId shop() {
      return real.shop();
    }

    @Override
    public Optional<ExclusiveRelationship> read(BuyerId buyer) {
      return real.read(buyer);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
      Optional<ExclusiveRelationship> current = real.read(next.buyer());
      return current.isPresent() && real.compareAndSet(current.get().version(), next);
    }

    @Override
    public void insert(ExclusiveRelationship relationship) {
      real.insert(relationship);
    }

    @Override
    public void forEachFollowedBy(AccountId follower, Consumer<? super ExclusiveRelationship> action) {
      real.forEachFollowedBy(follower, action);
    }

    @Override
    public void forEach(Consumer<? super ExclusiveRelationship> action) {
      real.forEach(action);
    }
  }

  @Test
  void aStoreThatIgnoresVersionsFailsTheRelationshipContract() {
    RelationshipStoreContract contract = new RelationshipStoreContract() {
      @Override
      protected RelationshipStore newStore(ShopId shop, List<ExclusiveRelationship> relationships) {
        return new IgnoresVersions(InMemoryRelationshipStore.of(shop, relationships));
      }
    };
    assertThrows(AssertionError.class, contract::compareAndSetWritesOnlyAtTheExpectedVersion);
    assertThrows(AssertionError.class, contract::compareAndSetAllAnswersEachWriteInOrder);
  }

  @Test
  void aStoreThatKeepsTheLastCallFailsTheRecentContactContract() {
    RecentContactStoreContract contract = new RecentContactStoreContract() {
      @Override
      protected RecentContactStore newStore(ShopId shop) {
        Map<BuyerId, RecentContact> last = new ConcurrentHashMap<>();
        return new RecentContactStore() {
          @Override
          public ShopId shop() {
            return shop;
          }

          @Override
          public void record(BuyerId buyer, AccountId agent, Instant at) {
            last.put(buyer, new RecentContact(agent, at));
          }

          @Override
          public Optional<RecentContact> recentContact(BuyerId buyer, Instant now, Duration window) {
            return Optional.ofNullable(last.get(buyer));
          }
        };
      }
    };
    assertThrows(AssertionError.class, contract::theLatestContactWinsWhateverTheOrderOfArrival);
    assertThrows(AssertionError.class, contract::aContactIsAnsweredExactlyWithinTheWindow);
  }

  @Test
  void aStoreThatForgetsNothingFailsTheOpenConsultationContract() {
    OpenConsultationStoreContract contract = new OpenConsultationStoreContract() {
      @Override
      protected OpenConsultationStore newStore(ShopId shop) {
        InMemoryOpenConsultationStore real = InMemoryOpenConsultationStore.of(shop);
        return new OpenConsultationStore() {
          @Override
          public ShopId shop() {
            return shop;
          }

          @Override
          public void opened(OpenConsultation consultation) {
            real.opened(consultation);
          }

          @Override
          public boolean closed(ConsultationId id) {
            return true;
          }

          @Override
          public void forEachOpen(Consumer<? super OpenConsultation> sink) {
            real.forEachOpen(sink);
          }
        };
      }
    };
    assertThrows(AssertionError.class, contract::openedConsultationsAreHandedBackUntilClosed);
    assertThrows(AssertionError.class, contract::closingTwiceOrClosingAnUnknownIdChangesNothing);
  }
}
