package io.fenliu.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import io.fenliu.core.internal.Require;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Router} per shop, for a host that runs thousands of shops: a router is built on a shop's first use
 * from the host's {@link RouterLoader}, let go when idle or over a maximum count (its live state handed to the
 * host's {@link RouterSaver}), reloaded on demand.
 *
 * <pre>{@code
 * RouterRegistry registry = RouterRegistry.builder(shop -> store.load(shop))
 *     .expireAfterIdle(Duration.ofMinutes(30))
 *     .saver((shop, state) -> store.saveLiveState(shop, state))
 *     .build();
 * RoutingDecision d = registry.withRouter(shopId, router -> router.route(consultation));
 * }</pre>
 *
 * <h2>One router per shop</h2>
 *
 * Concurrent first uses of one shop call the loader once; the others wait for its router. A loader that throws
 * (or returns null, or another shop's roster) registers nothing, and the next call tries again. The registry
 * never builds a second router for a shop while the first one can still be used (below), so the shop keeps one
 * owner in this process, as docs/OPERATIONS.md requires. Each router keeps {@link Router}'s guarantees (R24):
 * the registry adds no lock around routing, and a lookup of a loaded shop's router allocates nothing.
 *
 * <h2>Eviction never loses live state</h2>
 *
 * The hazard: a thread takes a router from the registry and keeps using it after the registry let it go; its
 * later changes would be missing from the state handed to the saver, and the next use of the shop would build a
 * second router from the loader. The registry prevents both, without a lock on the routing path:
 *
 * <ol>
 *   <li><b>Hand-over, then export.</b> When a router is let go (evicted or {@linkplain #remove removed}) the
 *       registry first marks it let go and remembers it, atomically with taking it out of the registry, then
 *       exports its live state and hands it to the saver.
 *   <li><b>A router still in use comes back.</b> The registry remembers a let-go router weakly. As long as any
 *       thread still holds it, the next use of its shop reinstates <em>that same router</em>, with every change
 *       made to it in between, instead of calling the loader; a new router is built only once the old one is
 *       unreachable, i.e. nobody can change it any more. So there are never two live routers for one shop.
 *   <li><b>Calls through the registry save their own late changes.</b> {@link #withRouter}, {@link #setPresence}
 *       and {@link #reload} check after their work whether the router was let go meanwhile, and if so export and
 *       save again. The mark is set before the first export, so either that export saw the call's changes or the
 *       call sees the mark: the saver's last state always includes every change made through the registry. Saves
 *       of one shop are serialized and exported under the same monitor, so a later save never carries an older
 *       state.
 * </ol>
 *
 * Why this design rather than refusing to evict busy routers or refusing use of evicted ones: a router with open
 * consultations is the common case for a shop that is open for business, so refusing to evict it would make the
 * idle limit meaningless; refusing further use needs a "retired" state inside {@link Router} that today's API
 * does not have. Pinning (the {@code withRouter} style) is kept as the safe way to use a router, and the weak
 * reinstatement makes a held reference harmless instead of forbidden.
 *
 * <p><b>The one remaining gap</b>, for routers taken with {@link #router(ShopId)} and kept past the call: changes
 * made through such a reference after the router was let go reach the saver only if the shop is used again (the
 * router is reinstated) or {@link #cleanUp()} runs while the reference is still held (it saves let-go routers whose
 * state changed). If the holder changes the router and drops it before either, those changes are lost. Use {@link
 * #withRouter} for anything that changes a router, or keep {@code router(shop)} references for one request.
 *
 * <h2>Threads</h2>
 *
 * Thread-safe. The loader runs while other threads asking for the same shop wait, and must not call the
 * registry; the saver and the eviction work run on the thread of a registry call unless the host passes an
 * {@linkplain Builder#executor executor} (the registry starts no thread), and the saver should not call the
 * registry either. {@link #size()} and iteration are weakly consistent, like a concurrent map's.
 */
public final class RouterRegistry {
  /*
   * Design and invariants.
   *
   * State:
   *   cache:    Caffeine Cache<ShopId, Entry>; an Entry is (shop, router, saves, letGo). The cache decides idle
   *             and size eviction; its eviction listener runs inside the atomic removal of the entry, its
   *             removal listener (the save) afterwards, on the builder's executor (the calling thread by default).
   *   letGo:    ConcurrentHashMap<ShopId, LetGo>, a LetGo being a WeakReference to a router taken out of the
   *             cache, plus its shop and its Saves.
   *   Saves:    one per router (shared by every Entry that ever wrapped it): its monitor serializes the saver calls
   *             for that router and guards `last`, the state last handed to the saver.
   *
   * I1 (one router per shop): for a shop, at most one router is reachable from the registry (cache or letGo), and
   *    every router any thread holds for the shop is that one, or unreachable from the registry AND from every
   *    thread (collected). Guarded by Caffeine's per-key atomicity: the only writes to letGo[shop] happen inside
   *    the cache's atomic section for `shop` — the eviction listener (evictions), computeIfPresent (remove), the
   *    mapping function (reinstatement, which removes the record) — or remove a record whose referent is already
   *    cleared (purge). The mapping function consults letGo[shop] before calling the loader, and builds a new
   *    router only if the record is absent or cleared.
   * I2 (no lost change through the registry): Entry.letGo is set (volatile) before the first export of a let-go
   *    router. Every registry operation that changes a router reads Entry.letGo after its change; if true, it
   *    exports and saves again. A change is thus either before the first export (in it) or followed by a save.
   * I3 (saves ordered): every save exports inside synchronized(saves), so saves of one router are exported and
   *    delivered in the same order; an export equal to `last` is not delivered again.
   * Consistency: lookups are lock-free reads of the cache; operations on a router have Router's own guarantees
   *    (R24); a bulk presence call applies each change atomically in turn (validated first, but not one atomic
   *    change: Router has no bulk presence operation).
   */

  private static final Logger LOG = LoggerFactory.getLogger(RouterRegistry.class);

  private final Cache<ShopId, Entry> cache;
  private final Handover handover;
  private final Factory factory;

  private RouterRegistry(Builder b) {
    this.handover = new Handover(b.saver);
    this.factory = new Factory(b.loader, b.clock, b.listeners, b.scheduler, b.recordStats, b.restoreReports,
        handover);
    Caffeine<Object, Object> caffeine = Caffeine.newBuilder().executor(b.executor);
    if (b.idle != null) {
      caffeine.expireAfterAccess(b.idle);
    }
    if (b.maximumSize >= 0) {
      caffeine.maximumSize(b.maximumSize);
    }
    LongSupplier ticker = b.ticker;
    if (ticker != null) {
      caffeine.ticker(ticker::getAsLong);
    }
    Handover h = handover;
    this.cache = caffeine
        .<ShopId, Entry>evictionListener((shop, entry, cause) -> {
          if (entry != null) {
            h.letGo(entry);
          }
        })
        .<ShopId, Entry>removalListener((shop, entry, cause) -> {
          if (entry != null && cause.wasEvicted()) {
            h.saveQuietly(entry, cause);
          }
        })
        .build();
  }

  /**
   * Starts building a registry that loads shops with {@code loader}.
   *
   * @throws NullPointerException if {@code loader} is null
   */
  public static Builder builder(RouterLoader loader) {
    return new Builder(loader);
  }

  /**
   * The shop's router, built from the loader on first use (or reinstated, if the registry let it go while it was
   * still in use). Concurrent first uses call the loader once. A lookup of a loaded shop allocates nothing.
   *
   * <p>Keep the router for the current request; to change it, prefer {@link #withRouter}, whose changes are
   * never lost to an eviction (see the class comment).
   *
   * @throws NullPointerException if {@code shop} is null
   * @throws UnknownIdException if the loader does not know the shop (returned null)
   * @throws InvalidValueException if the loader returned another shop's roster
   * @throws RuntimeException whatever the loader or {@link Router.Builder#build()} threw; nothing is registered
   */
  public Router router(ShopId shop) {
    return entry(Require.notNull(shop, "shop")).router;
  }

  /**
   * Applies {@code action} to the shop's router (loading it as {@link #router(ShopId)} does) and returns its
   * result. If the registry lets the router go while {@code action} runs, the live state is saved again after
   * it, so that no change {@code action} made is lost. {@code action} may call the registry, but should not keep
   * the router.
   *
   * @param <T> the result type
   * @throws NullPointerException if an argument is null
   * @throws UnknownIdException if the loader does not know the shop
   * @throws RuntimeException whatever the loader or {@code action} threw
   */
  public <T extends @Nullable Object> T withRouter(ShopId shop, Function<? super Router, ? extends T> action) {
    Require.notNull(action, "action");
    Entry e = entry(Require.notNull(shop, "shop"));
    try {
      return action.apply(e.router);
    } finally {
      afterUse(e);
    }
  }

  /**
   * The shop's router if it is loaded now, without loading it. Counts as a use for idle eviction.
   *
   * @throws NullPointerException if {@code shop} is null
   */
  public Optional<Router> ifLoaded(ShopId shop) {
    Entry e = cache.getIfPresent(Require.notNull(shop, "shop"));
    return e == null ? Optional.empty() : Optional.of(e.router);
  }

  /**
   * Sets the presence of several of a shop's agents in one call (R17, R21), loading the shop if needed. Every id
   * is checked against the roster first, so an unknown one changes nothing (unless a concurrent roster change
   * removes an agent between the check and its change); then the changes are applied together, atomically
   * (R24), in the map's iteration order, as {@link Router#setPresence(Map)} applies them.
   *
   * @param presence each agent's new presence
   * @throws NullPointerException if an argument, key or value is null
   * @throws UnknownIdException if an id is not a sub-account on the shop's roster; nothing changes
   */
  public void setPresence(ShopId shop, Map<AccountId, Presence> presence) {
    Map<AccountId, Presence> changes = Router.checkedCopy(presence);
    withRouter(shop, router -> {
      checkRoster(router.shop(), changes);
      router.setPresence(changes);
      return null;
    });
  }

  /**
   * Sets the presence of several of a shop's agents as of {@code at} (R21): as {@link #setPresence(ShopId, Map)},
   * except that a change older than an agent's latest one is ignored.
   *
   * @return how many changes were applied (the others were stale)
   * @throws NullPointerException if an argument, key or value is null
   * @throws UnknownIdException if an id is not a sub-account on the shop's roster; nothing changes
   */
  public int setPresence(ShopId shop, Map<AccountId, Presence> presence, Instant at) {
    Map<AccountId, Presence> changes = Router.checkedCopy(presence);
    Require.notNull(at, "presence time");
    Integer applied = withRouter(shop, router -> {
      checkRoster(router.shop(), changes);
      return router.setPresence(changes, at);
    });
    return applied;
  }

  /**
   * Applies the shop's roster and settings as the loader gives them now to its router, keeping every piece of
   * live state (presence, seats, the queue): the router is changed in place, atomically ({@link
   * Router#update}), rather than rebuilt, so no change made meanwhile can be lost and no second router exists.
   * The live state the loader returns is ignored. A shop not loaded yet is loaded (calling the loader for its
   * first build too).
   *
   * @return the shop's router
   * @throws NullPointerException if {@code shop} is null
   * @throws UnknownIdException if the loader does not know the shop, or its settings name an agent its roster
   *     lacks
   * @throws InvalidValueException if the loader returned another shop's roster
   * @throws io.fenliu.core.RuleRefusedException if the new settings switch advanced routing off while the current
   *     groups have members (R15); the router is left as it was. {@link #remove} then {@link #router} rebuilds it
   *     from the loader instead
   */
  public Router reload(ShopId shop) {
    Require.notNull(shop, "shop");
    return withRouter(shop, router -> {
      LoadedShop loaded = factory.load(shop);
      router.update(current -> loaded.shop(), current -> loaded.settings());
      return router;
    });
  }

  /**
   * Lets the shop's router go: it leaves the registry and its live state goes to the saver, which is called on
   * this thread. If a thread still uses the router, the next use of the shop reinstates it (see the class
   * comment).
   *
   * @return the live state handed to the saver, or empty if the shop was not loaded
   * @throws NullPointerException if {@code shop} is null
   * @throws RuntimeException whatever the saver threw (the router has left the registry all the same)
   */
  public Optional<LiveState> remove(ShopId shop) {
    Require.notNull(shop, "shop");
    Removed removed = new Removed();
    cache.asMap().computeIfPresent(shop, (k, e) -> {
      handover.letGo(e);
      removed.entry = e;
      return null;
    });
    Entry e = removed.entry;
    return e == null ? Optional.empty() : Optional.of(handover.save(e));
  }

  /**
   * Lets every loaded router go, as {@link #remove} does for each, e.g. before the host shuts down. A saver that
   * throws is logged and the others are still saved.
   */
  public void removeAll() {
    for (ShopId shop : Set.copyOf(cache.asMap().keySet())) {
      try {
        remove(shop);
      } catch (RuntimeException ex) {
        LOG.warn("Could not save the live state of shop {} while removing every router", shop, ex);
      }
    }
  }

  /**
   * Calls {@code action} with each loaded shop and its router, e.g. to collect statistics. Weakly consistent: a
   * shop loaded or let go meanwhile may or may not be seen. Does not count as a use for idle eviction.
   *
   * @throws NullPointerException if {@code action} is null
   */
  public void forEach(BiConsumer<? super ShopId, ? super Router> action) {
    Require.notNull(action, "action");
    cache.asMap().forEach((shop, e) -> action.accept(shop, e.router));
  }

  /** The shops loaded now, as an unmodifiable copy. */
  public Set<ShopId> shops() {
    return Set.copyOf(cache.asMap().keySet());
  }

  /** About how many routers are loaded: exact when nothing changes meanwhile and {@link #cleanUp()} has run. */
  public long size() {
    return cache.estimatedSize();
  }

  /**
   * Does pending eviction work now (otherwise done a little at a time during other calls), forgets let-go routers
   * nobody holds any more, and saves again every let-go router still held whose live state changed since it was
   * saved (changes made through a kept {@link #router(ShopId)} reference). A host with idle eviction may call it
   * periodically.
   */
  public void cleanUp() {
    cache.cleanUp();
    handover.purge();
    handover.saveChangedLetGo();
  }

  private Entry entry(ShopId shop) {
    Entry e = cache.getIfPresent(shop);
    if (e != null) {
      return e;
    }
    handover.purge();
    return cache.get(shop, factory);
  }

  private void afterUse(Entry e) {
    if (e.letGo) {
      handover.saveQuietly(e, null);
    }
  }

  private static void checkRoster(Shop roster, Map<AccountId, Presence> changes) {
    for (AccountId agent : changes.keySet()) {
      if (roster.subAccount(agent).isEmpty()) {
        throw new UnknownIdException(agent.value(), roster.id().value(), agent + " is not a sub-account of shop "
            + roster.id() + "; no presence in this call was changed");
      }
    }
  }

  @Override
  public String toString() {
    return "RouterRegistry[" + size() + " shops loaded]";
  }

  /** A router in the cache; several entries may wrap one router over time (after reinstatement). */
  private static final class Entry {
    final ShopId shop;
    final Router router;
    final Saves saves;
    /** Set, before the first export, when this entry leaves the cache (I2). */
    volatile boolean letGo;

    Entry(ShopId shop, Router router, Saves saves) {
      this.shop = shop;
      this.router = router;
      this.saves = saves;
    }
  }

  /** One router's saves: the monitor serializes them (I3); {@code last} is the state last given to the saver. */
  private static final class Saves {
    @Nullable LiveState last;
  }

  /** A router the registry let go, remembered weakly so that it comes back while anyone holds it (I1). */
  private static final class LetGo extends WeakReference<Router> {
    final ShopId shop;
    final Saves saves;

    LetGo(Router router, ShopId shop, Saves saves, ReferenceQueue<Router> queue) {
      super(router, queue);
      this.shop = shop;
      this.saves = saves;
    }
  }

  /** Holds the entry {@link #remove} took out, from inside the map's atomic section. */
  private static final class Removed {
    @Nullable Entry entry;
  }

  /** Letting routers go and saving their live state; shared by the cache's listeners and the registry. */
  private static final class Handover {
    private final @Nullable RouterSaver saver;
    private final ConcurrentHashMap<ShopId, LetGo> letGo = new ConcurrentHashMap<>();
    private final ReferenceQueue<Router> collected = new ReferenceQueue<>();

    Handover(@Nullable RouterSaver saver) {
      this.saver = saver;
    }

    /** Called inside the cache's atomic section for {@code e.shop}, as {@code e} leaves the cache (I1, I2). */
    void letGo(Entry e) {
      e.letGo = true;
      letGo.put(e.shop, new LetGo(e.router, e.shop, e.saves, collected));
    }

    /** Called inside the cache's atomic section for {@code shop}: the let-go router still held, if any. */
    @Nullable LetGo reinstate(ShopId shop) {
      LetGo g = letGo.remove(shop);
      return g == null || g.get() == null ? null : g;
    }

    /** Exports and saves (I3); returns the state exported. */
    LiveState save(Entry e) {
      return save(e.shop, e.router, e.saves);
    }

    private LiveState save(ShopId shop, Router router, Saves saves) {
      synchronized (saves) {
        LiveState state = router.liveState();
        LiveState last = saves.last;
        if (last == null || !last.equals(state)) {
          if (saver != null) {
            saver.save(shop, state);
          }
          saves.last = state;
        }
        return state;
      }
    }

    void saveQuietly(Entry e, @Nullable RemovalCause cause) {
      try {
        save(e);
      } catch (RuntimeException ex) {
        LOG.warn("Could not save the live state of shop {} ({}); it stays with its router while that is in use",
            e.shop, cause == null ? "changed while being let go" : "evicted: " + cause, ex);
      }
    }

    /** Forgets let-go routers that have been collected. */
    void purge() {
      for (Reference<? extends Router> r; (r = collected.poll()) != null; ) {
        LetGo g = (LetGo) r;
        letGo.remove(g.shop, g);
      }
    }

    /** Saves let-go routers still held whose state changed since their last save. */
    void saveChangedLetGo() {
      for (LetGo g : letGo.values()) {
        Router router = g.get();
        if (router != null) {
          try {
            save(g.shop, router, g.saves);
          } catch (RuntimeException ex) {
            LOG.warn("Could not save the live state of let-go shop {}", g.shop, ex);
          }
        }
      }
    }
  }

  /** Builds or reinstates a shop's router inside the cache's atomic section for that shop (I1). */
  private static final class Factory implements Function<ShopId, Entry> {
    private final RouterLoader loader;
    private final Clock clock;
    private final @Nullable Function<? super ShopId, ? extends RouterListener> listeners;
    private final @Nullable ScheduledExecutorService scheduler;
    private final boolean recordStats;
    private final @Nullable BiConsumer<? super ShopId, ? super RestoreReport> restoreReports;
    private final Handover handover;

    Factory(RouterLoader loader, Clock clock, @Nullable Function<? super ShopId, ? extends RouterListener> listeners,
        @Nullable ScheduledExecutorService scheduler, boolean recordStats,
        @Nullable BiConsumer<? super ShopId, ? super RestoreReport> restoreReports, Handover handover) {
      this.loader = loader;
      this.clock = clock;
      this.listeners = listeners;
      this.scheduler = scheduler;
      this.recordStats = recordStats;
      this.restoreReports = restoreReports;
      this.handover = handover;
    }

    @Override
    public Entry apply(ShopId shop) {
      LetGo held = handover.reinstate(shop);
      if (held != null) {
        Router router = held.get();
        if (router != null) {
          return new Entry(shop, router, held.saves);
        }
      }
      LoadedShop loaded = load(shop);
      Router.Builder b = Router.builder(loaded.shop(), loaded.settings()).liveState(loaded.liveState()).clock(clock);
      if (listeners != null) {
        b.listener(Require.notNull(listeners.apply(shop), "listener for shop " + shop));
      }
      if (scheduler != null) {
        b.scheduler(scheduler);
      }
      if (recordStats) {
        b.recordStats();
      }
      Router router = b.build();
      RestoreReport restored = router.restoredOnBuild();
      if (restoreReports != null && restored.restored() > 0) {
        try {
          restoreReports.accept(shop, restored);
        } catch (RuntimeException ex) {
          LOG.warn("shop {}: the restore report consumer failed on {}", shop, restored, ex);
        }
      }
      return new Entry(shop, router, new Saves());
    }

    /** Calls the loader and checks what it returned. */
    LoadedShop load(ShopId shop) {
      LoadedShop loaded = loader.load(shop);
      if (loaded == null) {
        throw new UnknownIdException(shop.value(), shop.value(), "shop " + shop + " is unknown to the host's loader;"
            + " nothing was registered");
      }
      ShopId got = loaded.shop().id();
      if (!got.equals(shop)) {
        throw new InvalidValueException("loaded shop", null, "the loader was asked for shop " + shop
            + " but returned the roster of shop " + got + "; nothing was registered — fix the loader");
      }
      return loaded;
    }
  }

  /**
   * Builds a {@link RouterRegistry}. By default a registry keeps every router it loaded, has no saver, and builds
   * routers on the system UTC clock with no listener, no scheduler and no statistics.
   */
  public static final class Builder {
    private final RouterLoader loader;
    private @Nullable Duration idle;
    private long maximumSize = -1;
    private @Nullable RouterSaver saver;
    private Clock clock = Clock.systemUTC();
    private @Nullable Function<? super ShopId, ? extends RouterListener> listeners;
    private @Nullable ScheduledExecutorService scheduler;
    private @Nullable LongSupplier ticker;
    private Executor executor = Runnable::run;
    private boolean recordStats;
    private @Nullable BiConsumer<? super ShopId, ? super RestoreReport> restoreReports;

    private Builder(RouterLoader loader) {
      this.loader = Require.notNull(loader, "loader");
    }

    /**
     * Lets a shop's router go once it has not been looked up for {@code idle} (lookups are {@link
     * RouterRegistry#router}, {@link RouterRegistry#withRouter}, {@link RouterRegistry#ifLoaded} and the calls
     * built on them); its live state goes to the {@linkplain #saver saver}. Durations beyond about 292 years are
     * treated as 292 years. Not set: routers are never let go for idleness.
     *
     * @throws NullPointerException if {@code idle} is null
     * @throws InvalidValueException if {@code idle} is zero or negative
     */
    public Builder expireAfterIdle(Duration idle) {
      Require.notNull(idle, "idle duration");
      Require.argument(!idle.isNegative() && !idle.isZero(), "idle duration", null,
          "the idle duration must be positive: %s", idle);
      this.idle = Require.nonNegativeSaturated(idle, "idle duration");
      return this;
    }

    /**
     * Keeps at most about {@code maximum} routers, letting go of those least likely to be used again (Caffeine's
     * policy) when more are loaded; their live state goes to the {@linkplain #saver saver}. Not set: no maximum.
     *
     * @throws InvalidValueException if {@code maximum} is below 1
     */
    public Builder maximumSize(long maximum) {
      Require.argument(maximum >= 1, "maximum size", null, "the maximum number of routers must be at least 1: %s",
          maximum);
      this.maximumSize = maximum;
      return this;
    }

    /** Receives each router's live state when it is let go, to persist it (see {@link RouterSaver}). */
    public Builder saver(RouterSaver value) {
      this.saver = Require.notNull(value, "saver");
      return this;
    }

    /** The clock every router is built with ({@link Router.Builder#clock}); the system UTC clock by default. */
    public Builder clock(Clock value) {
      this.clock = Require.notNull(value, "clock");
      return this;
    }

    /**
     * Gives each shop's router its listener ({@link Router.Builder#listener}): called once per router built, with
     * the shop's id; must not return null. Not set: routers have no listener.
     */
    public Builder listeners(Function<? super ShopId, ? extends RouterListener> factory) {
      this.listeners = Require.notNull(factory, "listener factory");
      return this;
    }

    /**
     * The scheduler every router expires its queue on ({@link Router.Builder#scheduler}); none by default.
     *
     * <p>Caveat: a router that still has waiting consultations keeps a task on this scheduler after the registry
     * let it go, and that task can still expire them (telling its listener) after a new router for the shop was
     * built from the saved state, which may expire them too. Without a scheduler, a let-go router only acts when
     * called. {@link Router} has no way yet to cancel its task; until it does, prefer no scheduler with idle
     * eviction, and call {@link Router#expireOverdue()} through {@link RouterRegistry#forEach} on the host's own
     * schedule.
     */
    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = Require.notNull(value, "scheduler");
      return this;
    }

    /**
     * Where eviction work and the saves of evicted routers run: by default on the thread of the registry call
     * that finds them due (any call, a lookup included, may then take as long as a save). A host whose saver does
     * I/O may pass an executor of its own. Whatever the executor, a router leaves the registry and is remembered
     * atomically, so the one-router-per-shop and no-lost-change guarantees hold; only the save is deferred. Saves
     * on {@link RouterRegistry#remove} always run on the caller's thread.
     */
    public Builder executor(Executor value) {
      this.executor = Require.notNull(value, "executor");
      return this;
    }

    /**
     * Builds every router with {@link Router.Builder#recordStats()}, so that {@link Router#stats()} of each shop
     * (R19, R22, R23) counts from the moment its router is built, and a metrics binder reading the registry's
     * routers publishes real figures. Off by default, as on {@link Router.Builder}. A router rebuilt after it was
     * let go starts counting from zero: statistics are a router's own, not part of the live state the saver
     * keeps.
     */
    public Builder recordStats() {
      this.recordStats = true;
      return this;
    }

    /**
     * Receives, for each router built from a loaded live state that had open consultations, what restoring them
     * found (R20; {@link Router#restoredOnBuild()}): above all the agents they put over their limit, which the
     * registry otherwise only logs. Called on the thread that builds the router, inside the registry's atomic
     * section for that shop: it must be quick and must not call this registry. An exception it throws is
     * logged and does not stop the router from being built. Not set: such agents are only logged.
     */
    public Builder restoreReports(BiConsumer<? super ShopId, ? super RestoreReport> consumer) {
      this.restoreReports = Require.notNull(consumer, "restore report consumer");
      return this;
    }

    /** The nanosecond time source for idle eviction ({@code System::nanoTime} by default); for tests. */
    Builder ticker(LongSupplier nanos) {
      this.ticker = Require.notNull(nanos, "ticker");
      return this;
    }

    /** Builds the registry; nothing is loaded until a shop is first used. */
    public RouterRegistry build() {
      return new RouterRegistry(this);
    }
  }
}
