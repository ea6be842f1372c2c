package io.fenliu.jdbc;

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
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A busy small shop's day as events, for the durable router's tests: six agents of limit 2 (so seats fill and the
 * queue works, R20, R22), presence churn with suspensions (R21), returning buyers (R18), exclusive followers, queue
 * withdrawals and expiries, limit changes (a roster document written), as a seeded stream. Events travel between the
 * test and its child processes as one line of text each.
 */
final class DurableWorkload {
  static final List<AccountId> AGENTS = List.of(AccountId.of("a0"), AccountId.of("a1"), AccountId.of("a2"),
      AccountId.of("a3"), AccountId.of("a4"), AccountId.of("a5"));
  static final int LIMIT = 2;

  private final Random random;
  private final String prefix;
  private final boolean rosterChanges;
  private long next;

  /** A stream of events; {@code rosterChanges} lets it change agents' limits now and then. */
  DurableWorkload(long seed, String prefix, boolean rosterChanges) {
    this.random = new Random(seed);
    this.prefix = prefix;
    this.rosterChanges = rosterChanges;
  }

  static Shop roster(ShopId id) {
    List<SubAccount> subs = new ArrayList<>();
    for (AccountId a : AGENTS) {
      subs.add(SubAccount.builder(a, a.value()).exclusiveAgent().concurrentLimit(LIMIT).build());
    }
    return Shop.of(id, "durable " + id.value(), new MainAccount(AccountId.of("owner"), "owner"), subs);
  }

  static RoutingSettings settings() {
    return RoutingSettings.builder()
        .page(EntryPage.PRODUCT_DETAIL, List.of(AGENTS.get(0), AGENTS.get(1)))
        .offlineReceivers(List.of(AGENTS.get(5)))
        .maxQueueWait(Duration.ofSeconds(20))
        .maxQueueLength(8)
        .connectToExclusiveAgent(true)
        .build();
  }

  /** The next event at {@code at}, given the open and waiting consultations. */
  ShopEvent next(ShopId shop, Instant at, List<ConsultationId> open, List<ConsultationId> waiting) {
    int roll = random.nextInt(100);
    if (roll < 44) {
      ConsultationId id = ConsultationId.of(prefix + "-" + next++);
      Consultation c = Consultation.of(id, BuyerId.of("b" + random.nextInt(40)),
          EntryPage.values()[random.nextInt(EntryPage.values().length)],
          OrderStatus.values()[random.nextInt(OrderStatus.values().length)]).arrivedAt(at);
      if (random.nextInt(4) == 0) {
        c = c.withRecentContact(pick(AGENTS), at.minusSeconds(60 + random.nextInt(7_200)));
      }
      if (random.nextInt(6) == 0) {
        c = c.withExclusiveFollower(pick(AGENTS));
      }
      return ShopEvent.arrived(shop, c);
    } else if (roll < 76 && !open.isEmpty()) {
      return ShopEvent.ended(shop, pick(open)).at(at);
    } else if (roll < 80 && !waiting.isEmpty()) {
      return ShopEvent.withdrawn(shop, pick(waiting)).at(at);
    } else if (roll < 92) {
      int p = random.nextInt(10);
      Presence presence = p < 6 ? Presence.ONLINE : p < 8 ? Presence.SUSPENDED : Presence.OFFLINE;
      return ShopEvent.presenceChanged(shop, pick(AGENTS), presence).at(at);
    } else if (roll < 96 || !rosterChanges) {
      return ShopEvent.timeAdvanced(shop, at.plusSeconds(random.nextInt(30)));
    } else {
      AccountId a = pick(AGENTS);
      return ShopEvent.accountChanged(shop, SubAccount.builder(a, a.value()).exclusiveAgent()
          .concurrentLimit(1 + random.nextInt(3)).build()).at(at);
    }
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** One line: the kinds of event {@link #next} makes. */
  static String write(ShopEvent e) {
    String at = instant(e.time().orElseThrow());
    if (e instanceof ShopEvent.Arrived a) {
      Consultation c = a.consultation();
      return "A " + at + " " + c.id().value() + " " + c.buyer().value() + " " + c.entryPage() + " " + c.orderStatus()
          + " " + c.recentContact().map(r -> r.agent().value() + " " + instant(r.at())).orElse("- 0 0")
          + " " + c.exclusiveFollower().map(AccountId::value).orElse("-");
    } else if (e instanceof ShopEvent.Ended x) {
      return "N " + at + " " + x.consultation().value();
    } else if (e instanceof ShopEvent.Withdrawn x) {
      return "W " + at + " " + x.consultation().value();
    } else if (e instanceof ShopEvent.PresenceChanged x) {
      return "P " + at + " " + x.agent().value() + " " + x.presence();
    } else if (e instanceof ShopEvent.TimeAdvanced) {
      return "T " + at;
    } else if (e instanceof ShopEvent.AccountChanged x) {
      return "L " + at + " " + x.account().id().value() + " " + x.account().concurrentLimit().orElse(0);
    }
    throw new IllegalArgumentException("not a workload event: " + e);
  }

  /** Seconds and the nanoseconds within them: the instant exactly. */
  private static String instant(Instant t) {
    long seconds = t.getEpochSecond();
    return seconds + " " + t.getNano();
  }

  /** The event {@link #write} wrote. */
  static ShopEvent read(ShopId shop, String line) {
    String[] f = line.split(" ", -1);
    Instant at = Instant.ofEpochSecond(Long.parseLong(f[1]), Integer.parseInt(f[2]));
    return switch (f[0]) {
      case "A" -> {
        Consultation c = Consultation.of(ConsultationId.of(f[3]), BuyerId.of(f[4]), EntryPage.valueOf(f[5]),
            OrderStatus.valueOf(f[6])).arrivedAt(at);
        if (!f[7].equals("-")) {
          c = c.withRecentContact(AccountId.of(f[7]), Instant.ofEpochSecond(Long.parseLong(f[8]),
              Integer.parseInt(f[9])));
        }
        if (!f[10].equals("-")) {
          c = c.withExclusiveFollower(AccountId.of(f[10]));
        }
        yield ShopEvent.arrived(shop, c);
      }
      case "N" -> ShopEvent.ended(shop, ConsultationId.of(f[3])).at(at);
      case "W" -> ShopEvent.withdrawn(shop, ConsultationId.of(f[3])).at(at);
      case "P" -> ShopEvent.presenceChanged(shop, AccountId.of(f[3]), Presence.valueOf(f[4])).at(at);
      case "T" -> ShopEvent.timeAdvanced(shop, at);
      case "L" -> {
        AccountId a = AccountId.of(f[3]);
        yield ShopEvent.accountChanged(shop, SubAccount.builder(a, a.value()).exclusiveAgent()
            .concurrentLimit(Integer.parseInt(f[4])).build()).at(at);
      }
      default -> throw new IllegalArgumentException("not a workload event: " + line);
    };
  }
}
