package io.fenliu.routing.internal;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Expiry on time (R22) on the host's scheduler: at most one task armed at a time, for the deadline of the
 * consultation that will be overdue first; the task re-arms for the next as it ends. The router starts no thread.
 *
 * <h2>Invariants and guards</h2>
 *
 * <ul>
 *   <li>{@link #wanted} is noted under the router's write lock ({@link #note}) and consumed after it is released
 *       ({@link #arm}): the scheduler is foreign code and may run a due task at once on the calling thread, which
 *       must not hold the (non-reentrant) router lock then.
 *   <li>{@link #task}, {@link #due} and {@link #armed} are guarded by {@link #guard}, which is never taken under
 *       the router's lock, so the two never nest the other way round.
 *   <li>A task that has started no longer counts as pending ({@link #fired}), so the re-arming at the end of its
 *       run schedules a task for the consultations still waiting.
 * </ul>
 *
 * <p>When a task fires does not change what happens: expiry is computed as of each consultation's deadline (R25),
 * so a late task only delays the exits, and the router also expires whatever fell due at the next event.
 */
final class ExpiryScheduler {
  /** Nothing to arm; also what a deadline ~292 million years away saturates to, which needs no task. */
  private static final long NONE = Long.MAX_VALUE;

  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  /** What the task does: applies the clock's time to the router. */
  private final Runnable expire;
  private final AtomicLong wanted = new AtomicLong(NONE);
  private final Object guard = new Object();
  private @Nullable ScheduledFuture<?> task;
  private long due;
  /** How many tasks were armed: the generation of the newest, so a task knows whether it is still the one. */
  private long armed;

  ExpiryScheduler(ScheduledExecutorService scheduler, Clock clock, Runnable expire) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.expire = expire;
  }

  /** Notes the deadline (epoch ms) the next task should fire at; under the router's write lock. */
  void note(long deadlineMillis) {
    wanted.set(deadlineMillis);
  }

  /** Schedules a task for the noted deadline, unless one due no later is pending; after the lock is released. */
  void arm() {
    long at = wanted.getAndSet(NONE);
    if (at == NONE) {
      return;
    }
    synchronized (guard) {
      ScheduledFuture<?> pending = task;
      if (pending != null && !pending.isDone() && due <= at) {
        return;
      }
      if (pending != null) {
        pending.cancel(false);
      }
      long generation = ++armed;
      due = at;
      task = null;
      // A Callable, as earlier releases scheduled: a host's scheduler that wraps or records tasks sees the same.
      ScheduledFuture<?> next = scheduler.schedule(() -> {
        fired(generation);
        return null;
      }, Math.max(0, at - clock.millis()), TimeUnit.MILLISECONDS);
      if (armed == generation && task == null) {
        task = next; // unless it already ran on this thread and armed its successor
      }
    }
  }

  private void fired(long generation) {
    synchronized (guard) {
      if (armed == generation) {
        task = null;
      }
    }
    expire.run();
  }
}
