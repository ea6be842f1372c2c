package io.fenliu.examples;

import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.jdbc.FenliuSchema;
import io.fenliu.jdbc.JdbcRelationshipStore;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The end-to-end demo (README's "run" command): one sample shop walked through routing and anomaly handling,
 * printed as a report. Seeded throughout, so every run prints the same figures.
 */
public final class SampleShopDemo {
  static final AccountId OWNER = AccountId.of("owner");
  static final AccountId A = AccountId.of("A-xiaomei");
  static final AccountId B = AccountId.of("B-ahua");
  static final AccountId C = AccountId.of("C-dawei");
  static final AccountId D = AccountId.of("D-lili");
  static final AccountId E = AccountId.of("E-tiantian");
  static final AccountId F = AccountId.of("F-xiaolong");
  static final AccountId R = AccountId.of("R-night-duty");
  static final List<AccountId> AGENTS = List.of(A, B, C, D, E, F, R);
  static final int CONSULTATIONS = 100_000;
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  /** Each run gets its own in-memory database, so that the demo's test can run it again in one JVM. */
  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** The figures the demo ends with, for its test. */
  record Summary(double ratioAtoB, Map<RoutingStep, Integer> lastPhaseSteps, RushHour.Result rushHour,
      long anomaliesBefore, long anomaliesAfter, String refusal, long millis) {}

  private SampleShopDemo() {}

  /** Runs the demo on standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  static Summary run(PrintStream out) {
    long start = System.nanoTime();
    Shop shop = sampleShop();
    out.println("Fenliu demo — sample shop '" + shop.name() + "': " + shop.subAccounts().size() + " agents, main account "
        + OWNER);
    out.println();

    AgentGroup preSale = AgentGroup.builder("pre-sale")
        .boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID, OrderStatus.GROUP_BUY_PENDING).member(A, 500).member(B, 100).build();
    AgentGroup afterSale = AgentGroup.builder("after-sale")
        .boundTo(OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.REFUNDING, OrderStatus.AFTER_SALE)
        .member(C, 300).member(D, 300).build();
    RoutingSettings settings = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(preSale).group(afterSale)
        .offlineReceivers(List.of(R)).connectToExclusiveAgent(true).recentAgentWindow(Duration.ofDays(3)).build();
    Router router = Router.builder(shop, settings).seed(7).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    for (AccountId a : List.of(A, B, C, D, E, F)) {
      router.setPresence(a, Presence.ONLINE);
    }
    out.println("[1/4] Advanced routing: group pre-sale {A 500, B 100}, group after-sale {C 300, D 300}; E, F ungrouped;"
        + " R receives offline messages.");
    List<Consultation> consultations = consultations(shop);
    Phase all = route(router, consultations);
    all.print(out, "everybody online but R (E and F only as a buyer's recent agent or exclusive follower, R14, R18)");
    double ratio = all.matchedPreSale.getOrDefault(A, 0) / (double) Math.max(1, all.matchedPreSale.getOrDefault(B, 0));
    out.printf("      pre-sale group only: A %,d vs B %,d consultations = %.2f : 1 (weights 500 : 100, R13)%n%n",
        all.matchedPreSale.getOrDefault(A, 0), all.matchedPreSale.getOrDefault(B, 0), ratio);

    out.println("[2/4] Presence changes.");
    router.setPresence(A, Presence.OFFLINE);
    route(router, consultations).print(out, "A offline");
    for (AccountId a : List.of(B, C, D)) {
      router.setPresence(a, Presence.OFFLINE);
    }
    route(router, consultations).print(out, "every grouped agent offline (R14: ungrouped E, F take over)");
    for (AccountId a : List.of(E, F)) {
      router.setPresence(a, Presence.OFFLINE);
    }
    Phase nobody = route(router, consultations);
    nobody.print(out, "everybody offline (R16: offline receiver)");
    out.println();

    out.println("[3/4] Rush hour: 16 agents with limits, least busy first, a queue when everyone is busy (R20-R23).");
    RushHour.Result rush = RushHour.run(out);
    out.println();

    out.println("[4/4] Exclusive relationships, kept in the embedded H2 database through fenliu-jdbc: C resigns, D loses"
        + " its exclusive permission (R1, R4).");
    Shop changed = shop.withSubAccount(shop.subAccount(C).orElseThrow().withStatus(AccountStatus.RESIGNED))
        .withSubAccount(shop.subAccount(D).orElseThrow().withPermissions(Set.of()));
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:fenliu-demo-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    FenliuSchema.apply(h2);
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(h2, changed.id()).build();
    relationships().forEach(store::insert);
    AnomalyReport before = AnomalyScanner.scan(changed, store);
    out.printf("      scan of %,d relationships by cursor: %,d anomalous%n", before.scanned(), before.anomalous());
    for (AnomalyKind k : AnomalyKind.values()) {
      out.printf("        %-22s %-10s %,6d%n", k, k.chineseLabel(), before.count(k));
    }
    TransferPlan plan = TransferPlanner.plan(changed, store, Selection.allAnomalous(), List.of(E, F), Distribution.even());
    out.println("      bulk transfer plan (R6, even over E and F): " + plan.countsByTarget());
    TransferResult result = plan.applyTo(changed, store);
    long[] rows = new long[1];
    store.forEach(r -> rows[0]++);
    out.println("      applied in batches (R8): " + result.counts() + ", the table still holds " + rows[0]
        + " relationships");
    AnomalyReport after = AnomalyScanner.scan(changed, store);
    out.printf("      rescan: %,d anomalous%n", after.anomalous());
    List<BuyerId> batch = new ArrayList<>();
    store.forEachFollowedBy(E, r -> {
      if (batch.size() < 301) {
        batch.add(r.buyer());
      }
    });
    String refusal;
    try {
      TransferPlanner.manualBatch(changed, store, batch, A);
      refusal = "NOT REFUSED";
    } catch (IllegalArgumentException e) {
      refusal = String.valueOf(e.getMessage());
    }
    out.println("      manual batch of 301 buyers (R7): refused — " + refusal);
    long millis = (System.nanoTime() - start) / 1_000_000;
    out.println();
    out.printf("Summary: %,d consultations x 4 phases routed, A:B = %.2f:1, %,d anomalies moved, %,d left, batch of 301"
        + " refused — %d ms%n", CONSULTATIONS, ratio, before.anomalous(), after.anomalous(), millis);
    return new Summary(ratio, nobody.steps, rush, before.anomalous(), after.anomalous(), refusal, millis);
  }

  static Shop sampleShop() {
    return Shop.of(ShopId.of("sample"), "Fenliu Tea House", new MainAccount(OWNER, "店主"), List.of(
        agent(A, "xiaomei", Role.PRE_SALE), agent(B, "ahua", Role.PRE_SALE), agent(C, "dawei", Role.AFTER_SALE),
        agent(D, "lili", Role.AFTER_SALE), agent(E, "tiantian", Role.PRE_SALE), agent(F, "xiaolong", Role.AFTER_SALE),
        agent(R, "night duty", Role.AFTER_SALE)));
  }

  private static SubAccount agent(AccountId id, String name, Role role) {
    return SubAccount.builder(id, name).roles(role).exclusiveAgent().build();
  }

  /** Mixed statuses and pages; 8 % talked to someone in the last five days, 5 % have an exclusive follower. */
  static List<Consultation> consultations(Shop shop) {
    SplittableRandom r = new SplittableRandom(2026);
    List<Consultation> list = new ArrayList<>(CONSULTATIONS);
    for (int i = 0; i < CONSULTATIONS; i++) {
      Consultation c = Consultation.of(ConsultationId.of("c-" + i), BuyerId.of("buyer-" + (i % 20_000)),
          EntryPage.values()[r.nextInt(EntryPage.values().length)], OrderStatus.values()[r.nextInt(OrderStatus.values().length)]);
      int roll = r.nextInt(100);
      if (roll < 8) {
        c = c.withRecentContact(AGENTS.get(r.nextInt(6)), NOW.minus(Duration.ofHours(r.nextInt(120))));
      } else if (roll < 13) {
        c = c.withExclusiveFollower(AGENTS.get(r.nextInt(6)));
      }
      list.add(c);
    }
    return list;
  }

  /** 10,000 buyers over the six agents, plus the seed's rarities: some on the main account, some on nobody. */
  static List<ExclusiveRelationship> relationships() {
    SplittableRandom r = new SplittableRandom(3);
    List<ExclusiveRelationship> list = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      BuyerId b = BuyerId.of("buyer-" + i);
      int roll = r.nextInt(1000);
      list.add(roll < 3 ? ExclusiveRelationship.withoutFollower(b)
          : roll < 8 ? ExclusiveRelationship.of(b, OWNER)
          : ExclusiveRelationship.of(b, AGENTS.get(r.nextInt(6))));
    }
    return list;
  }

  private static Phase route(Router router, List<Consultation> consultations) {
    Phase p = new Phase();
    for (Consultation c : consultations) {
      RoutingDecision d = router.route(c);
      router.end(c.id()); // each chat is answered and closed before the next: this phase is about shares, not seats
      p.steps.merge(d.step(), 1, Integer::sum);
      d.agent().ifPresent(a -> p.agents.merge(a, 1, Integer::sum));
      if (d.step() == RoutingStep.MATCHED_GROUP && (d.agent().get().equals(A) || d.agent().get().equals(B))) {
        p.matchedPreSale.merge(d.agent().get(), 1, Integer::sum);
      }
    }
    return p;
  }

  private static final class Phase {
    final Map<RoutingStep, Integer> steps = new EnumMap<>(RoutingStep.class);
    final Map<AccountId, Integer> agents = new LinkedHashMap<>();
    final Map<AccountId, Integer> matchedPreSale = new LinkedHashMap<>();

    void print(PrintStream out, String title) {
      out.println("    " + title + ":");
      StringBuilder byAgent = new StringBuilder("      agents: ");
      for (AccountId a : AGENTS) {
        byAgent.append(String.format("%s %5.1f%%  ", a.value().substring(0, 1), 100.0 * agents.getOrDefault(a, 0) / CONSULTATIONS));
      }
      out.println(byAgent.toString().stripTrailing());
      StringBuilder bySteps = new StringBuilder("      steps:  ");
      steps.forEach((s, n) -> bySteps.append(String.format("%s %.1f%%  ", s, 100.0 * n / CONSULTATIONS)));
      out.println(bySteps.toString().stripTrailing());
    }
  }
}
