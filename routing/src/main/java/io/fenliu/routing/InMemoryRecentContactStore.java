package io.fenliu.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RecentContact;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Durations;
import io.fenliu.core.internal.Require;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link RecentContactStore} in memory, for a host that runs one node (R18, R21): bounded in size, and each
 * buyer's contact forgotten once it is older than the store's {@linkplain Builder#retention(Duration) retention}.
 * A host with several nodes shares one store over its database instead ({@code fenliu-jdbc}).
 *
 * <p>Create one with {@link #builder(ShopId)}: {@code InMemoryRecentContactStore.builder(shop).retention(
 * Duration.ofDays(3)).maximumSize(500_000).build()}.
 *
 * <h2>Consistency</h2>
 *
 * Thread-safe. {@link #record} is atomic per buyer: of several contacts recorded at once for one buyer, the one
 * with the latest time is kept whatever the order of the calls (on equal times the last call wins). {@link
 * #recentContact} reads without locking and judges the window against the {@code now} it is given, so an answer
 * never depends on when the store happened to evict an entry: eviction only frees memory. When the store is
 * full, the buyers least likely to come back are dropped first (Caffeine's frequency-aware policy); a dropped
 * buyer is routed as one with no recent contact, which is R18's fallback anyway.
 *
 * <p>The store starts no thread: its housekeeping runs on the callers' threads.
 */
public final class InMemoryRecentContactStore implements RecentContactStore {
  /** The default retention: Taobao's three-day continuity window (R18). */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(3);

  /** The default bound on the number of buyers remembered. */
  public static final long DEFAULT_MAXIMUM_SIZE = 1_000_000;

  private final ShopId shop;
  private final Duration retention;
  private final long maximumSize;
  private final Clock clock;
  private final Cache<BuyerId, RecentContact> contacts;

  private InMemoryRecentContactStore(Builder b) {
    this.shop = b.shop;
    this.retention = b.retention;
    this.maximumSize = b.maximumSize;
    this.clock = b.clock;
    Clock c = b.clock;
    Duration keep = b.retention;
    this.contacts = Caffeine.newBuilder()
        .maximumSize(b.maximumSize)
        // Expiry and the queries both read the host's clock, so a test clock drives both.
        .ticker(() -> epochNanos(c.instant()))
        .executor(Runnable::run)
        .expireAfter(new Expiry<BuyerId, RecentContact>() {
          @Override
          public long expireAfterCreate(BuyerId buyer, RecentContact contact, long currentTime) {
            return nanosLeft(contact, keep, c);
          }

          @Override
          public long expireAfterUpdate(BuyerId buyer, RecentContact contact, long currentTime, long currentDuration) {
            return nanosLeft(contact, keep, c);
          }

          @Override
          public long expireAfterRead(BuyerId buyer, RecentContact contact, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  /** Starts building a store for {@code shop}'s buyers. */
  public static Builder builder(ShopId shop) {
    return new Builder(Require.notNull(shop, "shop"));
  }

  @Override
  public ShopId shop() {
    return shop;
  }

  /** How long a contact is kept after it took place; queries may not ask for a longer window. */
  public Duration retention() {
    return retention;
  }

  /** The most buyers this store remembers at once. */
  public long maximumSize() {
    return maximumSize;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A contact already older than the retention when recorded is not kept: no query could return it.
   */
  @Override
  public void record(BuyerId buyer, AccountId agent, Instant at) {
    Require.notNull(buyer, "buyer");
    RecentContact incoming = new RecentContact(agent, at);
    if (nanosLeft(incoming, retention, clock) == 0) {
      return;
    }
    contacts.asMap().merge(buyer, incoming, (held, next) -> next.at().isBefore(held.at()) ? held : next);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Windows beyond about 292 years are saturated there, as the retention is: a store kept "forever" answers
   * every window, the longest {@link Duration} included.
   *
   * @throws InvalidValueException if {@code window} is negative or longer than this store's
   *     retention: contacts older than the retention are gone, so such a window would silently answer "no
   *     contact" for buyers who had one. Build the store with a retention at least R18's window.
   */
  @Override
  public Optional<RecentContact> recentContact(BuyerId buyer, Instant now, Duration window) {
    Require.notNull(buyer, "buyer");
    Require.notNull(now, "now");
    // Saturated as the retention was (about 292 years): with the longest retention the longest window is allowed,
    // and reaches back 292 years, instead of overflowing or being refused as longer than the retention.
    Duration w = Require.nonNegativeSaturated(window, "window");
    if (w.compareTo(retention) > 0) {
      throw new InvalidValueException("window", "R18", "window " + Durations.describe(w)
          + " is longer than this store's retention of " + Durations.describe(retention)
          + " (R18): build the store with retention(...) at least the router's recent-agent window");
    }
    RecentContact held = contacts.getIfPresent(buyer);
    if (held == null || held.at().isAfter(now) || held.at().isBefore(saturatedMinus(now, w))) {
      return Optional.empty();
    }
    return Optional.of(held);
  }

  /** About how many buyers are remembered now (eviction and expiry are applied lazily). */
  public long estimatedSize() {
    contacts.cleanUp();
    return contacts.estimatedSize();
  }

  private static Instant saturatedMinus(Instant now, Duration window) {
    try {
      return now.minus(window);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return Instant.MIN;
    }
  }

  private static long nanosLeft(RecentContact contact, Duration retention, Clock clock) {
    Duration left;
    try {
      left = Duration.between(clock.instant(), contact.at()).plus(retention);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
    if (left.isNegative() || left.isZero()) {
      return 0;
    }
    return left.compareTo(Require.MAX_DURATION) >= 0 ? Long.MAX_VALUE : left.toNanos();
  }

  private static long epochNanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * Builds an {@link InMemoryRecentContactStore}. Every setter checks its value at once and names it in the
   * message; {@link #build()} can be called more than once.
   */
  public static final class Builder {
    private final ShopId shop;
    private Duration retention = DEFAULT_RETENTION;
    private long maximumSize = DEFAULT_MAXIMUM_SIZE;
    private Clock clock = Clock.systemUTC();

    private Builder(ShopId shop) {
      this.shop = shop;
    }

    /**
     * How long a contact is kept after it took place; default {@link #DEFAULT_RETENTION} (R18's three days).
     * Must be at least the longest window the router asks about: the shop's recent-agent window (R18), which
     * already covers the suspended agents' shorter one (R21). Saturates at about 292 years.
     *
     * @throws InvalidValueException if zero or negative
     */
    public Builder retention(Duration retention) {
      Duration r = Require.nonNegativeSaturated(retention, "retention");
      Require.argument(!r.isZero(), "retention", "R18", "retention must be positive: %s", Durations.describe(r));
      this.retention = r;
      return this;
    }

    /**
     * The most buyers remembered at once; default {@link #DEFAULT_MAXIMUM_SIZE}. Beyond it the buyers least
     * likely to come back are forgotten first.
     *
     * @throws InvalidValueException if below 1
     */
    public Builder maximumSize(long maximumSize) {
      this.maximumSize = Require.positive(maximumSize, "maximum size", null);
      return this;
    }

    /**
     * The clock that decides when a contact has outlived the retention; default {@link Clock#systemUTC()}.
     * Queries judge their window against the {@code now} they are given, not this clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Require.notNull(clock, "clock");
      return this;
    }

    /** A new, empty store. */
    public InMemoryRecentContactStore build() {
      return new InMemoryRecentContactStore(this);
    }
  }
}
