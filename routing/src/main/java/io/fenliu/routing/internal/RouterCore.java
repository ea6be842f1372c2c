package io.fenliu.routing.internal;

import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.QueueStatus;
import io.fenliu.routing.RestoreReport;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterListener;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.WaitingConsultation;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Presence;
import io.fenliu.core.RecentContact;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.UnknownIdException;
import io.fenliu.core.internal.Require;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link Router}: one shop's routing state and every operation on it.
 *
 * <h2>The pieces, and a decision through them</h2>
 *
 * <ul>
 *   <li>{@link RouterCore} (this class): the state machine. It owns the locks, the shop's time and decision
 *       count, and every operation: route, preview, end, seat, restore, presence, withdraw, time, reconfigure.
 *   <li>{@link Selector}: R18's steps as pure functions, answering a choice ({@code long}); nothing written.
 *   <li>{@link Layout}, {@link Agent}, {@link Tier}: the installed roster and settings, the agents' live facts,
 *       the tiers with their samplers ({@link DynamicWeightedSampler}, {@link LoadTree}, {@link Draws}).
 *   <li>{@link OpenSeats} and {@link WaitingLine}: the open consultations (R20) and the queue with its indexes
 *       (R22).
 *   <li>{@link ExpiryScheduler} and {@link ExitDelivery}: what happens after the lock is released — the expiry
 *       task on the host's scheduler, the exits to the host's listener.
 *   <li>{@link StatsRecorder}: the counters and the fairness ledger, when the router records statistics.
 * </ul>
 *
 * A route, top to bottom: {@code Router.route} → {@link #route} (the write lock; {@link #advance} applies the
 * event's time and expires what fell due) → {@link #routeLocked} (repeats, then) → {@link Selector#select} (the
 * continuity steps, then the mode's tiers: {@link Tier#pick} draws by weight or load from the decision's {@link
 * Draws} stream) → {@link #commit} (the seat, the count) — or, when nobody is free, the queue or the receivers.
 *
 * <h2>What guards what</h2>
 *
 * <table>
 *   <caption>Each piece of state, its one home and its guard</caption>
 *   <tr><th>state</th><th>home</th><th>written under</th><th>read under</th></tr>
 *   <tr><td>roster and settings, tiers, alias tables, receivers, windows</td><td>{@link Layout}, replaced
 *       whole</td><td>{@link #configLock} (built) then {@link #lock} write (installed)</td><td>anything;
 *       {@link #layout} is volatile</td></tr>
 *   <tr><td>an agent's presence, its time, its seats, its decision count</td><td>its {@link Agent} of the
 *       installed layout</td><td>{@link #lock} write</td><td>{@link #lock} read or write, or an optimistic
 *       read (preview)</td></tr>
 *   <tr><td>derived: availability, the tiers' Fenwick and load trees, the online counts</td><td>{@link Agent},
 *       {@link Tier}, {@link Layout}</td><td>{@link #lock} write, in the same section as the fact they
 *       follow</td><td>as above</td></tr>
 *   <tr><td>open consultations</td><td>{@link OpenSeats}</td><td>{@link #lock} write</td><td>{@link #lock}, or
 *       an optimistic read</td></tr>
 *   <tr><td>the queue and its indexes</td><td>{@link WaitingLine}</td><td>{@link #lock} write</td><td>{@link
 *       #lock} only (the JDK's maps are not read optimistically)</td></tr>
 *   <tr><td>the shop's time, its decision number (R25)</td><td>{@link #time}, {@link #decisions}</td><td>{@link
 *       #lock} write</td><td>{@link #lock}, or an optimistic read</td></tr>
 *   <tr><td>exits not yet heard by the listener</td><td>{@link ExitDelivery}</td><td>added under {@link #lock}
 *       write; its own monitor</td><td>its own monitor, by the one delivering thread</td></tr>
 *   <tr><td>the armed expiry task</td><td>{@link ExpiryScheduler}</td><td>its guard, never under {@link
 *       #lock}</td><td>its guard</td></tr>
 *   <tr><td>statistics</td><td>{@link StatsRecorder}</td><td>{@link #lock} write</td><td>{@link #lock}
 *       read</td></tr>
 * </table>
 *
 * <h2>A decision: select, then commit (R18, R19, R25)</h2>
 *
 * {@link Selector#select} is the whole of R18's steps up to "any online". It is read-only and returns a small value,
 * a {@code long} <em>choice</em> that names the tier and member (or the agent and the kind of its own
 * decision) and whether a continuity step gave way to a full agent; it writes nothing, so a preview is a
 * select and nothing else. A route is select, then {@link #commit}: take the seat, count the statistics. When
 * select finds nobody, the route queues or goes to the receivers (R16, R22), which are chosen the same way.
 *
 * <p>Every random draw comes from {@link Draws}: a pure function of the router's seed, the consultation's id
 * and {@link #decisions}, the shop's count of decisions made. Time comes from the event: its stated time, or
 * the clock when it states none, never earlier than the shop's {@link #time} (an older event is applied as of
 * the shop's time). So an outcome is a function of (roster, settings, live state, event, seed) (R25), and a
 * preview in an unchanged state predicts the route exactly.
 *
 * <h2>Consistency (R24)</h2>
 *
 * Every operation that writes live facts runs under the write lock of one {@link StampedLock}, {@link #lock};
 * exports run under its read lock. The router is a sequential state machine: each operation takes effect at
 * one instant between its call and its return. How long the write lock is held: a route is one select (O(1)
 * array reads and one O(log n) tree walk at most) and O(k log n) tree updates for an agent in k tiers; an end
 * is that plus whatever the freed seat lets leave the queue, O(log q) each, and the consultations that fell
 * due meanwhile, O(log q) each; a restore is O(r) for r consultations; installing a new layout is O(n + q)
 * for n agents and q waiting (the layout itself is built outside the lock).
 *
 * <p>{@link #preview} first runs <em>optimistically</em>, between {@link StampedLock#tryOptimisticRead} and
 * {@link StampedLock#validate}: a successful validation proves no writer held the lock meanwhile, so the
 * decision is the one the last written state makes, and it linearizes at the stamp; otherwise it is redone
 * under the write lock. Reading a changing state is safe because every loop on the read path is bounded by an
 * array's length (the Fenwick descent, the alias retries, the open-seat probe), so a torn value can only give a
 * wrong answer or a runtime exception, both discarded; because the queue is not read at all (a preview that
 * sees a waiting consultation takes the lock); and because the read path writes nothing — decisions it needs
 * that were never made are made under the lock.
 *
 * <p>Nothing foreign runs under the lock but the clock: the listener hears queue exits after the lock is
 * released, and the expiry task is armed on the host's scheduler after release too ({@link ExpiryScheduler}),
 * since a scheduler may run a due task on the calling thread and the lock is not reentrant.
 *
 * <p>Roster and settings changes serialize among themselves on {@link #configLock}, read the current layout
 * there (so concurrent changes never lose one another), check the new pair and build the next layout outside
 * {@link #lock}, then install it under {@link #lock}. A refused change throws before installation.
 *
 * <h2>The queue's invariant (R22)</h2>
 *
 * After every operation, no waiting consultation could be seated. A waiting consultation can be seated
 * exactly when some ONLINE eligible agent has a free seat (then the line's head can, through R18's last step
 * at least), or when a SUSPENDED agent with a free seat is the recent agent, within R21's window, of one of
 * them. So {@link #drain} seats the head while an ONLINE agent is free, then the first of the entries of each
 * suspended agent that a change may have freed (the one the change touched, or every indexed one after a new
 * layout or a restore): O(log q) per consultation that leaves, no walk.
 *
 * <p>Expiry is computed as of the deadline: before any event at time t, every consultation whose deadline is
 * at or before t leaves, in deadline order, with a wait of exactly the maximum; so expiring at the deadline,
 * at the next event or from a late timer gives the same outcome.
 *
 * <h2>Listeners</h2>
 *
 * Queue exits are recorded under the lock and handed to the listener after it is released, by whichever
 * thread is delivering ({@link ExitDelivery}), one at a time and in order. A listener that calls back into the router from
 * {@code onQueueExit} adds exits that the delivering loop hands over next, rather than recursing.
 */
public final class RouterCore {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final double SERVICE_SMOOTHING = 0.1;
  /**
   * Lock-free tries of a preview before it takes the write lock: about a microsecond of spinning while writers
   * come and go, cheaper than parking behind one.
   */
  private static final int OPTIMISTIC_ATTEMPTS = 64;

  private final StampedLock lock = new StampedLock();
  private final ReentrantLock configLock = new ReentrantLock();
  private final long seed;
  private final Clock clock;
  private final @Nullable RouterListener listener;
  /** Expiry on the host's scheduler, when it gave one. */
  private final @Nullable ExpiryScheduler expiry;
  /** Delivery to the host's listener, when it gave one. */
  private final @Nullable ExitDelivery delivery;

  private volatile Layout layout;
  /**
   * Seats held by agents not on the roster: agents that left while holding seats, or that a restore names. An
   * entry goes when its last seat is freed, or moves to the agent's {@link Agent} if it joins the roster first.
   */
  private final Map<AccountId, Integer> departed = new HashMap<>();
  private final OpenSeats open = new OpenSeats();
  private final WaitingLine queue = new WaitingLine();
  /** The exits of the operation in progress, returned by it; null when nobody collects. */
  private @Nullable List<QueueExit> collecting;
  /** The shop's time: the latest time an event was applied at; null before the first (R25). */
  private @Nullable Instant time;
  /** Decisions made since the shop began: the draw counter of {@link Draws} (R25). */
  private long decisions;
  /** Exponentially smoothed service time of ended consultations, in ms; negative until one has ended. */
  private double meanServiceMillis = -1;
  /** The counters, when the router records statistics; written under {@link #lock}'s write lock only. */
  private final @Nullable StatsRecorder stats;

  /** What restoring the initial live state's open consultations found (R20); written once, in the constructor. */
  private final RestoreReport initialRestore;

  /** What restoring the initial live state's open consultations found (R20). */
  public RestoreReport initialRestore() {
    return initialRestore;
  }

  public RouterCore(Shop shop, RoutingSettings settings, long seed, Clock clock, @Nullable RouterListener listener,
      @Nullable ScheduledExecutorService scheduler, LiveState initial, boolean recordStats) {
    this.seed = seed;
    this.stats = recordStats ? new StatsRecorder() : null;
    this.clock = clock;
    this.listener = listener;
    this.expiry = scheduler == null ? null : new ExpiryScheduler(scheduler, clock, () -> advanceTo(clock.instant()));
    this.delivery = listener == null ? null : new ExitDelivery(listener, shop.id());
    Layout.checkReferences(shop, settings);
    Layout first = new Layout(shop, settings);
    checkLiveState(first, initial);
    RestoreReport restored;
    long stamp = lock.writeLock();
    try {
      attach(first);
      first.install(null, departed);
      layout = first;
      queue.reindex(first.suspendedWindow);
      for (Map.Entry<AccountId, Presence> e : initial.presence().entrySet()) {
        Agent a = knownAgent(first, e.getKey());
        Instant at = initial.presenceChangedAt().get(e.getKey());
        a.presenceAt = at == null ? Agent.NEVER : Agent.nanos(at);
        changePresence(a, e.getValue());
      }
      restored = restoreLocked(initial.open(), initial.openDecisions());
      for (WaitingConsultation w : initial.waiting()) {
        Consultation c = w.consultation();
        queue.add(c, saturatedMillis(w.since()), c.arrivedAt().orElse(w.since()));
      }
      decisions = initial.decisions();
      time = initial.time().orElse(null);
      Instant t = time;
      if (!queue.isEmpty()) { // a state made by hand may break the queue's invariant: restore it
        drain(null, t != null ? t : clock.instant());
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    initialRestore = restored;
    afterUnlock();
  }

  /** Refuses, before anything is built, a live state that names agents the roster lacks (R20, R21). */
  private static void checkLiveState(Layout l, LiveState s) {
    for (AccountId id : s.presence().keySet()) {
      knownAgent(l, id);
    }
    for (AccountId id : s.presenceChangedAt().keySet()) {
      knownAgent(l, id);
    }
    checkOpen(l, s.open());
  }

  public long seed() {
    return seed;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Time (R25)

  /** The time an event states, or the clock's when it states none; read before the lock. */
  public Instant stated(@Nullable Instant at) {
    return at != null ? at : clock.instant();
  }

  /** Moves the shop's time to {@code t}, never back, and expires what fell due; under the write lock. */
  private Instant advance(Instant t) {
    Instant last = time;
    Instant now = last != null && t.isBefore(last) ? last : t;
    time = now;
    expireDue(saturatedMillis(now));
    return now;
  }

  /**
   * When {@code c} arrived, for a preview's recent-contact windows: its stated arrival, else the event's time
   * as {@link #advance} would set it. The clock is read only when the recent-contact step needs a time, since
   * no other step of a decision does (the common preview reads no clock at all).
   */
  private Instant previewArrival(Consultation c, @Nullable Instant at) {
    Optional<Instant> stated = c.arrivedAt();
    if (stated.isPresent()) {
      return stated.get();
    }
    return c.recentContact().isPresent() ? previewTime(at != null ? at : clock.instant()) : Instant.EPOCH;
  }

  /** The time a preview decides at: as {@link #advance} would set it, without writing it. */
  private Instant previewTime(Instant t) {
    Instant last = time;
    return last != null && t.isBefore(last) ? last : t;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Routing (R16–R23): select, then commit

  public RoutingDecision route(Consultation c, Instant at, @Nullable List<QueueExit> sink) {
    RoutingDecision d;
    long stamp = lock.writeLock();
    collecting = sink;
    try {
      d = routeLocked(c, advance(at));
    } finally {
      collecting = null;
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return d;
  }

  private RoutingDecision routeLocked(Consultation c, Instant now) {
    int slot = open.find(c.id());
    if (slot >= 0) {
      return ApiAccess.api().asRepeat(open.decision(slot));
    }
    if (queue.get(c.id()) != null) {
      return ApiAccess.api().asRepeat(queued(queue.position(c.id())));
    }
    Layout l = layout;
    long stream = stream(c.id(), decisions);
    long choice = Selector.select(l, c, c.arrivedAt().orElse(now), stream);
    long nowMillis = saturatedMillis(now);
    if ((choice & Selector.NOBODY) == 0) {
      return commit(l, choice, c.id(), c.buyer(), nowMillis); // seated at the shop's time, when it happened
    }
    countRefusal(choice);
    decisions++;
    if (l.onlineRoutable == 0) {
      return toReceivers(l, OwnReason.NOBODY_ONLINE, stream);
    }
    if (queue.size() >= l.settings.maxQueueLength()) {
      StatsRecorder s = stats;
      if (s != null) {
        s.turnedAwayQueueFull++;
      }
      return toReceivers(l, OwnReason.QUEUE_FULL, stream);
    }
    long since = arrivalMillis(c, nowMillis);
    // An untimed consultation arrived at the shop's time, to the millisecond its waiting-since keeps: so a router
    // restored from the export judges its windows exactly as this one does (R25).
    int position = queue.add(c, since, c.arrivedAt().orElse(Instant.ofEpochMilli(since)));
    scheduleExpiry();
    StatsRecorder s = stats;
    if (s != null) {
      s.queued++;
      s.byStep[RoutingStep.QUEUED.ordinal()]++;
    }
    return queued(position);
  }

  /** The draws of the decision numbered {@code n} for consultation {@code id} (R25). */
  private long stream(ConsultationId id, long n) {
    return Draws.stream(seed, id.value().hashCode(), n);
  }

  /**
   * Takes the seat {@code choice} names for consultation {@code id}, counts the decision (R19, R23) and returns
   * it; under the write lock.
   */
  private RoutingDecision commit(Layout l, long choice, ConsultationId id, BuyerId buyer, long atMillis) {
    RoutingDecision d = Selector.decision(l, choice);
    Agent a = Selector.agentOf(l, choice);
    StatsRecorder s = stats;
    if (s != null) {
      // Counted against the weight available when the choice was made, before the seat is taken: a pick that
      // fills the agent's last seat makes it unavailable, and counting after that would divide by the weight
      // left (zero when it was the last one available: an infinite, then NaN, expectation in the ledger).
      Tier t = Selector.tierOf(l, choice);
      if (t != null) {
        t.counted(Selector.memberOf(choice));
      }
      s.byStep[d.step().ordinal()]++;
      a.decisions++;
    }
    open.put(id, buyer, a.id(), d, atMillis);
    a.seats++;
    a.refresh(l.tiers);
    decisions++;
    countRefusal(choice);
    return d;
  }

  private void countRefusal(long choice) {
    StatsRecorder s = stats;
    if (s != null && (choice & Selector.REFUSED) != 0) {
      s.capacityRefusals++;
    }
  }

  /**
   * R18's decision without a seat. Read-only, so it is tried first without any lock, against an optimistic
   * stamp; failed attempts, a waiting queue (its links and maps are not safe to read while a writer changes them) or a
   * decision not made yet decide under the write lock, like any other operation.
   */
  public RoutingDecision preview(Consultation c, @Nullable Instant at) {
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long stamp = lock.tryOptimisticRead();
      if (stamp != 0L) {
        if (!queue.isEmpty()) {
          break; // to the lock at once: the queue is never read optimistically
        }
        RoutingDecision d = previewOptimistically(c, at);
        if (d != null && lock.validate(stamp)) {
          return d;
        }
        if (d == null && lock.validate(stamp)) {
          break; // a consistent state that needs a decision made, or a queue: only the lock will do
        }
      }
      Thread.onSpinWait();
    }
    long stamp = lock.writeLock();
    try {
      return previewLocked(c, previewTime(at != null ? at : clock.instant()));
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** The preview on a state that may be changing; null when it tore, or needs the lock. Writes nothing. */
  private @Nullable RoutingDecision previewOptimistically(Consultation c, @Nullable Instant at) {
    try {
      int slot = open.find(c.id());
      if (slot >= 0) {
        return ApiAccess.api().asRepeat(open.decision(slot));
      }
      Layout l = layout;
      long stream = stream(c.id(), decisions);
      long choice = Selector.select(l, c, previewArrival(c, at), stream);
      if ((choice & Selector.NOBODY) == 0) {
        return Selector.decisionIfMade(l, choice);
      }
      if (l.onlineRoutable == 0) {
        long r = Selector.receiver(l, OwnReason.NOBODY_ONLINE, stream);
        return (r & Selector.NOBODY) != 0 ? l.noAgent[OwnReason.NOBODY_ONLINE.ordinal()] : Selector.decisionIfMade(l, r);
      }
      return null; // the queue (empty, as seen) would take it: decided under the lock
    } catch (RuntimeException torn) {
      return null;
    }
  }

  /**
   * The preview under the write lock: what {@link #routeLocked} would answer at {@code now}, including the
   * consultations that would fall due first (edge: a full queue of overdue consultations frees its places).
   */
  private RoutingDecision previewLocked(Consultation c, Instant now) {
    int slot = open.find(c.id());
    if (slot >= 0) {
      return ApiAccess.api().asRepeat(open.decision(slot));
    }
    long deadlineSince = dueSince(saturatedMillis(now));
    int due = queue.isEmpty() ? 0 : queue.countSinceAtMost(deadlineSince);
    WaitingLine.Waiting w = queue.get(c.id());
    if (w != null && w.sinceMillis > deadlineSince) {
      int ahead = 0;
      for (Iterator<WaitingLine.Waiting> it = queue.iterator(); it.hasNext(); ) {
        WaitingLine.Waiting x = it.next();
        if (x == w) {
          break;
        }
        if (x.sinceMillis <= deadlineSince) {
          ahead++;
        }
      }
      return ApiAccess.api().asRepeat(queued(queue.position(c.id()) - ahead));
    }
    Layout l = layout;
    long stream = stream(c.id(), decisions + due);
    long choice = Selector.select(l, c, c.arrivedAt().orElse(now), stream);
    if ((choice & Selector.NOBODY) == 0) {
      return Selector.decision(l, choice);
    }
    if (l.onlineRoutable == 0) {
      return Selector.receiverDecision(l, OwnReason.NOBODY_ONLINE, Selector.receiver(l, OwnReason.NOBODY_ONLINE, stream));
    }
    int waiting = queue.size() - due; // a waiting c reaching here is overdue, so among the due
    return waiting >= l.settings.maxQueueLength()
        ? Selector.receiverDecision(l, OwnReason.QUEUE_FULL, Selector.receiver(l, OwnReason.QUEUE_FULL, stream))
        : queued(waiting + 1);
  }

  private static long arrivalMillis(Consultation c, long nowMillis) {
    Optional<Instant> arrived = c.arrivedAt();
    return arrived.isPresent() ? saturatedMillis(arrived.get()) : nowMillis;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  private static long saturatedSubtract(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  /** {@code t} in epoch milliseconds, saturated beyond about 292 million years either side. */
  static long saturatedMillis(Instant t) {
    long s = t.getEpochSecond();
    if (s > Long.MAX_VALUE / 1000 - 1) {
      return Long.MAX_VALUE;
    }
    if (s < Long.MIN_VALUE / 1000 + 1) {
      return Long.MIN_VALUE;
    }
    return s * 1000 + t.getNano() / 1_000_000;
  }

  /** Sends to the receivers (R16) for {@code cause} and counts it; a message takes no seat. Under the write lock. */
  private RoutingDecision toReceivers(Layout l, OwnReason cause, long stream) {
    long r = Selector.receiver(l, cause, stream);
    RoutingDecision d = Selector.receiverDecision(l, cause, r);
    StatsRecorder s = stats;
    if (s != null) {
      s.byStep[d.step().ordinal()]++;
      if ((r & Selector.NOBODY) == 0) {
        Selector.agentOf(l, r).decisions++;
      }
    }
    return d;
  }

  private static RoutingDecision queued(int position) {
    return ApiAccess.api().decision(null, new Reason(RoutingStep.QUEUED, Reasons.QUEUED + "; position " + position, ""),
        position, false);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Seats (R20)

  public EndResult end(ConsultationId id, Instant at, @Nullable List<QueueExit> sink) {
    EndResult result;
    List<QueueExit> exits = new ArrayList<>();
    long stamp = lock.writeLock();
    try {
      collecting = exits;
      try {
        Instant now = advance(at);
        int slot = open.find(id);
        if (slot >= 0) {
          AccountId agent = open.agent(slot);
          long seatedAt = open.seatedAtMillis(slot);
          open.remove(slot);
          Agent freed = release(agent);
          long nowMillis = saturatedMillis(now);
          if (nowMillis >= seatedAt) {
            long took = saturatedSubtract(nowMillis, seatedAt);
            meanServiceMillis = meanServiceMillis < 0 ? took
                : meanServiceMillis + SERVICE_SMOOTHING * (took - meanServiceMillis);
          }
          drainAfter(freed, now);
          result = new EndResult(id, EndResult.Outcome.ENDED, Optional.of(agent), exits);
        } else if (queue.remove(id) != null) {
          StatsRecorder s = stats;
          if (s != null) {
            s.withdrawnFromQueue++;
          }
          result = new EndResult(id, EndResult.Outcome.WITHDRAWN, Optional.empty(), exits);
        } else {
          result = new EndResult(id, EndResult.Outcome.NOT_OPEN, Optional.empty(), exits);
        }
      } finally {
        collecting = null;
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    if (sink != null) {
      sink.addAll(exits);
    }
    afterUnlock();
    return result;
  }

  /** Frees one seat of {@code agent}, on or off the roster; the agent on the roster, or null. */
  private @Nullable Agent release(AccountId agent) {
    Layout l = layout;
    Agent a = l.byId.get(agent);
    if (a != null) {
      a.seats--;
      a.refresh(l.tiers);
      return a;
    }
    Integer held = departed.get(agent);
    if (held == null) {
      throw new IllegalStateException("an open consultation names " + agent + ", whom the router does not know");
    }
    if (held == 1) {
      departed.remove(agent);
    } else {
      departed.put(agent, held - 1);
    }
    return null;
  }

  /** A seat of {@code freed} (an agent on the roster, or null for one off it) freed: drain what it lets go. */
  private void drainAfter(@Nullable Agent freed, Instant now) {
    if (freed != null) {
      drain(freed, now);
    }
  }

  public Optional<AccountId> seatByHost(ConsultationId id, BuyerId buyer, AccountId agent, Instant at,
      @Nullable List<QueueExit> sink) {
    Optional<AccountId> previous;
    long stamp = lock.writeLock();
    collecting = sink;
    try {
      Layout l = layout;
      Agent a = knownAgent(l, agent);
      if (!a.routable) {
        throw new RuleRefusedException("R17", "agent " + agent + " of shop " + l.shop.id() + " is "
            + a.account.status() + (a.account.participatesInRouting() ? "" : " and out of routing")
            + ", so it cannot take a consultation (R17); seat it with an active agent that participates in routing");
      }
      int slot = open.find(id);
      if (slot >= 0 && open.agent(slot).equals(agent)) {
        advance(at);
        return Optional.of(agent);
      }
      if (!a.hasFreeSeat()) {
        throw new RuleRefusedException("R20", "agent " + agent + " already holds " + a.seats
            + " consultations, its limit (R20); end one first, raise its limit, or choose another agent");
      }
      Instant now = advance(at);
      previous = Optional.empty();
      Agent freed = null;
      if (slot >= 0) {
        previous = Optional.of(open.agent(slot));
        open.remove(slot);
        freed = release(previous.get());
      } else {
        queue.remove(id);
      }
      open.put(id, buyer, a.id(), a.own(l, OwnReason.BY_HOST), saturatedMillis(now));
      a.seats++;
      a.refresh(l.tiers);
      drainAfter(freed, now);
    } finally {
      collecting = null;
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return previous;
  }

  public RestoreReport restore(Collection<OpenConsultation> consultations, Map<ConsultationId, RoutingDecision> known,
      Instant at, @Nullable List<QueueExit> sink) {
    RestoreReport report;
    long stamp = lock.writeLock();
    collecting = sink;
    try {
      checkOpen(layout, consultations);
      Instant now = advance(at);
      report = restoreLocked(consultations, known);
      drain(null, now);
    } finally {
      collecting = null;
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return report;
  }

  /**
   * Refuses an id listed twice, or a seat held by the main account (R17). An agent the roster does not know is
   * accepted: the host's database is the truth (R20), and a router's own export names agents that left the roster
   * while holding seats; such a seat stays open, and no routing reaches its agent, until it is ended or moved.
   */
  private static void checkOpen(Layout l, Collection<OpenConsultation> consultations) {
    Set<ConsultationId> seen = new HashSet<>();
    for (OpenConsultation c : consultations) {
      if (!seen.add(c.id())) {
        throw new InvalidValueException("open consultations", "R20",
            "consultation " + c.id() + " is listed twice among the open consultations to restore (R20)");
      }
      if (l.shop.isMainAccount(c.agent())) {
        throw notAnAgent(l, c.agent());
      }
    }
  }

  /**
   * Seats every consultation as the host's database says, even over a limit (R20); checked beforehand. A
   * consultation with a known decision keeps it (a repeat answers with it, R25); the others are "restored".
   */
  private RestoreReport restoreLocked(Collection<OpenConsultation> consultations,
      Map<ConsultationId, RoutingDecision> known) {
    Layout l = layout;
    Map<AccountId, Agent> touched = new LinkedHashMap<>();
    Set<AccountId> offRoster = new LinkedHashSet<>();
    for (OpenConsultation c : consultations) {
      @Nullable Agent a = l.byId.get(c.agent());
      int slot = open.find(c.id());
      if (slot >= 0) {
        AccountId before = open.agent(slot);
        open.remove(slot);
        Agent freed = release(before);
        if (freed != null) {
          touched.put(freed.id(), freed);
        }
      } else {
        queue.remove(c.id());
      }
      RoutingDecision decided = known.get(c.id());
      if (a != null) {
        open.put(c.id(), c.buyer(), a.id(), decided != null ? decided : a.own(l, OwnReason.RESTORED),
            saturatedMillis(c.seatedAt()));
        a.seats++;
        touched.put(a.id(), a);
      } else {
        open.put(c.id(), c.buyer(), c.agent(), decided != null ? decided
            : ApiAccess.api().decision(c.agent(), l.ownReasons[OwnReason.RESTORED.ordinal()], 0, false), saturatedMillis(c.seatedAt()));
        departed.merge(c.agent(), 1, Integer::sum);
        offRoster.add(c.agent());
      }
    }
    if (!offRoster.isEmpty()) {
      LOG.warn("shop {}: restored consultations held by {} agent(s) not on the roster, kept open until ended or"
          + " moved: {}", l.shop.id(), offRoster.size(), offRoster);
    }
    Map<AccountId, Integer> over = new LinkedHashMap<>();
    for (Agent a : touched.values()) {
      a.refresh(l.tiers);
      if (a.limit > 0 && a.seats > a.limit) {
        over.put(a.id(), a.seats);
      }
    }
    if (!over.isEmpty()) {
      LOG.warn("shop {}: restored consultations put {} agent(s) over their limit: {}", l.shop.id(), over.size(), over);
    }
    return new RestoreReport(consultations.size(), over);
  }

  public int seatsHeld(AccountId agent) {
    long stamp = lock.readLock();
    try {
      Layout l = layout;
      Agent a = l.byId.get(agent);
      if (a != null) {
        return a.seats;
      }
      Integer held = departed.get(agent);
      if (held == null) {
        throw notAnAgent(l, agent);
      }
      return held;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  public Optional<OpenConsultation> openConsultation(ConsultationId id) {
    long stamp = lock.readLock();
    try {
      int slot = open.find(id);
      return slot < 0 ? Optional.empty() : Optional.of(openRow(slot));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  public List<OpenConsultation> openConsultations() {
    long stamp = lock.readLock();
    try {
      return openRows();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Every open consultation, by seat time then id: an order of the facts alone, not of the hash table's history,
   * so that a restored router exports exactly what the original does (R25).
   */
  private List<OpenConsultation> openRows() {
    List<OpenConsultation> rows = new ArrayList<>(open.size());
    for (int slot : open.slots()) {
      rows.add(openRow(slot));
    }
    rows.sort(OPEN_ORDER);
    return rows;
  }

  private static final java.util.Comparator<OpenConsultation> OPEN_ORDER = java.util.Comparator
      .comparing(OpenConsultation::seatedAt).thenComparing(o -> o.id().value());

  private OpenConsultation openRow(int slot) {
    return new OpenConsultation(open.id(slot), open.buyer(slot), open.agent(slot),
        Instant.ofEpochMilli(open.seatedAtMillis(slot)));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Presence (R17, R21)

  /**
   * Sets an agent's presence at the event's time {@code at}; {@code timed} when that time orders it against the
   * agent's earlier changes (R21: an older one is ignored). Returns whether it was applied.
   */
  public boolean setPresence(AccountId agent, Presence presence, Instant at, boolean timed,
      @Nullable List<QueueExit> sink) {
    checkPresenceTime(at, timed);
    Layout seen = layout;
    Agent a = knownAgent(seen, agent); // refused before the lock; looked up again only if a layout came meanwhile
    long stamp = lock.writeLock();
    collecting = sink;
    try {
      if (layout != seen) {
        a = knownAgent(layout, agent);
      }
      Instant now = advance(at);
      if (!presenceLocked(a, presence, Agent.nanos(timed ? at : now), timed, now)) {
        return false;
      }
    } finally {
      collecting = null;
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return true;
  }

  /**
   * Several presence changes in one critical section (R21, R24): every id is resolved first, so an unknown one
   * refuses the whole call before anything changes; then each change is applied in {@code changes}' iteration
   * order exactly as {@link #setPresence} applies it (a timed one older than the agent's last is skipped, each
   * change that frees capacity drains the queue before the next), with no decision, export or other writer in
   * between. The outcome therefore equals the same changes as single presence events at the same time, in that
   * order, with nothing else interleaved.
   *
   * @return how many changes were applied (timed: the others were stale; untimed: all)
   */
  public int setPresence(Map<AccountId, Presence> changes, Instant at, boolean timed, @Nullable List<QueueExit> sink) {
    checkPresenceTime(at, timed);
    if (changes.isEmpty()) {
      return 0; // no change: not even the shop's time moves, as with no call at all
    }
    int applied = 0;
    long stamp = lock.writeLock();
    collecting = sink;
    try {
      Layout l = layout;
      Agent[] agents = new Agent[changes.size()];
      int i = 0;
      for (AccountId id : changes.keySet()) {
        agents[i++] = knownAgent(l, id); // all refused before the first change
      }
      Instant now = advance(at);
      long when = Agent.nanos(timed ? at : now);
      i = 0;
      for (Presence presence : changes.values()) {
        if (presenceLocked(agents[i++], presence, when, timed, now)) {
          applied++;
        }
      }
    } finally {
      collecting = null;
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return applied;
  }

  private static void checkPresenceTime(Instant at, boolean timed) {
    if (timed && !Agent.inNanosRange(at)) {
      throw new InvalidValueException("presence time", "R21", "a presence change must be dated between "
          + Agent.instant(Long.MIN_VALUE + 1) + " and " + Agent.instant(Long.MAX_VALUE - 1)
          + ", to order it against others to the nanosecond (R21): " + at);
    }
  }

  /**
   * One presence change dated {@code when} (nanoseconds), at shop time {@code now}; under the write lock. A timed
   * change older than the agent's last is not applied (R21); a change of presence drains the queue (R22).
   *
   * @return whether it was applied
   */
  private boolean presenceLocked(Agent a, Presence presence, long when, boolean timed, Instant now) {
    if (timed) {
      if (when < a.presenceAt) {
        return false;
      }
      a.presenceAt = when;
    } else {
      a.presenceAt = Math.max(a.presenceAt, when);
    }
    if (a.presence != presence) {
      changePresence(a, presence);
      drain(a, now);
    }
    return true;
  }

  private void changePresence(Agent a, Presence presence) {
    Layout l = layout;
    l.countOnline(a, -1);
    a.presence = presence;
    l.countOnline(a, +1);
    a.refresh(l.tiers);
  }

  public Presence presence(AccountId agent) {
    long stamp = lock.readLock();
    try {
      return knownAgent(layout, agent).presence;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private static Agent knownAgent(Layout l, AccountId agent) {
    @Nullable Agent a = l.byId.get(agent);
    if (a == null) {
      throw notAnAgent(l, agent);
    }
    return a;
  }

  /** The refusal of an id that names no agent of the roster: the main account (R17), or an unknown id. */
  private static RuntimeException notAnAgent(Layout l, AccountId agent) {
    if (l.shop.isMainAccount(agent)) {
      return new InvalidValueException("agent", "R17", agent + " is the main account of shop " + l.shop.id()
          + ", which is never routed to and holds no seat (R17); use a sub-account");
    }
    return new UnknownIdException(agent.value(), l.shop.id().value(), agent + " is not a sub-account of shop "
        + l.shop.id() + "; add it to the roster first");
  }

  // ---------------------------------------------------------------------------------------------------------
  // Queue (R22)

  public Optional<QueueStatus> queueStatus(ConsultationId id) {
    long stamp = lock.readLock();
    try {
      WaitingLine.Waiting w = queue.get(id);
      if (w == null) {
        return Optional.empty();
      }
      int position = queue.position(id);
      Optional<Duration> estimate = Optional.empty();
      long capacity = layout.onlineCapacity;
      if (meanServiceMillis >= 0 && capacity > 0) {
        estimate = Optional.of(Duration.ofMillis((long) Math.ceil(meanServiceMillis * position / capacity)));
      }
      return Optional.of(new QueueStatus(id, position, Instant.ofEpochMilli(w.sinceMillis), estimate));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  public boolean withdraw(ConsultationId id, Instant at, @Nullable List<QueueExit> sink) {
    boolean was;
    long stamp = lock.writeLock();
    collecting = sink;
    try {
      advance(at);
      was = queue.remove(id) != null;
      StatsRecorder s = stats;
      if (was && s != null) {
        s.withdrawnFromQueue++;
      }
    } finally {
      collecting = null;
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return was;
  }

  public int queueLength() {
    long stamp = lock.readLock();
    try {
      return queue.size();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * The epoch millisecond at which the longest-waiting consultation falls due (R22), or {@link Long#MAX_VALUE} when
   * nobody waits or that is past the end of time; O(1) under the read lock.
   */
  public long nextQueueDeadlineMillis() {
    long stamp = lock.readLock();
    try {
      WaitingLine.Waiting head = queue.longestWaiting();
      return head == null ? Long.MAX_VALUE : saturatedAdd(head.sinceMillis, layout.settings.maxQueueWait().toMillis());
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Applies the time {@code at}: every consultation due by then leaves (R22); returns those exits. */
  public List<QueueExit> advanceTo(Instant at) {
    List<QueueExit> exits = new ArrayList<>();
    long stamp = lock.writeLock();
    try {
      collecting = exits;
      try {
        advance(at);
        scheduleExpiry();
      } finally {
        collecting = null;
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return exits;
  }

  /** The latest waiting-since that is due at {@code nowMillis}: waited at least the maximum. */
  private long dueSince(long nowMillis) {
    return saturatedSubtract(nowMillis, layout.settings.maxQueueWait().toMillis());
  }

  /**
   * Sends every consultation due at {@code nowMillis} to the receivers (R22, R16), in deadline order and as of
   * its deadline: its wait is exactly the maximum, and its receiver is drawn from the decision number it would
   * have had at the deadline — the same, since nothing happened in between.
   */
  private void expireDue(long nowMillis) {
    long maxWait = layout.settings.maxQueueWait().toMillis();
    long latest = saturatedSubtract(nowMillis, maxWait);
    for (WaitingLine.Waiting head = queue.longestWaiting(); head != null && head.sinceMillis <= latest;
        head = queue.longestWaiting()) {
      queue.remove(head.consultation.id());
      Layout l = layout;
      RoutingDecision d = toReceivers(l, OwnReason.WAIT_EXPIRED, stream(head.consultation.id(), decisions));
      decisions++;
      StatsRecorder s = stats;
      if (s != null) {
        s.expiredFromQueue++;
        s.queueWaitMillis = saturatedAdd(s.queueWaitMillis, maxWait);
      }
      exit(head, d, Duration.ofMillis(maxWait));
    }
  }

  /**
   * Restores the queue's invariant after a change that may have freed a seat (R22, R21): seats the line's head
   * while an ONLINE agent is free, then the first waiting consultation of each suspended agent that may now
   * take one — {@code touched}, the agent the change concerned, or every indexed agent when null.
   */
  private void drain(@Nullable Agent touched, Instant now) {
    if (queue.isEmpty()) {
      return;
    }
    Layout l = layout;
    long nowMillis = saturatedMillis(now);
    for (;;) {
      WaitingLine.Waiting w = null;
      Tier any = l.anyOnline;
      if (any != null && any.hasAvailable()) {
        w = queue.head();
      } else if (touched != null) {
        w = suspendedTaker(l, touched.id());
      } else {
        for (AccountId id : queue.indexedAgents()) {
          w = suspendedTaker(l, id);
          if (w != null) {
            break;
          }
        }
      }
      if (w == null) {
        break;
      }
      long choice = Selector.select(l, w.consultation, w.arrival, stream(w.consultation.id(), decisions));
      if ((choice & Selector.NOBODY) != 0) {
        throw new IllegalStateException("a waiting consultation that could be seated found nobody: " + w.consultation);
      }
      queue.remove(w.consultation.id());
      RoutingDecision d = commit(l, choice, w.consultation.id(), w.consultation.buyer(), nowMillis);
      long waited = Math.max(0, saturatedSubtract(nowMillis, w.sinceMillis));
      StatsRecorder s = stats;
      if (s != null) {
        s.seatedFromQueue++;
        s.queueWaitMillis = saturatedAdd(s.queueWaitMillis, waited);
      }
      exit(w, d, Duration.ofMillis(waited));
    }
    scheduleExpiry();
  }

  /** The first waiting consultation that may take a seat of {@code agent} while it is suspended (R21), or null. */
  private WaitingLine.@Nullable Waiting suspendedTaker(Layout l, AccountId agent) {
    Agent a = l.byId.get(agent);
    if (a == null || !a.routable || a.presence != Presence.SUSPENDED || !a.hasFreeSeat()) {
      return null;
    }
    return queue.firstFor(agent);
  }

  private void exit(WaitingLine.Waiting w, RoutingDecision d, Duration waited) {
    // The queue keeps times in milliseconds; left = since + waited is the seat's time or the deadline (R22, R25).
    Instant left = Instant.ofEpochMilli(saturatedAdd(w.sinceMillis, waited.toMillis()));
    QueueExit e = QueueExit.of(w.consultation.id(), w.consultation.buyer(), d, waited, left);
    List<QueueExit> sink = collecting;
    if (sink != null) {
      sink.add(e);
    }
    ExitDelivery out = delivery;
    if (out != null) {
      out.add(e);
    }
  }

  /** Notes when the queue's head will be overdue, for the expiry task armed after the lock; under the lock. */
  private void scheduleExpiry() {
    ExpiryScheduler e = expiry;
    WaitingLine.Waiting head = queue.longestWaiting();
    if (e != null && head != null) {
      e.note(saturatedAdd(head.sinceMillis, layout.settings.maxQueueWait().toMillis()));
    }
  }

  /** What every operation does once it has released the lock: arm the expiry task, hand exits to the listener. */
  private void afterUnlock() {
    ExpiryScheduler e = expiry;
    if (e != null) {
      e.arm();
    }
    ExitDelivery d = delivery;
    if (d != null) {
      d.deliver();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Roster and settings (R10–R17), read-modify-write

  public void reconfigure(UnaryOperator<Shop> shopChange, UnaryOperator<RoutingSettings> settingsChange, Instant at,
      @Nullable List<QueueExit> sink) {
    configLock.lock();
    try {
      Layout current = layout;
      Shop shop = shopChange.apply(current.shop);
      RoutingSettings settings = settingsChange.apply(current.settings);
      if (shop == null || settings == null) {
        throw new NullPointerException((shop == null ? "the changed shop" : "the changed settings") + " must not be null");
      }
      if (!shop.id().equals(current.shop.id())) {
        throw new InvalidValueException("shop", null, "this router routes shop " + current.shop.id()
            + ", not " + shop.id() + "; use that shop's own router");
      }
      Layout.checkReferences(shop, settings);
      checkSwitch(current.settings, settings);
      Layout next = new Layout(shop, settings);
      long stamp = lock.writeLock();
      collecting = sink;
      try {
        Instant now = advance(at);
        install(next, now);
      } finally {
        collecting = null;
        lock.unlockWrite(stamp);
      }
      log(current, next);
      RouterListener audit = listener;
      if (audit != null) {
        try {
          audit.onReconfigured(current.shop, next.shop, current.settings, next.settings);
        } catch (RuntimeException ex) {
          LOG.warn("shop {}: router listener failed on a configuration change", next.shop.id(), ex);
        }
      }
    } finally {
      configLock.unlock();
    }
    afterUnlock();
  }

  /** R15 guards the switch: advanced routing is not turned off while its current groups have members. */
  private static void checkSwitch(RoutingSettings current, RoutingSettings next) {
    if (current.mode() != RoutingMode.ADVANCED || next.mode() != RoutingMode.BASIC) {
      return;
    }
    for (AgentGroup g : current.groups()) {
      if (!g.members().isEmpty()) {
        throw new RuleRefusedException("R15", "advanced routing cannot be switched off while agents are bound to"
            + " its groups (R15): group '" + g.name() + "' still has " + g.members().size()
            + " agent(s); remove every agent from the groups first, then switch to basic routing");
      }
    }
  }

  /**
   * Installs {@code next}: agents that stay keep their live state, agents that left drop theirs (kept aside only
   * while they hold seats, and then OFFLINE), agents that come back or join start OFFLINE.
   */
  private void install(Layout next, Instant now) {
    Layout previous = layout;
    StatsRecorder s = stats;
    for (Agent a : previous.agents) {
      if (!next.byId.contains(a.id())) {
        if (s != null && a.decisions > 0) {
          s.departed(a.id(), a.decisions);
          a.decisions = 0;
        }
        if (a.seats > 0) {
          departed.put(a.id(), a.seats);
        }
      }
    }
    for (Tier t : previous.tiers) {
      t.detach();
    }
    attach(next);
    next.install(previous, departed);
    layout = next;
    queue.reindex(next.suspendedWindow);
    drain(null, now);
  }

  private static void log(Layout before, Layout after) {
    if (before.settings.mode() != after.settings.mode()) {
      LOG.info("shop {}: routing mode switched from {} to {}", after.shop.id(), before.settings.mode(),
          after.settings.mode());
    } else if (!before.settings.equals(after.settings)) {
      LOG.info("shop {}: routing settings updated: {}", after.shop.id(), after.settings);
    }
    if (!before.shop.equals(after.shop)) {
      LOG.info("shop {}: roster updated, {} sub-accounts", after.shop.id(), after.shop.subAccounts().size());
    }
  }

  /** Connects a layout's page and group tiers to their ledgers; under the lock, before installation. */
  private void attach(Layout l) {
    StatsRecorder s = stats;
    if (s != null) {
      for (Tier t : l.tiers) {
        t.attach(s);
      }
    }
  }

  public RouterStats stats() {
    long stamp = lock.readLock();
    try {
      StatsRecorder s = stats;
      return s == null ? RouterStats.empty() : s.snapshot(layout.agents, queue.size());
    } finally {
      lock.unlockRead(stamp);
    }
  }

  public Shop shop() {
    return layout.shop;
  }

  public RoutingSettings settings() {
    return layout.settings;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Live state export (R20–R22, R25)

  public LiveState liveState() {
    long stamp = lock.readLock();
    try {
      return liveStateLocked();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** The roster, the settings and the live state at one instant (R24, R25). */
  public RouterSnapshot snapshot() {
    long stamp = lock.readLock();
    try {
      Layout l = layout;
      return RouterSnapshot.of(l.shop, l.settings, liveStateLocked(), seed);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private LiveState liveStateLocked() {
    Layout l = layout;
    Map<AccountId, Presence> presence = new LinkedHashMap<>();
    Map<AccountId, Instant> at = new LinkedHashMap<>();
    for (Agent a : l.agents) {
      presence.put(a.id(), a.presence);
      if (a.presenceAt != Agent.NEVER) {
        at.put(a.id(), Agent.instant(a.presenceAt));
      }
    }
    List<WaitingConsultation> waiting = new ArrayList<>(queue.size());
    for (Iterator<WaitingLine.Waiting> it = queue.iterator(); it.hasNext(); ) {
      WaitingLine.Waiting w = it.next();
      waiting.add(new WaitingConsultation(w.consultation, Instant.ofEpochMilli(w.sinceMillis)));
    }
    Map<ConsultationId, RoutingDecision> seatedBy = new LinkedHashMap<>();
    for (int slot : open.slots()) {
      seatedBy.put(open.id(slot), open.decision(slot));
    }
    LiveState s = LiveState.of(presence, at, openRows(), waiting).withDecisions(decisions).withOpenDecisions(seatedBy);
    Instant t = time;
    return t == null ? s : s.withTime(t);
  }
}
