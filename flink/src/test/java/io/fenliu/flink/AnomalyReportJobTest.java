package io.fenliu.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.jackson.FenliuModule;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.flink.internal.Json;
import io.fenliu.testing.RandomFenliu;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batch anomaly report (R1): random shops and their relationships (every anomaly kind among them), shuffled
 * across shops, scanned by the job in BATCH mode at parallelism 2 — each shop's report equals {@code
 * AnomalyScanner.scan} over the same relationships in buyer-id order; a shop the roster loader does not know is not
 * reported.
 */
// The collecting iterator's close() declares Exception (so InterruptedException too): nothing to do about it here.
@SuppressWarnings("try")
class AnomalyReportJobTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(FenliuModule.create());

  @Test
  void batchReportEqualsTheScannerShopByShop() throws Exception {
    SplittableRandom rnd = new SplittableRandom(9);
    Map<ShopId, Shop> shops = new LinkedHashMap<>();
    Map<ShopId, List<ExclusiveRelationship>> byShop = new LinkedHashMap<>();
    List<ShopRelationship> input = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      Shop shop = RandomFenliu.shop(rnd, 1, 10);
      ShopId id = ShopId.of("shop-" + s);
      shop = Shop.of(id, shop.name(), shop.mainAccount(), shop.subAccounts());
      List<ExclusiveRelationship> rels = RandomFenliu.relationships(rnd, shop, 50 + rnd.nextInt(400));
      if (s < 11) {
        shops.put(id, shop);
      }
      byShop.put(id, rels);
      rels.forEach(r -> input.add(ShopRelationship.of(id, r)));
    }
    Collections.shuffle(input, new java.util.Random(3));
    // The loader travels with the job graph: it holds each roster as fenliu-jackson JSON, read once per shop.
    HashMap<String, String> rosters = new HashMap<>();
    for (Map.Entry<ShopId, Shop> e : shops.entrySet()) {
      rosters.put(e.getKey().value(), MAPPER.writeValueAsString(e.getValue()));
    }

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(RouterJobSettings.configuration(16));
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    env.setParallelism(2);
    Map<ShopId, String> got = new HashMap<>();
    try (CloseableIterator<ShopReport> it = AnomalyReportJob
        .attach(env.fromData(input), shop -> rosters.containsKey(shop.value())
            ? Optional.of(MAPPER.readValue(rosters.get(shop.value()), Shop.class)) : Optional.empty())
        .executeAndCollect("anomaly report")) {
      it.forEachRemaining(r -> got.put(r.shop(), r.json()));
    }

    Map<ShopId, String> expected = new HashMap<>();
    shops.forEach((id, shop) -> {
      List<ExclusiveRelationship> rels = new ArrayList<>(byShop.get(id));
      rels.sort(Comparator.comparing(r -> r.buyer().value()));
      expected.put(id, Json.report(AnomalyScanner.scan(shop, rels)));
    });
    assertEquals(expected, got);
  }
}
