package io.fenliu.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Bounded stress: routing threads race a thread that rotates presence and rewrites settings. Exactly one of
 * M agents is "current" per phase; moving to the next phase brings the next agent online before taking the
 * current one offline. A decision begun after phase p was published may see later phases, never earlier
 * ones: its agent must be within [p, p_after + 1].
 */
class RouterConcurrencyTest {
  private static final int AGENTS = 8;
  private static final int PHASES = 20_000;

  @Test
  void routingNeverFailsNorSeesAStateOlderThanTheLastCompletedChange() throws Exception {
    List<SubAccount> subs = new ArrayList<>();
    AgentGroup.Builder group = AgentGroup.builder("all").boundTo(OrderStatus.values());
    for (int i = 0; i < AGENTS; i++) {
      AccountId id = AccountId.of("agent-" + i);
      subs.add(SubAccount.builder(id, "agent " + i).exclusiveAgent().build());
      group.member(id, 1 + i * 100);
    }
    Shop shop = Shop.of(ShopId.of("s"), "s", new MainAccount(AccountId.of("m"), "m"), subs);
    RoutingSettings advanced = RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(group.build()).build();
    RoutingSettings otherWindow = advanced.toBuilder().recentAgentWindow(Duration.ofHours(1)).build();
    Router router = Router.builder(shop, advanced).build();
    router.setPresence(subs.get(0).id(), Presence.ONLINE);

    AtomicLong phase = new AtomicLong();
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger decisions = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread reader = new Thread(() -> {
        Consultation c = Consultation.of(ConsultationId.of("c-b"), BuyerId.of("b"), EntryPage.SHOP_HOME, OrderStatus.SHIPPED);
        awaitQuietly(start);
        while (phase.get() < PHASES && failures.isEmpty()) {
          try {
            long before = phase.get();
            RoutingDecision d = TestShop.route(router, c);
            long after = phase.get();
            decisions.incrementAndGet();
            if (!d.isAssigned()) {
              failures.add("unassigned at phase " + before + ": " + d);
              continue;
            }
            int agent = Integer.parseInt(d.agent().get().value().substring("agent-".length()));
            if (after + 1 - before < AGENTS - 1 && !withinPhases(agent, before, after + 1)) {
              failures.add("agent " + agent + " chosen between phases " + before + " and " + after);
            }
          } catch (RuntimeException e) {
            failures.add(e.toString());
          }
        }
      }, "router-" + t);
      reader.start();
      readers.add(reader);
    }
    start.countDown();
    for (int p = 1; p <= PHASES && failures.isEmpty(); p++) {
      router.setPresence(subs.get(p % AGENTS).id(), Presence.ONLINE);
      router.setPresence(subs.get((p - 1) % AGENTS).id(), Presence.OFFLINE);
      if (p % 1_000 == 0) {
        router.updateSettings(p % 2_000 == 0 ? advanced : otherWindow);
      }
      phase.set(p);
      RoutingDecision mine = TestShop.route(router, Consultation.of(ConsultationId.of("c-w"), BuyerId.of("w"), EntryPage.SHOP_HOME, OrderStatus.UNPAID));
      if (!mine.agent().orElseThrow().equals(subs.get(p % AGENTS).id())) {
        failures.add("after phase " + p + " returned, the writer itself saw " + mine);
      }
    }
    for (Thread r : readers) {
      r.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertEquals(List.of(), new ArrayList<>(failures));
    assertTrue(decisions.get() > 0, "the readers routed");
  }

  private static boolean withinPhases(int agent, long from, long to) {
    for (long p = from; p <= to; p++) {
      if (p % AGENTS == agent) {
        return true;
      }
    }
    return false;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
