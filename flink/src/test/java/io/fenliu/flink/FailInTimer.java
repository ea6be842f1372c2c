package io.fenliu.flink;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The router's keyed function with one failure injected inside {@code onTimer}, once at least {@code after}
 * checkpoints completed: a deadline timer that fired but whose exits were not all sent must fire again after the
 * restore, from the checkpointed timers.
 */
final class FailInTimer extends KeyedProcessFunction<String, SequencedEvent, RouterOutput>
    implements CheckpointListener {
  private static final long serialVersionUID = 1L;
  static final AtomicInteger completed = new AtomicInteger();
  static final AtomicBoolean failed = new AtomicBoolean();

  private final KeyedProcessFunction<String, SequencedEvent, RouterOutput> inner;
  private final int after;

  FailInTimer(ShopLoader loader, int after) {
    this.inner = RouterJob.function(loader);
    this.after = after;
  }

  static void reset() {
    completed.set(0);
    failed.set(false);
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    inner.setRuntimeContext(getRuntimeContext());
    inner.open(openContext);
  }

  @Override
  public void processElement(SequencedEvent value, Context ctx, Collector<RouterOutput> out) throws Exception {
    inner.processElement(value, ctx, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RouterOutput> out) throws Exception {
    if (completed.get() >= after && failed.compareAndSet(false, true)) {
      throw new IllegalStateException("injected failure inside onTimer at " + timestamp);
    }
    inner.onTimer(timestamp, ctx, out);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    completed.incrementAndGet();
  }
}
