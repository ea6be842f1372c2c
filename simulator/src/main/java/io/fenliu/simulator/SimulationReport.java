package io.fenliu.simulator;

import io.fenliu.core.AccountId;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareLedger;
import io.fenliu.simulator.internal.DayRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a simulated day did (issue 21), as an immutable value: every figure comes from the real router's outcomes
 * ({@link io.fenliu.routing.Applied}) and its statistics ({@link RouterStats}), so two runs of the same workload,
 * settings and seed give equal reports (R25), and a recorded log replayed gives the report of the run that
 * recorded it.
 *
 * <ul>
 *   <li>{@link #ledger()}: the fairness ledger (R13, R23): per page set and group, each agent's observed share
 *       against its configured share and the share its availability made expected, with the verdict;
 *   <li>{@link #buckets()}: the day in 15-minute slices: concurrent load (seats held, R20), queue length (R22),
 *       waits, agents ONLINE, offline-receiver messages (R16);
 *   <li>waits ({@link #waitP50()}, {@link #waitP90()}, {@link #waitP99()}, {@link #meanWait()}): over every
 *       consultation seated by a live agent, zero for those seated at once, nearest-rank quantiles, to the
 *       millisecond;
 *   <li>{@link #expiredFromQueue()}, {@link #turnedAwayQueueFull()} (R22), {@link #offlineWhileOnline()} (R16:
 *       messages sent to offline receivers while some agent was ONLINE, i.e. because of limits and the queue, not
 *       because the shop was unstaffed), {@link #decisionsByStep()} (R19).
 * </ul>
 */
public final class SimulationReport {
  private final long seed;
  private final Instant start;
  private final Instant end;
  private final long consultations;
  private final long seated;
  private final Map<RoutingStep, Long> decisionsByStep;
  private final Map<AccountId, Long> decisionsByAgent;
  private final List<ShareLedger> ledger;
  private final List<LoadBucket> buckets;
  private final Duration waitP50;
  private final Duration waitP90;
  private final Duration waitP99;
  private final Duration meanWait;
  private final long queued;
  private final long expiredFromQueue;
  private final long turnedAwayQueueFull;
  private final long offlineMessages;
  private final long offlineWhileOnline;
  private final long refusedEvents;
  private final int peakSeatsHeld;
  private final int peakQueueLength;

  private SimulationReport(long seed, DayRun.Result r) {
    RouterStats stats = r.stats();
    this.seed = seed;
    this.start = Instant.ofEpochMilli(r.origin());
    this.end = Instant.ofEpochMilli(r.end());
    this.consultations = r.arrivals();
    this.seated = r.seated();
    this.decisionsByStep = stats.decisionsByStep();
    this.decisionsByAgent = Collections.unmodifiableMap(new LinkedHashMap<>(stats.decisionsByAgent()));
    this.ledger = stats.ledger();
    List<LoadBucket> b = new ArrayList<>(r.slices());
    for (int i = 0; i < r.slices(); i++) {
      long[] c = r.counts(i);
      int[] p = r.peaks(i);
      double[] m = r.means(i);
      b.add(new LoadBucket(start.plus(LoadBucket.WIDTH.multipliedBy(i)), c[0], m[0], p[0], m[1], p[1], c[1],
          Duration.ofMillis(c[1] == 0 ? 0 : Math.round((double) c[2] / c[1])), Duration.ofMillis(c[3]), p[2],
          c[4]));
    }
    this.buckets = List.copyOf(b);
    this.waitP50 = Duration.ofMillis(r.waitQuantileMs(0.50));
    this.waitP90 = Duration.ofMillis(r.waitQuantileMs(0.90));
    this.waitP99 = Duration.ofMillis(r.waitQuantileMs(0.99));
    this.meanWait = Duration.ofNanos(Math.round(r.meanWaitMs() * 1_000_000));
    this.queued = stats.queued();
    this.expiredFromQueue = stats.expiredFromQueue();
    this.turnedAwayQueueFull = stats.turnedAwayQueueFull();
    this.offlineMessages = r.offlineMessages();
    this.offlineWhileOnline = r.offlineWhileOnline();
    this.refusedEvents = r.refused();
    this.peakSeatsHeld = r.peakSeatsHeld();
    this.peakQueueLength = r.peakQueueLength();
  }

  static SimulationReport of(long seed, DayRun.Result result) {
    return new SimulationReport(seed, result);
  }

  /** The seed the day was generated and routed with (R25). */
  public long seed() {
    return seed;
  }

  /** The start of the first slice: the workload's start, or the first recorded event's time. */
  public Instant start() {
    return start;
  }

  /** The time of the last event applied. */
  public Instant end() {
    return end;
  }

  /** Consultations that arrived. */
  public long consultations() {
    return consultations;
  }

  /** Consultations seated by a live agent, at once or from the queue (R20, R22). */
  public long seated() {
    return seated;
  }

  /** Decisions per step, every step listed (R19); queue exits count under the step that seated or sent them. */
  public Map<RoutingStep, Long> decisionsByStep() {
    return decisionsByStep;
  }

  /** Decisions naming each agent (seated, or as an offline receiver). */
  public Map<AccountId, Long> decisionsByAgent() {
    return decisionsByAgent;
  }

  /** The fairness ledger (R13, R23): one entry per page set or group that decided consultations itself. */
  public List<ShareLedger> ledger() {
    return ledger;
  }

  /** The day in 15-minute slices, from {@link #start()}. */
  public List<LoadBucket> buckets() {
    return buckets;
  }

  /** The median wait of seated consultations. */
  public Duration waitP50() {
    return waitP50;
  }

  /** The 90th-percentile wait of seated consultations. */
  public Duration waitP90() {
    return waitP90;
  }

  /** The 99th-percentile wait of seated consultations. */
  public Duration waitP99() {
    return waitP99;
  }

  /** The mean wait of seated consultations (to the nanosecond of the millisecond mean). */
  public Duration meanWait() {
    return meanWait;
  }

  /** Consultations that had to wait (R22). */
  public long queued() {
    return queued;
  }

  /** Waiting consultations sent to the offline receivers after the maximum wait (R22). */
  public long expiredFromQueue() {
    return expiredFromQueue;
  }

  /** Consultations sent to the receivers because the queue was full (R22). */
  public long turnedAwayQueueFull() {
    return turnedAwayQueueFull;
  }

  /** Messages to offline receivers (R16), whatever the cause. */
  public long offlineMessages() {
    return offlineMessages;
  }

  /** Messages to offline receivers while some agent was ONLINE (R16, R22). */
  public long offlineWhileOnline() {
    return offlineWhileOnline;
  }

  /** Events the router refused (returned, not thrown, R25); 0 for a generated day. */
  public long refusedEvents() {
    return refusedEvents;
  }

  /** The most seats held at once (R20). */
  public int peakSeatsHeld() {
    return peakSeatsHeld;
  }

  /** The longest the queue was (R22). */
  public int peakQueueLength() {
    return peakQueueLength;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SimulationReport r && seed == r.seed && start.equals(r.start) && end.equals(r.end)
        && consultations == r.consultations && seated == r.seated && decisionsByStep.equals(r.decisionsByStep)
        && decisionsByAgent.equals(r.decisionsByAgent) && ledger.equals(r.ledger) && buckets.equals(r.buckets)
        && waitP50.equals(r.waitP50) && waitP90.equals(r.waitP90) && waitP99.equals(r.waitP99)
        && meanWait.equals(r.meanWait) && queued == r.queued && expiredFromQueue == r.expiredFromQueue
        && turnedAwayQueueFull == r.turnedAwayQueueFull && offlineMessages == r.offlineMessages
        && offlineWhileOnline == r.offlineWhileOnline && refusedEvents == r.refusedEvents
        && peakSeatsHeld == r.peakSeatsHeld && peakQueueLength == r.peakQueueLength;
  }

  @Override
  public int hashCode() {
    return Objects.hash(seed, start, consultations, decisionsByStep, ledger, waitP99, offlineMessages);
  }

  @Override
  public String toString() {
    return "SimulationReport[" + consultations + " consultations from " + start + " to " + end + ", byStep="
        + decisionsByStep + ", wait p50/p90/p99=" + waitP50 + "/" + waitP90 + "/" + waitP99 + ", mean " + meanWait
        + ", queued=" + queued + ", expired=" + expiredFromQueue + ", turnedAway=" + turnedAwayQueueFull
        + ", offlineWhileOnline=" + offlineWhileOnline + ", peakSeats=" + peakSeatsHeld + ", peakQueue="
        + peakQueueLength + "]";
  }
}
