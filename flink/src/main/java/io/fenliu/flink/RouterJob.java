package io.fenliu.flink;

import io.fenliu.flink.internal.ShopRouterFunction;
import io.fenliu.flink.internal.Types;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.OutputTag;

/**
 * The router job (R25): every shop's router as keyed state of one operator, fed one stream of log entries keyed by
 * shop id, so that each shop has one total order — its replay log.
 *
 * <pre>{@code
 * StreamExecutionEnvironment env =
 *     StreamExecutionEnvironment.getExecutionEnvironment(RouterJobSettings.configuration(4096));
 * DataStream<SequencedEvent> log = env.fromSource(source, RouterJob.watermarks(Duration.ofSeconds(1)), "log");
 * RouterJob.Streams router = RouterJob.attach(log, shop -> snapshots.load(shop));
 * router.outcomes().sinkTo(decisions);            // decisions and queue exits
 * router.refused().sinkTo(refusals);               // refused events, with the rule
 * router.diagnostics().sinkTo(deadLetters);        // duplicates, malformed entries, unknown shops
 * env.execute("fenliu-router");
 * }</pre>
 *
 * <p>What the operator does with each entry: drops it if its sequence is not above the shop's last applied one
 * (redelivery; counted and side-output), reads its JSON (malformed: side-output with the reason, the shop's state
 * unchanged), starts the shop from the {@link ShopLoader} if it has no state (unknown: side-output), and applies it
 * to the shop's router ({@link io.fenliu.routing.Router#apply}). The outcome goes to the main output, or to the
 * refused side output when a rule refused the event; every queue exit goes to the main output. Queue deadlines
 * (R22) are event-time timers, one per shop, at the earliest deadline; an exit is computed as of its deadline
 * whenever the timer fires, so its message is the same whether a timer or the next event let it out.
 *
 * <p>Do not {@code connect} two per-shop streams into the router: Flink gives no order between two inputs, and a
 * shop's log must have one. Put every kind of change in the one log.
 */
public final class RouterJob {
  /** The refused side output: outcomes whose event a rule refused (R15, R17, R20, R21, an unknown id). */
  public static final OutputTag<RouterOutput> REFUSED = new OutputTag<>("fenliu-refused", Types.ROUTER_OUTPUT);
  /** The diagnostics side output: duplicates, malformed entries, unknown shops, late entries (R25). */
  public static final OutputTag<Diagnostic> DIAGNOSTICS = new OutputTag<>("fenliu-diagnostics", Types.DIAGNOSTIC);
  /** The router operator's uid: savepoints find its state by it, so it never changes between releases. */
  public static final String UID = "fenliu-router";

  private RouterJob() {}

  /** The three streams the router job produces. */
  public static final class Streams {
    private final SingleOutputStreamOperator<RouterOutput> outcomes;

    private Streams(SingleOutputStreamOperator<RouterOutput> outcomes) {
      this.outcomes = outcomes;
    }

    /** Outcomes that were applied, and queue exits: the decisions (R19, R22). */
    public SingleOutputStreamOperator<RouterOutput> outcomes() {
      return outcomes;
    }

    /** Outcomes whose event a rule refused. */
    public DataStream<RouterOutput> refused() {
      return outcomes.getSideOutput(REFUSED);
    }

    /** Entries not applied, or applied late, and why. */
    public DataStream<Diagnostic> diagnostics() {
      return outcomes.getSideOutput(DIAGNOSTICS);
    }
  }

  /**
   * Adds the router operator after {@code log}, keyed by shop id, with the uid {@link #UID}.
   *
   * @param loader where a shop without state starts from; {@link ShopLoader#none()} to side-output such shops
   * @throws NullPointerException if an argument is null
   */
  public static Streams attach(DataStream<SequencedEvent> log, ShopLoader loader) {
    Objects.requireNonNull(log, "log");
    SingleOutputStreamOperator<RouterOutput> out = log.keyBy(new ShopKey(), org.apache.flink.api.common.typeinfo.Types.STRING)
        .process(function(loader), Types.ROUTER_OUTPUT)
        .name("fenliu-router")
        .uid(UID);
    return new Streams(out);
  }

  /**
   * The keyed function alone, for a host that wires the operator itself (or a test harness); keyed by {@link
   * #key(SequencedEvent)}.
   *
   * @throws NullPointerException if {@code loader} is null
   */
  public static KeyedProcessFunction<String, SequencedEvent, RouterOutput> function(ShopLoader loader) {
    return new ShopRouterFunction(Objects.requireNonNull(loader, "loader"), REFUSED, DIAGNOSTICS);
  }

  /** The key of an entry: its shop id. */
  public static String key(SequencedEvent entry) {
    return entry.shop().value();
  }

  /**
   * Watermarks from the entries' timestamps, allowing {@code outOfOrderness} between shops' feeds; queue deadline
   * timers fire as the watermark passes them. Entries of a shop dated before the watermark are late: applied, but
   * reported ({@link Diagnostic.Kind#LATE}).
   *
   * @throws NullPointerException if {@code outOfOrderness} is null
   */
  public static WatermarkStrategy<SequencedEvent> watermarks(Duration outOfOrderness) {
    return WatermarkStrategy.<SequencedEvent>forBoundedOutOfOrderness(
            Objects.requireNonNull(outOfOrderness, "out of orderness"))
        .withTimestampAssigner((entry, previous) -> entry.timestamp());
  }

  /** The key selector: by shop id. */
  private static final class ShopKey implements KeySelector<SequencedEvent, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(SequencedEvent value) {
      return key(value);
    }
  }
}
