package io.fenliu.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import java.util.Iterator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ten million relationships scanned in a 128 MiB heap. Tagged {@code memory}: the module's build runs it in its
 * own Surefire execution with {@code -Xmx128m} (see anomaly/pom.xml), so CI runs it on every build.
 */
@Tag("memory")
class TenMillionScanTest {
  private static final int N = 10_000_000;

  @Test
  void scansTenMillionRelationshipsInA128MiBHeap() {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertTrue(maxHeap <= 136L * 1024 * 1024, "this test must run with -Xmx128m, not " + (maxHeap >> 20) + " MiB");
    AccountId[] followers = {SeedShop.CY03, SeedShop.CY04, SeedShop.RESIGNED, SeedShop.NO_PERMISSION, SeedShop.NOT_ROUTING,
        SeedShop.OWNER, null, AccountId.of("gone")};
    Iterable<ExclusiveRelationship> generated = () -> new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < N;
      }

      @Override
      public ExclusiveRelationship next() {
        AccountId f = followers[i % followers.length];
        BuyerId b = BuyerId.of("buyer-" + i++);
        return f == null ? ExclusiveRelationship.withoutFollower(b) : ExclusiveRelationship.of(b, f);
      }
    };
    long[] visited = new long[1];
    AnomalyReport report = AnomalyScanner.scan(SeedShop.SHOP, generated, 1_000, a -> visited[0]++);
    long per = N / followers.length;
    assertEquals(N, report.scanned());
    assertEquals(6 * per, report.anomalous());
    assertEquals(6 * per, visited[0]);
    assertEquals(2 * per, report.count(AnomalyKind.AGENT_STATUS_ABNORMAL));
    assertEquals(per, report.count(AnomalyKind.NO_EXCLUSIVE_AGENT));
    assertEquals(1_000, report.examples().size());
  }
}
