package io.fenliu.benchmarks;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 17, R25: replaying a shop's log through {@link Router#apply} against the same calls through the
 * router's own methods. The log: 100,000 dated events of a 50-agent shop — arrivals, ends, presence changes —
 * replayed into a fresh router per invocation; the figure is per event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ReplayBenchmark {
  private static final int EVENTS = 100_000;
  private static final int AGENTS = 50;
  private static final ShopId SHOP = ShopId.of("bench");

  private Shop shop;
  private RoutingSettings settings;
  private final List<ShopEvent> log = new ArrayList<>(EVENTS);

  @Setup
  public void setUp() {
    List<SubAccount> subs = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      subs.add(SubAccount.builder(SampleShops.agent(i), "agent " + i).exclusiveAgent().concurrentLimit(3).build());
    }
    shop = Shop.of(SHOP, "Bench", new MainAccount(AccountId.of("owner"), "owner"), subs);
    settings = RoutingSettings.builder().maxQueueLength(100_000).build();
    SplittableRandom rnd = new SplittableRandom(7);
    Instant t = Instant.parse("2026-12-02T09:00:00Z");
    List<ConsultationId> open = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      t = t.plusMillis(rnd.nextInt(200));
      int k = rnd.nextInt(100);
      if (k < 5) {
        Presence p = rnd.nextInt(4) == 0 ? Presence.OFFLINE : Presence.ONLINE;
        log.add(ShopEvent.presenceChanged(SHOP, SampleShops.agent(rnd.nextInt(AGENTS)), p).at(t));
      } else if (k < 50 || open.isEmpty()) {
        ConsultationId id = ConsultationId.of("c" + i);
        open.add(id);
        log.add(ShopEvent.arrived(SHOP, Consultation.of(id, BuyerId.of("b" + i), EntryPage.SHOP_HOME,
            OrderStatus.NO_ORDER).arrivedAt(t)));
      } else {
        log.add(ShopEvent.ended(SHOP, open.remove(rnd.nextInt(open.size()))).at(t));
      }
    }
  }

  private Router fresh() {
    Router r = Router.builder(shop, settings).seed(3).build();
    for (int i = 0; i < AGENTS; i++) {
      r.setPresence(SampleShops.agent(i), Presence.ONLINE, Instant.parse("2026-12-02T08:00:00Z"));
    }
    return r;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void throughApply(Blackhole bh) {
    Router r = fresh();
    for (ShopEvent e : log) {
      bh.consume(r.apply(e));
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void throughMethods(Blackhole bh) {
    Router r = fresh();
    for (ShopEvent e : log) {
      if (e instanceof ShopEvent.Arrived a) {
        bh.consume(r.route(a.consultation()));
      } else if (e instanceof ShopEvent.Ended end) {
        bh.consume(r.end(end.consultation()));
      } else if (e instanceof ShopEvent.PresenceChanged p) {
        bh.consume(r.setPresence(p.agent(), p.presence(), p.time().orElseThrow()));
      }
    }
  }
}
