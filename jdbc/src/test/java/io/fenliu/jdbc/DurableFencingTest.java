package io.fenliu.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.ShopId;
import io.fenliu.routing.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Fencing (R26) with real processes on one PostgreSQL: process A owns two shops and routes; it is paused with
 * SIGSTOP (a GC pause, a partition); process B takes both shops and routes; A is resumed. Every write A tries after
 * B took a shop is refused — A learns it by a {@link ShopFencedException} and stops — and the database holds exactly
 * A's events up to B's take and B's after it: no seat doubled, no agent over its limit.
 */
class DurableFencingTest {
  @Test
  void aPausedOwnerResumesFencedAndNeverDoublesASeat() {
    DataSource db = Databases.postgresShared();
    String url = Databases.server().getJdbcUrl("postgres", "postgres");
    List<ShopId> shops = List.of(DurableRouterTest.newShop("fence-a"), DurableRouterTest.newShop("fence-b"));
    List<Router> references = new ArrayList<>();
    for (ShopId id : shops) {
      DurableRouter.builder(db, id).createIfAbsent(DurableWorkload.roster(id), DurableWorkload.settings()).seed(5)
          .take();
      references.add(Router.builder(DurableWorkload.roster(id), DurableWorkload.settings()).seed(5).build());
    }
    // A stalled in a transaction holds its shop's row; the server ends such a session after a second, so that B's
    // take can go on (docs/OPERATIONS.md: idle_in_transaction_session_timeout).
    String stallable = url + "&options=-c%20idle_in_transaction_session_timeout%3D1000";
    List<String> args = new ArrayList<>(List.of("", "", "", "", "false"));
    shops.forEach(s -> args.add(s.value()));
    try (ChildJvm a = ChildJvm.start(with(args, stallable, "1", "A", "0"))) {
      assertTrue(a.await(l -> l.startsWith("C "), 60, Duration.ofSeconds(90)), () -> "A: " + a.lines());
      a.signal("STOP");
      try (ChildJvm taker = ChildJvm.start(with(args, url, "2", "B", "150"))) {
        assertTrue(taker.await("DONE"::equals, 1, Duration.ofSeconds(90)), () -> "B: " + taker.lines());
        a.signal("CONT");
        assertEquals(3, a.waitFor(Duration.ofSeconds(60)), () -> "A exits fenced: " + a.lines());
        List<String> fromA = a.lines();
        List<String> fromB = taker.lines();
        assertTrue(fromA.stream().anyMatch(l -> l.startsWith("FENCED ")), "A learnt it was fenced: " + fromA);
        for (int k = 0; k < shops.size(); k++) {
          long taken = takenAt(fromB, k);
          for (String line : fromA) {
            if (line.startsWith("C " + k + " ")) {
              long seq = Long.parseLong(line.split(" ", -1)[2]);
              assertTrue(seq <= taken, "A committed seq " + seq + " of shop " + k + " after B took it at " + taken);
            }
          }
          Map<Long, String> events = new HashMap<>();
          record(fromA, k, events, taken, true);
          record(fromB, k, events, taken, false);
          long replayed = DurableCrashTest.verify(db, shops.get(k), references.get(k), events, 0);
          assertTrue(replayed > taken, "B committed after its take");
          for (AccountId agent : DurableWorkload.AGENTS) {
            assertTrue(references.get(k).seatsHeld(agent) <= DurableWorkload.LIMIT, "no agent over its limit");
          }
        }
      }
    }
  }

  private static List<String> with(List<String> args, String url, String seed, String prefix, String max) {
    List<String> a = new ArrayList<>(args);
    a.set(0, url);
    a.set(1, seed);
    a.set(2, prefix);
    a.set(3, max);
    return a;
  }

  private static long takenAt(List<String> lines, int shop) {
    for (String line : lines) {
      String[] f = line.split(" ", -1);
      if (f[0].equals("TAKEN") && Integer.parseInt(f[1]) == shop) {
        return Long.parseLong(f[3]);
      }
    }
    throw new AssertionError("B never took shop " + shop + ": " + lines);
  }

  /** The events of shop {@code k} a child announced: A's up to B's take, B's after it. */
  private static void record(List<String> lines, int k, Map<Long, String> events, long taken, boolean before) {
    for (String line : lines) {
      if (line.startsWith("E " + k + " ")) {
        String[] f = line.split(" ", 4);
        long seq = Long.parseLong(f[2]);
        if (before == (seq <= taken)) {
          events.put(seq, f[3]);
        }
      }
    }
  }
}
