package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.SHOP;
import static io.fenliu.routing.RtFixture.T0;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.buyer;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.settings;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Presence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * R25: what applying each kind of event says it did — the one outcome its kind has (a decision, an end, the seat's
 * previous agent, a restore's report), whether it changed anything, the queue exits, a refusal with its rule — and
 * that outcomes are values: a replay of the same log from the same start gives equal ones, and a different outcome
 * is unequal. Written from {@link Applied}'s Javadoc.
 */
class EventOutcomesTest {
  private static final AccountId A = id("a");
  private static final AccountId B = id("b");

  private static Router router() {
    return Router.builder(shop(agent("a", 1), agent("b", 1)), settings().maxQueueWait(Duration.ofMinutes(5)).build())
        .seed(11L).build();
  }

  /** A log that uses every kind of event once or more, dated. */
  private static List<ShopEvent> log() {
    List<ShopEvent> log = new ArrayList<>();
    log.add(ShopEvent.presenceChanged(SHOP, A, Presence.ONLINE).at(T0));
    log.add(ShopEvent.arrived(SHOP, c("x").arrivedAt(T0.plusSeconds(1))));
    log.add(ShopEvent.arrived(SHOP, c("y").arrivedAt(T0.plusSeconds(2))));
    log.add(ShopEvent.arrived(SHOP, c("x").arrivedAt(T0.plusSeconds(3))));
    log.add(ShopEvent.seatedByHost(SHOP, cid("z"), buyer("z"), B).at(T0.plusSeconds(4)));
    log.add(ShopEvent.ended(SHOP, cid("x")).at(T0.plusSeconds(5)));
    log.add(ShopEvent.withdrawn(SHOP, cid("nobody")).at(T0.plusSeconds(6)));
    log.add(ShopEvent.restored(SHOP, List.of(new OpenConsultation(cid("r"), buyer("r"), B, T0))).at(T0.plusSeconds(7)));
    log.add(ShopEvent.accountChanged(SHOP, agent("b", 3)).at(T0.plusSeconds(8)));
    log.add(ShopEvent.settingsChanged(SHOP, settings("a").maxQueueWait(Duration.ofMinutes(5)).build())
        .at(T0.plusSeconds(9)));
    log.add(ShopEvent.accountRemoved(SHOP, id("nobody")).at(T0.plusSeconds(10)));
    log.add(ShopEvent.timeAdvanced(SHOP, T0.plusSeconds(11)));
    return log;
  }

  @Test
  void eachKindOfEventReportsTheOutcomeOfItsKind() {
    Router r = router();
    List<Applied> out = new ArrayList<>();
    for (ShopEvent e : log()) {
      out.add(r.apply(e));
    }
    Applied online = out.get(0);
    assertTrue(online.changed());
    assertTrue(online.decision().isEmpty() && online.end().isEmpty() && online.restore().isEmpty()
        && online.previousAgent().isEmpty() && online.refusal().isEmpty());

    Applied routed = out.get(1);
    assertEquals(Optional.of(A), routed.decision().orElseThrow().agent(), "R19: the arrival's decision");
    assertTrue(routed.changed(), "a new decision changes the shop");
    assertEquals(log().get(1), routed.event(), "the event as applied, its time as stated");

    Applied queued = out.get(2);
    assertEquals(RoutingStep.QUEUED, queued.decision().orElseThrow().step(), "R22: a is full, b is offline");

    Applied repeat = out.get(3);
    assertTrue(repeat.decision().orElseThrow().isRepeat());
    assertFalse(repeat.changed(), "a repeat changes nothing (R20)");

    Applied seated = out.get(4);
    assertTrue(seated.previousAgent().isEmpty(), "z held no seat before");
    assertTrue(seated.changed());
    assertTrue(seated.decision().isEmpty());

    Applied ended = out.get(5);
    assertEquals(EndResult.Outcome.ENDED, ended.end().orElseThrow().outcome());
    assertTrue(ended.changed());
    assertEquals(List.of(cid("y")), ended.exits().stream().map(QueueExit::consultation).toList(),
        "R22: the freed seat takes the waiting consultation, reported with the end");

    Applied noWithdrawal = out.get(6);
    assertFalse(noWithdrawal.changed(), "withdrawing a consultation that was not waiting changes nothing");
    assertTrue(noWithdrawal.refusal().isEmpty());

    Applied restored = out.get(7);
    assertEquals(Map.of(B, 2), restored.restore().orElseThrow().overLimit(),
        "R20: b holds z, and the restore gives it r over its limit of 1");
    assertTrue(restored.changed());

    assertTrue(out.get(8).changed() && out.get(9).changed(), "roster and settings changes change the shop");
    assertEquals(List.of(A), r.settings().offlineReceivers().stream().toList(), "the settings event installed");
    assertEquals(3, r.shop().subAccount(B).orElseThrow().concurrentLimit().orElseThrow(), "the roster event too");

    Applied unknown = out.get(10);
    Applied.Refusal why = unknown.refusal().orElseThrow(() -> new AssertionError("an unknown agent is refused"));
    assertFalse(unknown.changed());
    assertTrue(why.message().contains("nobody"), why.message());

    Applied tick = out.get(11);
    assertFalse(tick.changed(), "time passing with nothing due changes nothing");
    assertTrue(tick.exits().isEmpty());
  }

  @Test
  void aRefusalNamesItsRuleAndMessageAndLetsItsTimePass() {
    Router r = router();
    r.apply(ShopEvent.presenceChanged(SHOP, A, Presence.ONLINE).at(T0));
    r.apply(ShopEvent.arrived(SHOP, c("x").arrivedAt(T0)));
    r.apply(ShopEvent.arrived(SHOP, c("w").arrivedAt(T0)));
    assertEquals(1, r.queueLength());
    Applied full = r.apply(ShopEvent.seatedByHost(SHOP, cid("m"), buyer("m"), A).at(T0.plusSeconds(400)));
    Applied.Refusal refusal = full.refusal().orElseThrow();
    assertEquals(Optional.of("R20"), refusal.rule(), "a seat over the agent's limit");
    assertFalse(refusal.message().isBlank());
    assertFalse(full.changed());
    assertEquals(List.of(cid("w")), full.exits().stream().map(QueueExit::consultation).toList(),
        "R22: w fell due before the refused event's time, and left the queue");
    assertTrue(full.previousAgent().isEmpty() && full.decision().isEmpty());
    assertEquals("R20: " + refusal.message(), refusal.toString());
    assertEquals(Applied.Refusal.of("R20", refusal.message()), refusal);
    assertEquals(Applied.Refusal.of("R20", refusal.message()).hashCode(), refusal.hashCode());
    assertNotEquals(Applied.Refusal.of("R17", refusal.message()), refusal);
    assertNotEquals(Applied.Refusal.of("R20", "other"), refusal);
    assertTrue(Applied.Refusal.of(null, "no rule").rule().isEmpty());
  }

  @Test
  void outcomesAreValuesThatAReplayReproduces() {
    Router first = router();
    Router second = router();
    for (ShopEvent e : log()) {
      Applied a = first.apply(e);
      Applied b = second.apply(e);
      assertEquals(a, b, "R25: the same log from the same start");
      assertEquals(a.hashCode(), b.hashCode());
      assertEquals(a.toString(), b.toString());
    }
    Router other = router();
    Applied one = other.apply(ShopEvent.presenceChanged(SHOP, A, Presence.ONLINE).at(T0));
    Applied two = other.apply(ShopEvent.presenceChanged(SHOP, A, Presence.ONLINE).at(T0.plusSeconds(1)));
    assertNotEquals(one, two, "another event, another outcome");
    Applied stale = other.apply(ShopEvent.presenceChanged(SHOP, A, Presence.OFFLINE).at(T0));
    assertFalse(stale.changed(), "R21: an older dated change is ignored");
    assertNotEquals(stale, other.apply(ShopEvent.presenceChanged(SHOP, A, Presence.OFFLINE).at(T0.plusSeconds(2))),
        "changed or not: unequal");
  }

  @Test
  void aSeatByTheHostReportsTheAgentItMovedFrom() {
    Router r = router();
    r.apply(ShopEvent.presenceChanged(SHOP, A, Presence.ONLINE).at(T0));
    r.apply(ShopEvent.arrived(SHOP, c("x").arrivedAt(T0)));
    Applied moved = r.apply(ShopEvent.seatedByHost(SHOP, cid("x"), buyer("x"), B).at(T0.plusSeconds(1)));
    assertEquals(Optional.of(A), moved.previousAgent());
    assertTrue(moved.changed());
    Applied same = r.apply(ShopEvent.seatedByHost(SHOP, cid("x"), buyer("x"), B).at(T0.plusSeconds(2)));
    assertEquals(Optional.of(B), same.previousAgent());
    assertFalse(same.changed(), "seated where it already was");
  }

  @Test
  void anEventOfAnotherShopIsThrownNotReturned() {
    Router r = router();
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> r.apply(ShopEvent.timeAdvanced(io.fenliu.core.ShopId.of("elsewhere"), T0)));
    assertTrue(e.getMessage().contains("R25"), e.getMessage());
  }

  @Test
  void aRouterKnowsTheSeedItWasBuiltWith() {
    assertEquals(11L, router().seed(), "the seed a replay needs (R25)");
  }
}
