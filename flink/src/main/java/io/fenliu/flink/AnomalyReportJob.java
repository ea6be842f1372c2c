package io.fenliu.flink;

import io.fenliu.flink.internal.ShopScanFunction;
import io.fenliu.flink.internal.Types;
import java.util.Objects;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The shop-by-shop anomaly report (R1) as a Flink job over a bounded source of relationships, for a platform's
 * scan of billions of them: run it with {@code execution.runtime-mode: BATCH} (Flink then sorts the relationships by
 * shop and holds one shop's at a time). Each shop's report equals {@code AnomalyScanner.scan(shop, relationships)}
 * over the shop's relationships in buyer-id order (the order the job scans them in, whatever order they came in, so
 * that the report's retained examples do not depend on how Flink sorted them).
 *
 * <pre>{@code
 * env.setRuntimeMode(RuntimeExecutionMode.BATCH);
 * DataStream<ShopReport> reports = AnomalyReportJob.attach(env.fromSource(relationships, noWatermarks(), "rels"),
 *     shop -> rosters.load(shop));
 * }</pre>
 *
 * <p>A shop's relationships are held in keyed state until its input ends: in BATCH mode one shop's at a time.
 */
public final class AnomalyReportJob {
  private AnomalyReportJob() {}

  /**
   * Adds the scan after {@code relationships}, keyed by shop.
   *
   * @throws NullPointerException if an argument is null
   */
  public static DataStream<ShopReport> attach(DataStream<ShopRelationship> relationships, RosterLoader rosters) {
    Objects.requireNonNull(relationships, "relationships");
    Objects.requireNonNull(rosters, "rosters");
    return relationships.keyBy(new ByShop(), org.apache.flink.api.common.typeinfo.Types.STRING)
        .process(new ShopScanFunction(rosters), Types.SHOP_REPORT)
        .name("fenliu-anomaly-scan")
        .uid("fenliu-anomaly-scan");
  }

  private static final class ByShop implements KeySelector<ShopRelationship, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(ShopRelationship value) {
      return value.shop().value();
    }
  }
}
