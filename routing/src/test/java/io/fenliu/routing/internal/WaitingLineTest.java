package io.fenliu.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * R22's queue as the router keeps it, against a plain list: the line is arrival order, the next to expire is the
 * earliest waiting-since (ties by arrival order), and the count of those due is exact — under random adds whose
 * waiting-since mostly moves forward but sometimes goes back (a stated arrival older than the ones before it),
 * and random withdrawals from anywhere in the line. Some consultations carry a recent contact with one of three
 * agents, within or outside R21's window; each agent's first such consultation is checked against the model too,
 * including after the window changes (a new layout).
 */
class WaitingLineTest {
  /** Examples per property; the PIT profile lowers it (-Dfenliu.rt.examples) to keep mutation testing bounded. */
  private static final int EXAMPLES = Integer.getInteger("fenliu.rt.examples", 200);
  private static final AccountId[] AGENTS = {AccountId.of("x"), AccountId.of("y"), AccountId.of("z")};

  /** {@code contact}: the agent's index, or -1; {@code contactAge}: how long before the arrival, in ms. */
  private record Entry(ConsultationId id, long since, long order, int contact, long contactAge) {}

  private static final Comparator<Entry> DEADLINES =
      Comparator.comparingLong(Entry::since).thenComparingLong(Entry::order);

  @Test
  void r22_theLineAndItsDeadlinesAgreeWithAPlainListUnderRandomChanges() {
    qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      WaitingLine line = new WaitingLine();
      long window = 300;
      line.reindex(Duration.ofMillis(window));
      List<Entry> model = new ArrayList<>();
      long clock = 1_000;
      int backwards = r.nextInt(4); // 0: always forward; else one in 2, 4 or 8 goes back
      for (int step = 0, next = 0; step < 400; step++) {
        if (model.isEmpty() || r.nextInt(3) != 0) {
          clock += r.nextInt(3); // equal waiting-since times are common
          long since = backwards != 0 && r.nextInt(1 << backwards) == 0 ? clock - r.nextInt(500) : clock;
          ConsultationId id = ConsultationId.of("c" + next);
          Consultation c = Consultation.of(id, BuyerId.of("b" + next), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);
          int contact = r.nextInt(4) - 1;
          long age = r.nextInt(600);
          if (contact >= 0) {
            c = c.withRecentContact(AGENTS[contact], Instant.ofEpochMilli(since - age));
          }
          model.add(new Entry(id, since, next++, contact, age));
          assertEquals(model.size(), line.add(c, since, Instant.ofEpochMilli(since)), "position of the newcomer");
        } else {
          Entry gone = model.remove(r.nextInt(model.size()));
          WaitingLine.Waiting w = line.remove(gone.id());
          assertSame(gone.id(), w.consultation.id());
          assertNull(w.previous, "a withdrawn entry keeps no link");
          assertNull(w.next);
          assertNull(w.earlier);
          assertNull(w.later);
          assertEquals(-1, w.slot);
          assertNull(line.remove(gone.id()), "a second withdrawal finds nothing");
        }
        if (step == 200) {
          window = r.nextInt(600);
          line.reindex(Duration.ofMillis(window));
        }
        check(line, model, clock - r.nextInt(600), window);
      }
      while (!model.isEmpty()) {
        Entry first = model.stream().min(DEADLINES).orElseThrow();
        assertSame(first.id(), line.longestWaiting().consultation.id());
        model.remove(first);
        line.remove(first.id());
        check(line, model, clock, window);
      }
      if (backwards == 0) {
        assertEquals(0, line.outOfOrder(), "arrivals in deadline order never reach the heap");
      }
    });
  }

  @Test
  void r22_aWithdrawalFromTheMiddleOfTheHeapKeepsTheDeadlinesInOrder() {
    WaitingLine line = new WaitingLine();
    long[] since = {100, 1, 10, 2, 11, 12, 3, 4}; // after the first, each arrives before it: all in the heap
    for (int i = 0; i < since.length; i++) {
      line.add(consultation(i), since[i], Instant.ofEpochMilli(since[i]));
    }
    assertEquals(since.length - 1, line.outOfOrder());
    line.remove(ConsultationId.of("c4")); // 11 leaves; the heap's last (4) lands under 10 and must rise
    long[] expected = {1, 2, 3, 4, 10, 12, 100};
    for (long e : expected) {
      WaitingLine.Waiting w = line.longestWaiting();
      assertEquals(e, w.sinceMillis);
      line.remove(w.consultation.id());
    }
    assertNull(line.longestWaiting());
    assertThrows(NoSuchElementException.class, () -> line.iterator().next());
  }

  private static Consultation consultation(int i) {
    return Consultation.of(ConsultationId.of("c" + i), BuyerId.of("b" + i), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);
  }

  private static void check(WaitingLine line, List<Entry> model, long dueSince, long window) {
    for (int a = 0; a < AGENTS.length; a++) {
      int agent = a;
      Entry first = model.stream().filter(e -> e.contact() == agent && window > 0 && e.contactAge() <= window)
          .findFirst().orElse(null);
      WaitingLine.Waiting w = line.firstFor(AGENTS[a]);
      assertEquals(first == null ? null : first.id(), w == null ? null : w.consultation.id(),
          "the first waiting consultation with a contact with " + AGENTS[a] + " within " + window + " ms");
    }
    assertEquals(model.size(), line.size());
    assertEquals(model.isEmpty(), line.isEmpty());
    if (model.isEmpty()) {
      assertNull(line.head());
      assertNull(line.longestWaiting());
      assertEquals(0, line.countSinceAtMost(Long.MAX_VALUE));
      return;
    }
    assertSame(model.get(0).id(), line.head().consultation.id(), "the head is the first to arrive");
    assertSame(model.stream().min(DEADLINES).orElseThrow().id(), line.longestWaiting().consultation.id(),
        "the next to expire waited longest, ties by arrival");
    assertEquals(model.stream().filter(e -> e.since() <= dueSince).count(), line.countSinceAtMost(dueSince),
        "those due by " + dueSince);
    Iterator<WaitingLine.Waiting> it = line.iterator();
    for (int i = 0; i < model.size(); i++) {
      assertSame(model.get(i).id(), it.next().consultation.id(), "arrival order at " + i);
    }
    assertEquals(false, it.hasNext());
    for (int probe : new int[] {0, model.size() / 2, model.size() - 1}) {
      assertEquals(probe + 1, line.position(model.get(probe).id()));
    }
    assertEquals(0, line.position(ConsultationId.of("never")));
  }
}
