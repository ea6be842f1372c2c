package io.fenliu.micrometer;

import io.fenliu.core.InvalidValueException;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Publishes routers' statistics and fairness ledgers ({@link Router#stats()}, R19, R22, R23) as Micrometer
 * meters tagged by shop — one router's, or those of every router a host holds (one per shop, as a router
 * registry keeps them). Shaped like Caffeine's cache metrics: function counters and gauges that read the
 * statistics when the meter registry asks, so routing itself does no metrics work at all.
 *
 * <pre>{@code
 * Router router = Router.builder(shop, settings).recordStats().build();
 * RouterMetrics.of(router, Tags.of("region", "eu-1")).bindTo(meterRegistry);
 *
 * // Every router the host holds, re-read on each refresh:
 * RouterMetrics fleet = RouterMetrics.ofRouters(host::routers, Tags.empty());
 * fleet.bindTo(meterRegistry);
 * scheduler.scheduleWithFixedDelay(fleet::refresh, 30, 30, TimeUnit.SECONDS);
 * }</pre>
 *
 * <h2>Meters</h2>
 *
 * Every meter carries the tag {@value #SHOP} (the shop's id) and the host's extra tags. Counters are
 * Micrometer function counters, so they count since the router was built, whatever the registry's step.
 *
 * <table>
 *   <caption>Meters per router</caption>
 *   <tr><th>name</th><th>type</th><th>extra tags</th><th>reads</th></tr>
 *   <tr><td>{@value #DECISIONS}</td><td>counter</td><td>{@value #STEP}: every {@code RoutingStep} name</td>
 *       <td>{@link RouterStats#decisions(io.fenliu.routing.RoutingStep)}</td></tr>
 *   <tr><td>{@value #QUEUE_QUEUED}</td><td>counter</td><td></td><td>{@link RouterStats#queued()}</td></tr>
 *   <tr><td>{@value #QUEUE_SEATED}</td><td>counter</td><td></td><td>{@link RouterStats#seatedFromQueue()}</td></tr>
 *   <tr><td>{@value #QUEUE_EXPIRED}</td><td>counter</td><td></td><td>{@link RouterStats#expiredFromQueue()}</td></tr>
 *   <tr><td>{@value #QUEUE_REJECTED}</td><td>counter</td><td></td>
 *       <td>{@link RouterStats#turnedAwayQueueFull()} (the queue was full)</td></tr>
 *   <tr><td>{@value #QUEUE_WITHDRAWN}</td><td>counter</td><td></td>
 *       <td>{@link RouterStats#withdrawnFromQueue()}</td></tr>
 *   <tr><td>{@value #QUEUE_WAIT}</td><td>function timer</td><td></td>
 *       <td>count: seated + expired; total: {@link RouterStats#totalQueueWait()}</td></tr>
 *   <tr><td>{@value #QUEUE_LENGTH}</td><td>gauge</td><td></td><td>{@link Router#queueLength()}, live</td></tr>
 *   <tr><td>{@value #CAPACITY_REFUSALS}</td><td>counter</td><td></td>
 *       <td>{@link RouterStats#capacityRefusals()}</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Per-agent and ledger meters, only with {@link Builder#perAgent(boolean) perAgent(true)}</caption>
 *   <tr><th>name</th><th>type</th><th>extra tags</th><th>reads</th></tr>
 *   <tr><td>{@value #AGENT_DECISIONS}</td><td>counter</td><td>{@value #AGENT}</td>
 *       <td>{@link RouterStats#decisionsByAgent()}</td></tr>
 *   <tr><td>{@value #SHARE_DECISIONS}</td><td>counter</td><td>{@value #SCOPE}</td>
 *       <td>{@link io.fenliu.routing.ShareLedger#decisions()}</td></tr>
 *   <tr><td>{@value #SHARE_OBSERVED}, {@value #SHARE_CONFIGURED}, {@value #SHARE_EXPECTED},
 *       {@value #SHARE_AVAILABILITY}, {@value #SHARE_ZSCORE}</td><td>gauges</td>
 *       <td>{@value #SCOPE}, {@value #AGENT}</td>
 *       <td>the agent's {@link io.fenliu.routing.AgentShare} line: observed share, configured share, expected
 *       share (expected ÷ the scope's decisions), availability, z-score</td></tr>
 * </table>
 *
 * <h2>Per-agent meters are opt-in</h2>
 *
 * The fixed meters are 19 time series per shop, whatever its size. The per-agent and ledger meters are one
 * series per agent plus, in every page set or group, one per scope and five per member: a host with 100,000
 * agents would publish more than 600,000 series, which most monitoring back ends bill for, slow down on or
 * refuse (Micrometer and Prometheus both warn against unbounded tag values such as user or agent ids; Caffeine
 * likewise keeps per-key figures out of its cache metrics). So they are off unless asked for with {@link
 * Builder#perAgent(boolean) perAgent(true)}, which suits a fleet of small shops or a dashboard bound to the few
 * shops under investigation. The same figures are always available from {@link Router#stats()}'s {@link
 * RouterStats#ledger() ledger}, without any meter.
 *
 * <h2>One snapshot per scrape</h2>
 *
 * A scrape reads dozens of meters per router; each reading {@link Router#stats()} would take the router's lock
 * and build a snapshot dozens of times. Instead each router's meters share a memo: the first read takes a
 * snapshot and every read within the {@linkplain Builder#snapshotTtl time to live} (default {@link
 * #DEFAULT_SNAPSHOT_TTL}, measured on the meter registry's own clock) answers from it, so the figures of one
 * scrape come from one snapshot, true of one instant (R24), and are at most that old. Keep the time to live
 * well below the scrape or publishing interval and above the time one scrape takes (registries read meters
 * name by name, so the first and last reads of one router are a whole scrape apart). A scrape that straddles
 * the expiry reads two snapshots, each consistent. A fresh memo is read without a lock; an expired one is
 * replaced under the memo's own lock, so concurrent scrapes take one snapshot between them and a counter never
 * reads lower than it did before.
 *
 * <h2>New agents, new scopes, new routers</h2>
 *
 * When turned on, per-agent and ledger meters exist only for the agents and scopes a router's statistics already name (an
 * agent enters the ledger with its first consultation in a scope). {@link #bindTo} registers those named at
 * the time; {@link #refresh()} registers those named since, and, for a set of routers, binds routers that have
 * appeared and removes the meters of those gone (or replaced by a new instance for the same shop, e.g. after
 * a reload, whose counters then start again from zero: monitoring systems read that as a counter reset). Call
 * {@code refresh()} on a schedule, or whenever the host loads or lets go of a shop; it is cheap (one snapshot
 * per router, usually the memo's, and a set look-up per agent). Meter reads never register meters.
 *
 * <h2>Routers that do not record statistics</h2>
 *
 * Such a router's {@link Router#stats()} is {@link RouterStats#empty()}, and its meters read 0 (the queue
 * length gauge still reads the live queue). They are registered rather than refused because {@code Router}'s
 * public API does not say whether it records: an empty snapshot is also what a recording router returns
 * before its first decision. Build routers with {@link Router.Builder#recordStats()}.
 *
 * <h2>References and threads</h2>
 *
 * Meters hold their router weakly, as Micrometer's state object, so binding keeps no router alive: a router
 * the host lets go reads NaN until the next {@link #refresh()} removes its meters. This object holds the
 * routers' supplier (for {@link #of}, the router) strongly. It is thread-safe: {@link #bindTo} and {@link
 * #refresh()} are serialized; meter reads take no lock of this object. It may be bound to several registries;
 * each keeps its own meters and memo.
 */
public final class RouterMetrics implements MeterBinder {
  /** The tag naming the shop (its {@link io.fenliu.core.ShopId#value()}), on every meter. */
  public static final String SHOP = "shop";
  /** The tag naming the {@link io.fenliu.routing.RoutingStep} on {@value #DECISIONS}. */
  public static final String STEP = "step";
  /** The tag naming the page set or group ("group 'pre-sale'", "page PRODUCT_DETAIL") on the ledger meters. */
  public static final String SCOPE = "scope";
  /** The tag naming the agent (its {@link io.fenliu.core.AccountId#value()}) on per-agent meters. */
  public static final String AGENT = "agent";

  /** Counter: consultations decided, tagged {@value #STEP} (R19). */
  public static final String DECISIONS = "fenliu.routing.decisions";
  /** Counter: consultations that had to wait in the queue (R22). */
  public static final String QUEUE_QUEUED = "fenliu.routing.queue.queued";
  /** Counter: waiting consultations seated when a seat freed (R22). */
  public static final String QUEUE_SEATED = "fenliu.routing.queue.seated";
  /** Counter: waiting consultations sent to the offline receivers after the maximum wait (R22). */
  public static final String QUEUE_EXPIRED = "fenliu.routing.queue.expired";
  /** Counter: consultations sent to the offline receivers because the queue was full (R22). */
  public static final String QUEUE_REJECTED = "fenliu.routing.queue.rejected";
  /** Counter: waiting consultations withdrawn by the host (R22). */
  public static final String QUEUE_WITHDRAWN = "fenliu.routing.queue.withdrawn";
  /** Function timer: time waited by consultations that left the queue seated or expired (R22). */
  public static final String QUEUE_WAIT = "fenliu.routing.queue.wait";
  /** Gauge: consultations waiting now (R22). */
  public static final String QUEUE_LENGTH = "fenliu.routing.queue.length";
  /** Counter: times continuity gave way because the recent agent or follower was at its limit (R18, R20). */
  public static final String CAPACITY_REFUSALS = "fenliu.routing.capacity.refusals";
  /** Counter: consultations decided naming the agent, tagged {@value #AGENT}. */
  public static final String AGENT_DECISIONS = "fenliu.routing.agent.decisions";
  /** Counter: consultations a page set or group decided, tagged {@value #SCOPE}. */
  public static final String SHARE_DECISIONS = "fenliu.routing.share.decisions";
  /** Gauge: the agent's observed share of the scope's decisions, in [0, 1]. */
  public static final String SHARE_OBSERVED = "fenliu.routing.share.observed";
  /** Gauge: the agent's configured share (weight over the scope's total weight), in [0, 1] (R13). */
  public static final String SHARE_CONFIGURED = "fenliu.routing.share.configured";
  /** Gauge: the share the agent's weight and availability made expected, in [0, 1] (R13, R23). */
  public static final String SHARE_EXPECTED = "fenliu.routing.share.expected";
  /** Gauge: the fraction of the scope's decisions made while the agent was available, in [0, 1]. */
  public static final String SHARE_AVAILABILITY = "fenliu.routing.share.availability";
  /** Gauge: the agent's z-score, (observed − expected) / sd; |z| &gt; 4 is beyond chance, 0 when not judged. */
  public static final String SHARE_ZSCORE = "fenliu.routing.share.zscore";

  /** How long a statistics snapshot answers meter reads unless {@linkplain Builder#snapshotTtl set}: 5 seconds. */
  public static final Duration DEFAULT_SNAPSHOT_TTL = Duration.ofSeconds(5);

  private static final Set<String> RESERVED = Set.of(SHOP, STEP, SCOPE, AGENT);

  private final Supplier<? extends Iterable<Router>> routers;
  private final Tags tags;
  private final long ttlNanos;
  private final boolean perAgent;
  /** Per bound registry, the meters of each shop by shop id; guarded by {@code this}. */
  private final IdentityHashMap<MeterRegistry, Map<String, ShopMeters>> bound = new IdentityHashMap<>();

  private RouterMetrics(Builder b) {
    this.routers = b.routers;
    this.tags = b.tags;
    this.ttlNanos = b.ttl.toNanos();
    this.perAgent = b.perAgent;
  }

  /**
   * A binder for one router, with the host's extra {@code tags} (e.g. region, tenant) besides {@value #SHOP};
   * without per-agent meters (see {@link Builder#perAgent(boolean)}).
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if a tag uses a key this binder sets ({@value #SHOP}, {@value #STEP},
   *     {@value #SCOPE}, {@value #AGENT})
   */
  public static RouterMetrics of(Router router, Iterable<Tag> tags) {
    return builder(router).tags(tags).build();
  }

  /**
   * A binder for every router {@code routers} lists, re-read on each {@link #refresh()}: e.g. a router
   * registry's routers, one per shop. A shop listed twice is bound once, to the first router listed for it.
   * Without per-agent meters (see {@link Builder#perAgent(boolean)}).
   *
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if a tag uses a key this binder sets
   */
  public static RouterMetrics ofRouters(Supplier<? extends Iterable<Router>> routers, Iterable<Tag> tags) {
    return builder(routers).tags(tags).build();
  }

  /** Starts building a binder for one router. */
  public static Builder builder(Router router) {
    Objects.requireNonNull(router, "router");
    List<Router> one = List.of(router);
    return new Builder(() -> one);
  }

  /** Starts building a binder for every router {@code routers} lists, re-read on each {@link #refresh()}. */
  public static Builder builder(Supplier<? extends Iterable<Router>> routers) {
    return new Builder(Objects.requireNonNull(routers, "routers"));
  }

  /**
   * Registers the meters of every router in {@code registry}: the fixed ones, and, if turned on, the per-agent
   * and ledger ones for the agents and scopes the routers' statistics name now. Binding the same registry again is a {@link
   * #refresh()} of it.
   *
   * @throws NullPointerException if {@code registry} is null, or the routers' supplier lists a null
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "meter registry");
    Map<String, Router> current = currentRouters();
    refresh(registry, bound.computeIfAbsent(registry, r -> new LinkedHashMap<>()), current);
  }

  /**
   * Brings every bound registry up to date: registers per-agent and ledger meters (if turned on) for agents and
   * scopes named since the last refresh; for a set of routers, binds the routers that appeared and removes the meters of
   * those gone or replaced by another instance. Does nothing before {@link #bindTo}.
   *
   * @throws NullPointerException if the routers' supplier lists a null
   */
  public synchronized void refresh() {
    if (bound.isEmpty()) {
      return;
    }
    Map<String, Router> current = currentRouters();
    bound.forEach((registry, shops) -> refresh(registry, shops, current));
  }

  private Map<String, Router> currentRouters() {
    Map<String, Router> current = new LinkedHashMap<>();
    Iterable<Router> listed = Objects.requireNonNull(routers.get(), "the routers' supplier returned null");
    for (Router r : listed) {
      Objects.requireNonNull(r, "the routers' supplier listed a null router");
      current.putIfAbsent(r.shop().id().value(), r);
    }
    return current;
  }

  private void refresh(MeterRegistry registry, Map<String, ShopMeters> shops, Map<String, Router> current) {
    for (Iterator<Map.Entry<String, ShopMeters>> it = shops.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, ShopMeters> e = it.next();
      Router now = current.get(e.getKey());
      if (now == null || !e.getValue().reads(now)) {
        e.getValue().remove(registry);
        it.remove();
      }
    }
    current.forEach((shop, router) -> shops.computeIfAbsent(shop,
            s -> new ShopMeters(registry, router, tags.and(SHOP, s), ttlNanos, perAgent))
        .refresh(registry));
  }

  @Override
  public synchronized String toString() {
    int shops = 0;
    for (Map<String, ShopMeters> m : bound.values()) {
      shops += m.size();
    }
    return "RouterMetrics[tags=" + tags + ", registries=" + bound.size() + ", shops bound=" + shops + ", snapshotTtl="
        + Duration.ofNanos(ttlNanos) + ", perAgent=" + perAgent + "]";
  }

  /** Builds a {@link RouterMetrics}; every setting is optional. */
  public static final class Builder {
    private final Supplier<? extends Iterable<Router>> routers;
    private Tags tags = Tags.empty();
    private Duration ttl = DEFAULT_SNAPSHOT_TTL;
    private boolean perAgent;

    private Builder(Supplier<? extends Iterable<Router>> routers) {
      this.routers = routers;
    }

    /**
     * Adds the host's {@code extra} tags to every meter (e.g. region, tenant); none by default. A key given
     * twice keeps the last value.
     *
     * @throws NullPointerException if {@code extra} or a tag in it is null
     * @throws InvalidValueException if a tag uses a key this binder sets ({@value #SHOP}, {@value #STEP},
     *     {@value #SCOPE}, {@value #AGENT}): it would be overwritten or clash
     */
    public Builder tags(Iterable<Tag> extra) {
      Objects.requireNonNull(extra, "tags");
      for (Tag t : extra) {
        Objects.requireNonNull(t, "a tag is null");
        if (RESERVED.contains(t.getKey())) {
          throw new InvalidValueException("tags", null, "tag key '" + t.getKey() + "' is set by RouterMetrics itself (reserved: "
              + RESERVED.stream().sorted().toList() + "); name the host's tag differently");
        }
      }
      this.tags = this.tags.and(extra);
      return this;
    }

    /**
     * How long one statistics snapshot answers meter reads (see "One snapshot per scrape" above); {@link
     * #DEFAULT_SNAPSHOT_TTL} by default. {@link Duration#ZERO} takes a snapshot on every meter read. Durations
     * too long for a {@code long} of nanoseconds (about 292 years) saturate.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws InvalidValueException if {@code value} is negative (an {@link IllegalArgumentException})
     */
    public Builder snapshotTtl(Duration value) {
      Objects.requireNonNull(value, "snapshot time to live must not be null");
      // isNegative() before anything else: Duration.ofSeconds(Long.MIN_VALUE) cannot be negated or converted.
      if (value.isNegative()) {
        throw new InvalidValueException("snapshot time to live", null,
            "the snapshot time to live must not be negative: " + value);
      }
      this.ttl = value.compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0 ? Duration.ofNanos(Long.MAX_VALUE) : value;
      return this;
    }

    /**
     * Whether to register the per-agent meters — {@value #AGENT_DECISIONS} and the fairness ledger's {@value
     * #SHARE_DECISIONS} and share gauges; <b>false by default</b>. They are tagged by agent id, so their number
     * grows with the roster: one counter per agent, and in each page set or group one counter and five gauges
     * per member — over 600,000 time series for 100,000 agents in one group each. That cardinality is why they
     * are opt-in (see "Per-agent meters are opt-in" above); turn them on for a few shops or a small fleet. Off,
     * the same figures stay readable from {@link Router#stats()}.
     */
    public Builder perAgent(boolean value) {
      this.perAgent = value;
      return this;
    }

    /** Builds the binder; nothing is registered until {@link RouterMetrics#bindTo}. */
    public RouterMetrics build() {
      return new RouterMetrics(this);
    }
  }
}
