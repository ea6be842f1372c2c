package io.fenliu.benchmarks;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingDecision;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 5.3: one agent goes offline and comes back. A change is visible to routing when the call returns, so
 * the time of the pair is the time until routing sees it (twice). {@code contended} routes on one thread while
 * another toggles presence, against {@code quiet} routing alone. Both decide with {@code preview} (a decision
 * without a seat), so the consultation can be the same every time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PresenceChangeBenchmark {
  /** Work between two paced presence changes: about a microsecond on the machine of benchmarks/README.md. */
  private static final long PACE_TOKENS = 256;

  @Param({"1000", "5000"})
  int n;

  private Router router;
  private AccountId[] agents;
  private int next;
  private final Consultation consultation =
      Consultation.of(ConsultationId.of("c-b"), BuyerId.of("b"), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);

  @Setup
  public void setUp() {
    router = Router.builder(SampleShops.shop(n), SampleShops.advanced(1, n)).build();
    agents = new AccountId[n];
    for (int i = 0; i < n; i++) {
      agents[i] = SampleShops.agent(i);
      router.setPresence(agents[i], Presence.ONLINE);
    }
  }

  /** Two presence changes: offline, then online again. */
  @Benchmark
  public void offlineAndBack() {
    AccountId a = agents[next];
    next = next + 1 == agents.length ? 0 : next + 1;
    router.setPresence(a, Presence.OFFLINE);
    router.setPresence(a, Presence.ONLINE);
  }

  @Benchmark
  public RoutingDecision quiet() {
    return router.preview(consultation);
  }

  @Benchmark
  @Group("contended")
  @GroupThreads(1)
  public RoutingDecision contendedRoute() {
    return router.preview(consultation);
  }

  @Benchmark
  @Group("contended")
  @GroupThreads(1)
  public void contendedToggle(Toggler t) {
    toggle(t, 0);
  }

  /** The next agent offline and back, with {@code pace} tokens of other work after each change. */
  private void toggle(Toggler t, long pace) {
    AccountId a = agents[t.next];
    t.next = t.next + 1 == agents.length ? 0 : t.next + 1;
    router.setPresence(a, Presence.OFFLINE);
    if (pace > 0) {
      Blackhole.consumeCPU(pace);
    }
    router.setPresence(a, Presence.ONLINE);
    if (pace > 0) {
      Blackhole.consumeCPU(pace);
    }
  }

  /**
   * As {@code contended}, but the presence feed paces itself: about a microsecond of other work between two
   * changes (the toggle's own time, reported, is the pace), a rate far above what one shop's agents produce yet
   * below a tight loop that holds the shop's write lock most of the time.
   */
  @Benchmark
  @Group("paced")
  @GroupThreads(1)
  public RoutingDecision pacedRoute() {
    return router.preview(consultation);
  }

  @Benchmark
  @Group("paced")
  @GroupThreads(1)
  public void pacedToggle(Toggler t) {
    toggle(t, PACE_TOKENS);
  }

  /** The toggling thread's own cursor. */
  @State(Scope.Thread)
  public static class Toggler {
    int next;
  }
}
