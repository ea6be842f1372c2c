package io.fenliu.routing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * Small helpers for the adversarial routing tests (SeatsTest, QueueTest, …): a shop, agents with limits,
 * consultations by id, a clock the test moves, a random source that returns constant bits, and a listener
 * that records exits. Written from DOMAIN.md and the public Javadoc only.
 */
final class RtFixture {
  static final ShopId SHOP = ShopId.of("rt-shop");
  static final AccountId MAIN = AccountId.of("rt-main");
  static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");

  private RtFixture() {}

  static AccountId id(String value) {
    return AccountId.of(value);
  }

  static ConsultationId cid(String value) {
    return ConsultationId.of(value);
  }

  static BuyerId buyer(String consultation) {
    return BuyerId.of("buyer-" + consultation);
  }

  /** An ACTIVE, routing exclusive agent; {@code limit} 0 means no limit. */
  static SubAccount agent(String id, int limit) {
    SubAccount.Builder b = SubAccount.builder(AccountId.of(id), "agent " + id).exclusiveAgent();
    if (limit > 0) {
      b.concurrentLimit(limit);
    }
    return b.build();
  }

  static Shop shop(SubAccount... agents) {
    return Shop.of(SHOP, "RT shop", new MainAccount(MAIN, "owner"), List.of(agents));
  }

  static Consultation c(String id) {
    return Consultation.of(ConsultationId.of(id), buyer(id), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);
  }

  static Consultation c(String id, OrderStatus status) {
    return Consultation.of(ConsultationId.of(id), buyer(id), EntryPage.SHOP_HOME, status);
  }

  /** Settings with the given offline receivers and otherwise defaults (BASIC, nothing set). */
  static RoutingSettings.Builder settings(String... receivers) {
    List<AccountId> ids = new ArrayList<>();
    for (String r : receivers) {
      ids.add(AccountId.of(r));
    }
    return RoutingSettings.builder().offlineReceivers(ids);
  }

  /** How many open consultations name {@code agent}, from the router's own list. */
  static long openNaming(Router r, AccountId agent) {
    return r.openConsultations().stream().filter(o -> o.agent().equals(agent)).count();
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    void set(Instant t) {
      now.set(t);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  /**
   * A random source whose every draw is the same bits: picks are deterministic (the first or the last of a
   * tier, depending on the bits), which makes sequential models and linearizability checks possible.
   */
  static final class ConstantRandom implements RandomGenerator {
    private final long bits;

    ConstantRandom(long bits) {
      this.bits = bits;
    }

    @Override
    public long nextLong() {
      return bits;
    }
  }

  /** Records every queue exit the router reports to its listener, in order. */
  static final class Exits implements RouterListener {
    final List<QueueExit> seen = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onQueueExit(QueueExit exit) {
      seen.add(exit);
    }

    List<QueueExit> snapshot() {
      synchronized (seen) {
        return new ArrayList<>(seen);
      }
    }
  }

  /**
   * Runs {@code workers} on threads of their own, released together by one signal, and waits for them (20 s at
   * most); throws the first failure with the others suppressed.
   */
  static void runTogether(List<Runnable> workers) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(workers.size());
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    for (Runnable w : workers) {
      Thread t = new Thread(() -> {
        try {
          start.await();
          w.run();
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          done.countDown();
        }
      });
      t.setDaemon(true);
      t.start();
    }
    start.countDown();
    assertTrue(done.await(20, TimeUnit.SECONDS), "workers did not finish in 20 s");
    if (!failures.isEmpty()) {
      AssertionError e = new AssertionError("a worker failed: " + failures.peek(), failures.peek());
      failures.stream().skip(1).forEach(e::addSuppressed);
      throw e;
    }
  }
}
