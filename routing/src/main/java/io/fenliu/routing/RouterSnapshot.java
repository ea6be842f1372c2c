package io.fenliu.routing;

import io.fenliu.core.Shop;
import io.fenliu.core.internal.Require;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a shop's router decides from, as one value (R25): the roster, the settings, the live state and
 * the seed. A router built from a snapshot ({@link Router#builder(RouterSnapshot)}) and fed the events that
 * followed it makes exactly the decisions the original made; so a shop can be checkpointed, handed to another
 * node or replayed to explain a decision. {@link Router#snapshot()} takes one at one instant (R24).
 *
 * <p>A final class with a factory rather than a record, so that it can grow with what determinism needs.
 */
public final class RouterSnapshot {
  private final Shop shop;
  private final RoutingSettings settings;
  private final LiveState live;
  private final long seed;

  private RouterSnapshot(Shop shop, RoutingSettings settings, LiveState live, long seed) {
    this.shop = shop;
    this.settings = settings;
    this.live = live;
    this.seed = seed;
  }

  /**
   * A snapshot. The parts are checked against each other when a router is built from it, not here: a snapshot
   * is a plain value, e.g. one just read from storage.
   *
   * @throws NullPointerException if an argument is null
   */
  public static RouterSnapshot of(Shop shop, RoutingSettings settings, LiveState live, long seed) {
    return new RouterSnapshot(Require.notNull(shop, "shop"), Require.notNull(settings, "settings"),
        Require.notNull(live, "live state"), seed);
  }

  /** The roster. */
  public Shop shop() {
    return shop;
  }

  /** The settings in force. */
  public RoutingSettings settings() {
    return settings;
  }

  /** Presence, seats, the queue and the shop's counters. */
  public LiveState liveState() {
    return live;
  }

  /** The seed every random draw derives from (R25). */
  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RouterSnapshot s && shop.equals(s.shop) && settings.equals(s.settings) && live.equals(s.live)
        && seed == s.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(shop, settings, live, seed);
  }

  @Override
  public String toString() {
    return "RouterSnapshot[" + shop.id() + ", " + live + ", seed " + seed + "]";
  }
}
