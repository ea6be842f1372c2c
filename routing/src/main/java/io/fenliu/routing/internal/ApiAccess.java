package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.RoutingDecision;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the engine, in this package, makes the API's values whose exact constructors are not public: a prepared
 * {@link RoutingDecision} with its shared {@link Reason}, a repeat, and a {@link RouterStats} from raw counters. The
 * API package registers the one implementation when {@link RoutingDecision} is initialized, and {@link #api()}
 * initializes that class before answering, so the engine never sees none. (The JDK reaches its own package-private
 * constructors across packages the same way.) The package is not exported, so nothing outside the module can reach
 * this; on the class path a caller could, and would get nothing the public factories do not give, as a second
 * registration is refused.
 */
public final class ApiAccess {
  /** The API's constructors, as the engine needs them. */
  public interface Factory {
    /** A decision naming {@code agent} (or nobody) for {@code reason}, at a queue position (0 if not queued). */
    RoutingDecision decision(@Nullable AccountId agent, Reason reason, int queuePosition, boolean repeat);

    /** {@code d}, marked as the answer to a repeated id (R20). */
    RoutingDecision asRepeat(RoutingDecision d);

    /** Statistics from the engine's raw counters. */
    RouterStats stats(long[] byStep, Map<AccountId, Long> byAgent, long queued, long seatedFromQueue,
        long expiredFromQueue, long turnedAwayQueueFull, long withdrawnFromQueue, long queueWaitMillis,
        long capacityRefusals, int queueLength, List<ScopeCounts> scopes);
  }

  /** Written once, by {@link #register}, during {@link RoutingDecision}'s initialization. */
  private static @Nullable Factory registered;

  private ApiAccess() {}

  /** Registers the API's factory; called once, by the API package. */
  public static synchronized void register(Factory f) {
    if (registered != null) {
      throw new IllegalStateException("the routing API's factory is registered already");
    }
    registered = f;
  }

  private static synchronized @Nullable Factory registeredFactory() {
    return registered;
  }

  /**
   * The API's factory. A constant after the first call: {@link Holder}'s initialization first initializes {@link
   * RoutingDecision} (which registers it), and class initialization publishes it safely to every thread, with no
   * volatile read on the engine's paths.
   */
  public static Factory api() {
    return Holder.FACTORY;
  }

  private static final class Holder {
    static final Factory FACTORY = load();

    private static Factory load() {
      try {
        Class.forName(RoutingDecision.class.getName(), true, RoutingDecision.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      Factory f = registeredFactory();
      if (f == null) {
        throw new IllegalStateException("the routing API did not register its factory");
      }
      return f;
    }
  }
}
