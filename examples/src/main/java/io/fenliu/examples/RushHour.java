package io.fenliu.examples;

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
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareMode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The demo's rush hour (R20–R23): 16 agents with concurrent limits (seniors weigh 2 and take 4 chats, juniors
 * weigh 1 and take 2), shared by load (least busy first, R23), through an afternoon whose peak asks for more
 * chats than there are seats. A queue forms and drains (R22), nobody is sent to the night shift while agents
 * are merely busy, two agents take a break (SUSPENDED, R21) and come back, and each agent's average number of
 * open chats stays close to proportional to its weight (seats come whole, so a senior at 1 chat and a junior at
 * 1 chat are not equally loaded: the ratio lands a little under 2 : 1). An event-driven simulation on a simulated clock: arrivals are
 * Poisson, chats last an exponential 6 minutes on average; seeded, so every run prints the same figures.
 */
final class RushHour {
  static final int AGENTS = 16;
  private static final Instant START = Instant.parse("2026-11-23T13:00:00Z");
  private static final AccountId NIGHT = AccountId.of("night-duty");

  private RushHour() {}

  /** What the rush hour showed, for the demo's summary and its test. */
  record Result(long consultations, int peakQueue, long seatedFromQueue, long expired, long toReceiversWhileOnline,
      Duration meanWait, double seniorLoad, double juniorLoad) {}

  /** A clock the simulation moves. */
  private static final class SimClock extends Clock {
    private Instant now = START;

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
      return now;
    }
  }

  private record Event(long atMillis, int kind, int index) {}

  static Result run(PrintStream out) {
    List<SubAccount> roster = new ArrayList<>();
    AgentGroup.Builder group = AgentGroup.builder("everyone").boundTo(OrderStatus.values());
    int[] weight = new int[AGENTS];
    for (int i = 0; i < AGENTS; i++) {
      boolean senior = i < AGENTS / 2;
      weight[i] = senior ? 2 : 1;
      roster.add(SubAccount.builder(agent(i), (senior ? "senior " : "junior ") + i).exclusiveAgent()
          .concurrentLimit(senior ? 4 : 2).build());
      group.member(agent(i), weight[i]);
    }
    roster.add(SubAccount.builder(NIGHT, "night duty").build());
    Shop shop = Shop.of(ShopId.of("rush"), "Fenliu Tea House at rush hour", new MainAccount(AccountId.of("boss"), "boss"),
        roster);
    RoutingSettings settings = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(group.build())
        .shareMode(ShareMode.LEAST_BUSY).offlineReceivers(List.of(NIGHT)).maxQueueWait(Duration.ofMinutes(10)).build();
    SimClock clock = new SimClock();
    List<QueueExit> fromQueue = new ArrayList<>();
    Router router = Router.builder(shop, settings).seed(11).clock(clock)
        .listener(fromQueue::add).recordStats().build();
    for (int i = 0; i < AGENTS; i++) {
      router.setPresence(agent(i), Presence.ONLINE);
    }

    // 48 seats; 6-minute chats serve 8 an agent-hour at the limit: 480 chats an hour in all. The afternoon asks
    // for 400 an hour, then 560 an hour between 14:00 and 14:20, then 400 again.
    SplittableRandom random = new SplittableRandom(2026);
    PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
    long end = START.toEpochMilli() + Duration.ofHours(3).toMillis();
    int n = 0;
    for (long t = START.toEpochMilli(); t < end; n++) {
      long minute = (t - START.toEpochMilli()) / 60_000;
      double perHour = minute >= 60 && minute < 80 ? 560 : 400;
      t += (long) (-Math.log(1 - random.nextDouble()) * 3_600_000 / perHour);
      events.add(new Event(t, 0, n));
    }
    long breakStart = START.toEpochMilli() + Duration.ofMinutes(30).toMillis();
    events.add(new Event(breakStart, 2, 3));
    events.add(new Event(breakStart, 2, 12));
    events.add(new Event(breakStart + Duration.ofMinutes(15).toMillis(), 3, 3));
    events.add(new Event(breakStart + Duration.ofMinutes(15).toMillis(), 3, 12));

    int peak = 0;
    long toReceiversWhileOnline = 0;
    double[] loadMillis = new double[AGENTS];
    long last = START.toEpochMilli();
    while (!events.isEmpty()) {
      Event e = events.poll();
      for (int i = 0; i < AGENTS; i++) {
        loadMillis[i] += (double) router.seatsHeld(agent(i)) * (e.atMillis() - last);
      }
      last = e.atMillis();
      clock.now = Instant.ofEpochMilli(e.atMillis());
      int before = fromQueue.size();
      switch (e.kind()) {
        case 0 -> {
          ConsultationId id = ConsultationId.of("rush-" + e.index());
          RoutingDecision d = router.route(Consultation.of(id, BuyerId.of("buyer-" + e.index()), EntryPage.PRODUCT_DETAIL,
              OrderStatus.UNPAID).arrivedAt(clock.now));
          if (d.holdsSeat()) {
            events.add(new Event(e.atMillis() + serviceMillis(random), 1, e.index()));
          } else if (d.step() == RoutingStep.OFFLINE_RECEIVER) {
            toReceiversWhileOnline++;
          }
          peak = Math.max(peak, router.queueLength());
        }
        case 1 -> router.end(ConsultationId.of("rush-" + e.index()));
        case 2 -> router.setPresence(agent(e.index()), Presence.SUSPENDED, clock.now);
        default -> router.setPresence(agent(e.index()), Presence.ONLINE, clock.now);
      }
      router.expireOverdue();
      for (QueueExit x : fromQueue.subList(before, fromQueue.size())) {
        if (x.decision().holdsSeat()) {
          int index = Integer.parseInt(x.consultation().value().substring("rush-".length()));
          events.add(new Event(e.atMillis() + serviceMillis(random), 1, index));
        }
      }
    }
    RouterStats stats = router.stats();
    double span = last - START.toEpochMilli();
    double senior = 0;
    double junior = 0;
    for (int i = 0; i < AGENTS; i++) {
      if (i == 3 || i == 12) {
        continue; // on a break for a quarter of an hour: less time online, so less load, as it should be
      }
      if (weight[i] == 2) {
        senior += loadMillis[i] / span / (AGENTS / 2 - 1);
      } else {
        junior += loadMillis[i] / span / (AGENTS / 2 - 1);
      }
    }
    Result r = new Result(n, peak, stats.seatedFromQueue(), stats.expiredFromQueue(), toReceiversWhileOnline,
        stats.meanQueueWait().orElse(Duration.ZERO), senior, junior);
    out.printf(Locale.ROOT, "      %,d consultations over 3 hours, 560 an hour at the 14:00 peak for 48 seats (R20):%n",
        r.consultations());
    out.printf(Locale.ROOT, "      the queue peaked at %d and drained: %,d seated from it, waiting %d s on average;"
        + " %d expired, %d sent to the night shift while agents were online (R22)%n", r.peakQueue(),
        r.seatedFromQueue(), r.meanWait().toSeconds(), r.expired(), r.toReceiversWhileOnline());
    out.printf(Locale.ROOT, "      least busy first (R23): a senior (weight 2) held %.2f open chats on average, a junior"
        + " (weight 1) %.2f: %.2f : 1 for weights 2 : 1%n", r.seniorLoad(), r.juniorLoad(),
        r.seniorLoad() / r.juniorLoad());
    return r;
  }

  private static AccountId agent(int i) {
    return AccountId.of("agent-" + i);
  }

  private static long serviceMillis(SplittableRandom random) {
    return (long) (-Math.log(1 - random.nextDouble()) * 360_000);
  }
}
