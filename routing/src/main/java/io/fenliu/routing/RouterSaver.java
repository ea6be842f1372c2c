package io.fenliu.routing;

import io.fenliu.core.ShopId;

/**
 * Receives a shop's live state when a {@link RouterRegistry} lets go of its router — evicted as idle or over the
 * maximum size, or {@linkplain RouterRegistry#remove(ShopId) removed} — so that the host can persist it and hand
 * it back through its {@link RouterLoader}.
 *
 * <p>For one shop, calls never overlap and come in the order the states were exported, each state taken after
 * the previous one: persisting the latest call's state (overwriting the earlier) is always right. A shop may be
 * saved more than once for one eviction — when a registry call that was using the router changed it after the
 * first export (see {@link RouterRegistry}, "Eviction never loses live state") — and an identical state is never
 * saved twice in a row. Calls come on the thread that caused the eviction or removal, or on the registry's
 * {@linkplain RouterRegistry.Builder#executor executor}; the saver should not call the registry. A saver that throws on an
 * eviction is logged and the state is not persisted, but the router stays reachable to the registry as long as
 * anything uses it; on {@link RouterRegistry#remove(ShopId)} the exception reaches the caller.
 */
@FunctionalInterface
public interface RouterSaver {
  /**
   * Persists {@code state} as the latest live state of {@code shop}.
   *
   * @param shop the shop whose router was let go
   * @param state its live state, exported at one instant (R24)
   */
  void save(ShopId shop, LiveState state);
}
