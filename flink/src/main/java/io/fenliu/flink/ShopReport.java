package io.fenliu.flink;

import io.fenliu.core.ShopId;
import io.fenliu.flink.internal.ShopReportTypeInfoFactory;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * A shop's anomaly report (R1), the output of {@link AnomalyReportJob}: fenliu-jackson's {@code AnomalyReport} JSON.
 */
@TypeInfo(ShopReportTypeInfoFactory.class)
public final class ShopReport {
  private final ShopId shop;
  private final String json;

  private ShopReport(ShopId shop, String json) {
    this.shop = shop;
    this.json = json;
  }

  /**
   * A report.
   *
   * @throws NullPointerException if an argument is null
   */
  public static ShopReport of(ShopId shop, String json) {
    return new ShopReport(Objects.requireNonNull(shop, "shop"), Objects.requireNonNull(json, "json"));
  }

  /** The shop. */
  public ShopId shop() {
    return shop;
  }

  /** The report, as fenliu-jackson's {@code AnomalyReport} JSON. */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ShopReport r && shop.equals(r.shop) && json.equals(r.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(shop, json);
  }

  @Override
  public String toString() {
    return "ShopReport[" + shop + " " + json + "]";
  }
}
