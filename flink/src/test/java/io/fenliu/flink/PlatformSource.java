package io.fenliu.flink;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A checkpointed, deterministic source of a generated platform's log: entry i of the log is the same on every run
 * and after every restart (the source's position is in its checkpoint), and the log is regenerated from its seed.
 */
final class PlatformSource implements GeneratorFunction<Long, SequencedEvent> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, List<SequencedEvent>> LOGS = new ConcurrentHashMap<>();

  private final long seed;
  private final int shops;
  private final int eventsPerShop;
  private final Duration span;
  private final int duplicateEvery;

  private PlatformSource(long seed, int shops, int eventsPerShop, Duration span, int duplicateEvery) {
    this.seed = seed;
    this.shops = shops;
    this.eventsPerShop = eventsPerShop;
    this.span = span;
    this.duplicateEvery = duplicateEvery;
  }

  static Platform platform(long seed, int shops, int eventsPerShop, Duration span, int duplicateEvery) {
    return Platform.generate(seed, shops, eventsPerShop, span, duplicateEvery);
  }

  /** The source of {@code p}'s log (generated with these parameters), at most {@code perSecond} entries a second. */
  static DataGeneratorSource<SequencedEvent> of(Platform p, long seed, int shops, int eventsPerShop, Duration span,
      int duplicateEvery, double perSecond) {
    PlatformSource f = new PlatformSource(seed, shops, eventsPerShop, span, duplicateEvery);
    LOGS.put(f.key(), p.log);
    return new DataGeneratorSource<>(f, p.log.size(), RateLimiterStrategy.perSecond(perSecond),
        io.fenliu.flink.internal.Types.SEQUENCED_EVENT);
  }

  /** The source of {@code p}'s log (generated with these parameters), as fast as it is read: no rate limiter. */
  static DataGeneratorSource<SequencedEvent> unthrottled(Platform p, long seed, int shops, int eventsPerShop,
      Duration span, int duplicateEvery) {
    PlatformSource f = new PlatformSource(seed, shops, eventsPerShop, span, duplicateEvery);
    LOGS.put(f.key(), p.log);
    return new DataGeneratorSource<>(f, p.log.size(), RateLimiterStrategy.noOp(),
        io.fenliu.flink.internal.Types.SEQUENCED_EVENT);
  }

  private String key() {
    return seed + "/" + shops + "/" + eventsPerShop + "/" + span + "/" + duplicateEvery;
  }

  @Override
  public SequencedEvent map(Long index) {
    List<SequencedEvent> log = LOGS.computeIfAbsent(key(),
        k -> Platform.generate(seed, shops, eventsPerShop, span, duplicateEvery).log);
    return log.get(Math.toIntExact(index));
  }
}
