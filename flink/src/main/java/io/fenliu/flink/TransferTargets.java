package io.fenliu.flink;

import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import java.io.Serializable;
import java.util.Optional;

/**
 * Where the health job ({@link HealthJob}) learns a shop's transfer targets for R9's plan: the relationships of an
 * agent that became anomalous are planned onto them, spread evenly ({@link io.fenliu.anomaly.Distribution#even()}).
 *
 * <p>The answer is a roster: the shop's main account and, as its sub-accounts, the targets with their facts as the
 * host's roster has them at the time of the fetch — the planner checks each against R3 (ACTIVE, exclusive,
 * routing) and plans nothing for the change when one is invalid, saying why. The changed agent itself is never a
 * target of its own relationships, even when listed. Called on the job's fetch threads, several at once;
 * serialisable, as it travels with the job graph.
 */
@FunctionalInterface
public interface TransferTargets extends Serializable {
  /**
   * The shop's targets, as a roster whose sub-accounts are the targets in the order the plan deals them; empty
   * (or a roster without sub-accounts) when the shop wants no plan.
   *
   * @throws Exception if the roster cannot be read; the fetch fails, and with it the job
   */
  Optional<Shop> targets(ShopId shop) throws Exception;

  /** No plan for any shop: only the health changes are emitted. */
  static TransferTargets none() {
    return shop -> Optional.empty();
  }
}
