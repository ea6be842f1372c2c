package io.fenliu.simulator.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.Applied;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShopEvent;
import io.fenliu.simulator.Schedule;
import io.fenliu.simulator.Workload;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One simulated day: feeds a real {@link Router} a day's events and measures what it does.
 *
 * <p><b>Determinism (R25).</b> A generated day is a function of the workload, the roster and the seed: arrival
 * times, order statuses, pages and service times come from one {@link SplittableRandom} seeded from the seed, in
 * arrival order, and depend neither on the roster nor on what the router decides; the continuity facts (recent
 * agent, follower) come from a stream split from it, four draws per arrival, and depend on the roster only through
 * the agents they name; presence changes come from the schedules. The router
 * gets the same seed, so its draws are the same function of its state and the event. Only the ends depend on the
 * router: a consultation ends its service time after it is seated, so a settings change that makes it wait makes
 * it end later. Two settings run on one workload and seed therefore see the same arrivals, service demands and
 * presence, and differ only by what the settings change.
 *
 * <p><b>Event order.</b> Pending events are merged by time (milliseconds); at one instant, ends come first (they
 * free seats), then presence changes, then slice boundaries, then arrivals. Every slice boundary (15 minutes) is a
 * {@code timeAdvanced} event, so consultations that waited the maximum leave the queue by the slice they are due in
 * (R22) and the log of a run, replayed, gives the same slices. When nothing but waiting consultations remains,
 * one last {@code timeAdvanced} by the maximum wait lets them leave.
 *
 * <p><b>Measures.</b> Derived from each {@link Applied} outcome alone, so a recorded log replayed through {@link
 * #recorded} measures exactly what the run that recorded it measured: seats held (+1 for each decision or queue
 * exit that holds a seat, −1 for each end that freed one), the queue's length (+1 per queued decision, −1 per exit,
 * withdrawal or end of a waiting consultation), agents ONLINE (per applied presence change), waits (0 for a
 * consultation seated at once, the exit's wait for one seated from the queue), and offline-receiver messages sent
 * while some agent was ONLINE (counted as of the event that reports them, which for an expiry is the first event
 * after its deadline: its state is the deadline's).
 */
public final class DayRun {
  /** Slices beyond this many after the origin are not kept (a run whose last consultations wait for years). */
  private static final int MAX_BUCKETS = 96 * 400;

  private static final long BUCKET_MS = 15 * 60_000L;

  private final Router router;
  private final long origin;
  private final @Nullable List<ShopEvent> log;
  private final @Nullable DoubleConsumer progress;
  private int lastPercent = -1;

  // live measures
  private long now;
  private int seatsHeld;
  private int queueLength;
  private int online;
  private final Map<AccountId, Presence> presence = new HashMap<>();
  private long offlineWhileOnline;
  private long offlineMessages;
  private long refused;
  private long arrivals;
  private int peakSeats;
  private int peakQueue;
  private long[] waits = new long[1024];
  private int waitCount;

  // per slice
  private long[] bArrivals = new long[96];
  private double[] bSeatArea = new double[96];
  private int[] bPeakSeats = new int[96];
  private double[] bQueueArea = new double[96];
  private int[] bPeakQueue = new int[96];
  private long[] bSeated = new long[96];
  private long[] bWaitSum = new long[96];
  private long[] bWaitMax = new long[96];
  private int[] bPeakOnline = new int[96];
  private long[] bOffline = new long[96];
  private int buckets;

  // generated mode: the pending ends
  private long[] endAt = new long[1024];
  private int[] serviceMs = new int[1024];
  private final IntHeap ends = new IntHeap();
  private boolean generated;

  private DayRun(Router router, long origin, @Nullable List<ShopEvent> log,
      @Nullable DoubleConsumer progress) {
    this.router = router;
    this.origin = origin;
    this.now = origin;
    this.log = log;
    this.progress = progress;
  }

  private static Router router(Shop shop, RoutingSettings settings, long seed, Instant origin) {
    return Router.builder(shop, settings).seed(seed).clock(Clock.fixed(origin, ZoneOffset.UTC)).recordStats().build();
  }

  /**
   * Builds the router first: settings it refuses (an agent not on the roster, R17) throw here, before any event.
   */
  public static DayRun prepare(Shop shop, RoutingSettings settings, long seed, Instant origin,
      @Nullable List<ShopEvent> log, @Nullable DoubleConsumer progress) {
    return new DayRun(router(shop, settings, seed, origin), origin.toEpochMilli(), log, progress);
  }

  /** Applies a recorded log in its order (R25). */
  public Result recorded(List<ShopEvent> events) {
    int n = events.size();
    for (int i = 0; i < n; i++) {
      ShopEvent e = events.get(i);
      long t = e.time().orElseThrow().toEpochMilli();
      apply(e, Math.max(t, now));
      report((double) (i + 1) / n);
    }
    return result();
  }

  /** Generates the workload's day from {@code seed} and applies it. */
  public Result generated(Shop shop, RoutingSettings settings, Workload w, long seed) {
    generated = true;
    SplittableRandom rng = new SplittableRandom(seed);
    // Continuity facts come from a stream of their own, four draws per arrival whatever the roster: so the
    // arrivals, their attributes and their service times are the same for any roster and any settings.
    SplittableRandom continuity = rng.split();
    long dayEnd = origin + w.duration().toMillis();
    // presence changes, by time then roster order
    List<long[]> changes = new ArrayList<>();
    List<SubAccount> roster = shop.subAccounts();
    for (int a = 0; a < roster.size(); a++) {
      Schedule s = w.schedule(roster.get(a).id());
      for (Map.Entry<Long, Presence> c : s.changes().entrySet()) {
        if (c.getKey() <= w.duration().toMillis()) {
          changes.add(new long[] {origin + c.getKey(), a, c.getValue().ordinal()});
        }
      }
    }
    changes.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    List<AccountId> routable = new ArrayList<>();
    List<AccountId> exclusive = new ArrayList<>();
    for (SubAccount s : roster) {
      if (s.isRoutable()) {
        routable.add(s.id());
      }
      if (s.isExclusiveAgent()) {
        exclusive.add(s.id());
      }
    }
    Sampler<OrderStatus> statuses = Sampler.of(w.orderStatusMix(), OrderStatus.values());
    Sampler<EntryPage> pages = Sampler.of(w.entryPageMix(), EntryPage.values());
    double meanService = w.meanServiceTime().toMillis();
    long contactAge = w.recentContactAge().toMillis();
    Presence[] presences = Presence.values();

    apply(ShopEvent.timeAdvanced(shop.id(), Instant.ofEpochMilli(origin)), origin);
    long nextBoundary = origin + BUCKET_MS;
    int nextChange = 0;
    long nextArrival = nextArrival(rng, w, origin, dayEnd);
    int index = 0;
    while (true) {
      long tEnd = ends.isEmpty() ? Long.MAX_VALUE : endAt[ends.peek()];
      long tChange = nextChange < changes.size() ? changes.get(nextChange)[0] : Long.MAX_VALUE;
      long tArrival = nextArrival;
      boolean pending = tEnd != Long.MAX_VALUE || tChange != Long.MAX_VALUE || tArrival != Long.MAX_VALUE;
      if (!pending) {
        if (queueLength > 0) {
          long flush = saturatedAdd(now, settings.maxQueueWait().toMillis());
          apply(ShopEvent.timeAdvanced(shop.id(), Instant.ofEpochMilli(flush)), flush);
        }
        break;
      }
      long t = Math.min(Math.min(tEnd, tChange), Math.min(tArrival, nextBoundary));
      if (t == tEnd) {
        int i = ends.poll(endAt);
        apply(ShopEvent.ended(shop.id(), id(i)).at(Instant.ofEpochMilli(t)), t);
      } else if (t == tChange) {
        long[] c = changes.get(nextChange++);
        apply(ShopEvent.presenceChanged(shop.id(), roster.get((int) c[1]).id(), presences[(int) c[2]])
            .at(Instant.ofEpochMilli(t)), t);
      } else if (t == nextBoundary) {
        apply(ShopEvent.timeAdvanced(shop.id(), Instant.ofEpochMilli(t)), t);
        nextBoundary += BUCKET_MS;
      } else {
        int i = index++;
        if (i == Integer.MAX_VALUE - 8) {
          throw new IllegalStateException("a simulated day is limited to " + i + " consultations");
        }
        Instant at = Instant.ofEpochMilli(t);
        Consultation c = Consultation.of(id(i), BuyerId.of("b" + i), pages.next(rng), statuses.next(rng)).arrivedAt(at);
        double draw = -meanService * Math.log(1 - rng.nextDouble());
        double recentDraw = continuity.nextDouble();
        long recentPick = continuity.nextLong();
        double followerDraw = continuity.nextDouble();
        long followerPick = continuity.nextLong();
        if (!routable.isEmpty() && recentDraw < w.recentAgentShare()) {
          c = c.withRecentContact(routable.get((int) Math.floorMod(recentPick, (long) routable.size())),
              at.minusMillis(contactAge));
        }
        if (!exclusive.isEmpty() && followerDraw < w.exclusiveFollowerShare()) {
          c = c.withExclusiveFollower(exclusive.get((int) Math.floorMod(followerPick, (long) exclusive.size())));
        }
        if (i >= serviceMs.length) {
          serviceMs = Arrays.copyOf(serviceMs, serviceMs.length * 2);
          endAt = Arrays.copyOf(endAt, endAt.length * 2);
        }
        serviceMs[i] = (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.round(draw)));
        apply(ShopEvent.arrived(shop.id(), c), t);
        nextArrival = nextArrival(rng, w, t, dayEnd);
        report((double) (t - origin) / Math.max(1, dayEnd - origin));
      }
    }
    report(1);
    return result();
  }

  private static ConsultationId id(int index) {
    return ConsultationId.of("c" + index);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /**
   * The next arrival after {@code t}, in milliseconds, or {@link Long#MAX_VALUE} after the day: a Poisson process
   * whose rate is constant within each hour. Memorylessness lets the draw restart at each hour's boundary.
   */
  private static long nextArrival(SplittableRandom rng, Workload w, long t, long dayEnd) {
    double at = t;
    while (at < dayEnd) {
      long hourStart = (long) at - Math.floorMod((long) at, 3_600_000L);
      int hour = (int) Math.floorMod(Math.floorDiv(hourStart, 3_600_000L), 24L);
      double ratePerMs = w.arrivalsPerHour(hour) / 3_600_000.0;
      double hourEnd = Math.min(hourStart + 3_600_000.0, (double) dayEnd);
      if (ratePerMs > 0) {
        double next = at - Math.log(1 - rng.nextDouble()) / ratePerMs;
        if (next < hourEnd) {
          long ms = (long) Math.ceil(next);
          return ms < dayEnd ? Math.max(ms, t) : Long.MAX_VALUE;
        }
      }
      at = hourEnd;
    }
    return Long.MAX_VALUE;
  }

  private void report(double fraction) {
    if (progress != null) {
      int p = (int) Math.floor(Math.min(1, fraction) * 100);
      if (p != lastPercent) {
        lastPercent = p;
        progress.accept(p / 100.0);
      }
    }
  }

  private void apply(ShopEvent event, long t) {
    advance(t);
    Applied a = router.apply(event);
    if (log != null) {
      log.add(a.event());
    }
    if (a.refusal().isPresent()) {
      refused++;
    }
    for (QueueExit x : a.exits()) {
      queueLength--;
      exit(x.consultation(), x.decision(), x.waited().toMillis());
    }
    if (event instanceof ShopEvent.Arrived arrived) {
      RoutingDecision d = a.decision().orElseThrow();
      if (!d.isRepeat()) {
        arrivals++;
        int b = bucket(now);
        if (b >= 0) {
          bArrivals[b]++;
        }
        if (d.isQueued()) {
          queueLength++;
        } else {
          exit(arrived.consultation().id(), d, 0);
        }
      }
    } else if (event instanceof ShopEvent.Ended) {
      EndResult end = a.end().orElseThrow();
      if (end.outcome() == EndResult.Outcome.ENDED) {
        seatsHeld--;
      } else if (end.outcome() == EndResult.Outcome.WITHDRAWN) {
        queueLength--;
      }
    } else if (event instanceof ShopEvent.Withdrawn && a.changed()) {
      queueLength--;
    } else if (event instanceof ShopEvent.PresenceChanged p && a.changed()) {
      Presence before = presence.put(p.agent(), p.presence());
      if (before == Presence.ONLINE) {
        online--;
      }
      if (p.presence() == Presence.ONLINE) {
        online++;
      }
    }
    peakSeats = Math.max(peakSeats, seatsHeld);
    peakQueue = Math.max(peakQueue, queueLength);
    int b = bucket(now);
    if (b >= 0) {
      bPeakSeats[b] = Math.max(bPeakSeats[b], seatsHeld);
      bPeakQueue[b] = Math.max(bPeakQueue[b], queueLength);
      bPeakOnline[b] = Math.max(bPeakOnline[b], online);
    }
  }

  /** A consultation's outcome once it no longer waits: seated (with its wait) or sent to a receiver. */
  private void exit(ConsultationId id, RoutingDecision d, long waitedMs) {
    int b = bucket(now);
    if (d.holdsSeat()) {
      seatsHeld++;
      if (waitCount == waits.length) {
        waits = Arrays.copyOf(waits, waitCount * 2);
      }
      waits[waitCount++] = waitedMs;
      if (b >= 0) {
        bSeated[b]++;
        bWaitSum[b] += waitedMs;
        bWaitMax[b] = Math.max(bWaitMax[b], waitedMs);
      }
      if (generated) {
        int idx = index(id);
        endAt[idx] = saturatedAdd(now, serviceMs[idx]);
        ends.add(idx, endAt);
      }
    } else {
      if (d.step() == RoutingStep.OFFLINE_RECEIVER) {
        offlineMessages++;
        if (b >= 0) {
          bOffline[b]++;
        }
        if (online > 0) {
          offlineWhileOnline++;
        }
      }
    }
  }

  /** A generated consultation's index: its id is "c" and the index. */
  private static int index(ConsultationId id) {
    return Integer.parseInt(id.value().substring(1));
  }

  /** Integrates seats held and queue length from {@code now} to {@code t}, slice by slice. */
  private void advance(long t) {
    while (now < t) {
      long sliceEnd = origin + (Math.floorDiv(now - origin, BUCKET_MS) + 1) * BUCKET_MS;
      long to = Math.min(t, sliceEnd);
      int b = bucket(now);
      if (b >= 0) {
        bSeatArea[b] += (double) seatsHeld * (to - now);
        bQueueArea[b] += (double) queueLength * (to - now);
        bPeakSeats[b] = Math.max(bPeakSeats[b], seatsHeld);
        bPeakQueue[b] = Math.max(bPeakQueue[b], queueLength);
        bPeakOnline[b] = Math.max(bPeakOnline[b], online);
      } else if (now - origin >= (long) MAX_BUCKETS * BUCKET_MS) {
        now = t;
        return;
      }
      now = to;
    }
  }

  /** The slice of time {@code t}, growing the arrays; -1 beyond the kept slices. */
  private int bucket(long t) {
    long b = Math.floorDiv(t - origin, BUCKET_MS);
    if (b < 0 || b >= MAX_BUCKETS) {
      return -1;
    }
    int i = (int) b;
    if (i >= bArrivals.length) {
      int n = Math.max(bArrivals.length * 2, i + 1);
      bArrivals = Arrays.copyOf(bArrivals, n);
      bSeatArea = Arrays.copyOf(bSeatArea, n);
      bPeakSeats = Arrays.copyOf(bPeakSeats, n);
      bQueueArea = Arrays.copyOf(bQueueArea, n);
      bPeakQueue = Arrays.copyOf(bPeakQueue, n);
      bSeated = Arrays.copyOf(bSeated, n);
      bWaitSum = Arrays.copyOf(bWaitSum, n);
      bWaitMax = Arrays.copyOf(bWaitMax, n);
      bPeakOnline = Arrays.copyOf(bPeakOnline, n);
      bOffline = Arrays.copyOf(bOffline, n);
    }
    buckets = Math.max(buckets, i + 1);
    return i;
  }

  private Result result() {
    long[] w = Arrays.copyOf(waits, waitCount);
    Arrays.sort(w);
    long sum = 0;
    for (long x : w) {
      sum += x;
    }
    return new Result(this, w, waitCount == 0 ? 0 : (double) sum / waitCount);
  }

  /** What a run measured; read by {@code SimulationReport}. */
  public static final class Result {
    private final DayRun run;
    private final long[] sortedWaits;
    private final double meanWaitMs;
    private final RouterStats stats;

    private Result(DayRun run, long[] sortedWaits, double meanWaitMs) {
      this.run = run;
      this.sortedWaits = sortedWaits;
      this.meanWaitMs = meanWaitMs;
      this.stats = run.router.stats();
    }

    /** The router's statistics at the end of the run. */
    public RouterStats stats() {
      return stats;
    }

    /** Consultations that arrived. */
    public long arrivals() {
      return run.arrivals;
    }

    /** The nearest-rank {@code q}-quantile of the waits of seated consultations, in ms; 0 if none was seated. */
    public long waitQuantileMs(double q) {
      if (sortedWaits.length == 0) {
        return 0;
      }
      int rank = (int) Math.ceil(q * sortedWaits.length);
      return sortedWaits[Math.max(0, Math.min(sortedWaits.length - 1, rank - 1))];
    }

    /** The mean wait of seated consultations, in ms. */
    public double meanWaitMs() {
      return meanWaitMs;
    }

    /** Seated consultations. */
    public long seated() {
      return sortedWaits.length;
    }

    /** Messages to offline receivers (R16). */
    public long offlineMessages() {
      return run.offlineMessages;
    }

    /** Messages to offline receivers while some agent was ONLINE. */
    public long offlineWhileOnline() {
      return run.offlineWhileOnline;
    }

    /** Events the router refused (returned as refusals, R25). */
    public long refused() {
      return run.refused;
    }

    /** The most seats held at once. */
    public int peakSeatsHeld() {
      return run.peakSeats;
    }

    /** The longest the queue was. */
    public int peakQueueLength() {
      return run.peakQueue;
    }

    /** The origin of the slices, in epoch ms. */
    public long origin() {
      return run.origin;
    }

    /** The time of the last event, in epoch ms. */
    public long end() {
      return run.now;
    }

    /** How many slices were kept. */
    public int slices() {
      return run.buckets;
    }

    /** Slice {@code b}'s figures: arrivals, seated, wait sum, wait max, offline messages. */
    public long[] counts(int b) {
      return new long[] {run.bArrivals[b], run.bSeated[b], run.bWaitSum[b], run.bWaitMax[b], run.bOffline[b]};
    }

    /** Slice {@code b}'s peaks: seats, queue, agents online. */
    public int[] peaks(int b) {
      return new int[] {run.bPeakSeats[b], run.bPeakQueue[b], run.bPeakOnline[b]};
    }

    /** Slice {@code b}'s time-weighted means over its full width: seats held, queue length. */
    public double[] means(int b) {
      return new double[] {run.bSeatArea[b] / BUCKET_MS, run.bQueueArea[b] / BUCKET_MS};
    }
  }
}
