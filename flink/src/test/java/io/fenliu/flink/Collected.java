package io.fenliu.flink;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * What the mini-cluster jobs of one JVM write, by sink name: an at-least-once test sink that keeps every write, so
 * a test sees the writes a recovery replays; and a failure injector that throws once, after enough checkpoints
 * completed (the job then restarts from the latest, not from scratch).
 */
final class Collected {
  private static final Map<String, ConcurrentLinkedQueue<Object>> WRITES = new ConcurrentHashMap<>();

  private Collected() {}

  static void clear() {
    WRITES.clear();
    FailOnce.completed.set(0);
    FailOnce.failed.set(false);
    FailOnce.failedAtNanos.set(0);
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> writes(String sink) {
    return List.copyOf((ConcurrentLinkedQueue<T>) (ConcurrentLinkedQueue<?>) WRITES.getOrDefault(sink,
        new ConcurrentLinkedQueue<>()));
  }

  /** A sink keeping every value it is given under {@code name}. */
  static final class ToList<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String name;

    ToList(String name) {
      this.name = name;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
      ConcurrentLinkedQueue<Object> q = WRITES.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>());
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context ctx) {
          q.add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

  /** Passes entries through, and throws once, on the first entry after {@code afterCheckpoints} completed. */
  static final class FailOnce extends RichMapFunction<SequencedEvent, SequencedEvent> implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger completed = new AtomicInteger();
    static final AtomicBoolean failed = new AtomicBoolean();
    static final AtomicLong failedAtNanos = new AtomicLong();
    private final int afterCheckpoints;

    FailOnce(int afterCheckpoints) {
      this.afterCheckpoints = afterCheckpoints;
    }

    @Override
    public SequencedEvent map(SequencedEvent value) {
      if (completed.get() >= afterCheckpoints && failed.compareAndSet(false, true)) {
        failedAtNanos.set(System.nanoTime());
        throw new IllegalStateException("injected failure after " + completed.get() + " completed checkpoints");
      }
      return value;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      completed.incrementAndGet();
    }
  }
}
