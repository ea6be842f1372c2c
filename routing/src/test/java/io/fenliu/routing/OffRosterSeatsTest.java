package io.fenliu.routing;

import static io.fenliu.routing.RtFixture.MAIN;
import static io.fenliu.routing.RtFixture.SHOP;
import static io.fenliu.routing.RtFixture.agent;
import static io.fenliu.routing.RtFixture.buyer;
import static io.fenliu.routing.RtFixture.c;
import static io.fenliu.routing.RtFixture.cid;
import static io.fenliu.routing.RtFixture.id;
import static io.fenliu.routing.RtFixture.openNaming;
import static io.fenliu.routing.RtFixture.shop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.core.UnknownIdException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live state across roster changes (R17, R20, R24; Router's class Javadoc: "once removed from the roster, [agents]
 * lose their presence (their open consultations stay open until ended or moved)"; {@link Router#restore} and
 * {@link Router.Builder#liveState}: seats of agents not on the roster are kept, never routed to, freed by end or a
 * moved seat, and found again if the agent rejoins). Written from DOMAIN.md and the public Javadoc only.
 */
@Timeout(value = 3, unit = TimeUnit.SECONDS)
class OffRosterSeatsTest {
  private static final Instant T = RtFixture.T0;

  private static OpenConsultation open(String consultation, String agent) {
    return new OpenConsultation(cid(consultation), buyer(consultation), id(agent), T);
  }

  private static Set<OpenConsultation> asSet(List<OpenConsultation> list) {
    return new HashSet<>(list);
  }

  private static Presence exportedPresence(Router r, String agent) {
    return r.liveState().presence().getOrDefault(id(agent), Presence.OFFLINE);
  }

  /**
   * R20 + Router#removeAccount: an agent removed while holding seats keeps them (counts, the open list and the
   * export agree), loses its presence, is never routed to, refuses presence; end frees its seat once (idempotent),
   * and seat() moves the other to a roster agent, returning the removed agent as the former holder.
   */
  @Test
  void removedAgentKeepsItsSeatsUntilEndedOrMoved() {
    Router r = Router.builder(shop(agent("a", 2), agent("b", 0)), RtFixture.settings().build()).build();
    r.setPresence(id("a"), Presence.ONLINE);
    assertEquals(Optional.of(id("a")), r.route(c("c1")).agent(), "A is the only one online (R17)");
    assertEquals(Optional.of(id("a")), r.route(c("c2")).agent(), "A has a second seat (R20)");

    r.removeAccount(id("a"));
    assertEquals(2, openNaming(r, id("a")), "a removed agent keeps its seats (Router#removeAccount, R20)");
    assertEquals(2, openNaming(r, id("a")), "its consultations stay open (Router#removeAccount)");
    assertEquals(2, r.liveState().open().stream().filter(o -> o.agent().equals(id("a"))).count(),
        "liveState() exports the seats of an agent that left (Router#restore Javadoc)");
    assertEquals(Presence.OFFLINE, exportedPresence(r, "a"), "a removed agent loses its presence (Router Javadoc)");
    LiveState before = r.liveState();
    assertThrows(UnknownIdException.class, () -> r.setPresence(id("a"), Presence.ONLINE),
        "presence for an id the roster does not know is refused (Router#setPresence)");
    assertEquals(before, r.liveState(), "a refused presence change changes nothing");

    RoutingDecision nobody = r.route(c("c3"));
    assertNotEquals(Optional.of(id("a")), nobody.agent(), "an agent off the roster is never routed to (R17)");
    r.setPresence(id("b"), Presence.ONLINE);
    assertEquals(Optional.of(id("b")), r.route(c("c4")).agent(), "B takes new consultations (R17)");

    RoutingDecision again = r.route(c("c1"));
    assertTrue(again.isRepeat(), "routing an open id again returns its outcome as a repeat (R20): " + again);
    assertEquals(2, openNaming(r, id("a")), "a repeat seats nothing twice (R20)");

    EndResult e1 = r.end(cid("c1"));
    assertEquals(EndResult.Outcome.ENDED, e1.outcome(), "ending the removed agent's consultation frees it (R20)");
    assertEquals(Optional.of(id("a")), e1.agent(), "the freed seat was A's");
    assertEquals(EndResult.Outcome.NOT_OPEN, r.end(cid("c1")).outcome(), "ending twice changes nothing (R20)");
    assertEquals(1, openNaming(r, id("a")), "one seat left after one end (R20)");

    int bBefore = r.seatsHeld(id("b"));
    assertEquals(Optional.of(id("a")), r.seat(cid("c2"), buyer("c2"), id("b")),
        "seat() moves the consultation and names the agent that held it (Router#seat)");
    assertEquals(0, openNaming(r, id("a")), "the moved seat leaves the removed agent (R20)");
    assertEquals(bBefore + 1, r.seatsHeld(id("b")), "and lands on B (R20)");
    assertEquals(Optional.of(id("b")), r.openConsultation(cid("c2")).map(OpenConsultation::agent),
        "the open consultation now names B");
    assertEquals(0, openNaming(r, id("a")), "nothing names A any more");
  }

  /**
   * Router.Builder#liveState: a router built from an export that holds seats of an agent off the roster keeps
   * them, never routes to it; when the agent rejoins it finds its seats and starts OFFLINE, and once ONLINE it is
   * at its limit, so a new consultation waits (R20, R22) until one of its own ends.
   */
  @Test
  void routerBuiltFromAnExportKeepsOffRosterSeatsAndHandsThemBackOnRejoin() {
    SubAccount a = agent("a", 3);
    Router first = Router.builder(shop(a, agent("b", 0)), RtFixture.settings().build()).build();
    first.setPresence(id("a"), Presence.ONLINE);
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.of(id("a")), first.route(c("c" + i)).agent(), "A takes c" + i);
    }
    first.removeAccount(id("a"));
    LiveState saved = first.liveState();
    assertEquals(3, saved.open().size(), "the export holds A's three seats");

    Router second = Router.builder(shop(agent("b", 0)), RtFixture.settings().build()).liveState(saved).build();
    assertEquals(3, openNaming(second, id("a")), "the new router keeps the off-roster seats (Builder#liveState)");
    assertEquals(asSet(saved.open()), asSet(second.liveState().open()), "and exports them again unchanged");
    assertEquals(saved, second.liveState(), "a router built from a state exports that state back (LiveState)");

    second.setPresence(id("b"), Presence.ONLINE);
    assertEquals(Optional.of(id("b")), second.route(c("n1")).agent(), "only B is routed to (R17)");
    second.setPresence(id("b"), Presence.OFFLINE);

    second.updateAccount(a);
    assertEquals(3, second.seatsHeld(id("a")), "the rejoined agent finds its seats (Router#restore Javadoc)");
    assertEquals(Presence.OFFLINE, second.presence(id("a")), "a re-added agent starts OFFLINE (Router Javadoc)");
    second.setPresence(id("a"), Presence.ONLINE);
    RoutingDecision waits = second.route(c("n2"));
    assertTrue(waits.isQueued(), "A is ONLINE but at its limit of 3 with its old seats, so n2 waits (R20, R22): "
        + waits);
    EndResult end = second.end(cid("c0"));
    assertEquals(EndResult.Outcome.ENDED, end.outcome(), "A's old consultation ends (R20)");
    assertEquals(1, end.queueExits().size(), "its seat goes to the waiting n2 (R22): " + end);
    assertEquals(Optional.of(id("a")), second.openConsultation(cid("n2")).map(OpenConsultation::agent),
        "n2 is now A's (R22)");
    assertEquals(3, second.seatsHeld(id("a")), "A is full again (R20)");
  }

  /**
   * Router#restore: seats of an agent not on the roster are accepted and counted, restoring the same list again
   * invents no seat, a main-account seat is refused with nothing restored (R17), and an id listed twice too (R20).
   */
  @Test
  void restoreAcceptsOffRosterSeatsIdempotentlyAndRefusesTheMainAccountWholly() {
    Router r = Router.builder(shop(agent("b", 1)), RtFixture.settings().build()).build();
    LiveState empty = r.liveState();
    InvalidValueException main = assertThrows(InvalidValueException.class,
        () -> r.restore(List.of(open("ok", "b"), new OpenConsultation(cid("m"), buyer("m"), MAIN, T))),
        "a seat held by the main account is refused (R17, Router#restore)");
    assertTrue(main.getMessage() != null && !main.getMessage().isBlank(), "with a message");
    assertEquals(empty, r.liveState(), "nothing is restored when one entry is refused (Router#restore)");
    assertEquals(0, r.seatsHeld(id("b")), "not even the valid entry");
    assertThrows(InvalidValueException.class, () -> r.restore(List.of(open("d", "b"), open("d", "ghost"))),
        "an id listed twice is refused (R20)");
    assertEquals(empty, r.liveState(), "nothing is restored");

    List<OpenConsultation> list = List.of(open("g1", "ghost"), open("g2", "ghost"), open("b1", "b"),
        open("b2", "b"));
    RestoreReport report = r.restore(list);
    assertEquals(4, report.restored(), "every open consultation is restored, off-roster ones included (R20)");
    assertEquals(Map.of(id("b"), 2), report.overLimit(), "B holds 2 over its limit of 1 (RestoreReport)");
    assertEquals(2, openNaming(r, id("ghost")), "the off-roster agent holds its two seats");
    RestoreReport again = r.restore(list);
    assertEquals(2, openNaming(r, id("ghost")), "restoring the same list again invents no seat (R20): " + again);
    assertEquals(2, r.seatsHeld(id("b")), "nor for B (R20)");
    assertEquals(4, r.openConsultations().size(), "four open consultations, not eight");

    LiveState before = r.liveState();
    assertThrows(UnknownIdException.class, () -> r.setPresence(id("ghost"), Presence.ONLINE),
        "presence for an agent off the roster is refused (Router#setPresence)");
    assertThrows(UnknownIdException.class, () -> r.seat(cid("new"), buyer("new"), id("ghost")),
        "seat() refuses an agent off the roster (Router#seat)");
    assertThrows(IllegalArgumentException.class, () -> r.seat(cid("new"), buyer("new"), MAIN),
        "seat() refuses the main account (R17, Router#seat)");
    assertEquals(before, r.liveState(), "refused calls change nothing");

    r.end(cid("b1"));
    r.end(cid("b2"));
    r.setPresence(id("b"), Presence.ONLINE);
    assertEquals(Optional.of(id("b")), r.route(c("n")).agent(), "B, free again, is routed to; the ghost never (R17)");
    assertThrows(io.fenliu.core.RuleRefusedException.class, () -> r.seat(cid("g1"), buyer("g1"), id("b")),
        "B is at its limit of 1, so moving g1 onto it is refused (R20, Router#seat)");
    assertEquals(2, openNaming(r, id("ghost")), "the refused move left the ghost's seats alone");
  }

  /**
   * Router#seatsHeld ("How many consultations {@code agent} holds (R20)", no exception documented) for an agent that
   * left the roster while holding seats: the router keeps and exports those seats (Router#removeAccount,
   * Router#restore), so it should count them rather than throw.
   */
  @Test
  void seatsHeldCountsTheSeatsOfAnAgentOffTheRoster() {
    Router r = Router.builder(shop(agent("b", 0)), RtFixture.settings().build()).build();
    r.restore(List.of(open("g1", "ghost"), open("g2", "ghost")));
    assertEquals(2, openNaming(r, id("ghost")), "the open list names the ghost twice");
    assertEquals(2, r.seatsHeld(id("ghost")), "seatsHeld agrees with the open list for an off-roster agent (R20)");
  }

  /**
   * Router#seat: seat() onto a roster agent at its limit is refused and nothing changes (R20); moving an off-roster
   * seat onto a free roster agent works and frees the ghost's seat; and the restored consultation of an agent that
   * rejoins, then moved away, is not counted twice.
   */
  @Test
  void movingAnOffRosterSeatRespectsTheTargetsLimit() {
    Router r = Router.builder(shop(agent("b", 1), agent("c", 0)), RtFixture.settings().build()).build();
    r.restore(List.of(open("g1", "ghost"), open("b1", "b")));
    LiveState before = r.liveState();
    assertThrows(io.fenliu.core.RuleRefusedException.class, () -> r.seat(cid("g1"), buyer("g1"), id("b")),
        "B is at its limit, so the move is refused (R20, Router#seat)");
    assertEquals(before, r.liveState(), "a refused move changes nothing");
    assertEquals(Optional.of(id("ghost")), r.seat(cid("g1"), buyer("g1"), id("c")),
        "C has room: the ghost's seat moves to C (Router#seat)");
    assertEquals(0, openNaming(r, id("ghost")), "the ghost holds nothing now");
    r.updateAccount(agent("ghost", 1));
    assertEquals(0, r.seatsHeld(id("ghost")), "the rejoined agent finds no seat it gave away (R20)");
    assertEquals(2, r.openConsultations().size(), "still two open consultations");
  }

  /**
   * Router.Builder#liveState: presence must name agents on the roster (else UnknownIdException), and a seat held by
   * the main account is refused (R17) — Router.Builder#build throws IllegalArgumentException for both.
   */
  @Test
  void builderRefusesPresenceOffTheRosterAndMainAccountSeats() {
    Shop shop = shop(agent("b", 0));
    LiveState presenceOff = LiveState.of(Map.of(id("ghost"), Presence.ONLINE), Map.of(), List.of(), List.of());
    assertThrows(UnknownIdException.class,
        () -> Router.builder(shop, RtFixture.settings().build()).liveState(presenceOff).build(),
        "presence must name agents on the roster (Builder#liveState)");
    LiveState mainSeat = LiveState.of(Map.of(), Map.of(), List.of(new OpenConsultation(cid("m"), buyer("m"), MAIN, T)),
        List.of());
    assertThrows(IllegalArgumentException.class,
        () -> Router.builder(shop, RtFixture.settings().build()).liveState(mainSeat).build(),
        "a seat held by the main account is refused (R17, Builder#liveState as Router#restore)");
    LiveState ghostSeat = LiveState.of(Map.of(id("b"), Presence.ONLINE), Map.of(), List.of(open("g", "ghost")),
        List.of());
    Router ok = Router.builder(shop, RtFixture.settings().build()).liveState(ghostSeat).build();
    assertEquals(1, openNaming(ok, id("ghost")), "an off-roster seat is accepted (Builder#liveState)");
    assertEquals(Presence.ONLINE, ok.presence(id("b")), "B's presence is taken from the state");
  }

  /**
   * R20, R24 under contention: while A (holding 40 seats) is removed from and re-added to the roster over and
   * over, one thread ends half of its consultations and another moves the other half to B. Every end reports
   * ENDED exactly once, every move names A as the former holder, and at the end A holds nothing and B 20.
   */
  @Test
  void endsAndMovesOfARemovedAgentsSeatsAreNeitherLostNorDoubled() throws InterruptedException {
    SubAccount a = agent("a", 0);
    Router r = Router.builder(shop(a, agent("b", 0)), RtFixture.settings().build()).build();
    List<OpenConsultation> list = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      list.add(open("s" + i, "a"));
    }
    assertEquals(40, r.restore(list).restored(), "40 seats restored");
    AtomicInteger ended = new AtomicInteger();
    AtomicInteger moved = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    AtomicInteger workersLeft = new AtomicInteger(2);
    List<Runnable> workers = new ArrayList<>();
    workers.add(() -> {
      int i = 0;
      while (!done.get()) {
        if (i++ % 2 == 0) {
          r.removeAccount(id("a"));
        } else {
          r.updateAccount(a);
        }
      }
      if (r.shop().subAccount(id("a")).isEmpty()) {
        r.updateAccount(a);
      }
    });
    workers.add(() -> {
      for (int i = 0; i < 40; i += 2) {
        EndResult e = r.end(cid("s" + i));
        assertEquals(EndResult.Outcome.ENDED, e.outcome(), "s" + i + " was open (R20): " + e);
        assertEquals(Optional.of(id("a")), e.agent(), "and A's");
        assertEquals(EndResult.Outcome.NOT_OPEN, r.end(cid("s" + i)).outcome(), "ending again changes nothing");
        ended.incrementAndGet();
      }
      if (workersLeft.decrementAndGet() == 0) {
        done.set(true);
      }
    });
    workers.add(() -> {
      for (int i = 1; i < 40; i += 2) {
        ConsultationId s = cid("s" + i);
        assertEquals(Optional.of(id("a")), r.seat(s, buyer("s" + i), id("b")), "s" + i + " moves from A (R20)");
        moved.incrementAndGet();
      }
      if (workersLeft.decrementAndGet() == 0) {
        done.set(true);
      }
    });
    RtFixture.runTogether(workers);
    assertEquals(20, ended.get(), "20 ended");
    assertEquals(20, moved.get(), "20 moved");
    assertEquals(0, r.seatsHeld(id("a")), "A holds nothing (R20)");
    assertEquals(20, r.seatsHeld(id("b")), "B holds the 20 moved (R20)");
    assertEquals(20, r.openConsultations().size(), "20 open consultations in all");
    assertEquals(Presence.OFFLINE, r.presence(id("a")), "A, re-added, is OFFLINE");
  }

  /**
   * RouterRegistry save-and-reload (RouterSaver, RouterLoader, LoadedShop): the saver receives the seats of an agent
   * removed from the roster; a registry whose loader hands that state back with the reduced roster builds a router
   * that keeps them; {@link RouterRegistry#reload} with a roster that has the agent again hands its seats back and
   * keeps it OFFLINE.
   */
  @Test
  void registrySavesAndReloadsOffRosterSeats() {
    SubAccount a = agent("a", 2);
    SubAccount b = agent("b", 0);
    RoutingSettings settings = RtFixture.settings().build();
    AtomicReference<LiveState> savedBySaver = new AtomicReference<>();
    RouterRegistry first = RouterRegistry.builder(s -> LoadedShop.of(shop(a, b), settings))
        .saver((s, state) -> savedBySaver.set(state)).build();
    first.withRouter(SHOP, r -> {
      r.setPresence(id("a"), Presence.ONLINE);
      r.route(c("c1"));
      r.route(c("c2"));
      r.removeAccount(id("a"));
      return null;
    });
    Optional<LiveState> removed = first.remove(SHOP);
    assertTrue(removed.isPresent(), "the loaded shop is let go");
    assertEquals(removed.get(), savedBySaver.get(), "the saver got the state remove() returns");
    assertEquals(2, savedBySaver.get().open().stream().filter(o -> o.agent().equals(id("a"))).count(),
        "the saved state holds the removed agent's two seats");

    AtomicReference<Shop> roster = new AtomicReference<>(shop(b));
    RouterRegistry second = RouterRegistry.builder(s -> new LoadedShop(roster.get(), settings, savedBySaver.get()))
        .build();
    Router r2 = second.router(SHOP);
    assertEquals(2, openNaming(r2, id("a")), "the rebuilt router keeps the off-roster seats");
    r2.setPresence(id("b"), Presence.ONLINE);
    assertEquals(Optional.of(id("b")), r2.route(c("n1")).agent(), "only B is routed to (R17)");
    assertThrows(UnknownIdException.class,
        () -> second.setPresence(SHOP, Map.of(id("a"), Presence.ONLINE)),
        "presence for an agent off the roster is refused (RouterRegistry#setPresence)");
    assertEquals(Presence.OFFLINE, exportedPresence(r2, "a"), "and nothing changed");

    roster.set(shop(a, b));
    Router reloaded = second.reload(SHOP);
    assertTrue(reloaded == r2, "reload changes the router in place (RouterRegistry#reload)");
    assertEquals(2, reloaded.seatsHeld(id("a")), "A rejoins and finds its two seats");
    assertEquals(Presence.OFFLINE, reloaded.presence(id("a")), "A starts OFFLINE");
    reloaded.setPresence(id("a"), Presence.ONLINE);
    reloaded.setPresence(id("b"), Presence.OFFLINE);
    assertTrue(reloaded.route(c("n2")).isQueued(), "A is at its limit of 2 with its old seats: n2 waits (R22)");
    assertFalse(reloaded.openConsultation(cid("n2")).isPresent(), "n2 is not seated");
  }
}
