package io.fenliu.flink;

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
import io.fenliu.flink.internal.Json;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.Applied;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RouterSnapshotCodec;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShareMode;
import io.fenliu.routing.ShopEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A generated platform for the router job's tests and demo: shops with random rosters and settings, each with a
 * log of a day's events in time order (arrivals, ends, withdrawals, seats by the host, presence, limit and settings
 * changes, time passing), merged into one stream in time order, with a per-shop sequence number. The same seed
 * gives the same platform, so a source can regenerate it after a restart.
 *
 * <p>{@link #replay()} is the single-process answer: each shop's log applied to {@link Router#apply} directly,
 * flattened into the messages the job sends, keyed by what the consumer deduplicates by.
 */
public final class Platform {
  static final Instant DAY = Instant.parse("2026-12-02T00:00:00Z");

  final Map<ShopId, RouterSnapshot> starts;
  final List<SequencedEvent> log;
  /** The events of the log, by shop, in order, with their sequence. */
  final Map<ShopId, List<Map.Entry<Long, ShopEvent>>> byShop;

  private Platform(Map<ShopId, RouterSnapshot> starts, List<SequencedEvent> log,
      Map<ShopId, List<Map.Entry<Long, ShopEvent>>> byShop) {
    this.starts = starts;
    this.log = log;
    this.byShop = byShop;
  }

  /**
   * {@code shops} shops with {@code eventsPerShop} events each over {@code span}; every {@code duplicateEvery}-th
   * entry of the merged log is delivered twice (0: never), as a retrying producer would.
   */
  static Platform generate(long seed, int shops, int eventsPerShop, Duration span, int duplicateEvery) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<ShopId, RouterSnapshot> starts = new LinkedHashMap<>();
    List<Object[]> all = new ArrayList<>();
    Map<ShopId, List<Map.Entry<Long, ShopEvent>>> byShop = new LinkedHashMap<>();
    for (int s = 0; s < shops; s++) {
      ShopId id = ShopId.of("shop-" + s);
      Shop shop = shop(rnd, id);
      RoutingSettings settings = settings(rnd, shop);
      starts.put(id, Router.builder(shop, settings).seed(rnd.nextLong()).build().snapshot());
      List<ShopEvent> events = log(rnd, id, shop, eventsPerShop, span);
      List<Map.Entry<Long, ShopEvent>> numbered = new ArrayList<>();
      long seq = 0;
      for (ShopEvent e : events) {
        seq += 1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(3) : 0);
        numbered.add(Map.entry(seq, e));
        all.add(new Object[] {e.time().orElseThrow(), s, seq, e});
      }
      byShop.put(id, numbered);
    }
    all.sort(Comparator.<Object[], Instant>comparing(o -> (Instant) o[0]).thenComparing(o -> (Integer) o[1])
        .thenComparing(o -> (Long) o[2]));
    List<SequencedEvent> log = new ArrayList<>();
    for (Object[] o : all) {
      SequencedEvent entry = SequencedEvent.of((Long) o[2], (ShopEvent) o[3]);
      log.add(entry);
      if (duplicateEvery > 0 && log.size() % duplicateEvery == 0) {
        log.add(entry);
      }
    }
    return new Platform(starts, List.copyOf(log), byShop);
  }

  /** The first {@code count} entries of the log, as a platform of their own. */
  Platform prefix(int count) {
    List<SequencedEvent> head = log.subList(0, count);
    Map<ShopId, List<Map.Entry<Long, ShopEvent>>> shops = new LinkedHashMap<>();
    java.util.Set<String> kept = new java.util.HashSet<>();
    for (SequencedEvent e : head) {
      kept.add(e.shop().value() + "#" + e.sequence());
    }
    byShop.forEach((id, events) -> shops.put(id, events.stream()
        .filter(e -> kept.contains(id.value() + "#" + e.getKey())).toList()));
    return new Platform(starts, List.copyOf(head), shops);
  }

  /** The loader of the job: each shop's starting snapshot, from the codec's bytes (serialisable). */
  ShopLoader loader() {
    HashMap<String, byte[]> bytes = new HashMap<>();
    starts.forEach((id, s) -> bytes.put(id.value(), RouterSnapshotCodec.encode(s)));
    return shop -> Optional.ofNullable(bytes.get(shop.value())).map(RouterSnapshotCodec::decode);
  }

  /** The messages a single process sends for this log, ending with the time run out (every queue emptied). */
  Expected replay() {
    Expected x = new Expected();
    Instant end = log.isEmpty() ? DAY : Instant.ofEpochMilli(log.get(log.size() - 1).timestamp()).plus(Duration.ofDays(1));
    byShop.forEach((id, events) -> {
      Router r = Router.builder(starts.get(id)).clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build();
      long last = 0;
      for (Map.Entry<Long, ShopEvent> e : events) {
        Applied a = r.apply(e.getValue());
        last = e.getKey();
        RouterOutput o = RouterOutput.of(RouterOutput.Kind.OUTCOME, id, e.getKey(), Optional.empty(), Json.outcome(a));
        (a.refusal().isPresent() ? x.refused : x.outcomes).put(o.dedupKey(), o.json());
        exits(x, id, last, a);
      }
      exits(x, id, last, r.apply(ShopEvent.timeAdvanced(id, end)));
    });
    return x;
  }

  private static void exits(Expected x, ShopId id, long seq, Applied a) {
    for (QueueExit q : a.exits()) {
      RouterOutput o = RouterOutput.of(RouterOutput.Kind.QUEUE_EXIT, id, seq, Optional.of(q.consultation()),
          Json.exit(q));
      if (x.exits.put(o.dedupKey(), o.json()) != null) {
        throw new AssertionError("a consultation left the queue twice: " + o);
      }
    }
  }

  /** Messages by dedup key: outcomes applied, outcomes refused, queue exits. */
  static final class Expected {
    final Map<String, String> outcomes = new HashMap<>();
    final Map<String, String> refused = new HashMap<>();
    final Map<String, String> exits = new HashMap<>();

    /** Adds a message the job sent; false if another message with its key said something else. */
    boolean add(RouterOutput o, boolean refusedOutput) {
      Map<String, String> into = refusedOutput ? refused : o.kind() == RouterOutput.Kind.OUTCOME ? outcomes : exits;
      String before = into.putIfAbsent(o.dedupKey(), o.json());
      return before == null || before.equals(o.json());
    }

    int size() {
      return outcomes.size() + refused.size() + exits.size();
    }
  }

  private static Shop shop(SplittableRandom rnd, ShopId id) {
    int n = 2 + rnd.nextInt(5);
    List<SubAccount> subs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SubAccount.Builder b = SubAccount.builder(agent(i), "agent " + i).exclusiveAgent();
      if (rnd.nextInt(4) > 0) {
        b.concurrentLimit(1 + rnd.nextInt(3));
      }
      subs.add(b.build());
    }
    return Shop.of(id, "shop " + id.value(), new MainAccount(AccountId.of("owner"), "owner"), subs);
  }

  static AccountId agent(int i) {
    return AccountId.of("a" + i);
  }

  private static RoutingSettings settings(SplittableRandom rnd, Shop shop) {
    int n = shop.subAccounts().size();
    RoutingSettings.Builder b = RoutingSettings.builder()
        .maxQueueWait(Duration.ofSeconds(30 + rnd.nextInt(300)))
        .maxQueueLength(1 + rnd.nextInt(6))
        .connectToExclusiveAgent(rnd.nextBoolean())
        .offlineReceivers(rnd.nextBoolean() ? List.of(agent(0)) : List.of(agent(0), agent(n - 1)));
    if (rnd.nextBoolean()) {
      b.shareMode(ShareMode.LEAST_BUSY);
    }
    if (rnd.nextBoolean()) {
      b.mode(RoutingMode.ADVANCED).group(AgentGroup.builder("pre").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID)
          .member(agent(0), 1 + rnd.nextInt(500)).member(agent(1), 1 + rnd.nextInt(500)).build());
    } else {
      b.page(EntryPage.PRODUCT_DETAIL, List.of(agent(0), agent(n - 1)));
    }
    return b.build();
  }

  /** A shop's day in time order; consultation ids are unique, so each leaves the queue at most once. */
  private static List<ShopEvent> log(SplittableRandom rnd, ShopId shop, Shop roster, int length, Duration span) {
    int n = roster.subAccounts().size();
    List<ShopEvent> log = new ArrayList<>();
    List<ConsultationId> seen = new ArrayList<>();
    long step = Math.max(2, span.toMillis() / Math.max(1, length) * 2);
    Instant t = DAY.plusMillis(rnd.nextLong(step));
    for (int i = 0; i < n; i++) {
      log.add(ShopEvent.presenceChanged(shop, agent(i), Presence.ONLINE).at(t));
      t = t.plusMillis(1);
    }
    for (int i = log.size(); i < length; i++) {
      t = t.plusMillis(1 + rnd.nextLong(step));
      AccountId a = agent(rnd.nextInt(n));
      int kind = rnd.nextInt(100);
      ShopEvent e;
      if (kind < 45) {
        ConsultationId id = ConsultationId.of(shop.value() + "-c" + i);
        seen.add(id);
        Consultation c = Consultation.of(id, BuyerId.of("b" + rnd.nextInt(30)),
            EntryPage.values()[rnd.nextInt(EntryPage.values().length)],
            OrderStatus.values()[rnd.nextInt(OrderStatus.values().length)]).arrivedAt(t);
        if (rnd.nextInt(3) == 0) {
          c = c.withRecentContact(agent(rnd.nextInt(n)), t.minus(Duration.ofHours(rnd.nextInt(100))));
        }
        e = ShopEvent.arrived(shop, c);
      } else if (kind < 70 && !seen.isEmpty()) {
        e = ShopEvent.ended(shop, seen.get(rnd.nextInt(seen.size()))).at(t);
      } else if (kind < 73 && !seen.isEmpty()) {
        e = ShopEvent.withdrawn(shop, seen.get(rnd.nextInt(seen.size()))).at(t);
      } else if (kind < 76 && !seen.isEmpty()) {
        e = ShopEvent.seatedByHost(shop, seen.get(rnd.nextInt(seen.size())), BuyerId.of("host"), a).at(t);
      } else if (kind < 90) {
        Presence p = Presence.values()[rnd.nextInt(Presence.values().length)];
        e = ShopEvent.presenceChanged(shop, a, p).at(t);
      } else if (kind < 95) {
        SubAccount.Builder b = SubAccount.builder(a, "agent " + a.value()).exclusiveAgent();
        if (rnd.nextBoolean()) {
          b.concurrentLimit(1 + rnd.nextInt(4));
        }
        e = ShopEvent.accountChanged(shop, b.build()).at(t);
      } else if (kind < 97) {
        e = ShopEvent.settingsChanged(shop, RoutingSettings.builder()
            .maxQueueWait(Duration.ofSeconds(10 + rnd.nextInt(200))).maxQueueLength(1 + rnd.nextInt(5))
            .offlineReceivers(List.of(agent(rnd.nextInt(n)))).build()).at(t);
      } else {
        e = ShopEvent.timeAdvanced(shop, t);
      }
      log.add(e);
    }
    return log;
  }
}
