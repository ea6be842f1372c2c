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
import io.fenliu.routing.EndResult;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShareMode;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 10: seats, least-busy sharing and the queue at n = 1,000 agents with a limit of 2.
 *
 * <ul>
 *   <li>{@code allAvailable}: a decision (preview) while every agent has a free seat — the baseline;
 *   <li>{@code allFullButOne}: every agent full but one: full agents leave the samplers like offline ones;
 *   <li>{@code leastBusy} against {@code weighted}: the same decision under R23's least-busy sharing;
 *   <li>{@code queueEnqueueAndWithdraw}: with 10,000 consultations waiting, one more queues and leaves;
 *   <li>{@code queueFreedSeatAssignsHead}: with 10,000 waiting, a seat frees (the head takes it) and a new
 *       consultation queues at the tail, so the queue keeps its length.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CapacityBenchmark {
  static final int N = 1000;

  static Shop shop() {
    List<SubAccount> subs = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      subs.add(SubAccount.builder(SampleShops.agent(i), "agent " + i).exclusiveAgent().concurrentLimit(2).build());
    }
    return Shop.of(ShopId.of("bench"), "Bench shop", new MainAccount(AccountId.of("owner"), "owner"), subs);
  }

  static Router router(ShareMode mode) {
    Router r = Router.builder(shop(), RoutingSettings.builder().shareMode(mode).maxQueueLength(1_000_000).build())
        .build();
    for (int i = 0; i < N; i++) {
      r.setPresence(SampleShops.agent(i), Presence.ONLINE);
    }
    return r;
  }

  static Consultation consultation(String id) {
    return Consultation.of(ConsultationId.of(id), BuyerId.of("b-" + id), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);
  }

  /** Routers with free seats, in both share modes. */
  @State(Scope.Benchmark)
  public static class Free {
    Router weighted;
    Router leastBusy;
    final Consultation c = consultation("probe");

    @Setup
    public void setUp() {
      weighted = router(ShareMode.WEIGHTED_RANDOM);
      leastBusy = router(ShareMode.LEAST_BUSY);
      // Some load, so least-busy has something to compare.
      for (int i = 0; i < N; i++) {
        weighted.route(consultation("w" + i));
        leastBusy.route(consultation("l" + i));
      }
    }
  }

  /** A router whose agents are all full but one. */
  @State(Scope.Benchmark)
  public static class Full {
    Router router;
    final Consultation c = consultation("probe");

    @Setup
    public void setUp() {
      router = router(ShareMode.WEIGHTED_RANDOM);
      for (int i = 0; i < 2 * N; i++) {
        router.route(consultation("f" + i));
      }
      router.end(ConsultationId.of("f0"));
    }
  }

  /** A router with every seat taken and 10,000 consultations waiting. */
  @State(Scope.Benchmark)
  public static class Queue {
    Router router;
    final Consultation probe = consultation("probe");
    final List<ConsultationId> seated = new ArrayList<>();
    long next;

    @Setup
    public void setUp() {
      router = router(ShareMode.WEIGHTED_RANDOM);
      for (int i = 0; i < 2 * N; i++) {
        router.route(consultation("s" + i));
        seated.add(ConsultationId.of("s" + i));
      }
      for (int i = 0; i < 10_000; i++) {
        router.route(consultation("q" + i));
      }
    }
  }

  @Benchmark
  public RoutingDecision allAvailable(Free s) {
    return s.weighted.preview(s.c);
  }

  @Benchmark
  public RoutingDecision allFullButOne(Full s) {
    return s.router.preview(s.c);
  }

  @Benchmark
  public RoutingDecision weighted(Free s) {
    return s.weighted.preview(s.c);
  }

  @Benchmark
  public RoutingDecision leastBusy(Free s) {
    return s.leastBusy.preview(s.c);
  }

  @Benchmark
  public boolean queueEnqueueAndWithdraw(Queue s) {
    s.router.route(s.probe);
    return s.router.withdraw(s.probe.id());
  }

  @Benchmark
  public RoutingDecision queueFreedSeatAssignsHead(Queue s) {
    // End the oldest seated consultation; the head of the queue takes the seat; a new one queues at the tail.
    ConsultationId done = s.seated.remove(0);
    EndResult r = s.router.end(done);
    s.seated.add(r.queueExits().get(0).consultation());
    return s.router.route(consultation("n" + s.next++));
  }
}
