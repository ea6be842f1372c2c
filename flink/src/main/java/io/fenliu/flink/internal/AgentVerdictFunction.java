package io.fenliu.flink.internal;

import io.fenliu.core.AnomalyKind;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.flink.Diagnostic;
import io.fenliu.flink.RosterLoader;
import io.fenliu.flink.VerdictChange;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.jspecify.annotations.Nullable;

/**
 * The health job's per-agent function (R1, R9): keyed by shop and agent ({@link RosterChange#key()}), it keeps the
 * agent's verdict — the anomaly kinds a relationship it follows has — and emits a {@link VerdictChange} when a
 * roster change alters it. A relationship's health depends only on its follower's account (R1), so this is all the
 * state platform-wide health needs: one {@link AgentHealth} (nine bytes) per agent that ever changed, never one
 * entry per relationship.
 *
 * <p>Invariants, per key:
 *
 * <ul>
 *   <li>{@code health} is absent until the first change of the agent is applied; then it holds the kinds after the
 *       last applied change and that change's sequence. Both are written in one {@code update}, so a checkpoint
 *       has both or neither.
 *   <li>The verdict before the first change is the agent's under the {@link RosterLoader}'s roster (the roster the
 *       log starts from), read once, on that first change: an id the roster does not know is {@link
 *       AnomalyKind#AGENT_STATUS_ABNORMAL} (R1.1), as in {@code HealthChanges}.
 *   <li>A change is applied at most once: only when its sequence is above the last applied one (a source
 *       replaying, a producer retrying: reported as {@link Diagnostic.Kind#DUPLICATE}).
 *   <li>A change the key cannot take leaves the state as it was, and goes to the diagnostics with its reason: a
 *       shop the loader does not know ({@link Diagnostic.Kind#UNKNOWN_SHOP}), or a change naming the shop's main
 *       account ({@link Diagnostic.Kind#MALFORMED}: R1.5, the main account is not a sub-account and its verdict
 *       never changes).
 *   <li>A {@link VerdictChange} is emitted exactly when the kinds before and after differ; one emitted is never
 *       taken back, and two of one agent leave in sequence order (one key, one thread).
 * </ul>
 */
public final class AgentVerdictFunction extends KeyedProcessFunction<String, RosterChange, VerdictChange> {
  private static final long serialVersionUID = 1L;

  private final RosterLoader rosters;
  private final OutputTag<Diagnostic> diagnosticsTag;

  private transient @Nullable ValueState<AgentHealth> health;
  private transient @Nullable Counter changes;
  private transient @Nullable Counter duplicates;
  private transient @Nullable Counter unknownShops;
  private transient @Nullable Counter malformed;

  /** A function starting each agent from {@code rosters}, side-outputting to {@code diagnosticsTag}. */
  public AgentVerdictFunction(RosterLoader rosters, OutputTag<Diagnostic> diagnosticsTag) {
    this.rosters = rosters;
    this.diagnosticsTag = diagnosticsTag;
  }

  /** The state's descriptor: its name and serializer are part of the savepoint format. */
  public static ValueStateDescriptor<AgentHealth> descriptor() {
    return new ValueStateDescriptor<>("fenliu-agent-health", AgentHealthSerializer.INSTANCE);
  }

  @Override
  public void open(OpenContext openContext) {
    health = getRuntimeContext().getState(descriptor());
    MetricGroup metrics = getRuntimeContext().getMetricGroup();
    changes = metrics.counter("verdictChanges");
    duplicates = metrics.counter("duplicates");
    unknownShops = metrics.counter("unknownShops");
    malformed = metrics.counter("malformed");
  }

  @Override
  public void processElement(RosterChange change, Context ctx, Collector<VerdictChange> out) throws Exception {
    ValueState<AgentHealth> state = state(health);
    ShopId shop = change.shop();
    AgentHealth now = state.value();
    byte before;
    if (now != null) {
      if (change.sequence() <= now.lastSequence()) {
        count(duplicates);
        ctx.output(diagnosticsTag, Diagnostic.of(Diagnostic.Kind.DUPLICATE, shop, change.sequence(),
            "sequence " + change.sequence() + " is not above " + now.lastSequence() + ", the last applied to agent "
                + change.agent() + " (R25)"));
        return;
      }
      before = now.kinds();
    } else {
      Optional<Shop> roster = rosters.load(shop);
      if (roster.isEmpty()) {
        count(unknownShops);
        ctx.output(diagnosticsTag, Diagnostic.of(Diagnostic.Kind.UNKNOWN_SHOP, shop, change.sequence(),
            "the roster loader knows no shop " + shop + "; the change of agent " + change.agent()
                + " is dropped, nothing recorded"));
        return;
      }
      if (roster.get().isMainAccount(change.agent())) {
        count(malformed);
        ctx.output(diagnosticsTag, Diagnostic.of(Diagnostic.Kind.MALFORMED, shop, change.sequence(),
            "a sub-account change naming " + change.agent() + ", shop " + shop + "'s main account (R1.5): the main"
                + " account is not a sub-account; nothing recorded"));
        return;
      }
      before = Kinds.mask(RelationshipHealth.anomaliesOfFollower(roster.get(), Optional.of(change.agent())));
    }
    state.update(new AgentHealth(change.after(), change.sequence()));
    if (before != change.after()) {
      count(changes);
      Set<AnomalyKind> was = Kinds.kinds(before);
      out.collect(VerdictChange.of(shop, change.agent(), was, Kinds.kinds(change.after()), change.sequence(),
          change.timestamp()));
    }
  }

  private static <S> S state(@Nullable S handle) {
    if (handle == null) {
      throw new IllegalStateException("the health function is used before Flink opened it");
    }
    return handle;
  }

  private static void count(@Nullable Counter counter) {
    if (counter != null) {
      counter.inc();
    }
  }
}
