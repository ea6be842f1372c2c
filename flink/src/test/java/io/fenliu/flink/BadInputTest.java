package io.fenliu.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.InvalidValueException;
import io.fenliu.core.ShopId;
import io.fenliu.routing.ShopEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the router job (R25): a redelivered entry, a malformed one (not JSON, not an event, another shop's
 * event, no time and no timestamp) and one for a shop the loader does not know are each side-output with their
 * reason and leave the shop's state as it was — the valid entries around them give exactly what a single process
 * gives for the valid log alone; an entry dated before the watermark is applied and reported late.
 */
// The harness's close() declares Exception (so InterruptedException too): nothing to do about it in a test.
@SuppressWarnings("try")
class BadInputTest {
  @Test
  void badEntriesAreReportedAndChangeNothing() throws Exception {
    Platform p = Platform.generate(11, 1, 60, Duration.ofMinutes(30), 0);
    ShopId shop = p.starts.keySet().iterator().next();
    List<SequencedEvent> log = p.log;
    List<SequencedEvent> fed = new ArrayList<>();
    long t = log.get(10).timestamp();
    for (int i = 0; i < log.size(); i++) {
      fed.add(log.get(i));
      if (i == 10) {
        fed.add(log.get(3));
        fed.add(SequencedEvent.ofJson(shop, log.get(i).sequence() + 1, t, "{not json"));
        fed.add(SequencedEvent.ofJson(shop, log.get(i).sequence() + 1, t, "{\"type\":\"ARRIVED\"}"));
        fed.add(SequencedEvent.ofJson(shop, log.get(i).sequence() + 1, t, io.fenliu.flink.internal.Json.write(
            ShopEvent.timeAdvanced(ShopId.of("elsewhere"), java.time.Instant.ofEpochMilli(t)))));
        fed.add(SequencedEvent.ofJson(shop, log.get(i).sequence() + 1, t,
            "{\"type\":\"ENDED\",\"shop\":\"" + shop.value() + "\",\"consultation\":\"x\"}"));
        fed.add(SequencedEvent.of(1, ShopEvent.timeAdvanced(ShopId.of("nobody"), java.time.Instant.ofEpochMilli(t))));
      }
    }
    try (KeyedOneInputStreamOperatorTestHarness<String, SequencedEvent, RouterOutput> h =
        RouterHarnessPropertyTest.harness(p)) {
      h.open();
      for (SequencedEvent e : fed) {
        if (e.json().startsWith("{\"type\":\"ENDED\"") && e.json().contains("\"x\"")) {
          h.processElement(new StreamRecord<>(e));
        } else {
          h.processElement(new StreamRecord<>(e, e.timestamp()));
        }
      }
      h.processWatermark(new Watermark(Long.MAX_VALUE));
      Platform.Expected got = new Platform.Expected();
      h.extractOutputValues().forEach(o -> assertTrue(got.add(o, false)));
      var refused = h.getSideOutput(RouterJob.REFUSED);
      if (refused != null) {
        refused.forEach(r -> assertTrue(got.add(r.getValue(), true)));
      }
      Platform.Expected expected = p.replay();
      assertEquals(expected.outcomes, got.outcomes);
      assertEquals(expected.refused, got.refused);
      assertEquals(expected.exits, got.exits);

      List<Diagnostic> d = new ArrayList<>();
      h.getSideOutput(RouterJob.DIAGNOSTICS).forEach(r -> d.add(r.getValue()));
      assertEquals(List.of(Diagnostic.Kind.DUPLICATE, Diagnostic.Kind.MALFORMED, Diagnostic.Kind.MALFORMED,
          Diagnostic.Kind.MALFORMED, Diagnostic.Kind.MALFORMED, Diagnostic.Kind.UNKNOWN_SHOP),
          d.stream().map(Diagnostic::kind).toList(), d.toString());
      assertTrue(d.get(1).detail().startsWith("not a valid event"), d.get(1).detail());
      assertTrue(d.get(2).detail().contains("shop"), d.get(2).detail());
      assertTrue(d.get(3).detail().contains("elsewhere"), d.get(3).detail());
      assertTrue(d.get(4).detail().contains("no time"), d.get(4).detail());
    }
  }

  @Test
  void anEntryDatedBeforeTheWatermarkIsAppliedAndReportedLate() throws Exception {
    Platform p = Platform.generate(12, 1, 20, Duration.ofMinutes(30), 0);
    try (KeyedOneInputStreamOperatorTestHarness<String, SequencedEvent, RouterOutput> h =
        RouterHarnessPropertyTest.harness(p)) {
      h.open();
      SequencedEvent first = p.log.get(0);
      h.processWatermark(new Watermark(first.timestamp()));
      h.processElement(new StreamRecord<>(first, first.timestamp()));
      List<Diagnostic> d = new ArrayList<>();
      h.getSideOutput(RouterJob.DIAGNOSTICS).forEach(r -> d.add(r.getValue()));
      assertEquals(Diagnostic.Kind.LATE, d.get(0).kind());
      assertEquals(1, h.extractOutputValues().size(), "applied all the same");
    }
  }

  @Test
  void envelopesRefuseANegativeSequenceAndAnUndatedEvent() {
    ShopId shop = ShopId.of("s");
    InvalidValueException neg = assertThrows(InvalidValueException.class,
        () -> SequencedEvent.ofJson(shop, -1, 0, "{}"));
    assertEquals("sequence", neg.argument());
    InvalidValueException undated = assertThrows(InvalidValueException.class,
        () -> SequencedEvent.of(1, ShopEvent.ended(shop, io.fenliu.core.ConsultationId.of("c"))));
    assertEquals("event", undated.argument());
  }
}
