package io.fenliu.routing;

import static io.fenliu.routing.RegistryFixture.X;
import static io.fenliu.routing.RegistryFixture.consultation;
import static io.fenliu.routing.RegistryFixture.roster;
import static io.fenliu.routing.RegistryFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.Presence;
import io.fenliu.core.ShopId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a queue exit tells the host (R22, R25): the consultation, its buyer, the decision, how long it waited and
 * when it left — the seat's time when seated, the deadline when it expired, however late the expiry ran.
 */
class QueueExitTest {
  private static final ShopId SHOP = shop(0);
  private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

  private static Router oneSeat(Duration maxWait) {
    Router r = Router.builder(roster(SHOP, 1), RoutingSettings.builder().maxQueueWait(maxWait).build()).seed(1)
        .build();
    r.setPresence(X, Presence.ONLINE, T);
    r.apply(ShopEvent.arrived(SHOP, consultation("seated").arrivedAt(T)));
    r.apply(ShopEvent.arrived(SHOP, consultation("waiting").arrivedAt(T.plusSeconds(5))));
    return r;
  }

  @Test
  void r22_aSeatedExitNamesTheBuyerAndTheSeatsTime() {
    Router r = oneSeat(Duration.ofMinutes(10));
    Instant freed = T.plusSeconds(65);
    List<QueueExit> exits = r.apply(ShopEvent.ended(SHOP, ConsultationId.of("seated")).at(freed)).exits();
    assertEquals(1, exits.size());
    QueueExit e = exits.get(0);
    assertEquals(ConsultationId.of("waiting"), e.consultation());
    assertEquals(BuyerId.of("buyer-waiting"), e.buyer());
    assertEquals(freed, e.at(), "seated when the seat freed");
    assertEquals(Duration.ofSeconds(60), e.waited());
    assertEquals(e.at(), T.plusSeconds(5).plus(e.waited()), "left = waiting since + waited");
    assertEquals(X, e.decision().agent().orElseThrow());
    assertEquals(java.util.Optional.of(freed), e.seatedAt(), "the seat's time, as the open consultation keeps it");
    assertEquals(freed, r.openConsultations().stream().filter(o -> o.id().equals(e.consultation())).findFirst()
        .orElseThrow().seatedAt());
  }

  @Test
  void r25_anExpiredExitLeftAtItsDeadlineHoweverLateTheExpiryRan() {
    Instant deadline = T.plusSeconds(5).plus(Duration.ofMinutes(10));
    for (Duration late : List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(3))) {
      Router r = oneSeat(Duration.ofMinutes(10));
      List<QueueExit> exits = r.apply(ShopEvent.timeAdvanced(SHOP, deadline.plus(late))).exits();
      assertEquals(1, exits.size(), "expired, " + late + " late");
      QueueExit e = exits.get(0);
      assertEquals(deadline, e.at(), "left at its deadline, " + late + " late");
      assertEquals(Duration.ofMinutes(10), e.waited());
      assertEquals(BuyerId.of("buyer-waiting"), e.buyer());
      assertEquals(java.util.Optional.empty(), e.seatedAt(), "an expired consultation took no seat");
    }
  }

  @Test
  void valueEqualityCoversEveryPart() {
    RoutingDecision d = RoutingDecision.of(java.util.Optional.empty(), RoutingStep.NO_AGENT, "nobody");
    QueueExit a = QueueExit.of(ConsultationId.of("c"), BuyerId.of("b"), d, Duration.ofSeconds(1), T);
    assertEquals(a, QueueExit.of(ConsultationId.of("c"), BuyerId.of("b"), d, Duration.ofSeconds(1), T));
    assertEquals(a.hashCode(), QueueExit.of(ConsultationId.of("c"), BuyerId.of("b"), d, Duration.ofSeconds(1), T)
        .hashCode());
    assertNotEquals(a, QueueExit.of(ConsultationId.of("c"), BuyerId.of("other"), d, Duration.ofSeconds(1), T));
    assertNotEquals(a, QueueExit.of(ConsultationId.of("c"), BuyerId.of("b"), d, Duration.ofSeconds(1), T.plusMillis(1)));
  }
}
