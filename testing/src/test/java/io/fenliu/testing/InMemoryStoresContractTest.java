package io.fenliu.testing;

import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import io.fenliu.routing.InMemoryOpenConsultationStore;
import io.fenliu.routing.InMemoryRecentContactStore;
import io.fenliu.routing.OpenConsultationStore;
import io.fenliu.routing.RecentContactStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The in-memory stores of routing and anomaly pass the contract kit, as any user's store must. */
class InMemoryStoresContractTest {
  @Nested
  class Relationships extends RelationshipStoreContract {
    @Override
    protected RelationshipStore newStore(ShopId shop, List<ExclusiveRelationship> relationships) {
      return InMemoryRelationshipStore.of(shop, relationships);
    }
  }

  @Nested
  class RecentContacts extends RecentContactStoreContract {
    @Override
    protected RecentContactStore newStore(ShopId shop) {
      return InMemoryRecentContactStore.builder(shop).retention(retention())
          .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }
  }

  @Nested
  class OpenConsultations extends OpenConsultationStoreContract {
    @Override
    protected OpenConsultationStore newStore(ShopId shop) {
      return InMemoryOpenConsultationStore.of(shop);
    }
  }
}
