package io.fenliu.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.junit.jupiter.api.io.TempDir;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once state recovery of the router job (R25) on a Flink mini cluster: a checkpointed deterministic source
 * of a generated platform's log (with entries delivered twice, as a retrying producer does), a task failure injected
 * once at least two checkpoints completed, the router at parallelism 2 over 7 key groups. The job restarts from its
 * latest checkpoint and replays from there; the test sink keeps every write. Deduplicated as the consumer does
 * ({@link RouterOutput#dedupKey()}), the writes are exactly a single process's replay of each shop's log — 0 lost,
 * 0 doubled — no key was written with two values (0 conflicts), and the recovery did replay writes.
 */
class ExactlyOnceMiniClusterTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final long SEED = 20261202;
  private static final int SHOPS = 40;
  private static final int EVENTS_PER_SHOP = 150;
  private static final Duration SPAN = Duration.ofHours(8);
  private static final int DUPLICATE_EVERY = 13;

  @Test
  void heapStateRecoversExactlyOnce() throws Exception {
    run("hashmap", false);
  }

  @Test
  @EnabledIfSystemProperty(named = "fenliu.flink.deep", matches = "true")
  void heapStateRecoversExactlyOnceFromAFailureInsideOnTimer() throws Exception {
    run("hashmap", true);
  }

  @Test
  @EnabledIfSystemProperty(named = "fenliu.flink.deep", matches = "true")
  void rocksDbStateRecoversExactlyOnce() throws Exception {
    run("rocksdb", false);
  }

  @Test
  @EnabledIfSystemProperty(named = "fenliu.flink.deep", matches = "true")
  void rocksDbStateRecoversExactlyOnceFromAFailureInsideOnTimer() throws Exception {
    run("rocksdb", true);
  }

  static Configuration settings(String backend) {
    Configuration c = RouterJobSettings.configuration(7);
    c.set(StateBackendOptions.STATE_BACKEND, backend);
    c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(100));
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    return c;
  }

  private static void run(String backend, boolean failInTimer) throws Exception {
    Collected.clear();
    FailInTimer.reset();
    Platform p = PlatformSource.platform(SEED, SHOPS, EVENTS_PER_SHOP, SPAN, DUPLICATE_EVERY);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(settings(backend));
    env.setParallelism(2);
    DataStream<SequencedEvent> log = env
        // RocksDB's checkpoints take longer: its source is slower, so that two complete well before the log ends.
        .fromSource(PlatformSource.of(p, SEED, SHOPS, EVENTS_PER_SHOP, SPAN, DUPLICATE_EVERY,
                backend.equals("rocksdb") ? 700 : 2_000),
            RouterJob.watermarks(Duration.ZERO), "platform log")
        .setParallelism(1);
    if (failInTimer) {
      SingleOutputStreamOperator<RouterOutput> out = log.keyBy(RouterJob::key, Types.STRING)
          .process(new FailInTimer(p.loader(), 2), io.fenliu.flink.internal.Types.ROUTER_OUTPUT);
      sinks(out, out.getSideOutput(RouterJob.REFUSED), out.getSideOutput(RouterJob.DIAGNOSTICS));
    } else {
      RouterJob.Streams s = RouterJob.attach(log.map(new Collected.FailOnce(2)).name("inject one failure")
          .setParallelism(1), p.loader());
      sinks(s.outcomes(), s.refused(), s.diagnostics());
    }
    env.execute("exactly-once " + backend);

    assertTrue(failInTimer ? FailInTimer.failed.get() : Collected.FailOnce.failed.get(), "the failure was injected");
    check(p, true);
  }

  /**
   * A stop-with-savepoint midway and a restore at parallelism 1 (the key groups move between subtasks): the two runs'
   * writes, deduplicated, equal the replay.
   */
  @Test
  @EnabledIfSystemProperty(named = "fenliu.flink.deep", matches = "true")
  void stopWithSavepointAndRestoreAtAnotherParallelism(@InjectClusterClient ClusterClient<?> client,
      @TempDir Path dir) throws Exception {
    Collected.clear();
    Platform p = PlatformSource.platform(SEED, SHOPS, EVENTS_PER_SHOP, SPAN, DUPLICATE_EVERY);
    StreamExecutionEnvironment before = StreamExecutionEnvironment.getExecutionEnvironment(settings("hashmap"));
    before.setParallelism(2);
    savepointable(before, p, 1_500);
    JobClient job = before.executeAsync("before the savepoint");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (Collected.writes("main").size() < 1_000 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    String savepoint = client.stopWithSavepoint(job.getJobID(), false, dir.toUri().toString(),
        SavepointFormatType.CANONICAL).get();
    job.getJobExecutionResult().get();
    int writtenBefore = Collected.writes("main").size();
    assertTrue(writtenBefore < p.log.size() / 2, "stopped midway: " + writtenBefore);

    Configuration restore = settings("hashmap");
    restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    StreamExecutionEnvironment after = StreamExecutionEnvironment.getExecutionEnvironment(restore);
    after.setParallelism(1);
    savepointable(after, p, 1e9);
    after.execute("after the savepoint, at parallelism 1");
    check(p, false);
  }

  private static void savepointable(StreamExecutionEnvironment env, Platform p, double perSecond) {
    DataStream<SequencedEvent> log = env
        .fromSource(PlatformSource.of(p, SEED, SHOPS, EVENTS_PER_SHOP, SPAN, DUPLICATE_EVERY, perSecond),
            RouterJob.watermarks(Duration.ZERO), "platform log")
        .uid("platform-log")
        .setParallelism(1);
    RouterJob.Streams s = RouterJob.attach(log, p.loader());
    s.outcomes().sinkTo(new Collected.ToList<>("main")).uid("main");
    s.refused().sinkTo(new Collected.ToList<>("refused")).uid("refused");
    s.diagnostics().sinkTo(new Collected.ToList<>("diagnostics")).uid("diagnostics");
  }

  static void sinks(DataStream<RouterOutput> main, DataStream<RouterOutput> refused,
      DataStream<Diagnostic> diagnostics) {
    main.sinkTo(new Collected.ToList<>("main"));
    refused.sinkTo(new Collected.ToList<>("refused"));
    diagnostics.sinkTo(new Collected.ToList<>("diagnostics"));
  }

  /** Everything the sinks kept, deduplicated, equals the replay; the recovery replayed writes. */
  static void check(Platform p, boolean recovered) {
    Platform.Expected got = new Platform.Expected();
    List<RouterOutput> main = Collected.writes("main");
    List<RouterOutput> refused = Collected.writes("refused");
    for (RouterOutput o : main) {
      assertTrue(got.add(o, false), "0 conflicts: " + o);
    }
    for (RouterOutput o : refused) {
      assertTrue(got.add(o, true), "0 conflicts: " + o);
    }
    Platform.Expected expected = p.replay();
    assertEquals(expected.outcomes, got.outcomes, "outcomes: 0 lost, 0 doubled");
    assertEquals(expected.refused, got.refused, "refused: 0 lost, 0 doubled");
    assertEquals(expected.exits, got.exits, "queue exits: 0 lost, 0 doubled");
    assertTrue(!recovered || main.size() + refused.size() > got.size(),
        "the recovery replayed writes, which the consumer's deduplication absorbed: " + (main.size() + refused.size())
            + " writes, " + got.size() + " messages");

    Set<String> duplicates = new HashSet<>();
    for (Diagnostic d : Collected.<Diagnostic>writes("diagnostics")) {
      assertEquals(Diagnostic.Kind.DUPLICATE, d.kind(), d.toString());
      duplicates.add(d.shop().value() + "#" + d.sequence());
    }
    assertEquals(p.log.size() - p.log.stream().distinct().count(), (long) duplicates.size(),
        "every redelivered entry was dropped");
  }
}
