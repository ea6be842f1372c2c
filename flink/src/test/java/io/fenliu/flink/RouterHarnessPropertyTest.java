package io.fenliu.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * R22, R25 through Flink's operator: random per-shop logs, applied by the router operator with watermarks placed at
 * random (each one legal: below every timestamp still to come), snapshotted at a random point with its pending
 * deadline timers and restored into a fresh operator, which also receives again the entries just before the
 * snapshot (a source replaying) — the messages, deduplicated as the consumer does, are exactly those of a single
 * process applying each shop's log to {@code Router.apply}, and the replayed entries are dropped as duplicates.
 */
// The harness's close() declares Exception (so InterruptedException too): nothing to do about it in a test.
@SuppressWarnings("try")
class RouterHarnessPropertyTest {
  private static final int TRIALS = 20;

  @Test
  void restoredOperatorWithRandomWatermarksSendsWhatASingleProcessReplaySends() throws Exception {
    int snapshotsWithTimers = 0;
    int withExpiries = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
      long seed = 0x5EED_0000L + trial;
      SplittableRandom rnd = new SplittableRandom(seed);
      Platform p = Platform.generate(seed, 1 + rnd.nextInt(4), 20 + rnd.nextInt(80),
          Duration.ofMinutes(5 + rnd.nextInt(60)), rnd.nextInt(2) == 0 ? 0 : 7);
      Platform.Expected expected = p.replay();
      List<SequencedEvent> log = p.log;
      int cut = rnd.nextInt(log.size() + 1);

      Platform.Expected got = new Platform.Expected();
      List<Diagnostic> diagnostics = new ArrayList<>();
      long watermark = Long.MIN_VALUE;
      OperatorSubtaskState snapshot;
      try (KeyedOneInputStreamOperatorTestHarness<String, SequencedEvent, RouterOutput> h = harness(p)) {
        h.open();
        for (int i = 0; i < cut; i++) {
          watermark = maybeWatermark(h, rnd, watermark, log.get(i).timestamp());
          h.processElement(new StreamRecord<>(log.get(i), log.get(i).timestamp()));
        }
        if (h.numEventTimeTimers() > 0) {
          snapshotsWithTimers++;
        }
        snapshot = h.snapshot(1, 1);
        collect(h, got, diagnostics, seed);
      }
      try (KeyedOneInputStreamOperatorTestHarness<String, SequencedEvent, RouterOutput> h = harness(p)) {
        h.initializeState(snapshot);
        h.open();
        h.processWatermark(new Watermark(watermark));
        int replayFrom = Math.max(0, cut - rnd.nextInt(5));
        for (int i = replayFrom; i < log.size(); i++) {
          if (i >= cut) {
            watermark = maybeWatermark(h, rnd, watermark, log.get(i).timestamp());
          }
          h.processElement(new StreamRecord<>(log.get(i), log.get(i).timestamp()));
        }
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        collect(h, got, diagnostics, seed);
        int replayed = cut - replayFrom;
        int duplicatesInLog = log.size() - (int) log.stream().distinct().count();
        assertEquals(replayed + duplicatesInLog,
            diagnostics.stream().filter(d -> d.kind() == Diagnostic.Kind.DUPLICATE).count(),
            "seed " + seed + ": every entry delivered again is dropped and reported once");
      }
      assertTrue(diagnostics.stream().allMatch(d -> d.kind() == Diagnostic.Kind.DUPLICATE), "seed " + seed + ": "
          + diagnostics);
      assertEquals(expected.outcomes, got.outcomes, "seed " + seed + ": outcomes" + diff(expected.outcomes, got.outcomes));
      assertEquals(expected.refused, got.refused, "seed " + seed + ": refused");
      assertEquals(expected.exits, got.exits, "seed " + seed + ": queue exits");
      if (!expected.exits.isEmpty()) {
        withExpiries++;
      }
    }
    // The property is only as good as its cases: some snapshots must hold pending deadline timers, and some logs
    // must make consultations leave the queue.
    assertTrue(snapshotsWithTimers >= 3, "snapshots with pending timers: " + snapshotsWithTimers);
    assertTrue(withExpiries >= TRIALS / 2, "logs with queue exits: " + withExpiries);
  }

  static String diff(java.util.Map<String, String> a, java.util.Map<String, String> b) {
    StringBuilder sb = new StringBuilder();
    java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      if (!java.util.Objects.equals(a.get(k), b.get(k))) {
        sb.append("\n").append(k).append("\n  expected ").append(a.get(k)).append("\n  got      ").append(b.get(k));
      }
    }
    return sb.toString();
  }

  static KeyedOneInputStreamOperatorTestHarness<String, SequencedEvent, RouterOutput> harness(Platform p)
      throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, SequencedEvent, RouterOutput> h =
        new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(RouterJob.function(p.loader())),
            RouterJob::key, Types.STRING);
    ((org.apache.flink.api.common.serialization.SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig())
        .setGenericTypes(false);
    return h;
  }

  /** Sometimes a watermark: monotone, and below the next timestamp, so no later entry is late. */
  private static long maybeWatermark(KeyedOneInputStreamOperatorTestHarness<String, SequencedEvent, RouterOutput> h,
      SplittableRandom rnd, long current, long nextTimestamp) throws Exception {
    if (rnd.nextInt(3) != 0 || nextTimestamp - 1 <= current) {
      return current;
    }
    long low = current == Long.MIN_VALUE ? nextTimestamp - 3_600_000 : current;
    long w = low >= nextTimestamp - 1 ? nextTimestamp - 1 : rnd.nextLong(low, nextTimestamp);
    h.processWatermark(new Watermark(w));
    return w;
  }

  /** Takes what the harness holds so far and checks no key was sent with two values. */
  private static void collect(KeyedOneInputStreamOperatorTestHarness<String, SequencedEvent, RouterOutput> h,
      Platform.Expected got, List<Diagnostic> diagnostics, long seed) {
    for (RouterOutput o : h.extractOutputValues()) {
      assertTrue(got.add(o, false), "seed " + seed + ": conflicting message " + o);
    }
    var refused = h.getSideOutput(RouterJob.REFUSED);
    if (refused != null) {
      refused.forEach(r -> assertTrue(got.add(r.getValue(), true), "seed " + seed + ": conflicting " + r));
    }
    var diagnosed = h.getSideOutput(RouterJob.DIAGNOSTICS);
    if (diagnosed != null) {
      diagnosed.forEach(r -> diagnostics.add(r.getValue()));
    }
  }
}
