package io.fenliu.jdbc;

import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import io.fenliu.routing.OpenConsultationStore;
import io.fenliu.routing.RecentContactStore;
import io.fenliu.testing.OpenConsultationStoreContract;
import io.fenliu.testing.RecentContactStoreContract;
import io.fenliu.testing.RelationshipStoreContract;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;

/**
 * The JDBC stores pass fenliu-testing's contracts on three real databases: PostgreSQL and MariaDB (servers the
 * tests start from Maven Central's binaries) and H2. On the servers every "replica" is a store over a second
 * connection pool, as a second node would hold.
 */
class ContractsTest {
  private static final DataSource H2 = Databases.h2();

  private static RelationshipStore relationships(DataSource ds, ShopId shop, List<ExclusiveRelationship> initial) {
    Databases.insertAll(ds, shop, initial);
    // A small batch size, so that the contract's large batches cross several chunks and transactions.
    return JdbcRelationshipStore.builder(ds, shop).batchSize(64).fetchSize(100).build();
  }

  @Nested
  class OnPostgres {
    @Nested
    class Relationships extends RelationshipStoreContract {
      @Override
      protected RelationshipStore newStore(ShopId shop, List<ExclusiveRelationship> initial) {
        return relationships(Databases.postgresShared(), shop, initial);
      }

      @Override
      protected RelationshipStore replicaOf(RelationshipStore store) {
        return JdbcRelationshipStore.builder(Databases.postgresNode(), store.shop()).build();
      }

      @Override
      protected int generatedExamples() {
        return 15;
      }
    }

    @Nested
    class RecentContacts extends RecentContactStoreContract {
      @Override
      protected RecentContactStore newStore(ShopId shop) {
        return JdbcRecentContactStore.of(Databases.postgresShared(), shop);
      }

      @Override
      protected RecentContactStore replicaOf(RecentContactStore store) {
        return JdbcRecentContactStore.of(Databases.postgresNode(), store.shop());
      }
    }

    @Nested
    class OpenConsultations extends OpenConsultationStoreContract {
      @Override
      protected OpenConsultationStore newStore(ShopId shop) {
        return JdbcOpenConsultationStore.of(Databases.postgresShared(), shop);
      }

      @Override
      protected OpenConsultationStore replicaOf(OpenConsultationStore store) {
        return JdbcOpenConsultationStore.of(Databases.postgresNode(), store.shop());
      }
    }
  }

  @Nested
  class OnMariaDb {
    @Nested
    class Relationships extends RelationshipStoreContract {
      @Override
      protected RelationshipStore newStore(ShopId shop, List<ExclusiveRelationship> initial) {
        return relationships(Databases.mariaDbShared(), shop, initial);
      }

      @Override
      protected RelationshipStore replicaOf(RelationshipStore store) {
        return JdbcRelationshipStore.builder(Databases.mariaDbNode(), store.shop()).build();
      }

      @Override
      protected int generatedExamples() {
        return 15;
      }
    }

    @Nested
    class RecentContacts extends RecentContactStoreContract {
      @Override
      protected RecentContactStore newStore(ShopId shop) {
        return JdbcRecentContactStore.of(Databases.mariaDbShared(), shop);
      }

      @Override
      protected RecentContactStore replicaOf(RecentContactStore store) {
        return JdbcRecentContactStore.of(Databases.mariaDbNode(), store.shop());
      }
    }

    @Nested
    class OpenConsultations extends OpenConsultationStoreContract {
      @Override
      protected OpenConsultationStore newStore(ShopId shop) {
        return JdbcOpenConsultationStore.of(Databases.mariaDbShared(), shop);
      }

      @Override
      protected OpenConsultationStore replicaOf(OpenConsultationStore store) {
        return JdbcOpenConsultationStore.of(Databases.mariaDbNode(), store.shop());
      }

      @Override
      protected int restoreSize() {
        return JdbcOpenConsultationStore.FETCH_SIZE + 100; // unpooled: every open is a new connection
      }
    }
  }

  @Nested
  class OnH2 {
    @Nested
    class Relationships extends RelationshipStoreContract {
      @Override
      protected RelationshipStore newStore(ShopId shop, List<ExclusiveRelationship> initial) {
        return relationships(H2, shop, initial);
      }

      @Override
      protected RelationshipStore replicaOf(RelationshipStore store) {
        return JdbcRelationshipStore.builder(H2, store.shop()).build();
      }

      @Override
      protected int generatedExamples() {
        return 15;
      }
    }

    @Nested
    class RecentContacts extends RecentContactStoreContract {
      @Override
      protected RecentContactStore newStore(ShopId shop) {
        return JdbcRecentContactStore.of(H2, shop);
      }
    }

    @Nested
    class OpenConsultations extends OpenConsultationStoreContract {
      @Override
      protected OpenConsultationStore newStore(ShopId shop) {
        return JdbcOpenConsultationStore.of(H2, shop);
      }
    }
  }
}
