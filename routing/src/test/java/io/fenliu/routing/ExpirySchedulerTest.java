package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fenliu.core.Presence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * R22 with the host's scheduler: one expiry task at a time, for the head of the queue, re-armed only when an
 * earlier deadline appears; and a scheduler that runs an already-due task on the calling thread, as some
 * deterministic test schedulers do, works, because the router arms its task only after releasing its lock (found
 * by review: the lock is not reentrant).
 */
class ExpirySchedulerTest {
  /** Runs a task due now on the caller's thread; later ones on its pool thread. */
  static final class InlineWhenDue extends ScheduledThreadPoolExecutor {
    InlineWhenDue() {
      super(1);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
      if (delay <= 0) {
        try {
          task.call();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return super.schedule(() -> null, 0, unit);
      }
      return super.schedule(task, delay, unit);
    }
  }

  @Test
  void anAlreadyOverdueConsultationExpiresOnTheCallingThreadWithoutDeadlock() throws InterruptedException {
    InlineWhenDue scheduler = new InlineWhenDue();
    try {
      Router r = Router.builder(shop(agent("a", 1), agent("rcv", 0)),
          RtFixture.settings("rcv").maxQueueWait(Duration.ofMinutes(1)).build()).scheduler(scheduler).build();
      r.setPresence(id("a"), Presence.ONLINE);
      r.route(c("held"));
      AtomicReference<Object> out = new AtomicReference<>();
      Thread t = new Thread(() -> {
        try {
          out.set(r.route(c("late").arrivedAt(Instant.now().minus(Duration.ofHours(1)))));
        } catch (Throwable e) {
          out.set(e);
        }
      });
      t.setDaemon(true);
      t.start();
      t.join(5_000);
      assertFalse(t.isAlive(), "route() deadlocked: the due expiry task waited for the lock its own thread held");
      assertEquals(RoutingStep.QUEUED, ((RoutingDecision) out.get()).step(), "queued first, as R22 says");
      assertEquals(0, r.queueLength(), "R22: then expired at once by the inline task, an hour past its maximum wait");
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Counts the expiry tasks armed, with their delays, and runs none. */
  static final class Recording extends ScheduledThreadPoolExecutor {
    final List<Long> delaysMillis = new CopyOnWriteArrayList<>();

    Recording() {
      super(1);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
      delaysMillis.add(unit.toMillis(delay));
      return super.schedule(() -> null, 1, TimeUnit.HOURS);
    }
  }

  @Test
  void oneTaskForTheHeadReArmedOnlyForAnEarlierDeadline() {
    Recording scheduler = new Recording();
    try {
      Instant now = Instant.parse("2026-11-23T04:00:00Z");
      Router r = Router.builder(shop(agent("a", 1), agent("rcv", 0)),
              RtFixture.settings("rcv").maxQueueWait(Duration.ofMinutes(10)).build())
          .clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC)).scheduler(scheduler).build();
      r.setPresence(id("a"), Presence.ONLINE);
      r.route(c("held"));
      r.route(c("w1").arrivedAt(now.minus(Duration.ofMinutes(2))));
      assertEquals(List.of(Duration.ofMinutes(8).toMillis()), scheduler.delaysMillis,
          "R22: one task, due when the head has waited its 10 minutes");
      r.route(c("w2").arrivedAt(now.minus(Duration.ofMinutes(1))));
      assertEquals(1, scheduler.delaysMillis.size(), "a later arrival needs no task of its own");
      r.withdraw(io.fenliu.core.ConsultationId.of("w1"));
      r.route(c("w3").arrivedAt(now.minus(Duration.ofMinutes(5))));
      assertEquals(List.of(Duration.ofMinutes(8).toMillis(), Duration.ofMinutes(5).toMillis()),
          scheduler.delaysMillis, "an earlier deadline (w3 arrived 5 minutes ago) re-arms the task");
    } finally {
      scheduler.shutdownNow();
    }
  }
}
