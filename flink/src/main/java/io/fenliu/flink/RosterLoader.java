package io.fenliu.flink;

import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import java.io.Serializable;
import java.util.Optional;

/**
 * Where {@link AnomalyReportJob} gets a shop's roster (R1: health depends on the follower's account): read once per
 * shop, on the task's thread. Serialisable, as it travels with the job graph.
 */
@FunctionalInterface
public interface RosterLoader extends Serializable {
  /**
   * The shop's roster, or empty when the platform knows no such shop (its relationships are then not reported).
   *
   * @throws Exception if the store cannot be read; the job fails
   */
  Optional<Shop> load(ShopId shop) throws Exception;
}
