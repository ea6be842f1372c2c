package io.fenliu.flink;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.util.Collector;

/**
 * The router job's throughput per core against the same pipeline with a no-op keyed function in place of the router
 * (issue 19: the router should keep at least 0.7 of it). Both read the same generated platform log (default 1,000
 * shops × 200 events, every kind of event) from an unthrottled source, at parallelism 1 on a one-slot mini cluster,
 * keyed by shop, into a sink: only the keyed function differs. A run's rate is its entries divided by the time from
 * the first entry leaving the source to the end of input reaching the sink (job start and teardown excluded). The
 * two pipelines alternate, after one warm-up run each; the medians of each and of the per-repetition ratios are
 * printed. Not a unit test: timings belong on a quiet machine.
 *
 * <p>Run: {@code ./mvnw -B -q -pl flink -am verify -DskipTests -Pflink-bench} (arguments: {@code
 * -Dfenliu.bench.args="shops eventsPerShop repetitions"}).
 */
public final class RouterThroughputBenchmark {
  private static final long SEED = 23;
  private static final AtomicLong FIRST = new AtomicLong();
  private static final AtomicLong END = new AtomicLong();

  private RouterThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int shops = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int eventsPerShop = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Platform p = Platform.generate(SEED, shops, eventsPerShop, Duration.ofHours(24), 0);
    System.out.printf("Router throughput at parallelism 1: %,d entries (%,d shops × %,d), %d repetitions%n",
        p.log.size(), shops, eventsPerShop, repetitions);
    MiniCluster mini = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(new Configuration())
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build());
    mini.start();
    TestStreamEnvironment.setAsContext(mini, 1);
    try {
      run(p, shops, eventsPerShop, true);
      run(p, shops, eventsPerShop, false);
      double[] router = new double[repetitions];
      double[] noop = new double[repetitions];
      double[] ratio = new double[repetitions];
      for (int i = 0; i < repetitions; i++) {
        noop[i] = run(p, shops, eventsPerShop, false);
        router[i] = run(p, shops, eventsPerShop, true);
        ratio[i] = router[i] / noop[i];
        System.out.printf("  #%d  router %,10.0f /s   no-op %,10.0f /s   ratio %.2f%n", i + 1, router[i], noop[i],
            ratio[i]);
      }
      System.out.printf("median: router %,.0f entries/s, no-op %,.0f entries/s, ratio %.2f (goal ≥ 0.70)%n",
          median(router), median(noop), median(ratio));
    } finally {
      TestStreamEnvironment.unsetAsContext();
      mini.close();
    }
  }

  /** One run; entries per second from the first entry to the end of input at the sink. */
  private static double run(Platform p, int shops, int eventsPerShop, boolean router) throws Exception {
    FIRST.set(0);
    END.set(0);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(RouterJobSettings.configuration(128));
    env.setParallelism(1);
    DataStream<SequencedEvent> log = env
        .fromSource(PlatformSource.unthrottled(p, SEED, shops, eventsPerShop, Duration.ofHours(24), 0),
            WatermarkStrategy.noWatermarks(), "platform log")
        .map(new StampFirst()).name("stamp first");
    if (router) {
      RouterJob.attach(log, p.loader()).outcomes().sinkTo(new StampEnd<>());
    } else {
      log.keyBy(RouterJob::key, org.apache.flink.api.common.typeinfo.Types.STRING)
          .process(new NoOp(), io.fenliu.flink.internal.Types.ROUTER_OUTPUT).name("no-op")
          .sinkTo(new StampEnd<>());
    }
    env.execute(router ? "router" : "no-op");
    return p.log.size() / ((END.get() - FIRST.get()) / 1e9);
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Records when the first entry left the source. */
  private static final class StampFirst implements MapFunction<SequencedEvent, SequencedEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public SequencedEvent map(SequencedEvent value) {
      if (FIRST.get() == 0) {
        FIRST.set(System.nanoTime());
      }
      return value;
    }
  }

  /** The keyed function doing nothing: the pipeline's cost without the router. */
  private static final class NoOp extends KeyedProcessFunction<String, SequencedEvent, RouterOutput> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(SequencedEvent value, KeyedProcessFunction<String, SequencedEvent, RouterOutput>.Context ctx,
        Collector<RouterOutput> out) {}
  }

  /** Discards what it gets and records when the end of input reached it. */
  private static final class StampEnd<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
      return new SinkWriter<>() {
        @Override
        public void write(T element, SinkWriter.Context ctx) {}

        @Override
        public void flush(boolean endOfInput) {
          if (endOfInput) {
            END.set(System.nanoTime());
          }
        }

        @Override
        public void close() {}
      };
    }
  }
}
