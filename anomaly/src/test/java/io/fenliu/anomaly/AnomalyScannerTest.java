package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.ALL;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static io.fenliu.core.AnomalyKind.AGENT_NOT_EXCLUSIVE;
import static io.fenliu.core.AnomalyKind.AGENT_NOT_ROUTING;
import static io.fenliu.core.AnomalyKind.AGENT_STATUS_ABNORMAL;
import static io.fenliu.core.AnomalyKind.BOUND_TO_MAIN_ACCOUNT;
import static io.fenliu.core.AnomalyKind.NO_EXCLUSIVE_AGENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** R1 by example: the seed's five cases and an id the shop no longer knows. */
class AnomalyScannerTest {

  @Test
  void r1_inspectsEachOfTheSeedsCases() {
    assertEquals(Set.of(), AnomalyScanner.inspect(SHOP, SeedShop.HEALTHY));
    assertEquals(Set.of(AGENT_STATUS_ABNORMAL), AnomalyScanner.inspect(SHOP, SeedShop.ON_RESIGNED));
    assertEquals(Set.of(AGENT_NOT_EXCLUSIVE), AnomalyScanner.inspect(SHOP, SeedShop.ON_NO_PERMISSION));
    assertEquals(Set.of(AGENT_NOT_ROUTING), AnomalyScanner.inspect(SHOP, SeedShop.ON_NOT_ROUTING));
    assertEquals(Set.of(NO_EXCLUSIVE_AGENT), AnomalyScanner.inspect(SHOP, SeedShop.NOBODY));
    assertEquals(Set.of(BOUND_TO_MAIN_ACCOUNT), AnomalyScanner.inspect(SHOP, SeedShop.ON_MAIN));
    assertEquals(Set.of(AGENT_STATUS_ABNORMAL), AnomalyScanner.inspect(SHOP, SeedShop.ON_GONE));
  }

  @Test
  void r1_scanCountsPerKindAndPerFollower() {
    AnomalyReport report = AnomalyScanner.scan(SHOP, ALL);
    assertEquals(7, report.scanned());
    assertEquals(6, report.anomalous());
    assertEquals(1, report.healthy());
    assertEquals(Map.of(AGENT_STATUS_ABNORMAL, 2L, AGENT_NOT_EXCLUSIVE, 1L, AGENT_NOT_ROUTING, 1L,
        NO_EXCLUSIVE_AGENT, 1L, BOUND_TO_MAIN_ACCOUNT, 1L), report.byKind());
    assertEquals(Map.of(SeedShop.RESIGNED, 1L, SeedShop.NO_PERMISSION, 1L, SeedShop.NOT_ROUTING, 1L,
        SeedShop.OWNER, 1L, AccountId.of("left-long-ago"), 1L), report.anomalousByFollower());
    assertEquals(6, report.examples().size());
    assertEquals(SeedShop.ON_RESIGNED, report.examples().get(0).relationship());
  }

  @Test
  void aRelationshipWithSeveralKindsCountsInEach() {
    var shop = SHOP.withSubAccount(SHOP.subAccount(SeedShop.NOT_ROUTING).orElseThrow().withPermissions(Set.of()));
    AnomalyReport report = AnomalyScanner.scan(shop, List.of(SeedShop.ON_NOT_ROUTING));
    assertEquals(1, report.anomalous());
    assertEquals(1, report.count(AGENT_NOT_ROUTING));
    assertEquals(1, report.count(AGENT_NOT_EXCLUSIVE));
    assertEquals(Set.of(AGENT_NOT_ROUTING, AGENT_NOT_EXCLUSIVE), report.examples().get(0).kinds());
  }

  @Test
  void theVisitorSeesEveryAnomalyWhileExamplesStopAtTheLimit() {
    List<ExclusiveRelationship> many = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(ExclusiveRelationship.of(BuyerId.of("b" + i), SeedShop.RESIGNED));
      many.add(ExclusiveRelationship.of(BuyerId.of("h" + i), SeedShop.CY03));
    }
    List<AnomalousRelationship> seen = new ArrayList<>();
    AnomalyReport report = AnomalyScanner.scan(SHOP, many, 5, seen::add);
    assertEquals(50, seen.size());
    assertEquals(5, report.examples().size());
    assertEquals(50, report.anomalous());
    assertEquals(report, AnomalyScanner.scan(SHOP, many, 5, a -> {}));
    assertEquals(AnomalyScanner.scan(SHOP, many).byKind(), AnomalyScanner.scan(SHOP, many.stream()).byKind());
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> AnomalyScanner.scan(SHOP, ALL, -1, a -> {}));
    assertThrows(NullPointerException.class, () -> AnomalyScanner.scan(null, ALL));
    List<ExclusiveRelationship> withNull = new ArrayList<>(ALL);
    withNull.add(null);
    assertThrows(NullPointerException.class, () -> AnomalyScanner.scan(SHOP, withNull));
    assertThrows(IllegalArgumentException.class, () -> new AnomalousRelationship(SeedShop.HEALTHY, Set.<AnomalyKind>of()));
  }
}
