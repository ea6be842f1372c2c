package io.fenliu.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareLedger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A {@code SimpleMeterRegistry} sees exactly what the routers' statistics hold (issue 12 item 4). */
class RouterMetricsTest {
  private static final AccountId A = AccountId.of("a");
  private static final AccountId B = AccountId.of("b");
  private static final AccountId C = AccountId.of("c");
  private static final String SCOPE = "group 'pre'";

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private int next;
  /** Meters hold routers weakly: the test keeps every router it binds reachable until it ends. */
  private final List<Router> alive = new ArrayList<>();

  private static Shop shop(String id, int limitOfA) {
    return Shop.of(ShopId.of(id), id, new MainAccount(AccountId.of("m"), "m"), List.of(
        SubAccount.builder(A, "a").exclusiveAgent().concurrentLimit(limitOfA).build(),
        SubAccount.builder(B, "b").exclusiveAgent().build(), SubAccount.builder(C, "c").exclusiveAgent().build()));
  }

  /** A shop sharing one group 300:200:100, everyone online, stats recorded. */
  private Router groupRouter(String id) {
    RoutingSettings settings = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(AgentGroup.builder("pre")
        .boundTo(OrderStatus.NO_ORDER).member(A, 300).member(B, 200).member(C, 100).build()).build();
    Router r = Router.builder(shop(id, 10), settings).seed(42).recordStats().build();
    for (AccountId a : List.of(A, B, C)) {
      r.setPresence(a, Presence.ONLINE);
    }
    alive.add(r);
    return r;
  }

  private Consultation consultation() {
    return consultation(OrderStatus.NO_ORDER);
  }

  private Consultation consultation(OrderStatus status) {
    next++;
    return Consultation.of(ConsultationId.of("c" + next), BuyerId.of("b" + next), EntryPage.SHOP_HOME, status);
  }

  private void routeAndEnd(Router r, int n) {
    routeAndEnd(r, n, OrderStatus.NO_ORDER);
  }

  private void routeAndEnd(Router r, int n, OrderStatus status) {
    for (int i = 0; i < n; i++) {
      Consultation c = consultation(status);
      r.route(c);
      r.end(c.id());
    }
  }

  /** Exercises the queue: A holds one seat at most, the queue two consultations, C receives messages. */
  private Router queueRouter(String id) {
    Router r = Router.builder(shop(id, 1), RoutingSettings.builder().offlineReceivers(List.of(C)).maxQueueLength(2)
        .build()).seed(1).recordStats().build();
    r.route(consultation());
    r.setPresence(A, Presence.ONLINE);
    Consultation first = consultation();
    r.route(first);
    r.route(consultation().withRecentContact(A, Instant.now()));
    Consultation second = consultation();
    r.route(second);
    r.route(consultation());
    r.withdraw(second.id());
    r.end(first.id());
    alive.add(r);
    return r;
  }

  /** A binder with the per-agent and ledger meters turned on (they are off by default). */
  private static RouterMetrics withAgents(Router r) {
    return RouterMetrics.builder(r).tags(Tags.of("region", "eu-1")).perAgent(true).build();
  }

  private Tags shopTags(String shop) {
    return Tags.of("region", "eu-1", RouterMetrics.SHOP, shop);
  }

  /** The counter's count, which must be a whole number. */
  private long counter(String name, Tags tags) {
    FunctionCounter c = registry.find(name).tags(tags).functionCounter();
    assertNotNull(c, () -> name + " " + tags + " not registered; have " + names());
    long n = (long) c.count();
    assertEquals((double) n, c.count(), 0, "a whole count");
    return n;
  }

  private double gauge(String name, Tags tags) {
    Gauge g = registry.find(name).tags(tags).gauge();
    assertNotNull(g, () -> name + " " + tags + " not registered; have " + names());
    return g.value();
  }

  private List<String> names() {
    List<String> out = new ArrayList<>();
    for (Meter m : registry.getMeters()) {
      out.add(m.getId().getName() + m.getId().getTags());
    }
    return out;
  }

  /** Every meter of {@code shop} against {@code stats}, the ledger included. */
  private void assertMetersHold(String shop, RouterStats stats, int queueLength) {
    Tags t = shopTags(shop);
    for (RoutingStep step : RoutingStep.values()) {
      assertEquals(stats.decisions(step), counter(RouterMetrics.DECISIONS, t.and(RouterMetrics.STEP, step.name())),
          step.name());
    }
    assertEquals(stats.queued(), counter(RouterMetrics.QUEUE_QUEUED, t));
    assertEquals(stats.seatedFromQueue(), counter(RouterMetrics.QUEUE_SEATED, t));
    assertEquals(stats.expiredFromQueue(), counter(RouterMetrics.QUEUE_EXPIRED, t));
    assertEquals(stats.turnedAwayQueueFull(), counter(RouterMetrics.QUEUE_REJECTED, t));
    assertEquals(stats.withdrawnFromQueue(), counter(RouterMetrics.QUEUE_WITHDRAWN, t));
    assertEquals(stats.capacityRefusals(), counter(RouterMetrics.CAPACITY_REFUSALS, t));
    assertEquals(queueLength, gauge(RouterMetrics.QUEUE_LENGTH, t));
    FunctionTimer wait = registry.find(RouterMetrics.QUEUE_WAIT).tags(t).functionTimer();
    assertNotNull(wait);
    assertEquals((double) (stats.seatedFromQueue() + stats.expiredFromQueue()), wait.count(), 0);
    assertEquals((double) stats.totalQueueWait().toMillis(), wait.totalTime(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(stats.decisionsByAgent().size(), registry.find(RouterMetrics.AGENT_DECISIONS).tags(t).meters().size());
    stats.decisionsByAgent().forEach((agent, n) ->
        assertEquals(n, counter(RouterMetrics.AGENT_DECISIONS, t.and(RouterMetrics.AGENT, agent.value()))));
    int lines = 0;
    for (ShareLedger ledger : stats.ledger()) {
      Tags scoped = t.and(RouterMetrics.SCOPE, ledger.scope());
      assertEquals(ledger.decisions(), counter(RouterMetrics.SHARE_DECISIONS, scoped));
      for (AgentShare s : ledger.shares()) {
        lines++;
        Tags line = scoped.and(RouterMetrics.AGENT, s.agent().value());
        assertEquals(s.observedShare(), gauge(RouterMetrics.SHARE_OBSERVED, line), 0, s.explanation());
        assertEquals(s.configuredShare(), gauge(RouterMetrics.SHARE_CONFIGURED, line), 0, s.explanation());
        assertEquals(ledger.decisions() == 0 ? 0 : s.expected() / ledger.decisions(), gauge(RouterMetrics.SHARE_EXPECTED, line), 1e-15);
        assertEquals(s.availability(), gauge(RouterMetrics.SHARE_AVAILABILITY, line), 0, s.explanation());
        assertEquals(s.zScore(), gauge(RouterMetrics.SHARE_ZSCORE, line), 0, s.explanation());
      }
    }
    assertEquals(lines, registry.find(RouterMetrics.SHARE_OBSERVED).tags(t).meters().size(), "one gauge per line");
  }

  @Test
  void aRegistrySeesExactlyTheFiguresOfTheSnapshot() {
    Router group = groupRouter("g");
    Router queue = queueRouter("q");
    routeAndEnd(group, 600);
    withAgents(group).bindTo(registry);
    withAgents(queue).bindTo(registry);

    RouterStats g = group.stats();
    assertEquals(600, g.decisions(RoutingStep.MATCHED_GROUP));
    assertEquals(3, g.ledger(SCOPE).orElseThrow().shares().size());
    assertMetersHold("g", g, group.queueLength());

    RouterStats q = queue.stats();
    assertTrue(q.queued() > 0 && q.withdrawnFromQueue() > 0 && q.turnedAwayQueueFull() > 0
        && q.seatedFromQueue() > 0 && q.capacityRefusals() > 0, q::toString);
    assertMetersHold("q", q, queue.queueLength());
  }

  @Test
  void oneSnapshotAnswersEveryReadUntilItsTimeToLivePasses() {
    Router r = groupRouter("g");
    routeAndEnd(r, 100);
    RouterMetrics.builder(r).tags(Tags.of("region", "eu-1")).perAgent(true).snapshotTtl(Duration.ofSeconds(10))
        .build().bindTo(registry);
    RouterStats before = r.stats();
    assertMetersHold("g", before, 0);

    routeAndEnd(r, 50);
    clock.add(Duration.ofSeconds(9));
    assertMetersHold("g", before, 0);
    assertEquals(100, counter(RouterMetrics.DECISIONS, shopTags("g").and(RouterMetrics.STEP, "MATCHED_GROUP")),
        "within the time to live every meter reads the same, earlier snapshot");

    clock.add(Duration.ofSeconds(1));
    RouterStats after = r.stats();
    assertEquals(150, after.decisions());
    assertMetersHold("g", after, 0);
  }

  @Test
  void aZeroTimeToLiveReadsLiveFigures() {
    Router r = groupRouter("g");
    RouterMetrics.builder(r).tags(Tags.of("region", "eu-1")).snapshotTtl(Duration.ZERO).build().bindTo(registry);
    Tags step = shopTags("g").and(RouterMetrics.STEP, "MATCHED_GROUP");
    assertEquals(0, counter(RouterMetrics.DECISIONS, step));
    routeAndEnd(r, 7);
    assertEquals(7, counter(RouterMetrics.DECISIONS, step));
  }

  @Test
  void agentsAndScopesNamedLaterGetTheirMetersOnRefresh() {
    Router r = groupRouter("g");
    RouterMetrics metrics = withAgents(r);
    metrics.bindTo(registry);
    assertTrue(registry.find(RouterMetrics.AGENT_DECISIONS).meters().isEmpty(), "nobody decided for yet");
    assertMetersHold("g", r.stats(), 0);

    AccountId d = AccountId.of("d");
    r.update(shop -> shop.withSubAccount(SubAccount.builder(d, "d").exclusiveAgent().build()),
        settings -> settings.toBuilder().group(AgentGroup.builder("late").boundTo(OrderStatus.UNPAID).member(d, 1)
            .build()).build());
    r.setPresence(d, Presence.ONLINE);
    routeAndEnd(r, 300, OrderStatus.UNPAID);
    Tags late = shopTags("g").and(RouterMetrics.AGENT, d.value());
    assertTrue(registry.find(RouterMetrics.SHARE_OBSERVED).tags(late).meters().isEmpty(),
        "meter reads never register meters");
    clock.add(RouterMetrics.DEFAULT_SNAPSHOT_TTL);
    metrics.refresh();
    RouterStats stats = r.stats();
    assertEquals(300, stats.ledger("group 'late'").orElseThrow().decisions(), stats::toString);
    assertEquals(300L, stats.decisionsByAgent().get(d));
    assertMetersHold("g", stats, 0);

    int count = registry.getMeters().size();
    metrics.refresh();
    metrics.bindTo(registry);
    assertEquals(count, registry.getMeters().size(), "refreshing or binding again registers nothing twice");
  }

  @Test
  void aSetOfRoutersFollowsTheShopsTheHostHolds() {
    List<Router> held = new CopyOnWriteArrayList<>();
    Router g = groupRouter("g");
    held.add(g);
    RouterMetrics fleet = RouterMetrics.builder(() -> held).tags(Tags.of("region", "eu-1")).perAgent(true).build();
    fleet.bindTo(registry);
    routeAndEnd(g, 60);

    Router q = queueRouter("q");
    held.add(q);
    held.add(groupRouter("q"));
    clock.add(RouterMetrics.DEFAULT_SNAPSHOT_TTL);
    fleet.refresh();
    assertMetersHold("g", g.stats(), 0);
    assertMetersHold("q", q.stats(), q.queueLength());

    held.remove(g);
    fleet.refresh();
    assertTrue(registry.find(RouterMetrics.DECISIONS).tags(RouterMetrics.SHOP, "g").meters().isEmpty(),
        "a shop let go loses its meters: " + names());
    assertTrue(registry.find(RouterMetrics.SHARE_OBSERVED).tags(RouterMetrics.SHOP, "g").meters().isEmpty());

    Router reloaded = groupRouter("q");
    held.clear();
    held.add(reloaded);
    routeAndEnd(reloaded, 30);
    clock.add(RouterMetrics.DEFAULT_SNAPSHOT_TTL);
    fleet.refresh();
    assertMetersHold("q", reloaded.stats(), 0);
    assertNull(registry.find(RouterMetrics.QUEUE_QUEUED).tags(RouterMetrics.SHOP, "g").functionCounter());
    assertTrue(fleet.toString().contains("shops bound=1"), fleet::toString);
  }

  @Test
  void aRouterThatRecordsNothingReadsZero() {
    Router r = Router.builder(shop("n", 1), RoutingSettings.builder().build()).build();
    alive.add(r);
    r.setPresence(A, Presence.ONLINE);
    r.route(consultation());
    r.route(consultation());
    RouterMetrics.of(r, Tags.of("region", "eu-1")).bindTo(registry);
    Tags t = shopTags("n");
    for (RoutingStep step : RoutingStep.values()) {
      assertEquals(0, counter(RouterMetrics.DECISIONS, t.and(RouterMetrics.STEP, step.name())));
    }
    assertEquals(0, counter(RouterMetrics.QUEUE_QUEUED, t));
    assertEquals(1, gauge(RouterMetrics.QUEUE_LENGTH, t), "the queue length is read live all the same");
    assertTrue(registry.find(RouterMetrics.SHARE_OBSERVED).meters().isEmpty());
  }

  /**
   * Per-agent meters are one series per agent and five per ledger line: at 100,000 agents a cardinality no
   * monitoring back end wants by default, so they are opt-in (as Caffeine keeps per-key figures out of its metrics).
   */
  @Test
  void perAgentMetersAreOffByDefaultSoTheSeriesDoNotGrowWithTheRoster() {
    Router r = groupRouter("g");
    routeAndEnd(r, 30);
    List<Router> both = List.of(r, queueRouter("q"));
    List<RouterMetrics> defaults = List.of(RouterMetrics.of(r, Tags.empty()), RouterMetrics.builder(r).build(),
        RouterMetrics.ofRouters(() -> both, Tags.empty()), RouterMetrics.builder(() -> both).build(),
        RouterMetrics.builder(r).perAgent(false).build());
    for (RouterMetrics metrics : defaults) {
      SimpleMeterRegistry own = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
      metrics.bindTo(own);
      metrics.refresh();
      for (String perAgent : List.of(RouterMetrics.AGENT_DECISIONS, RouterMetrics.SHARE_DECISIONS,
          RouterMetrics.SHARE_OBSERVED, RouterMetrics.SHARE_CONFIGURED, RouterMetrics.SHARE_EXPECTED,
          RouterMetrics.SHARE_AVAILABILITY, RouterMetrics.SHARE_ZSCORE)) {
        assertTrue(own.find(perAgent).meters().isEmpty(), perAgent + " registered by default: " + metrics);
      }
      for (Meter m : own.getMeters()) {
        assertNull(m.getId().getTag(RouterMetrics.AGENT), "no meter is tagged by agent: " + m.getId());
      }
      assertEquals(30, (long) own.find(RouterMetrics.DECISIONS).tags(RouterMetrics.SHOP, "g", RouterMetrics.STEP,
          "MATCHED_GROUP").functionCounter().count(), "the shop's own meters are there");
      assertEquals(19, own.getMeters().stream().filter(m -> "g".equals(m.getId().getTag(RouterMetrics.SHOP))).count(),
          "19 series per shop, whatever its roster");
    }
    assertTrue(RouterMetrics.builder(r).build().toString().contains("perAgent=false"));

    withAgents(r).bindTo(registry);
    assertEquals(3, registry.find(RouterMetrics.AGENT_DECISIONS).meters().size(), "perAgent(true) turns them on");
    assertEquals(3, registry.find(RouterMetrics.SHARE_ZSCORE).meters().size());
  }

  @Test
  void badSettingsAreRefusedWithTheValue() {
    Router r = groupRouter("g");
    InvalidValueException reserved = assertThrows(InvalidValueException.class,
        () -> RouterMetrics.of(r, List.of(Tag.of("shop", "x"))));
    assertTrue(reserved.getMessage().contains("'shop'"), reserved.getMessage());
    assertEquals("tags", reserved.argument());
    InvalidValueException negative = assertThrows(InvalidValueException.class,
        () -> RouterMetrics.builder(r).snapshotTtl(Duration.ofSeconds(-1)));
    assertTrue(negative.getMessage().contains("PT-1S"), negative.getMessage());
    assertEquals("snapshot time to live", negative.argument());
    InvalidValueException shortest = assertThrows(InvalidValueException.class,
        () -> RouterMetrics.builder(r).snapshotTtl(Duration.ofSeconds(Long.MIN_VALUE)));
    assertEquals("snapshot time to live", shortest.argument(), "checked before any conversion (issue 18)");
    assertThrows(NullPointerException.class, () -> RouterMetrics.of(r, Tags.empty()).bindTo(null));
    RouterMetrics nullList = RouterMetrics.ofRouters(() -> null, Tags.empty());
    assertThrows(NullPointerException.class, () -> nullList.bindTo(registry));
    RouterMetrics.builder(r).snapshotTtl(Duration.ofSeconds(Long.MAX_VALUE)).build().bindTo(registry);
  }
}
