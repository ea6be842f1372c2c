package io.fenliu.benchmarks;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.internal.AliasTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
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
 * Whole routing decisions (issues 5.4, 9, 10). Advanced: 10 groups of 100 agents, 10 % offline, consultations
 * over all ten order statuses. Basic: five pages of 20 agents each. A "decision" is {@link Router#preview}: R18's
 * steps under the shop's lock, without a seat; {@code advancedSeatAndEnd} routes for real (seat taken) and ends
 * the consultation. Recent-agent and exclusive-follower hits go to an online agent, misses to an offline one, so
 * a miss pays for the check and then the full weighted route; their consultations state their arrival, as a host
 * that wants replayable decisions does. {@code handWrittenBackEnd} is what a host would write for the same two
 * facts without Fenliu: two map look-ups, a presence check and a clock read. {@code plainWeightedPick} is the
 * ratios' baseline: the alias table at n = 1000 with the same ThreadLocalRandom the routers use.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingDecisionBenchmark {
  private static final int AGENTS = 1000;
  private static final int CONSULTATIONS = 1024;

  /** Routers and consultations, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    Router advanced;
    Router basic;
    /** What a hand-written back end keeps: agents by id with an online flag. */
    java.util.Map<AccountId, boolean[]> handWritten = new java.util.HashMap<>();
    /**
     * The same, keyed by the roster's id objects as the router's index is, so that a look-up compares the id's
     * characters as the router's must; {@link #handWritten} is keyed by the very objects the consultations carry,
     * so its look-ups end at an identity check.
     */
    java.util.Map<AccountId, boolean[]> handWrittenByRoster = new java.util.HashMap<>();
    AliasTable plain;
    Consultation[] plainConsultations = new Consultation[CONSULTATIONS];
    Consultation[] recentHit = new Consultation[CONSULTATIONS];
    Consultation[] recentMiss = new Consultation[CONSULTATIONS];
    Consultation[] followerHit = new Consultation[CONSULTATIONS];
    Consultation[] followerMiss = new Consultation[CONSULTATIONS];
    /** As a newcomer writes them: no arrival time, so the router reads its clock (R25's default). */
    Consultation[] newcomerRecent = new Consultation[CONSULTATIONS];
    Consultation[] newcomerStaleThenFollower = new Consultation[CONSULTATIONS];

    @Setup
    public void setUp() {
      Shop shop = SampleShops.shop(AGENTS);
      advanced = Router.builder(shop, SampleShops.advanced(10, 100).toBuilder().connectToExclusiveAgent(true).build()).build();
      RoutingSettings.Builder pages = RoutingSettings.builder();
      for (EntryPage page : EntryPage.values()) {
        List<AccountId> set = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
          set.add(SampleShops.agent(page.ordinal() * 20 + m));
        }
        pages.page(page, set);
      }
      basic = Router.builder(shop, pages.build()).build();
      SplittableRandom r = new SplittableRandom(BenchmarkData.SEED);
      List<AccountId> online = new ArrayList<>();
      List<AccountId> offline = new ArrayList<>();
      for (int i = 0; i < AGENTS; i++) {
        AccountId a = SampleShops.agent(i);
        boolean on = r.nextInt(10) != 0;
        (on ? online : offline).add(a);
        advanced.setPresence(a, on ? Presence.ONLINE : Presence.OFFLINE);
        basic.setPresence(a, on ? Presence.ONLINE : Presence.OFFLINE);
      }
      Instant arrival = Instant.now();
      Instant recently = arrival.minusSeconds(3600);
      for (AccountId a : online) {
        handWritten.put(a, new boolean[] {true});
      }
      for (AccountId a : offline) {
        handWritten.put(a, new boolean[] {false});
      }
      for (io.fenliu.core.SubAccount sub : shop.subAccounts()) {
        handWrittenByRoster.put(sub.id(), handWritten.get(sub.id()));
      }
      for (int i = 0; i < CONSULTATIONS; i++) {
        Consultation c = Consultation.of(ConsultationId.of("c-buyer-" + i), BuyerId.of("buyer-" + i), EntryPage.values()[r.nextInt(EntryPage.values().length)],
            OrderStatus.values()[r.nextInt(OrderStatus.values().length)]);
        plainConsultations[i] = c;
        c = c.arrivedAt(arrival);
        recentHit[i] = c.withRecentContact(online.get(r.nextInt(online.size())), recently);
        recentMiss[i] = c.withRecentContact(offline.get(r.nextInt(offline.size())), recently);
        followerHit[i] = c.withExclusiveFollower(online.get(r.nextInt(online.size())));
        followerMiss[i] = c.withExclusiveFollower(offline.get(r.nextInt(offline.size())));
        newcomerRecent[i] = plainConsultations[i].withRecentContact(online.get(r.nextInt(online.size())), recently);
        newcomerStaleThenFollower[i] = plainConsultations[i].withRecentContact(online.get(r.nextInt(online.size())), arrival.minus(java.time.Duration.ofDays(30)))
            .withExclusiveFollower(online.get(r.nextInt(online.size())));
      }
      plain = AliasTable.of(BenchmarkData.weights(AGENTS));
    }
  }

  /** Each thread's position in the consultation arrays. */
  @State(Scope.Thread)
  public static class Cursor {
    int i;

    int next() {
      i = (i + 1) & (CONSULTATIONS - 1);
      return i;
    }
  }

  @Benchmark
  public int plainWeightedPick(Shared s) {
    return s.plain.sample(ThreadLocalRandom.current().nextLong());
  }

  @Benchmark
  public RoutingDecision advanced(Shared s, Cursor c) {
    return s.advanced.preview(s.plainConsultations[c.next()]);
  }

  /** Routes for real and ends: a seat taken in the open-consultation table and freed again (R20). */
  @Benchmark
  public EndResult advancedSeatAndEnd(Shared s, Cursor c) {
    Consultation x = s.plainConsultations[c.next()];
    s.advanced.route(x);
    return s.advanced.end(x.id());
  }

  /** Two threads on one shop's router: they take turns on its lock (R24). */
  @Benchmark
  @Threads(2)
  public RoutingDecision advancedTwoThreads(Shared s, Cursor c) {
    return s.advanced.preview(s.plainConsultations[c.next()]);
  }

  /** Two threads, each routing its own shop, as a host sharded by shop id runs them. */
  @Benchmark
  @Threads(2)
  public RoutingDecision advancedTwoThreadsTwoShops(OwnShop own, Shared s, Cursor c) {
    return own.router.preview(s.plainConsultations[c.next()]);
  }

  /** A router per benchmark thread. */
  @State(Scope.Thread)
  public static class OwnShop {
    Router router;

    @Setup
    public void setUp() {
      router = Router.builder(SampleShops.shop(AGENTS), SampleShops.advanced(10, 100)).build();
      SplittableRandom r = new SplittableRandom(BenchmarkData.SEED);
      for (int i = 0; i < AGENTS; i++) {
        router.setPresence(SampleShops.agent(i), r.nextInt(10) != 0 ? Presence.ONLINE : Presence.OFFLINE);
      }
    }
  }

  /** The two facts a recent-contact-and-follower decision reads, looked up the way a host would without Fenliu. */
  @Benchmark
  public @org.jspecify.annotations.Nullable AccountId handWrittenBackEnd(Shared s, Cursor c) {
    Consultation x = s.recentHit[c.next()];
    io.fenliu.core.RecentContact rc = x.recentContact().get();
    boolean[] recent = s.handWritten.get(rc.agent());
    if (recent != null && recent[0] && System.currentTimeMillis() - rc.at().toEpochMilli() <= 259_200_000L) {
      return rc.agent();
    }
    AccountId f = s.followerHit[c.i].exclusiveFollower().get();
    boolean[] follower = s.handWritten.get(f);
    return follower != null && follower[0] ? f : null;
  }

  /** A newcomer's consultation (no arrival time) whose recent agent, contacted within the window, is online. */
  @Benchmark
  public RoutingDecision newcomerRecentWithinWindow(Shared s, Cursor c) {
    return s.advanced.preview(s.newcomerRecent[c.next()]);
  }

  /** A newcomer's consultation whose recent contact is stale, so the exclusive follower (online) takes it. */
  @Benchmark
  public RoutingDecision newcomerStaleRecentThenFollower(Shared s, Cursor c) {
    return s.advanced.preview(s.newcomerStaleThenFollower[c.next()]);
  }

  /** The hand-written back end for {@link #newcomerRecentWithinWindow}: one look-up, one clock read. */
  @Benchmark
  public @org.jspecify.annotations.Nullable AccountId handWrittenNewcomerRecent(Shared s, Cursor c) {
    return handWritten(s.handWritten, s.newcomerRecent[c.next()]);
  }

  /** {@link #handWrittenNewcomerRecent} keyed by the roster's id objects, as the router's index is. */
  @Benchmark
  public @org.jspecify.annotations.Nullable AccountId handWrittenNewcomerRecentByRoster(Shared s, Cursor c) {
    return handWritten(s.handWrittenByRoster, s.newcomerRecent[c.next()]);
  }

  /** The hand-written back end for {@link #newcomerStaleRecentThenFollower}: two look-ups, one clock read. */
  @Benchmark
  public @org.jspecify.annotations.Nullable AccountId handWrittenNewcomerStaleThenFollower(Shared s, Cursor c) {
    return handWritten(s.handWritten, s.newcomerStaleThenFollower[c.next()]);
  }

  /** {@link #handWrittenNewcomerStaleThenFollower} keyed by the roster's id objects, as the router's index is. */
  @Benchmark
  public @org.jspecify.annotations.Nullable AccountId handWrittenNewcomerStaleThenFollowerByRoster(Shared s,
      Cursor c) {
    return handWritten(s.handWrittenByRoster, s.newcomerStaleThenFollower[c.next()]);
  }

  private static @org.jspecify.annotations.Nullable AccountId handWritten(java.util.Map<AccountId, boolean[]> byId,
      Consultation x) {
    long now = System.currentTimeMillis();
    java.util.Optional<io.fenliu.core.RecentContact> rc = x.recentContact();
    if (rc.isPresent() && now - rc.get().at().toEpochMilli() <= 259_200_000L) {
      boolean[] recent = byId.get(rc.get().agent());
      if (recent != null && recent[0]) {
        return rc.get().agent();
      }
    }
    java.util.Optional<AccountId> f = x.exclusiveFollower();
    if (f.isPresent()) {
      boolean[] follower = byId.get(f.get());
      return follower != null && follower[0] ? f.get() : null;
    }
    return null;
  }

  @Benchmark
  public RoutingDecision advancedRecentHit(Shared s, Cursor c) {
    return s.advanced.preview(s.recentHit[c.next()]);
  }

  @Benchmark
  public RoutingDecision advancedRecentMiss(Shared s, Cursor c) {
    return s.advanced.preview(s.recentMiss[c.next()]);
  }

  @Benchmark
  public RoutingDecision advancedFollowerHit(Shared s, Cursor c) {
    return s.advanced.preview(s.followerHit[c.next()]);
  }

  @Benchmark
  public RoutingDecision advancedFollowerMiss(Shared s, Cursor c) {
    return s.advanced.preview(s.followerMiss[c.next()]);
  }

  @Benchmark
  public RoutingDecision basic(Shared s, Cursor c) {
    return s.basic.preview(s.plainConsultations[c.next()]);
  }

  @Benchmark
  @Threads(2)
  public RoutingDecision basicTwoThreads(Shared s, Cursor c) {
    return s.basic.preview(s.plainConsultations[c.next()]);
  }
}
