package io.fenliu.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * R22's queue as the router keeps it, against a plain list: the line is arrival order, the next to expire is the
 * earliest waiting-since (ties by arrival order), and the count of those due is exact — under random adds whose
 * waiting-since mostly moves forward but sometimes goes back (a stated arrival older than the ones before it),
 * and random withdrawals from anywhere in the line.
 */
class WaitingLineTest {
  private record Entry(ConsultationId id, long since, long order) {}

  private static final Comparator<Entry> DEADLINES =
      Comparator.comparingLong(Entry::since).thenComparingLong(Entry::order);

  @Test
  void r22_theLineAndItsDeadlinesAgreeWithAPlainListUnderRandomChanges() {
    qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      WaitingLine line = new WaitingLine();
      List<Entry> model = new ArrayList<>();
      long clock = 1_000;
      int backwards = r.nextInt(4); // 0: always forward; else one in 2, 4 or 8 goes back
      for (int step = 0, next = 0; step < 400; step++) {
        if (model.isEmpty() || r.nextInt(3) != 0) {
          clock += r.nextInt(3); // equal waiting-since times are common
          long since = backwards != 0 && r.nextInt(1 << backwards) == 0 ? clock - r.nextInt(500) : clock;
          ConsultationId id = ConsultationId.of("c" + next);
          Consultation c = Consultation.of(id, BuyerId.of("b" + next), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);
          model.add(new Entry(id, since, next++));
          assertEquals(model.size(), line.add(c, since, Instant.ofEpochMilli(since)), "position of the newcomer");
        } else {
          Entry gone = model.remove(r.nextInt(model.size()));
          assertSame(gone.id(), line.remove(gone.id()).consultation.id());
          assertNull(line.remove(gone.id()), "a second withdrawal finds nothing");
        }
        check(line, model, clock - r.nextInt(600));
      }
      while (!model.isEmpty()) {
        Entry first = model.stream().min(DEADLINES).orElseThrow();
        assertSame(first.id(), line.longestWaiting().consultation.id());
        model.remove(first);
        line.remove(first.id());
        check(line, model, clock);
      }
    });
  }

  private static void check(WaitingLine line, List<Entry> model, long dueSince) {
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
    int probe = model.size() / 2;
    assertEquals(probe + 1, line.position(model.get(probe).id()));
    assertEquals(0, line.position(ConsultationId.of("never")));
  }
}
