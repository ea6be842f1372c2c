package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.Presence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Queue expiry on a host scheduler (R22; Router.Builder#scheduler: "scheduling one task at a time on the host's
 * scheduler"; Router's class Javadoc: "the router starts no thread"; RouterListener: exits are delivered "after the
 * router's lock is released"). The schedulers here are hostile: one probes from another thread whether the router
 * still holds its lock when it arms a task, one runs a task that is already due on the calling thread at once, and
 * the listener calls back into the router. Written from DOMAIN.md and the public Javadoc only.
 */
@Timeout(value = 3, unit = TimeUnit.SECONDS)
class ExpiryOnHostSchedulerTest {
  private static final Duration MAX_WAIT = Duration.ofMinutes(1);

  /**
   * A scheduler on a hand-moved clock. A task whose delay is zero or less runs at once on the calling thread;
   * others wait for {@link #runDue()}. On every schedule it records how many armed tasks are live, and (if a
   * router is given) probes from another thread whether the router's lock is free.
   */
  static final class HostileScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    final RtFixture.MutableClock clock;
    final AtomicReference<Router> router = new AtomicReference<>();
    final List<Task> tasks = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger scheduled = new AtomicInteger();
    final AtomicInteger maxLive = new AtomicInteger();
    final AtomicInteger armedUnderLock = new AtomicInteger();
    final AtomicInteger ranInline = new AtomicInteger();

    HostileScheduler(RtFixture.MutableClock clock) {
      this.clock = clock;
    }

    final class Task implements ScheduledFuture<Object> {
      final Instant due;
      final Runnable body;
      volatile boolean cancelled;
      volatile boolean done;

      Task(Instant due, Runnable body) {
        this.due = due;
        this.body = body;
      }

      volatile boolean running;

      /** Like a FutureTask: not done while it runs, done once its body returned. */
      void run() {
        if (!cancelled && !done && !running) {
          running = true;
          try {
            body.run();
          } finally {
            done = true;
            running = false;
          }
        }
      }

      @Override
      public long getDelay(TimeUnit unit) {
        return unit.convert(Duration.between(clock.instant(), due));
      }

      @Override
      public int compareTo(Delayed o) {
        return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
      }

      @Override
      public boolean cancel(boolean mayInterrupt) {
        if (done) {
          return false;
        }
        cancelled = true;
        return true;
      }

      @Override
      public boolean isCancelled() {
        return cancelled;
      }

      @Override
      public boolean isDone() {
        return done || cancelled;
      }

      @Override
      public Object get() {
        return null;
      }

      @Override
      public Object get(long timeout, TimeUnit unit) {
        return null;
      }
    }

    /** Armed tasks still to start; a running task that arms its successor as it ends is not counted twice. */
    int live() {
      synchronized (tasks) {
        return (int) tasks.stream().filter(t -> !t.isDone() && !t.running).count();
      }
    }

    /** Runs every live task that is due by the clock, on this thread; returns how many ran. */
    int runDue() {
      int ran = 0;
      while (true) {
        Task next = null;
        synchronized (tasks) {
          for (Task t : tasks) {
            if (!t.isDone() && !t.running && !t.due.isAfter(clock.instant())) {
              next = t;
              break;
            }
          }
        }
        if (next == null) {
          return ran;
        }
        next.run();
        ran++;
      }
    }

    private void probeLock() {
      Router r = router.get();
      if (r == null) {
        return;
      }
      try {
        CompletableFuture.supplyAsync(r::queueLength).get(300, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        armedUnderLock.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      scheduled.incrementAndGet();
      probeLock();
      Task t = new Task(clock.instant().plusNanos(unit.toNanos(delay)), command);
      tasks.add(t);
      maxLive.accumulateAndGet(live(), Math::max);
      if (delay <= 0) {
        ranInline.incrementAndGet();
        t.run();
      }
      return t;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      @SuppressWarnings("unchecked")
      ScheduledFuture<V> f = (ScheduledFuture<V>) schedule(() -> {
        try {
          callable.call();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, delay, unit);
      return f;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      throw new UnsupportedOperationException("one task at a time, not a periodic one");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
      throw new UnsupportedOperationException("one task at a time, not a periodic one");
    }

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }

  /** A listener that records exits and calls back into the router from inside, as a host telling buyers would. */
  static final class ReentrantListener implements RouterListener {
    final AtomicReference<Router> router = new AtomicReference<>();
    final List<QueueExit> exits = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> queueLengthsSeen = Collections.synchronizedList(new ArrayList<>());
    volatile java.util.function.Consumer<QueueExit> onExit = x -> {};

    @Override
    public void onQueueExit(QueueExit exit) {
      exits.add(exit);
      Router r = router.get();
      if (r != null) {
        queueLengthsSeen.add(r.queueLength());
        r.liveState();
      }
      onExit.accept(exit);
    }

    List<QueueExit> snapshot() {
      synchronized (exits) {
        return new ArrayList<>(exits);
      }
    }
  }

  private static RoutingSettings settings() {
    return RtFixture.settings("rcv").maxQueueWait(MAX_WAIT).build();
  }

  private record Setup(Router router, HostileScheduler scheduler, ReentrantListener listener,
      RtFixture.MutableClock clock) {}

  /** A (limit 1) ONLINE and full with "seated"; "rcv" is the offline receiver, OFFLINE; the router is wired. */
  private static Setup setup() {
    RtFixture.MutableClock clock = new RtFixture.MutableClock(T0);
    HostileScheduler scheduler = new HostileScheduler(clock);
    ReentrantListener listener = new ReentrantListener();
    Router router = Router.builder(shop(agent("a", 1), agent("rcv", 0)), settings()).clock(clock)
        .scheduler(scheduler).listener(listener).build();
    scheduler.router.set(router);
    listener.router.set(router);
    router.setPresence(id("a"), Presence.ONLINE);
    assertEquals(id("a"), router.route(c("seated")).agent().orElseThrow(), "A takes the first (R20)");
    return new Setup(router, scheduler, listener, clock);
  }

  /**
   * R22 + Builder#scheduler: a waiting consultation arms a task, armed after the lock is released (a probe from
   * another thread gets through); run when due, it sends the consultation to the receivers with that reason, and
   * the listener, which calls back into the router, hears it after the lock is released (RouterListener).
   */
  @Test
  void dueTaskExpiresTheHeadAndIsArmedOutsideTheLock() {
    Setup s = setup();
    RoutingDecision q = s.router.route(c("q1"));
    assertTrue(q.isQueued(), "A is full: q1 waits (R22): " + q);
    assertTrue(s.scheduler.scheduled.get() >= 1, "a waiting consultation arms a task on the scheduler (Builder#scheduler)");
    assertEquals(0, s.scheduler.armedUnderLock.get(), "tasks are armed after the router releases its lock");
    s.clock.advance(MAX_WAIT.minusSeconds(1));
    s.scheduler.runDue();
    assertEquals(1, s.router.queueLength(), "not yet overdue: q1 still waits (R22)");
    s.clock.advance(Duration.ofSeconds(2));
    assertTrue(s.scheduler.runDue() >= 1, "the armed task is due now");
    List<QueueExit> exits = s.listener.snapshot();
    assertEquals(1, exits.size(), "the listener heard one exit (R22): " + exits);
    assertEquals(cid("q1"), exits.get(0).consultation(), "q1 left");
    assertEquals(RoutingStep.OFFLINE_RECEIVER, exits.get(0).decision().step(),
        "an overdue consultation goes to the offline receivers (R22, R16)");
    assertEquals(id("rcv"), exits.get(0).decision().agent().orElseThrow(), "the receiver gets it");
    assertTrue(exits.get(0).waited().compareTo(MAX_WAIT) >= 0, "it waited at least the maximum: " + exits.get(0));
    assertEquals(0, s.router.queueLength(), "the queue is empty");
    assertEquals(List.of(0), s.listener.queueLengthsSeen, "the listener could call the router (lock released)");
    assertEquals(0, s.scheduler.armedUnderLock.get(), "no task was armed under the lock");
  }

  /**
   * R22 + Builder#scheduler: a consultation that arrived long ago (Consultation#arrivedAt) is overdue the moment it
   * waits, so a task for it is due at once; a scheduler that runs a due task immediately on the calling thread
   * must work — no deadlock (the test's 3 s bound), the consultation ends with the receivers, and it is neither
   * dropped nor left waiting.
   */
  @Test
  void aSchedulerThatRunsADueTaskInlineWorks() {
    Setup s = setup();
    s.clock.advance(Duration.ofHours(1));
    RoutingDecision d = s.router.route(c("old").arrivedAt(T0));
    List<QueueExit> exits = s.listener.snapshot();
    boolean routedToReceiver = d.step() == RoutingStep.OFFLINE_RECEIVER;
    boolean expiredAfterQueueing = d.isQueued() && exits.size() == 1
        && exits.get(0).decision().step() == RoutingStep.OFFLINE_RECEIVER;
    if (d.isQueued() && exits.isEmpty()) {
      s.scheduler.runDue();
      exits = s.listener.snapshot();
      expiredAfterQueueing = exits.size() == 1 && exits.get(0).decision().step() == RoutingStep.OFFLINE_RECEIVER;
    }
    assertTrue(routedToReceiver || expiredAfterQueueing,
        "a consultation past the maximum wait goes to the receivers (R22), at once or through the due task: " + d
            + " exits " + exits + " inline runs " + s.scheduler.ranInline.get());
    assertEquals(0, s.router.queueLength(), "nothing waits forever (R22)");
    assertEquals(0, s.scheduler.armedUnderLock.get(), "no task was armed under the lock");

    // And a head that becomes overdue while other calls run: the expiry the calls do must also cope.
    assertTrue(s.router.route(c("q2")).isQueued(), "q2 waits (R22)");
    s.clock.advance(MAX_WAIT.plusSeconds(1));
    RoutingDecision q3 = s.router.route(c("q3"));
    assertTrue(q3.isQueued(), "q3 waits behind or after q2's expiry (R22): " + q3);
    s.scheduler.runDue();
    assertTrue(s.listener.snapshot().stream().anyMatch(e -> e.consultation().equals(cid("q2"))),
        "q2 expired (R22): " + s.listener.snapshot());
    assertEquals(1, s.router.queueLength(), "only q3 waits");
  }

  /**
   * Builder#scheduler "one task at a time": with five consultations waiting (and the head seated, withdrawn and
   * replaced in between), at most one armed task is live at any moment; stepping the clock expires them one by
   * one, first come first served, each heard once by the listener (R22).
   */
  @Test
  void oneTaskForTheHeadAtATimeAndExpiryInOrder() {
    Setup s = setup();
    for (int i = 1; i <= 5; i++) {
      assertTrue(s.router.route(c("q" + i)).isQueued(), "q" + i + " waits (R22)");
      s.clock.advance(Duration.ofSeconds(10));
    }
    assertTrue(s.scheduler.maxLive.get() <= 1, "one task at a time (Builder#scheduler): " + s.scheduler.maxLive);
    assertTrue(s.router.withdraw(cid("q1")), "the head leaves (R22)");
    EndResult e = s.router.end(cid("seated"));
    assertEquals(List.of(cid("q2")), e.queueExits().stream().map(QueueExit::consultation).toList(),
        "the freed seat goes to the new head q2 (R22)");
    assertTrue(s.scheduler.maxLive.get() <= 1, "still one task at a time: " + s.scheduler.maxLive);
    // q3 arrived at T0+20s, q4 at +30s, q5 at +40s; now is T0+50s.
    List<ConsultationId> expired = new ArrayList<>();
    for (int step = 0; step < 20 && s.router.queueLength() > 0; step++) {
      s.clock.advance(Duration.ofSeconds(5));
      s.scheduler.runDue();
      assertTrue(s.scheduler.live() <= 1, "one live task at a time: " + s.scheduler.live());
    }
    for (QueueExit x : s.listener.snapshot()) {
      if (x.decision().step() == RoutingStep.OFFLINE_RECEIVER) {
        expired.add(x.consultation());
        assertTrue(x.waited().compareTo(MAX_WAIT) >= 0, "expired only after the maximum wait: " + x);
        assertTrue(x.waited().compareTo(MAX_WAIT.plusSeconds(10)) <= 0, "and on time (within a step): " + x);
      }
    }
    assertEquals(List.of(cid("q3"), cid("q4"), cid("q5")), expired, "expired in order, each once (R22)");
    assertEquals(0, s.router.queueLength(), "none waits forever (R22)");
    assertTrue(s.scheduler.maxLive.get() <= 1, "one task at a time: " + s.scheduler.maxLive);
    assertEquals(0, s.scheduler.armedUnderLock.get(), "no task was armed under the lock");
  }

  /**
   * R22 + Builder#scheduler ("expire overdue waiting consultations on time"), deterministic: q1 waits and arms a
   * task; a seat frees and q1 is seated from the queue; q2 then waits. Whatever became of the first task, once q2's
   * maximum wait has passed the scheduler alone (no other call on the router) must have sent q2 to the receivers.
   */
  @Test
  void aNewHeadAfterTheOldHeadWasSeatedStillExpiresOnTheScheduler() {
    Setup s = setup();
    assertTrue(s.router.route(c("q1")).isQueued(), "q1 waits (R22)");
    s.clock.advance(Duration.ofSeconds(30));
    EndResult e = s.router.end(cid("seated"));
    assertEquals(1, e.queueExits().size(), "q1 takes the freed seat (R22): " + e);
    s.clock.advance(Duration.ofSeconds(10));
    assertTrue(s.router.route(c("q2")).isQueued(), "q2 waits: A is full with q1 (R22)");
    for (int step = 0; step < 30; step++) {
      s.clock.advance(Duration.ofSeconds(5));
      s.scheduler.runDue();
    }
    // now T0 + 190 s: q2 (since T0 + 40 s) is 90 s past its arrival, 30 s overdue.
    assertTrue(s.listener.snapshot().stream().anyMatch(x -> x.consultation().equals(cid("q2"))
            && x.decision().step() == RoutingStep.OFFLINE_RECEIVER),
        "q2 expired on the scheduler alone (R22, Builder#scheduler); exits " + s.listener.snapshot()
            + ", live tasks " + s.scheduler.live() + ", scheduled " + s.scheduler.scheduled);
  }

  /**
   * R22 + Builder#scheduler: a consultation that starts waiting while the expiry task is finishing (here: routed by
   * the listener, which the task's thread calls once the lock is released, RouterListener) still gets expired on
   * time by the scheduler alone.
   */
  @Test
  void aConsultationQueuedWhileTheTaskFinishesStillExpiresOnTheScheduler() {
    Setup s = setup();
    s.listener.onExit = exit -> {
      if (exit.consultation().equals(cid("q1"))) {
        assertTrue(s.router.route(c("q2")).isQueued(), "q2 waits: A is still full (R22)");
      }
    };
    assertTrue(s.router.route(c("q1")).isQueued(), "q1 waits (R22)");
    s.clock.advance(MAX_WAIT.plusSeconds(1));
    s.scheduler.runDue();
    assertEquals(1, s.router.queueLength(), "q1 expired, q2 waits (R22): " + s.listener.snapshot());
    for (int step = 0; step < 20; step++) {
      s.clock.advance(Duration.ofSeconds(5));
      s.scheduler.runDue();
    }
    assertTrue(s.listener.snapshot().stream().anyMatch(x -> x.consultation().equals(cid("q2"))
            && x.decision().step() == RoutingStep.OFFLINE_RECEIVER),
        "q2, 39 s overdue, expired on the scheduler alone (R22, Builder#scheduler); exits " + s.listener.snapshot()
            + ", live tasks " + s.scheduler.live() + ", scheduled " + s.scheduler.scheduled);
  }

  /**
   * R22 + Builder#scheduler: two consultations wait 2 ms apart; the task fires when the first is due and the second
   * is not yet (by 1 ms). The scheduler must still expire the second on time, with no other call on the router.
   */
  @Test
  void theNextHeadDueMillisecondsLaterIsExpiredByTheScheduler() {
    Setup s = setup();
    assertTrue(s.router.route(c("q1")).isQueued(), "q1 waits (R22)");
    s.clock.advance(Duration.ofMillis(2));
    assertTrue(s.router.route(c("q2")).isQueued(), "q2 waits (R22)");
    s.clock.advance(MAX_WAIT.minusMillis(1));
    assertTrue(s.scheduler.runDue() >= 1, "q1's task is due");
    assertEquals(1, s.router.queueLength(), "q1 expired, q2 (1 ms short) waits: " + s.listener.snapshot());
    for (int step = 0; step < 10; step++) {
      s.clock.advance(Duration.ofMillis(1));
      s.scheduler.runDue();
    }
    assertEquals(0, s.router.queueLength(), "q2 expired on the scheduler alone within 10 ms of being due (R22, "
        + "Builder#scheduler); live tasks " + s.scheduler.live() + ", scheduled " + s.scheduler.scheduled);
  }

  /**
   * R22, R24 on a real scheduler thread that also runs due tasks inline: many consultations wait for 100 ms at
   * most while other threads end seats and route; no router call is made after the writers stop, yet every
   * waiting consultation leaves the queue exactly once — seated or to the receivers — and none is dropped.
   */
  @Test
  void realSchedulerThatRunsDueTasksInlineExpiresEverythingExactlyOnceUnderContention() throws Exception {
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
    contention(pool, new InlineWhenDue(pool));
  }

  /**
   * The same scenario on a plain {@link ScheduledThreadPoolExecutor} (every task on the pool's thread), to tell a
   * fault of the inline-running scheduler from one of the scheduler path in general (R22).
   */
  @Test
  void plainRealSchedulerExpiresEverythingExactlyOnceUnderContention() throws Exception {
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
    contention(pool, pool);
  }

  private static void contention(ScheduledThreadPoolExecutor pool, ScheduledExecutorService inlineWhenDue)
      throws Exception {
    RtFixture.Exits exits = new RtFixture.Exits();
    Router router = Router.builder(shop(agent("a", 2), agent("rcv", 0)),
            RtFixture.settings("rcv").maxQueueWait(Duration.ofMillis(100)).build())
        .scheduler(inlineWhenDue).listener(exits).build();
    router.setPresence(id("a"), Presence.ONLINE);
    try {
      Set<ConsultationId> queued = Collections.synchronizedSet(new HashSet<>());
      List<ConsultationId> seatedDirectly = Collections.synchronizedList(new ArrayList<>());
      List<Runnable> workers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int thread = t;
        workers.add(() -> {
          for (int i = 0; i < 60; i++) {
            String idv = "t" + thread + "-" + i;
            RoutingDecision d = router.route(c(idv));
            if (d.isQueued()) {
              queued.add(cid(idv));
            } else if (d.holdsSeat()) {
              seatedDirectly.add(cid(idv));
            }
            if (i % 7 == 0) {
              try {
                Thread.sleep(15);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        });
      }
      workers.add(() -> {
        for (int i = 0; i < 40; i++) {
          List<OpenConsultation> open = router.openConsultations();
          if (!open.isEmpty()) {
            router.end(open.get(0).id());
          }
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
      RtFixture.runTogether(workers);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      while (System.nanoTime() < deadline && exits.snapshot().size() < queued.size()) {
        Thread.sleep(10);
      }
      List<QueueExit> seen = exits.snapshot();
      Set<ConsultationId> exited = new HashSet<>();
      for (QueueExit x : seen) {
        assertTrue(exited.add(x.consultation()), "each waiting consultation exits once (R22): " + x);
        assertTrue(queued.contains(x.consultation()), "only waiting consultations exit the queue: " + x);
      }
      assertEquals(queued, exited, "every waiting consultation left the queue on the scheduler alone (R22); still "
          + "waiting: " + router.queueLength() + ", tasks pending on the pool: " + pool.getQueue().size());
      assertEquals(0, router.queueLength(), "none waits forever (R22)");
      assertFalse(queued.isEmpty(), "the test made some consultations wait");
      for (ConsultationId seatedAtOnce : seatedDirectly) {
        assertFalse(exited.contains(seatedAtOnce), "a consultation seated at once never exits the queue: " + seatedAtOnce);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Delegates to a real scheduler, but runs a task whose delay is already zero or less on the calling thread. */
  static final class InlineWhenDue extends AbstractExecutorService implements ScheduledExecutorService {
    private final ScheduledThreadPoolExecutor pool;

    InlineWhenDue(ScheduledThreadPoolExecutor pool) {
      this.pool = pool;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      if (delay <= 0) {
        command.run();
        return pool.schedule(() -> {}, 0, TimeUnit.NANOSECONDS);
      }
      return pool.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      return pool.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      return pool.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
      return pool.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
      pool.execute(command);
    }

    @Override
    public void shutdown() {
      pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return pool.awaitTermination(timeout, unit);
    }
  }
}
