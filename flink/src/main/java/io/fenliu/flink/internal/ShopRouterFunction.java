package io.fenliu.flink.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.ShopId;
import io.fenliu.flink.Diagnostic;
import io.fenliu.flink.RouterOutput;
import io.fenliu.flink.SequencedEvent;
import io.fenliu.flink.ShopLoader;
import io.fenliu.routing.Applied;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.ShopEvent;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.jspecify.annotations.Nullable;

/**
 * The router job's keyed function (R25): for one shop (the key), applies its log entries in order to the shop's
 * router, held in keyed state.
 *
 * <p>Invariants, per key:
 *
 * <ul>
 *   <li>{@code router} is the shop's router after every entry up to {@code lastSequence} was applied (and the
 *       timers that fired since); it is written back after every change, so a state backend that copies values
 *       (RocksDB) sees the change too.
 *   <li>An entry is applied at most once: only when its sequence is above {@code lastSequence}, which is written
 *       in the same call. Checkpoints cover both together, so a restore puts them back together.
 *   <li>At most one event-time timer is registered, at {@code timer}: the earliest deadline of the shop's queue
 *       (R22), recomputed after every change. When it fires, the router is advanced to that time; as the router
 *       computes every expiry as of its deadline, whether an exit leaves on the timer or on the next event changes
 *       which message carries it, never its value. A timer fires only once the watermark passed it, so no entry
 *       dated before it is still to come, unless late.
 *   <li>Nothing here reads the machine's clock: every event is applied at its stated time, or at its record's
 *       timestamp when it states none.
 * </ul>
 */
public final class ShopRouterFunction extends KeyedProcessFunction<String, SequencedEvent, RouterOutput> {
  private static final long serialVersionUID = 1L;

  private final ShopLoader loader;
  private final OutputTag<RouterOutput> refusedTag;
  private final OutputTag<Diagnostic> diagnosticsTag;

  private transient @Nullable ValueState<Router> router;
  private transient @Nullable ValueState<Long> lastSequence;
  private transient @Nullable ValueState<Long> timer;
  private transient @Nullable Counter applied;
  private transient @Nullable Counter duplicates;
  private transient @Nullable Counter malformed;
  private transient @Nullable Counter unknownShops;
  private transient @Nullable Counter late;
  private transient @Nullable Counter refusals;

  /** A function applying each shop's entries; {@code loader} starts shops without state. */
  public ShopRouterFunction(ShopLoader loader, OutputTag<RouterOutput> refusedTag,
      OutputTag<Diagnostic> diagnosticsTag) {
    this.loader = loader;
    this.refusedTag = refusedTag;
    this.diagnosticsTag = diagnosticsTag;
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    router = getRuntimeContext().getState(new ValueStateDescriptor<>("fenliu-router", RouterSerializer.INSTANCE));
    lastSequence = getRuntimeContext().getState(
        new ValueStateDescriptor<>("fenliu-last-sequence", LongSerializer.INSTANCE));
    timer = getRuntimeContext().getState(new ValueStateDescriptor<>("fenliu-timer", LongSerializer.INSTANCE));
    MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("fenliu");
    applied = metrics.counter("applied");
    duplicates = metrics.counter("duplicates");
    malformed = metrics.counter("malformed");
    unknownShops = metrics.counter("unknownShops");
    late = metrics.counter("late");
    refusals = metrics.counter("refused");
  }

  @Override
  public void processElement(SequencedEvent entry, Context ctx, Collector<RouterOutput> out) throws Exception {
    ValueState<Router> routerState = state(router);
    ValueState<Long> last = state(lastSequence);
    ShopId shop = entry.shop();
    Long previous = last.value();
    if (previous != null && entry.sequence() <= previous) {
      count(duplicates);
      ctx.output(diagnosticsTag, Diagnostic.of(Diagnostic.Kind.DUPLICATE, shop, entry.sequence(),
          "sequence " + entry.sequence() + " is not above " + previous + ", the last applied for the shop (R25)"));
      return;
    }
    ShopEvent event;
    try {
      event = Json.readEvent(entry.json());
    } catch (JsonProcessingException | RuntimeException e) {
      malformed(ctx, entry, "not a valid event: " + e.getMessage());
      return;
    }
    if (!event.shop().equals(shop)) {
      malformed(ctx, entry, "an event of shop " + event.shop() + " in the log of shop " + shop + " (R25)");
      return;
    }
    if (event.time().isEmpty()) {
      Long timestamp = ctx.timestamp();
      if (timestamp == null) {
        malformed(ctx, entry, "the event states no time and its record has no timestamp (R25)");
        return;
      }
      event = event.at(Instant.ofEpochMilli(timestamp));
    }
    Router r = routerState.value();
    if (r == null) {
      Optional<RouterSnapshot> start = loader.load(shop);
      if (start.isEmpty()) {
        count(unknownShops);
        ctx.output(diagnosticsTag, Diagnostic.of(Diagnostic.Kind.UNKNOWN_SHOP, shop, entry.sequence(),
            "no state and the loader knows no shop " + shop + "; the entry is dropped, its sequence not recorded"));
        return;
      }
      r = RouterSerializer.router(start.get());
    }
    long watermark = ctx.timerService().currentWatermark();
    long stated = event.time().get().toEpochMilli();
    if (stated <= watermark) {
      count(late);
      ctx.output(diagnosticsTag, Diagnostic.of(Diagnostic.Kind.LATE, shop, entry.sequence(),
          "stated at " + stated + " ms, at or before the watermark " + watermark + " ms; applied as of the shop's"
              + " time (R25)"));
    }
    Applied a = r.apply(event);
    routerState.update(r);
    last.update(entry.sequence());
    count(applied);
    RouterOutput outcome = RouterOutput.of(RouterOutput.Kind.OUTCOME, shop, entry.sequence(), consultation(event),
        Json.outcome(a));
    if (a.refusal().isPresent()) {
      count(refusals);
      ctx.output(refusedTag, outcome);
    } else {
      out.collect(outcome);
    }
    emitExits(shop, entry.sequence(), a, out);
    arm(r, ctx);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<RouterOutput> out) throws Exception {
    ValueState<Router> routerState = state(router);
    state(timer).clear();
    Router r = routerState.value();
    if (r == null) {
      return;
    }
    ShopId shop = ShopId.of(ctx.getCurrentKey());
    Applied a = r.apply(ShopEvent.timeAdvanced(shop, Instant.ofEpochMilli(timestamp)));
    routerState.update(r);
    Long last = state(lastSequence).value();
    emitExits(shop, last == null ? 0 : last, a, out);
    arm(r, ctx);
  }

  /** Registers the one timer at the queue's earliest deadline, replacing the one registered for another time. */
  private void arm(Router r, Context ctx) throws Exception {
    ValueState<Long> timerState = state(timer);
    Long armed = timerState.value();
    long next = nextDeadline(r);
    if (armed != null && armed == next) {
      return;
    }
    if (armed != null) {
      ctx.timerService().deleteEventTimeTimer(armed);
      timerState.clear();
    }
    if (next != Long.MAX_VALUE) {
      ctx.timerService().registerEventTimeTimer(next);
      timerState.update(next);
    }
  }

  /**
   * The epoch millisecond at which the queue's longest waiting consultation has waited the shop's maximum (R22),
   * or {@link Long#MAX_VALUE} when nobody waits: the instant the router's own expiry is computed as of.
   */
  static long nextDeadline(Router r) {
    return r.nextQueueDeadline().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
  }

  private static void emitExits(ShopId shop, long sequence, Applied a, Collector<RouterOutput> out) {
    for (QueueExit exit : a.exits()) {
      out.collect(RouterOutput.of(RouterOutput.Kind.QUEUE_EXIT, shop, sequence, Optional.of(exit.consultation()),
          Json.exit(exit)));
    }
  }

  private void malformed(Context ctx, SequencedEvent entry, String reason) {
    count(malformed);
    ctx.output(diagnosticsTag, Diagnostic.of(Diagnostic.Kind.MALFORMED, entry.shop(), entry.sequence(), reason));
  }

  private static Optional<ConsultationId> consultation(ShopEvent e) {
    if (e instanceof ShopEvent.Arrived a) {
      return Optional.of(a.consultation().id());
    } else if (e instanceof ShopEvent.Ended x) {
      return Optional.of(x.consultation());
    } else if (e instanceof ShopEvent.Withdrawn x) {
      return Optional.of(x.consultation());
    } else if (e instanceof ShopEvent.SeatedByHost x) {
      return Optional.of(x.consultation());
    }
    return Optional.empty();
  }

  private static <S> S state(@Nullable S handle) {
    if (handle == null) {
      throw new IllegalStateException("the router function is used before Flink opened it");
    }
    return handle;
  }

  private static void count(@Nullable Counter counter) {
    if (counter != null) {
      counter.inc();
    }
  }
}
