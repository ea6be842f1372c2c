package io.fenliu.flink;

import io.fenliu.core.ShopId;
import io.fenliu.routing.RouterSnapshot;
import java.io.Serializable;
import java.util.Optional;

/**
 * Where the router job gets a shop it has no state for (R25): the first entry of a shop's log, or of a shop whose
 * state was never checkpointed, asks the loader for the shop's starting point — its roster, settings, live state and
 * seed — and applies the entry to a router built from it. A shop the loader does not know is reported on the
 * diagnostics side output ({@link Diagnostic.Kind#UNKNOWN_SHOP}) and its entry dropped, its sequence not recorded,
 * so that the entry applies when it is delivered again once the shop exists.
 *
 * <p>Called on the task's thread, once per shop for the life of its state: a loader that reads a database blocks
 * the shop's key group while it does. It must be serialisable (it travels with the job graph) and deterministic for
 * a shop whose log is replayed: the same shop, the same snapshot, or the replay is not the run.
 */
@FunctionalInterface
public interface ShopLoader extends Serializable {
  /**
   * The snapshot a shop starts from, or empty when the platform knows no such shop.
   *
   * @throws Exception if the store cannot be read; the job fails and restarts from its last checkpoint
   */
  Optional<RouterSnapshot> load(ShopId shop) throws Exception;

  /** A loader that knows no shop: every shop must arrive with state (from a savepoint) or is reported unknown. */
  static ShopLoader none() {
    return shop -> Optional.empty();
  }
}
