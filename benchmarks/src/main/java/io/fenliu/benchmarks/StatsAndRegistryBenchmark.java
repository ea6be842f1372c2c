package io.fenliu.benchmarks;

import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.LoadedShop;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterRegistry;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12: what recording statistics costs (a routed and ended consultation with and without {@code
 * recordStats()}, on 1 and 2 threads, each thread routing its own shop as a sharded host does), and a registry
 * look-up of a cached shop router. 1,000 agents in 10 groups, 10 % offline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatsAndRegistryBenchmark {

  static Router router(boolean stats) {
    Router.Builder b = Router.builder(SampleShops.shop(1000), SampleShops.advanced(10, 100));
    Router r = (stats ? b.recordStats() : b).build();
    SplittableRandom random = new SplittableRandom(BenchmarkData.SEED);
    for (int i = 0; i < 1000; i++) {
      r.setPresence(SampleShops.agent(i), random.nextInt(10) != 0 ? Presence.ONLINE : Presence.OFFLINE);
    }
    return r;
  }

  /** A router per thread, recording or not, and a consultation per order status. */
  @State(Scope.Thread)
  public static class Own {
    Router plain;
    Router recording;
    final Consultation[] consultations = new Consultation[OrderStatus.values().length];
    int i;

    @Setup
    public void setUp() {
      plain = router(false);
      recording = router(true);
      for (int k = 0; k < consultations.length; k++) {
        consultations[k] = Consultation.of(ConsultationId.of("c" + k), BuyerId.of("b" + k), EntryPage.SHOP_HOME,
            OrderStatus.values()[k]);
      }
    }

    Consultation next() {
      i = i + 1 == consultations.length ? 0 : i + 1;
      return consultations[i];
    }
  }

  /** A registry holding 1,000 shops' routers. */
  @State(Scope.Benchmark)
  public static class Registry {
    RouterRegistry registry;
    final ShopId[] shops = new ShopId[1000];
    int i;

    @Setup
    public void setUp() {
      Shop template = SampleShops.shop(10);
      registry = RouterRegistry.builder(id -> LoadedShop.of(Shop.of(id, "shop " + id, template.mainAccount(),
          template.subAccounts()), io.fenliu.routing.RoutingSettings.builder().build())).build();
      for (int k = 0; k < shops.length; k++) {
        shops[k] = ShopId.of("shop-" + k);
        registry.router(shops[k]);
      }
    }
  }

  @Benchmark
  public EndResult withoutStats(Own s) {
    Consultation c = s.next();
    s.plain.route(c);
    return s.plain.end(c.id());
  }

  @Benchmark
  public EndResult withStats(Own s) {
    Consultation c = s.next();
    s.recording.route(c);
    return s.recording.end(c.id());
  }

  @Benchmark
  @Threads(2)
  public EndResult withoutStatsTwoThreads(Own s) {
    return withoutStats(s);
  }

  @Benchmark
  @Threads(2)
  public EndResult withStatsTwoThreads(Own s) {
    return withStats(s);
  }

  @Benchmark
  public Router registryLookup(Registry s) {
    s.i = s.i + 1 == s.shops.length ? 0 : s.i + 1;
    return s.registry.router(s.shops[s.i]);
  }
}
