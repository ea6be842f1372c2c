package io.fenliu.spring.boot;

import io.fenliu.core.SubAccount;
import io.fenliu.routing.RouterRegistry;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShareMode;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Fenliu's {@code fenliu.*} properties: the routing settings every shop starts with (R18, R20–R23), the router
 * registry's cache, and the meters. Each value is checked as it is bound, by the library's own builders, so a bad
 * value stops the application at start-up with the property's name and the library's message citing its rule,
 * e.g. {@code fenliu.routing.max-queue-length: max queue length must be in [1, 2147483647] (R22): 0}.
 *
 * <p>Defaults are the library's: {@link RoutingSettings}'s for routing, a registry that keeps every router, and
 * shop-level meters without per-agent ones. One difference: the registry records routers' statistics by default
 * ({@code fenliu.registry.record-stats}), because the meters and the actuator endpoint's fairness ledger read
 * them; a few increments per decision, under a lock the router already holds.
 */
@ConfigurationProperties("fenliu")
public class FenliuProperties {
  private final Routing routing = new Routing();
  private final Registry registry = new Registry();
  private final Metrics metrics = new Metrics();
  private final Durable durable = new Durable();

  /** The settings every shop's router starts with. */
  public Routing getRouting() {
    return routing;
  }

  /** The router registry's cache. */
  public Registry getRegistry() {
    return registry;
  }

  /** The Micrometer meters. */
  public Metrics getMetrics() {
    return metrics;
  }

  /** The durable shops in the application's database. */
  public Durable getDurable() {
    return durable;
  }

  /**
   * {@code fenliu.durable.*}: shops kept in the application's database by fenliu-jdbc's durable router, one
   * transaction per event, owners fenced (R20, R22, R25, R26). Off by default: taking a shop fences any other
   * process that owned it, which an application must choose to do.
   */
  public static class Durable {
    /** Whether to offer the application's shops as durable routers (a DurableShops bean). */
    private boolean enabled;

    /** Whether to create or migrate Fenliu's tables in the application's database at start-up. */
    private boolean initializeSchema = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean value) {
      this.enabled = value;
    }

    public boolean isInitializeSchema() {
      return initializeSchema;
    }

    public void setInitializeSchema(boolean value) {
      this.initializeSchema = value;
    }
  }

  /**
   * {@code fenliu.routing.*}: the routing settings a shop starts with when the application gives only its roster
   * (R18, R21, R22, R23), and the seats of agents without a limit of their own (R20).
   */
  public static class Routing {
    /** How recent a conversation must be for the buyer to go back to that agent (R18); 0 turns the step off. */
    private Duration recentAgentWindow = Duration.ofDays(3);

    /**
     * How recent a contact with a SUSPENDED agent must be for the buyer still to go back to it (R21); at most the
     * recent-agent window. Not set: 24 hours, or the recent-agent window if shorter.
     */
    private @Nullable Duration suspendedRecentWindow;

    /** How long a consultation may wait in the queue before it goes to the offline receivers (R22). */
    private Duration maxQueueWait = Duration.ofMinutes(10);

    /** How many consultations may wait at once; one that finds the queue this long goes to the receivers (R22). */
    private int maxQueueLength = 1_000;

    /** Whether a buyer with a healthy exclusive relationship goes straight to its online follower (R18). */
    private boolean connectToExclusiveAgent;

    /** How agents share consultations wherever no page or group says otherwise (R23). */
    private ShareMode shareMode = ShareMode.WEIGHTED_RANDOM;

    /**
     * The concurrent limit (seats, R20) given to every agent whose roster sets none; at least 1. Not set: such
     * agents take any number of consultations at once. Applies to rosters from a {@link ShopRoster}.
     */
    private @Nullable Integer defaultConcurrentLimit;

    public Duration getRecentAgentWindow() {
      return recentAgentWindow;
    }

    public void setRecentAgentWindow(Duration value) {
      check("fenliu.routing.recent-agent-window", b -> b.recentAgentWindow(value));
      this.recentAgentWindow = value;
    }

    public @Nullable Duration getSuspendedRecentWindow() {
      return suspendedRecentWindow;
    }

    public void setSuspendedRecentWindow(@Nullable Duration value) {
      if (value != null) {
        check("fenliu.routing.suspended-recent-window", b -> b.suspendedRecentWindow(value));
      }
      this.suspendedRecentWindow = value;
    }

    public Duration getMaxQueueWait() {
      return maxQueueWait;
    }

    public void setMaxQueueWait(Duration value) {
      check("fenliu.routing.max-queue-wait", b -> b.maxQueueWait(value));
      this.maxQueueWait = value;
    }

    public int getMaxQueueLength() {
      return maxQueueLength;
    }

    public void setMaxQueueLength(int value) {
      check("fenliu.routing.max-queue-length", b -> b.maxQueueLength(value));
      this.maxQueueLength = value;
    }

    public boolean isConnectToExclusiveAgent() {
      return connectToExclusiveAgent;
    }

    public void setConnectToExclusiveAgent(boolean value) {
      this.connectToExclusiveAgent = value;
    }

    public ShareMode getShareMode() {
      return shareMode;
    }

    public void setShareMode(ShareMode value) {
      check("fenliu.routing.share-mode", b -> b.shareMode(value));
      this.shareMode = value;
    }

    public @Nullable Integer getDefaultConcurrentLimit() {
      return defaultConcurrentLimit;
    }

    public void setDefaultConcurrentLimit(@Nullable Integer value) {
      if (value != null) {
        refuseBadValue("fenliu.routing.default-concurrent-limit",
            () -> SubAccount.builder(io.fenliu.core.AccountId.of("any"), "any").concurrentLimit(value));
      }
      this.defaultConcurrentLimit = value;
    }

    /** The default concurrent limit, if set. */
    public OptionalInt defaultConcurrentLimit() {
      Integer limit = defaultConcurrentLimit;
      return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /**
     * The routing settings these properties describe, built and checked by {@link RoutingSettings.Builder}.
     *
     * @throws IllegalArgumentException naming {@code fenliu.routing} if the values do not fit together (the
     *     suspended window longer than the recent-agent window, R21)
     */
    public RoutingSettings toSettings() {
      RoutingSettings.Builder b = RoutingSettings.builder();
      refuseBadValue("fenliu.routing", () -> {
        b.recentAgentWindow(recentAgentWindow).maxQueueWait(maxQueueWait).maxQueueLength(maxQueueLength)
            .connectToExclusiveAgent(connectToExclusiveAgent).shareMode(shareMode);
        Duration suspended = suspendedRecentWindow;
        if (suspended != null) {
          b.suspendedRecentWindow(suspended);
        }
        b.build();
      });
      return b.build();
    }

    private static void check(String property, Consumer<RoutingSettings.Builder> setting) {
      refuseBadValue(property, () -> setting.accept(RoutingSettings.builder()));
    }
  }

  /**
   * {@code fenliu.registry.*}: how many routers the registry keeps, and for how long (one router per shop, R24), and
   * whether they record statistics (R19).
   */
  public static class Registry {
    /** Lets a shop's router go once it has not been used for this long. Not set: routers are kept while in use. */
    private @Nullable Duration expireAfterIdle;

    /** Keeps at most about this many routers, letting go of those least likely to be used again; at least 1. */
    private @Nullable Long maximumSize;

    /** Whether routers record statistics (R19, R22, R23), which the meters and the actuator endpoint read. */
    private boolean recordStats = true;

    public @Nullable Duration getExpireAfterIdle() {
      return expireAfterIdle;
    }

    public void setExpireAfterIdle(@Nullable Duration value) {
      if (value != null) {
        refuseBadValue("fenliu.registry.expire-after-idle", () -> RouterRegistry.builder(shop -> null)
            .expireAfterIdle(value));
      }
      this.expireAfterIdle = value;
    }

    public @Nullable Long getMaximumSize() {
      return maximumSize;
    }

    public void setMaximumSize(@Nullable Long value) {
      if (value != null) {
        refuseBadValue("fenliu.registry.maximum-size", () -> RouterRegistry.builder(shop -> null)
            .maximumSize(value));
      }
      this.maximumSize = value;
    }

    public boolean isRecordStats() {
      return recordStats;
    }

    public void setRecordStats(boolean value) {
      this.recordStats = value;
    }
  }

  /**
   * {@code fenliu.metrics.*}: the meters of every loaded router (R19, R22, R23), when Micrometer and fenliu-micrometer
   * are present.
   */
  public static class Metrics {
    /** Whether to publish routers' meters to the application's meter registry. */
    private boolean enabled = true;

    /**
     * Whether to add one meter per agent and per fairness-ledger line (R13, R23): one series per agent and five
     * per group member, which can be very many; off by default.
     */
    private boolean perAgent;

    /** How long one statistics snapshot answers a scrape's reads of one router. */
    private Duration snapshotTtl = Duration.ofSeconds(5);

    /** How often meters are added for shops loaded since, and removed for shops let go. */
    private Duration refreshInterval = Duration.ofSeconds(30);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean value) {
      this.enabled = value;
    }

    public boolean isPerAgent() {
      return perAgent;
    }

    public void setPerAgent(boolean value) {
      this.perAgent = value;
    }

    public Duration getSnapshotTtl() {
      return snapshotTtl;
    }

    public void setSnapshotTtl(Duration value) {
      this.snapshotTtl = value;
    }

    public Duration getRefreshInterval() {
      return refreshInterval;
    }

    public void setRefreshInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(
            "fenliu.metrics.refresh-interval: the refresh interval must be positive: " + value);
      }
      this.refreshInterval = value;
    }
  }

  /** Runs a library check and, if it refuses the value, says which property was refused, keeping its message. */
  static void refuseBadValue(String property, Runnable check) {
    try {
      check.run();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
    }
  }
}
