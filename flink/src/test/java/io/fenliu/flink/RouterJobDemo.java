package io.fenliu.flink;

import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshotCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * The router job on an in-process Flink mini cluster, in one command (see flink/README.md): a generated platform of
 * 1,000 shops and a day of their events; a capacity run, unthrottled, with one task failure injected midway and
 * recovered from the latest checkpoint; then a latency run at 1,000 entries a second. Prints decisions per second,
 * p50/p99 entry-to-decision latency through the job, checkpoint size per shop against the codec's bytes, recovery
 * time, and the output checked against a single-process replay of the same log: "0 lost, 0 doubled".
 */
public final class RouterJobDemo {
  private static final long SEED = 19;
  private static final Map<String, Long> SENT = new ConcurrentHashMap<>();
  private static final Map<String, Long> LATENCY = new ConcurrentHashMap<>();
  private static final AtomicLong FIRST_AFTER_FAILURE = new AtomicLong();

  private RouterJobDemo() {}

  public static void main(String[] args) throws Exception {
    int shops = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int eventsPerShop = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    System.out.printf("Generating a platform: %,d shops, %,d events each over a day...%n", shops, eventsPerShop);
    Platform p = Platform.generate(SEED, shops, eventsPerShop, Duration.ofHours(24), 0);
    Platform.Expected expected = p.replay();
    long codecBytes = 0;
    for (var e : p.byShop.entrySet()) {
      Router r = Router.builder(p.starts.get(e.getKey())).build();
      for (var x : e.getValue()) {
        r.apply(x.getValue());
      }
      codecBytes += RouterSnapshotCodec.encode(r.snapshot()).length;
    }

    Configuration cluster = new Configuration();
    MiniCluster mini = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(cluster)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(2).build());
    long startNanos = System.nanoTime();
    mini.start();
    TestStreamEnvironment.setAsContext(mini, 2);
    System.out.printf("Mini cluster started in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
    try {
      capacityRun(p, shops, eventsPerShop, expected, codecBytes, mini);
      latencyRun(p, shops, eventsPerShop);
    } finally {
      TestStreamEnvironment.unsetAsContext();
      mini.close();
    }
  }

  private static Configuration settings() {
    Configuration c = RouterJobSettings.configuration(128);
    // Every 2 s: on the heap backend, a shop changed while a checkpoint is being written is copied first (a codec
    // round trip, a few hundred microseconds), so the interval trades recovery replay against that cost.
    c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    return c;
  }

  private static void capacityRun(Platform p, int shops, int eventsPerShop, Platform.Expected expected,
      long codecBytes, MiniCluster mini) throws Exception {
    Collected.clear();
    System.out.printf("%nCapacity run: %,d entries as fast as they go, one task failure injected midway...%n",
        p.log.size());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(settings());
    env.setParallelism(2);
    DataStream<SequencedEvent> log = env
        .fromSource(PlatformSource.of(p, SEED, shops, eventsPerShop, Duration.ofHours(24), 0, 1e9),
            RouterJob.watermarks(Duration.ZERO), "platform log")
        .setParallelism(1)
        .map(new FailMidway(p.log.size() / 2)).name("inject one failure").setParallelism(1);
    RouterJob.Streams s = RouterJob.attach(log, p.loader());
    s.outcomes().sinkTo(new Collected.ToList<>("main"));
    s.refused().sinkTo(new Collected.ToList<>("refused"));
    s.diagnostics().sinkTo(new Collected.ToList<>("diagnostics"));
    long t0 = System.nanoTime();
    JobID job = env.executeAsync("fenliu router demo: capacity").getJobID();
    mini.requestJobResult(job).get();
    double seconds = (System.nanoTime() - t0) / 1e9;

    Platform.Expected got = new Platform.Expected();
    int conflicts = 0;
    List<RouterOutput> main = Collected.writes("main");
    List<RouterOutput> refused = Collected.writes("refused");
    Map<String, RouterOutput> firstSeen = new java.util.HashMap<>();
    for (RouterOutput o : main) {
      RouterOutput before = firstSeen.putIfAbsent(o.dedupKey(), o);
      if (!got.add(o, false)) {
        if (conflicts < 3) {
          System.out.println("  conflict: " + before + "\n        and " + o);
        }
        conflicts++;
      }
    }
    Map<Diagnostic.Kind, Integer> kinds = new java.util.TreeMap<>();
    for (Diagnostic d : Collected.<Diagnostic>writes("diagnostics")) {
      kinds.merge(d.kind(), 1, Integer::sum);
    }
    System.out.println("  diagnostics:            " + (kinds.isEmpty() ? "none" : kinds.toString()));
    for (RouterOutput o : refused) {
      conflicts += got.add(o, true) ? 0 : 1;
    }
    int lost = missing(expected.outcomes, got.outcomes) + missing(expected.refused, got.refused)
        + missing(expected.exits, got.exits);
    int extra = missing(got.outcomes, expected.outcomes) + missing(got.refused, expected.refused)
        + missing(got.exits, expected.exits);
    CompletedCheckpointStats latest = mini.getArchivedExecutionGraph(job).get().getCheckpointStatsSnapshot()
        .getHistory().getLatestCompletedCheckpoint();
    System.out.printf("  entries applied:        %,d in %.1f s (job submission, failure and recovery included)%n",
        p.log.size(), seconds);
    System.out.printf("  decisions per second:   %,.0f%n", p.log.size() / seconds);
    System.out.printf("  recovery time:          %.0f ms, from the failure to the first entry after the restore%n",
        (FIRST_AFTER_FAILURE.get() - FailMidway.FAILED_AT.get()) / 1e6);
    if (latest != null) {
      System.out.printf("  checkpoint size:        %,d bytes, %,.0f per shop (the codec's bytes: %,.0f per shop)%n",
          latest.getStateSize(), (double) latest.getStateSize() / shops, (double) codecBytes / shops);
    }
    System.out.printf("  writes:                 %,d, of which %,d replayed after the failure and deduplicated%n",
        main.size() + refused.size(), main.size() + refused.size() - got.size());
    System.out.printf("  against a single-process replay: %,d lost, %,d doubled, %,d conflicting%n", lost, extra,
        conflicts);
    System.out.println(lost == 0 && extra == 0 && conflicts == 0 ? "  0 lost, 0 doubled" : "  MISMATCH");
    if (lost != 0 || extra != 0 || conflicts != 0) {
      throw new AssertionError("the job's output differs from the replay");
    }
  }

  private static void latencyRun(Platform p, int shops, int eventsPerShop) throws Exception {
    int rate = 1_000;
    int count = Math.min(p.log.size(), 10 * rate);
    System.out.printf("%nLatency run: %,d entries at %,d a second, entry to decision through the job...%n", count, rate);
    SENT.clear();
    LATENCY.clear();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(settings());
    env.setParallelism(2);
    Platform prefix = p.prefix(count);
    DataStream<SequencedEvent> log = env
        .fromSource(PlatformSource.of(prefix, SEED + 1, shops, eventsPerShop, Duration.ofHours(24), 0, rate),
            RouterJob.watermarks(Duration.ZERO), "platform log")
        .setParallelism(1)
        .map(new Stamp()).name("stamp").setParallelism(1);
    RouterJob.Streams s = RouterJob.attach(log, p.loader());
    s.outcomes().sinkTo(new Latency());
    s.refused().sinkTo(new Latency());
    env.execute("fenliu router demo: latency");
    List<Long> micros = new ArrayList<>(LATENCY.values());
    micros.sort(null);
    if (micros.isEmpty()) {
      return;
    }
    System.out.printf("  p50 %.2f ms, p99 %.2f ms, max %.2f ms over %,d decisions (buffer timeout %d ms)%n",
        micros.get(micros.size() / 2) / 1e3, micros.get((int) (micros.size() * 0.99)) / 1e3,
        micros.get(micros.size() - 1) / 1e3, micros.size(), RouterJobSettings.BUFFER_TIMEOUT.toMillis());
  }

  private static int missing(Map<String, String> from, Map<String, String> in) {
    int n = 0;
    for (var e : from.entrySet()) {
      if (!e.getValue().equals(in.get(e.getKey()))) {
        n++;
      }
    }
    return n;
  }

  /** Throws once, at entry {@code at}, and notes when the first entry after the restore passes. */
  static final class FailMidway implements MapFunction<SequencedEvent, SequencedEvent> {
    private static final long serialVersionUID = 1L;
    static final AtomicLong FAILED_AT = new AtomicLong();
    private static final AtomicLong SEEN = new AtomicLong();
    private final long at;

    FailMidway(long at) {
      this.at = at;
      SEEN.set(0);
      FAILED_AT.set(0);
      FIRST_AFTER_FAILURE.set(0);
    }

    @Override
    public SequencedEvent map(SequencedEvent value) {
      long n = SEEN.incrementAndGet();
      if (FAILED_AT.get() != 0) {
        FIRST_AFTER_FAILURE.compareAndSet(0, System.nanoTime());
      } else if (n >= at) {
        FAILED_AT.set(System.nanoTime());
        throw new IllegalStateException("injected task failure at entry " + n);
      }
      return value;
    }
  }

  /** Notes when each entry left the source. */
  static final class Stamp implements MapFunction<SequencedEvent, SequencedEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public SequencedEvent map(SequencedEvent value) {
      SENT.putIfAbsent(value.shop().value() + "#" + value.sequence(), System.nanoTime());
      return value;
    }
  }

  /** Notes each outcome's latency since its entry left the source. */
  static final class Latency implements Sink<RouterOutput> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<RouterOutput> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(RouterOutput o, Context ctx) {
          if (o.kind() == RouterOutput.Kind.OUTCOME) {
            Long sent = SENT.get(o.dedupKey());
            if (sent != null) {
              LATENCY.putIfAbsent(o.dedupKey(), (System.nanoTime() - sent) / 1_000);
            }
          }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

}
