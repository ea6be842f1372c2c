package io.fenliu.routing;

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
import io.fenliu.core.internal.Durations;
import io.fenliu.core.internal.Require;
import io.fenliu.routing.internal.DynamicWeightedSampler;
import io.fenliu.routing.internal.LoadTree;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link Router}: one shop's routing state and every operation on it.
 *
 * <h2>What lives where (one home per fact)</h2>
 *
 * <ul>
 *   <li><b>Static facts</b> — the roster and the settings — live in the current {@link Layout}, an immutable
 *       structure (agents, tiers, alias tables, receivers, windows) replaced whole when either changes.
 *   <li><b>Live facts</b> live in exactly one place each: an agent's presence, when it last changed and the
 *       seats it holds in its {@link Agent} of the installed layout (moved to the next layout's on installation);
 *       which consultation holds which seat in {@link OpenSeats}; who waits, in what order and since when in
 *       {@link WaitingLine}.
 *   <li><b>Derived indexes</b> — an agent's {@code available} flag, each tier's Fenwick tree of available
 *       weights and load tree, the online counts — are recomputed from those facts in the same critical
 *       section as every change of a fact, by {@link Agent#refresh(Tier[])} and {@link Layout#install}. Nothing
 *       else writes them, so they never disagree with the facts.
 * </ul>
 *
 * <h2>Consistency model (R24)</h2>
 *
 * Every operation that writes live facts — route, presence, seats, ends, the queue, and the installation of a
 * new layout — runs under the write lock of one {@link StampedLock}, {@link #lock}; reads that export state
 * (presence, seats, the queue's status, statistics, {@link #liveState()}) run under its read lock. The router
 * is therefore a sequential state machine: each operation takes effect at one instant between its call and
 * its return (linearizable), a decision is made against one state of the shop so its step and reason are true
 * of that state, and no change is lost whatever the number of threads. Critical sections are short: a decision
 * is a few array reads and an O(log n) tree walk; a presence change or a seat is O(k log n) for an agent in k
 * tiers.
 *
 * <p>{@link #preview} — a decision that takes no seat, the hot path of a host that asks before it routes — is
 * read-only and first runs <em>optimistically</em>: without the lock, between {@link StampedLock#tryOptimisticRead}
 * and {@link StampedLock#validate}. A successful validation proves no writer held the lock meanwhile, so the
 * decision is the one the last written state makes, and it linearizes at the stamp; otherwise it is redone
 * under the write lock. What makes reading a changing state safe:
 *
 * <ul>
 *   <li>every loop on the read path is bounded by an array's length (the Fenwick descent, the alias retries,
 *       the open-seat probe), and a torn value can only give a wrong answer or a runtime exception, both
 *       discarded;
 *   <li>the queue's maps (the JDK's, whose tree bins are not safe to read while they change) are not read at
 *       all: a preview that sees a waiting consultation takes the lock;
 *   <li>the only writes a reader makes are the lazily prepared decisions, each an immutable object with final
 *       fields that any racing reader would build equal;
 *   <li>the seating-only fields ({@link #chosen}, the statistics) are written only by decisions made under the
 *       write lock.
 * </ul>
 *
 * <p>Nothing foreign runs under the lock but the clock: the listener hears queue exits after it is released,
 * and the expiry task is armed on the host's scheduler after it is released too ({@link #armExpiry()}), since a
 * scheduler may run a due task on the calling thread and the lock is not reentrant.
 *
 * <p>Roster and settings changes are read-modify-write: they serialize among themselves on {@link
 * #configLock}, read the current layout there (so two concurrent changes each see the other's result, and
 * none is lost), check the new pair and build the next layout <em>outside</em> {@link #lock} — presence and
 * routing go on meanwhile — and then install it under {@link #lock}, which re-attaches live state in O(n).
 * A refused change throws before installation: nothing changed.
 *
 * <p>{@link #layout} is also volatile, so {@code shop()} and {@code settings()} read the installed pair
 * without the lock.
 *
 * <h2>The queue's invariant (R22)</h2>
 *
 * After every operation, no waiting consultation could be seated: every operation that can free capacity
 * (an end, a presence change, a moved seat, a restore, a new layout) ends by {@link #drain()}, which walks
 * the queue from its head and seats each consultation R18's steps can now place. Hence first come, first
 * served: a new consultation that finds a seat takes one no waiting consultation could take.
 *
 * <h2>Listeners</h2>
 *
 * Queue exits are recorded under the lock and handed to the listener after it is released, by whichever
 * thread gets {@link #delivery} first, in the order they happened.
 */
final class RouterCore {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final double SERVICE_SMOOTHING = 0.1;
  /** No expiry to arm; also what a deadline ~292 million years away saturates to, which needs no task. */
  private static final long NO_EXPIRY = Long.MAX_VALUE;
  /**
   * Lock-free tries of a preview before it takes the write lock: about a microsecond of spinning while writers
   * come and go, cheaper than parking behind one (a park and unpark cost microseconds).
   */
  private static final int OPTIMISTIC_ATTEMPTS = 64;

  private final StampedLock lock = new StampedLock();
  private final ReentrantLock configLock = new ReentrantLock();
  private final ReentrantLock delivery = new ReentrantLock();
  private final @Nullable RandomGenerator random;
  private final Clock clock;
  private final @Nullable RouterListener listener;
  private final @Nullable ScheduledExecutorService scheduler;

  private volatile Layout layout;
  /**
   * Seats held by agents not on the roster: agents that left while holding seats, or that a restore (R20: the
   * host's database is the truth) names. An entry goes when its last seat is freed, or moves to the agent's
   * {@link Agent} if it joins the roster first. All such an agent has left is its seats: it is OFFLINE, and its
   * decision count went to the statistics when it left.
   */
  private final Map<AccountId, Integer> departed = new HashMap<>();
  private final OpenSeats open = new OpenSeats();
  private final WaitingLine queue = new WaitingLine();
  private final ArrayDeque<QueueExit> undelivered = new ArrayDeque<>();
  /**
   * Whether {@link #undelivered} may hold exits: written under {@link #lock}, read without it, so that an
   * operation that caused no exit (nearly every route) pays one volatile read for delivery, not two locks.
   */
  private volatile boolean pendingExits;
  /** The exits of the operation in progress, returned by {@link #end}; null when nobody collects. */
  private @Nullable List<QueueExit> collecting;
  /**
   * The agent of the last decision {@link #decideLive} returned when seating; written and read right after it
   * under the write lock only (an optimistic preview never writes it).
   */
  private @Nullable Agent chosen;
  /** Exponentially smoothed service time of ended consultations, in ms; negative until one has ended. */
  private double meanServiceMillis = -1;
  /**
   * The deadline the expiry task should fire at, set under the lock by {@link #scheduleExpiry()} and armed on the
   * host's scheduler by {@link #armExpiry()} once the lock is released (a scheduler may run a due task on the
   * calling thread, which must not hold the lock then); {@link #NO_EXPIRY} when nothing is to be armed.
   */
  private final AtomicLong expiryWanted = new AtomicLong(NO_EXPIRY);
  /** Guards {@link #expiryTask}, {@link #expiryDue} and {@link #armed}; taken only outside {@link #lock}. */
  private final Object expiryGuard = new Object();
  /** The armed task while it is still to run; null once it has started (it then re-arms for what is left). */
  private @Nullable ScheduledFuture<?> expiryTask;
  private long expiryDue;
  /** How many tasks were armed: the generation of the newest, so a task knows whether it is still the one. */
  private long armed;
  /** The counters, when the router records statistics; written under {@link #lock}'s write lock only. */
  private final @Nullable StatsRecorder stats;

  RouterCore(Shop shop, RoutingSettings settings, @Nullable RandomGenerator random, Clock clock,
      @Nullable RouterListener listener, @Nullable ScheduledExecutorService scheduler, LiveState initial,
      boolean recordStats) {
    this.random = random;
    this.stats = recordStats ? new StatsRecorder() : null;
    this.clock = clock;
    this.listener = listener;
    this.scheduler = scheduler;
    Layout.checkReferences(shop, settings);
    Layout first = new Layout(shop, settings);
    checkLiveState(first, initial);
    long stamp = lock.writeLock();
    try {
      attach(first);
      first.install(null, departed);
      layout = first;
      for (Map.Entry<AccountId, Presence> e : initial.presence().entrySet()) {
        Agent a = knownAgent(first, e.getKey());
        Instant at = initial.presenceChangedAt().get(e.getKey());
        a.presenceAt = at == null ? Agent.NEVER : Agent.nanos(at);
        changePresence(a, e.getValue());
      }
      restoreLocked(initial.open());
      for (WaitingConsultation w : initial.waiting()) {
        queue.add(w.consultation(), w.since().toEpochMilli());
      }
      drain();
    } finally {
      lock.unlockWrite(stamp);
    }
    armExpiry();
  }

  private static void checkLiveState(Layout l, LiveState s) {
    for (AccountId id : s.presence().keySet()) {
      knownAgent(l, id);
    }
    checkOpen(l, s.open());
  }

  // ---------------------------------------------------------------------------------------------------------
  // Routing (R16–R23)

  RoutingDecision route(Consultation c) {
    RoutingDecision d;
    long stamp = lock.writeLock();
    try {
      d = routeLocked(c);
    } finally {
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return d;
  }

  private RoutingDecision routeLocked(Consultation c) {
    int slot = open.find(c.id());
    if (slot >= 0) {
      return open.decision(slot).asRepeat();
    }
    if (!queue.isEmpty()) {
      expire(clock.millis());
      if (queue.get(c.id()) != null) {
        return queued(queue.position(c.id())).asRepeat();
      }
    }
    RoutingDecision d = decideLive(c, true);
    if (d != null) {
      Agent a = chosenAgent();
      seat(a, c.id(), c.buyer(), d, arrivalMillis(c));
      return counted(d, a);
    }
    Layout l = layout;
    if (l.onlineRoutable == 0) {
      return counted(toReceivers(l, Agent.RECEIVER_NOBODY_ONLINE, true), chosen);
    }
    if (queue.size() >= l.settings.maxQueueLength()) {
      StatsRecorder s = stats;
      if (s != null) {
        s.turnedAwayQueueFull++;
      }
      return counted(toReceivers(l, Agent.RECEIVER_QUEUE_FULL, true), chosen);
    }
    int position = queue.add(c, arrivalMillis(c));
    scheduleExpiry();
    StatsRecorder s = stats;
    if (s != null) {
      s.queued++;
    }
    return counted(queued(position), null);
  }

  /**
   * Counts a decision (R19) and returns it; {@code agent} is the agent it names, or null. A no-op unless the
   * router records statistics.
   */
  private RoutingDecision counted(RoutingDecision d, @Nullable Agent agent) {
    StatsRecorder s = stats;
    if (s != null) {
      s.byStep[d.step().ordinal()]++;
      if (agent != null) {
        agent.decisions++;
      }
    }
    return d;
  }

  /**
   * R18's decision without a seat. Read-only, so it is tried first without any lock, against an optimistic
   * stamp: if no writer took the lock between the stamp and its validation, every value read belonged to the
   * state the last writer left, and the decision is the one that state makes (R24). A torn read can only
   * produce a wrong value or a runtime exception, never a loop without end (every loop here is bounded by an
   * array's length), and either is discarded. Failed attempts, a waiting queue (the queue's maps are the
   * JDK's and are not read without the lock) or an injected generator (not thread-safe) decide under the write
   * lock, like any other operation.
   */
  RoutingDecision preview(Consultation c) {
    if (random == null) {
      for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0L) {
          if (!queue.isEmpty()) {
            break; // to the lock at once: a preview that sees a waiting consultation would not get further
          }
          RoutingDecision d = previewOptimistically(c);
          if (d != null && lock.validate(stamp)) {
            return d;
          }
        }
        // A writer holds or held the lock; its sections are sub-microsecond, so spinning briefly beats parking.
        Thread.onSpinWait();
      }
    }
    // The write lock, not the read lock: readers that overlap one another could keep a writer out for long.
    long stamp = lock.writeLock();
    try {
      return Require.notNull(previewNow(c, false), "a locked preview");
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** {@link #previewNow} on a state that may be changing; null when the read tore (to be retried). */
  private @Nullable RoutingDecision previewOptimistically(Consultation c) {
    try {
      return previewNow(c, true);
    } catch (RuntimeException torn) {
      return null;
    }
  }

  /**
   * The preview against the current state; {@code optimistic} when no lock is held, and then null as soon as
   * the queue is seen non-empty: its maps are the JDK's, whose tree bins are not safe to read while changing.
   */
  private @Nullable RoutingDecision previewNow(Consultation c, boolean optimistic) {
    int slot = open.find(c.id());
    if (slot >= 0) {
      return open.decision(slot).asRepeat();
    }
    if (!queue.isEmpty()) {
      if (optimistic) {
        return null;
      }
      if (queue.get(c.id()) != null) {
        return queued(queue.position(c.id())).asRepeat();
      }
    }
    RoutingDecision d = decideLive(c, false);
    if (d != null) {
      return d;
    }
    Layout l = layout;
    if (l.onlineRoutable == 0) {
      return toReceivers(l, Agent.RECEIVER_NOBODY_ONLINE, false);
    }
    return queue.size() >= l.settings.maxQueueLength() ? toReceivers(l, Agent.RECEIVER_QUEUE_FULL, false)
        : queued(queue.size() + 1);
  }

  /**
   * R18's steps up to "any online", against the current state; null when no live agent can take the
   * consultation. Only when {@code seating} (under the write lock) does it set {@link #chosen} and count for the
   * statistics; otherwise it writes nothing but lazily prepared decisions, as an optimistic preview must.
   */
  private @Nullable RoutingDecision decideLive(Consultation c, boolean seating) {
    Layout l = layout;
    // Kept small enough for the JIT to inline into its callers: the continuity steps and the pooled tiers,
    // each taken by a minority of decisions, are methods of their own.
    if (c.recentContact().isPresent() || (l.connectToExclusiveAgent && c.exclusiveFollower().isPresent())) {
      RoutingDecision d = continuity(l, c, seating);
      if (d != null) {
        return d;
      }
    }
    RandomGenerator rng = random != null ? random : ThreadLocalRandom.current();
    RoutingDecision d = l.basic ? fromTier(l.pages[c.entryPage().ordinal()], rng, seating) : advanced(l, c, rng, seating);
    return d != null ? d : fromTier(l.anyOnline, rng, seating);
  }

  /** R18's first two steps: the recent agent (R21 when suspended), then the exclusive follower; null if neither. */
  private @Nullable RoutingDecision continuity(Layout l, Consultation c, boolean seating) {
    Optional<RecentContact> recent = c.recentContact();
    if (recent.isPresent()) {
      RecentContact rc = recent.get();
      Agent a = l.byId.get(rc.agent());
      if (a != null && a.routable) {
        Presence p = a.presence;
        int kind = p == Presence.ONLINE && within(rc.at(), c, l.recentWindow) ? Agent.OWN_RECENT
            : p == Presence.SUSPENDED && within(rc.at(), c, l.suspendedWindow) ? Agent.OWN_RECENT_SUSPENDED : -1;
        if (kind >= 0) {
          if (a.hasFreeSeat()) {
            if (seating) {
              chosen = a;
            }
            return a.own(l, kind);
          }
          refusedForCapacity(seating); // continuity gives way to the seat limit (R20)
        }
      }
    }
    Optional<AccountId> follower = c.exclusiveFollower();
    if (l.connectToExclusiveAgent && follower.isPresent()) {
      Agent a = l.byId.get(follower.get());
      if (a != null && a.healthyFollower && a.available) {
        if (seating) {
          chosen = a;
        }
        return a.own(l, Agent.OWN_FOLLOWER);
      }
      if (a != null && a.healthyFollower && a.routable && a.presence == Presence.ONLINE) {
        refusedForCapacity(seating);
      }
    }
    return null;
  }

  private void refusedForCapacity(boolean seating) {
    StatsRecorder s = stats;
    if (s != null && seating) {
      s.capacityRefusals++;
    }
  }

  /** A member of {@code t}; when {@code seating}, counts the pick for the ledger and sets {@link #chosen}. */
  private @Nullable RoutingDecision fromTier(@Nullable Tier t, RandomGenerator rng, boolean seating) {
    if (t == null) {
      return null;
    }
    int i = t.pick(rng);
    if (i < 0) {
      return null;
    }
    if (seating) {
      t.counted(i);
      chosen = t.members[i];
    }
    return t.decision(i, 0);
  }

  /** R12–R14: the bound group, then the other groups pooled, then the ungrouped agents. */
  private @Nullable RoutingDecision advanced(Layout l, Consultation c, RandomGenerator rng, boolean seating) {
    int matched = l.groupOf[c.orderStatus().ordinal()];
    if (matched >= 0) {
      RoutingDecision d = fromTier(l.groups[matched], rng, seating);
      if (d != null) {
        return d;
      }
    }
    return pooled(l, matched, rng, seating);
  }

  /** R14 after the bound group: the other groups pooled, then the ungrouped agents. */
  private @Nullable RoutingDecision pooled(Layout l, int matched, RandomGenerator rng, boolean seating) {
    RoutingDecision d = l.otherLeastBusy ? otherByLoad(l.groups, matched, rng, seating)
        : otherByWeight(l.groups, matched, rng, seating);
    return d != null ? d : fromTier(l.ungrouped, rng, seating);
  }

  /**
   * R14's pooled tier, by weight: a group by its available weight, then an agent in it by weight. An agent in
   * several of the pooled groups is thereby chosen with the sum of its weights, as if the groups were one.
   */
  private @Nullable RoutingDecision otherByWeight(@Nullable Tier[] groups, int matched, RandomGenerator rng,
      boolean seating) {
    long total = 0;
    for (int g = 0; g < groups.length; g++) {
      if (g != matched && groups[g] != null) {
        total += groups[g].enabledWeight();
      }
    }
    if (total == 0) {
      return null;
    }
    long point = DynamicWeightedSampler.below(rng.nextLong(), total);
    for (int g = 0; ; g++) {
      Tier t = groups[g];
      if (g == matched || t == null) {
        continue;
      }
      long w = t.enabledWeight();
      if (point < w) {
        int i = t.sample(rng);
        if (seating) {
          chosen = t.members[i];
        }
        return t.decision(i, matched >= 0 ? 1 : 2);
      }
      point -= w;
    }
  }

  /** R14's pooled tier, least busy first (R23): the lowest load over every pooled group, ties by weight. */
  private @Nullable RoutingDecision otherByLoad(@Nullable Tier[] groups, int matched, RandomGenerator rng,
      boolean seating) {
    Tier best = null;
    long ties = 0;
    for (int g = 0; g < groups.length; g++) {
      Tier t = groups[g];
      if (g == matched || t == null || t.loads().isEmpty()) {
        continue;
      }
      int c = best == null ? -1 : compareLoads(t.loads(), best.loads());
      if (c < 0) {
        best = t;
        ties = t.loads().tieWeight();
      } else if (c == 0) {
        ties += t.loads().tieWeight();
      }
    }
    if (best == null) {
      return null;
    }
    long point = DynamicWeightedSampler.below(rng.nextLong(), ties);
    for (int g = 0; ; g++) {
      Tier t = groups[g];
      if (g == matched || t == null || t.loads().isEmpty() || compareLoads(t.loads(), best.loads()) != 0) {
        continue;
      }
      long w = t.loads().tieWeight();
      if (point < w) {
        int i = t.loads().descend(point);
        if (seating) {
          chosen = t.members[i];
        }
        return t.decision(i, matched >= 0 ? 1 : 2);
      }
      point -= w;
    }
  }

  private static int compareLoads(LoadTree a, LoadTree b) {
    return Long.compare(a.minSeats() * b.minWeight(), b.minSeats() * a.minWeight());
  }

  /**
   * Whether a contact at {@code at} lies within {@code window} before the consultation's arrival (R18, R21).
   * A contact after the arrival is no evidence of an earlier conversation and does not count; a zero window
   * turns the step off. Exact to the nanosecond and free of overflow for any instant, without allocating.
   */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // seconds and nanos are read together, on purpose
  private boolean within(Instant at, Consultation c, Duration window) {
    if (window.isZero()) {
      return false;
    }
    long nowSeconds;
    int nowNanos;
    Optional<Instant> arrived = c.arrivedAt();
    if (arrived.isPresent()) {
      nowSeconds = arrived.get().getEpochSecond();
      nowNanos = arrived.get().getNano();
    } else {
      // The clock's full precision: a contact stamped a moment ago must not look later than "now".
      Instant now = clock.instant();
      nowSeconds = now.getEpochSecond();
      nowNanos = now.getNano();
    }
    long seconds = nowSeconds - at.getEpochSecond();
    int nanos = nowNanos - at.getNano();
    if (nanos < 0) {
      seconds--;
      nanos += 1_000_000_000;
    }
    if (seconds < 0) {
      return false;
    }
    long ws = window.getSeconds();
    return seconds < ws || (seconds == ws && nanos <= window.getNano());
  }

  private long arrivalMillis(Consultation c) {
    Optional<Instant> arrived = c.arrivedAt();
    return arrived.isPresent() ? saturatedMillis(arrived.get()) : clock.millis();
  }

  @SuppressWarnings("JavaInstantGetSecondsGetNano") // seconds and nanos are read together, on purpose
  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  private static long saturatedSubtract(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  private static long saturatedMillis(Instant t) {
    long s = t.getEpochSecond();
    if (s > Long.MAX_VALUE / 1000 - 1) {
      return Long.MAX_VALUE;
    }
    if (s < Long.MIN_VALUE / 1000 + 1) {
      return Long.MIN_VALUE;
    }
    return s * 1000 + t.getNano() / 1_000_000;
  }

  /** The agent of the decision {@link #decideLive} just returned. */
  private Agent chosenAgent() {
    Agent a = chosen;
    if (a == null) {
      throw new IllegalStateException("no agent was chosen");
    }
    return a;
  }

  private RoutingDecision toReceivers(Layout l, int cause, boolean seating) {
    Agent[] rs = l.receivers;
    if (rs.length == 0) {
      if (seating) {
        chosen = null;
      }
      return l.noAgent[cause];
    }
    RandomGenerator rng = random != null ? random : ThreadLocalRandom.current();
    Agent r = rs[rs.length == 1 ? 0 : rng.nextInt(rs.length)];
    if (seating) {
      chosen = r;
    }
    return r.own(l, cause);
  }

  private static RoutingDecision queued(int position) {
    return new RoutingDecision(null, new Reason(RoutingStep.QUEUED, Reasons.QUEUED + "; position " + position, ""),
        position, false);
  }

  private void seat(Agent a, ConsultationId id, BuyerId buyer, RoutingDecision d, long atMillis) {
    open.put(id, buyer, a.id(), d, atMillis);
    a.seats++;
    a.refresh(layout.tiers);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Seats (R20)

  EndResult end(ConsultationId id) {
    EndResult result;
    long stamp = lock.writeLock();
    try {
      List<QueueExit> exits = new ArrayList<>();
      collecting = exits;
      try {
        int slot = open.find(id);
        if (slot >= 0) {
          AccountId agent = open.agent(slot);
          long seatedAt = open.seatedAtMillis(slot);
          open.remove(slot);
          release(agent);
          long now = clock.millis();
          if (now >= seatedAt) {
            long took = now - seatedAt;
            meanServiceMillis = meanServiceMillis < 0 ? took
                : meanServiceMillis + SERVICE_SMOOTHING * (took - meanServiceMillis);
          }
          drain();
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
    afterUnlock();
    return result;
  }

  /** Frees one seat of {@code agent}, on or off the roster. */
  private void release(AccountId agent) {
    Agent a = layout.byId.get(agent);
    if (a != null) {
      a.seats--;
      a.refresh(layout.tiers);
    } else {
      Integer held = departed.get(agent);
      if (held == null) {
        throw new IllegalStateException("an open consultation names " + agent + ", whom the router does not know");
      }
      if (held == 1) {
        departed.remove(agent);
      } else {
        departed.put(agent, held - 1);
      }
    }
  }

  Optional<AccountId> seatByHost(ConsultationId id, BuyerId buyer, AccountId agent) {
    Optional<AccountId> previous;
    long stamp = lock.writeLock();
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
        return Optional.of(agent);
      }
      if (!a.hasFreeSeat()) {
        throw new RuleRefusedException("R20", "agent " + agent + " already holds " + a.seats
            + " consultations, its limit (R20); end one first, raise its limit, or choose another agent");
      }
      previous = Optional.empty();
      if (slot >= 0) {
        previous = Optional.of(open.agent(slot));
        open.remove(slot);
        release(previous.get());
      } else {
        queue.remove(id);
      }
      seat(a, id, buyer, a.own(l, Agent.OWN_BY_HOST), clock.millis());
      drain();
    } finally {
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return previous;
  }

  RestoreReport restore(Collection<OpenConsultation> consultations) {
    RestoreReport report;
    long stamp = lock.writeLock();
    try {
      checkOpen(layout, consultations);
      report = restoreLocked(consultations);
      drain();
    } finally {
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

  /** Seats every consultation as the host's database says, even over a limit (R20); checked beforehand. */
  private RestoreReport restoreLocked(Collection<OpenConsultation> consultations) {
    Layout l = layout;
    Map<AccountId, Agent> touched = new LinkedHashMap<>();
    Set<AccountId> offRoster = new LinkedHashSet<>();
    for (OpenConsultation c : consultations) {
      @Nullable Agent a = l.byId.get(c.agent());
      int slot = open.find(c.id());
      if (slot >= 0) {
        AccountId before = open.agent(slot);
        open.remove(slot);
        release(before);
      } else {
        queue.remove(c.id());
      }
      if (a != null) {
        open.put(c.id(), c.buyer(), a.id(), a.own(l, Agent.OWN_RESTORED), saturatedMillis(c.seatedAt()));
        a.seats++;
        touched.put(a.id(), a);
      } else {
        open.put(c.id(), c.buyer(), c.agent(), new RoutingDecision(c.agent(), l.ownReasons[Agent.OWN_RESTORED], 0,
            false), saturatedMillis(c.seatedAt()));
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
      a.refresh(layout.tiers);
      if (a.limit > 0 && a.seats > a.limit) {
        over.put(a.id(), a.seats);
      }
    }
    if (!over.isEmpty()) {
      LOG.warn("shop {}: restored consultations put {} agent(s) over their limit: {}", l.shop.id(), over.size(), over);
    }
    return new RestoreReport(consultations.size(), over);
  }

  int seatsHeld(AccountId agent) {
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

  Optional<OpenConsultation> openConsultation(ConsultationId id) {
    long stamp = lock.readLock();
    try {
      int slot = open.find(id);
      return slot < 0 ? Optional.empty() : Optional.of(openRow(slot));
    } finally {
      lock.unlockRead(stamp);
    }
  }

  List<OpenConsultation> openConsultations() {
    long stamp = lock.readLock();
    try {
      return openRows();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private List<OpenConsultation> openRows() {
    List<OpenConsultation> rows = new ArrayList<>(open.size());
    for (int slot : open.slots()) {
      rows.add(openRow(slot));
    }
    return rows;
  }

  private OpenConsultation openRow(int slot) {
    return new OpenConsultation(open.id(slot), open.buyer(slot), open.agent(slot),
        Instant.ofEpochMilli(open.seatedAtMillis(slot)));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Presence (R17, R21)

  boolean setPresence(AccountId agent, Presence presence, @Nullable Instant at) {
    // Read before the lock, to keep the critical section short; an untimed change applies whatever its time.
    long when = Agent.nanos(at != null ? at : clock.instant());
    Layout seen = layout;
    Agent a = knownAgent(seen, agent); // refused before the lock; looked up again only if a layout came meanwhile
    long stamp = lock.writeLock();
    try {
      if (layout != seen) {
        a = knownAgent(layout, agent);
      }
      if (at != null) {
        if (when < a.presenceAt) {
          return false;
        }
        a.presenceAt = when;
      } else {
        a.presenceAt = Math.max(a.presenceAt, when);
      }
      if (a.presence != presence) {
        changePresence(a, presence);
        drain();
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    afterUnlock();
    return true;
  }

  private void changePresence(Agent a, Presence presence) {
    Layout l = layout;
    l.countOnline(a, -1);
    a.presence = presence;
    l.countOnline(a, +1);
    a.refresh(layout.tiers);
  }

  Presence presence(AccountId agent) {
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

  Optional<QueueStatus> queueStatus(ConsultationId id) {
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

  boolean withdraw(ConsultationId id) {
    long stamp = lock.writeLock();
    try {
      boolean was = queue.remove(id) != null;
      StatsRecorder s = stats;
      if (was && s != null) {
        s.withdrawnFromQueue++;
      }
      return was;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  int queueLength() {
    long stamp = lock.readLock();
    try {
      return queue.size();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  List<QueueExit> expireOverdue() {
    List<QueueExit> exits = new ArrayList<>();
    long stamp = lock.writeLock();
    try {
      collecting = exits;
      try {
        expire(clock.millis());
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

  /** Sends every consultation that has waited its maximum to the receivers (R22, R16). */
  private void expire(long now) {
    long maxWait = layout.settings.maxQueueWait().toMillis();
    for (WaitingLine.Waiting head = queue.longestWaiting(); head != null; head = queue.longestWaiting()) {
      long waited = saturatedSubtract(now, head.sinceMillis);
      if (waited < maxWait) {
        return;
      }
      queue.remove(head.consultation.id());
      RoutingDecision d = toReceivers(layout, Agent.RECEIVER_WAIT_EXPIRED, true);
      StatsRecorder s = stats;
      if (s != null) {
        s.expiredFromQueue++;
        s.queueWaitMillis += Math.max(0, waited);
        counted(d, chosen);
      }
      exit(head, d, now);
    }
  }

  /**
   * Seats every waiting consultation R18's steps can now place, head first (R22). When no ONLINE agent has a
   * free seat only a suspended agent's recent buyers could move (R21), so without any it stops at once.
   */
  private void drain() {
    if (queue.isEmpty()) {
      return;
    }
    long now = clock.millis();
    expire(now);
    Iterator<WaitingLine.Waiting> it = queue.iterator();
    while (it.hasNext()) {
      Tier any = layout.anyOnline;
      boolean free = any != null && any.hasAvailable();
      if (!free && queue.withRecentContact() == 0) {
        break;
      }
      WaitingLine.Waiting w = it.next();
      if (!free && w.consultation.recentContact().isEmpty()) {
        continue;
      }
      RoutingDecision d = decideLive(w.consultation, true);
      if (d != null) {
        it.remove();
        queue.removedByIterator(w);
        Agent a = chosenAgent();
        seat(a, w.consultation.id(), w.consultation.buyer(), d, now);
        StatsRecorder s = stats;
        if (s != null) {
          s.seatedFromQueue++;
          s.queueWaitMillis += Math.max(0, saturatedSubtract(now, w.sinceMillis));
          counted(d, a);
        }
        exit(w, d, now);
      }
    }
    scheduleExpiry();
  }

  private void exit(WaitingLine.Waiting w, RoutingDecision d, long now) {
    QueueExit e = new QueueExit(w.consultation.id(), d,
        Duration.ofMillis(Math.max(0, saturatedSubtract(now, w.sinceMillis))));
    List<QueueExit> sink = collecting;
    if (sink != null) {
      sink.add(e);
    }
    if (listener != null) {
      undelivered.add(e);
      pendingExits = true;
    }
  }

  /** Notes when the queue's head will be overdue, for {@link #armExpiry()}; under the lock. */
  private void scheduleExpiry() {
    if (scheduler == null) {
      return;
    }
    WaitingLine.Waiting head = queue.longestWaiting();
    if (head != null) {
      expiryWanted.set(saturatedAdd(head.sinceMillis, layout.settings.maxQueueWait().toMillis()));
    }
  }

  /** What every operation does once it has released the lock: arm the expiry task, hand exits to the listener. */
  private void afterUnlock() {
    armExpiry();
    deliverIfPending();
  }

  /**
   * Schedules {@link #expireOverdue} for the deadline {@link #scheduleExpiry()} noted, unless a task due no later
   * is pending. Outside the lock: the scheduler is foreign code and may run the task at once on this thread.
   */
  private void armExpiry() {
    ScheduledExecutorService s = scheduler;
    if (s == null) {
      return;
    }
    long due = expiryWanted.getAndSet(NO_EXPIRY);
    if (due == NO_EXPIRY) {
      return;
    }
    synchronized (expiryGuard) {
      ScheduledFuture<?> pending = expiryTask;
      if (pending != null && !pending.isDone() && expiryDue <= due) {
        return;
      }
      if (pending != null) {
        pending.cancel(false);
      }
      long generation = ++armed;
      expiryDue = due;
      expiryTask = null;
      ScheduledFuture<?> task = s.schedule(() -> expiryFired(generation), Math.max(0, due - clock.millis()),
          TimeUnit.MILLISECONDS);
      if (armed == generation && expiryTask == null) {
        expiryTask = task; // unless it already ran on this thread and armed its successor
      }
    }
  }

  /**
   * The armed task's body: it stops counting as pending before it expires anything, so that the re-arming at
   * the end of {@link #expireOverdue} schedules a task for the consultations still waiting (a running task's
   * future is not done yet, and would otherwise look like one that covers them).
   */
  private List<QueueExit> expiryFired(long generation) {
    synchronized (expiryGuard) {
      if (armed == generation) {
        expiryTask = null;
      }
    }
    return expireOverdue();
  }

  private void deliverIfPending() {
    if (listener == null || !pendingExits) {
      return;
    }
    for (;;) {
      if (!delivery.tryLock()) {
        return; // the holder delivers what we added: it re-checks after releasing
      }
      try {
        for (;;) {
          QueueExit e;
          long stamp = lock.writeLock();
          try {
            e = undelivered.poll();
            if (e == null) {
              pendingExits = false;
            }
          } finally {
            lock.unlockWrite(stamp);
          }
          if (e == null) {
            break;
          }
          try {
            Require.notNull(listener, "listener").onQueueExit(e);
          } catch (RuntimeException ex) {
            LOG.warn("shop {}: router listener failed on {}", layout.shop.id(), e, ex);
          }
        }
      } finally {
        delivery.unlock();
      }
      long stamp = lock.writeLock();
      try {
        if (undelivered.isEmpty()) {
          return;
        }
      } finally {
        lock.unlockWrite(stamp);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Roster and settings (R10–R17), read-modify-write

  void reconfigure(UnaryOperator<Shop> shopChange, UnaryOperator<RoutingSettings> settingsChange) {
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
      try {
        install(next);
      } finally {
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
  private void install(Layout next) {
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
    drain();
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

  RouterStats stats() {
    long stamp = lock.readLock();
    try {
      StatsRecorder s = stats;
      return s == null ? RouterStats.empty() : s.snapshot(layout.agents, queue.size());
    } finally {
      lock.unlockRead(stamp);
    }
  }

  Shop shop() {
    return layout.shop;
  }

  RoutingSettings settings() {
    return layout.settings;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Live state export (R20–R22)

  LiveState liveState() {
    long stamp = lock.readLock();
    try {
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
      return LiveState.of(presence, at, openRows(), waiting);
    } finally {
      lock.unlockRead(stamp);
    }
  }
}
