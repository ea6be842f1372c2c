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
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 17, R22: what a freed seat costs with a long queue against an empty one. Twenty agents with one seat each,
 * all taken; {@code waiting} consultations in the queue, each with a recent contact with a suspended agent
 * (so each is in the suspended-agent index, the case a walk of the queue used to pay for). One operation is an
 * end of the oldest seat and a new route: with nobody waiting the new consultation takes the freed seat; with
 * 1,000 waiting the head takes it, as an exit, and the new one queues at the tail, so the queue keeps its length.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class QueueDrainBenchmark {
  private static final int AGENTS = 20;

  @Param({"0", "1000"})
  public int waiting;

  private Router router;
  private final ArrayDeque<ConsultationId> seated = new ArrayDeque<>();
  private long next;

  @Setup(Level.Iteration)
  public void setUp() {
    List<SubAccount> subs = new ArrayList<>();
    for (int i = 0; i < AGENTS; i++) {
      subs.add(SubAccount.builder(SampleShops.agent(i), "agent " + i).exclusiveAgent().concurrentLimit(1).build());
    }
    AccountId away = AccountId.of("away");
    subs.add(SubAccount.builder(away, "away").exclusiveAgent().concurrentLimit(1).build());
    Shop shop = Shop.of(ShopId.of("bench"), "Bench", new MainAccount(AccountId.of("owner"), "owner"), subs);
    router = Router.builder(shop, RoutingSettings.builder().maxQueueLength(1_000_000)
        .maxQueueWait(Duration.ofDays(1)).build()).seed(1).build();
    for (int i = 0; i < AGENTS; i++) {
      router.setPresence(SampleShops.agent(i), Presence.ONLINE);
    }
    router.setPresence(away, Presence.SUSPENDED);
    router.route(plain("away-seat")); // whoever takes it, fill every seat below
    seated.clear();
    seated.add(ConsultationId.of("away-seat"));
    for (int i = 1; i < AGENTS; i++) {
      router.route(plain("s" + i));
      seated.add(ConsultationId.of("s" + i));
    }
    for (int i = 0; i < waiting; i++) {
      router.route(plain("w" + i).withRecentContact(away, java.time.Instant.now().minusSeconds(60)));
    }
    next = 0;
  }

  private static Consultation plain(String id) {
    return Consultation.of(ConsultationId.of(id), BuyerId.of("b-" + id), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);
  }

  @Benchmark
  public RoutingDecision endThenRoute() {
    EndResult r = router.end(seated.poll());
    List<QueueExit> exits = r.queueExits();
    String id = "n" + next++;
    RoutingDecision d = router.route(plain(id));
    if (exits.isEmpty()) {
      seated.add(ConsultationId.of(id));
    } else {
      seated.add(exits.get(0).consultation());
    }
    return d;
  }
}
