package io.fenliu.flink.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.ShopId;
import io.fenliu.flink.Diagnostic;
import io.fenliu.flink.SequencedEvent;
import io.fenliu.routing.ShopEvent;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.jspecify.annotations.Nullable;

/**
 * The health job's reader (R9): reads each log entry's JSON and passes on the roster changes, keyed downstream by
 * shop and agent. Stateless, so it runs before the key is known.
 *
 * <p>What passes: an {@code ACCOUNT_CHANGED} entry with the R1 kinds its sub-account's own facts give (status,
 * permissions, routing participation, {@link RelationshipHealth#anomaliesOfSubAccount}), an {@code ACCOUNT_REMOVED} one with
 * {@link AnomalyKind#AGENT_STATUS_ABNORMAL} (an id the shop no longer knows, R1.1). Every other kind of event of
 * the shop's log (arrivals, presence, settings…) changes no relationship's health and is dropped without a word,
 * so the health job can read the router's own log. A malformed entry (not an event, or another shop's event) goes
 * to the diagnostics with the reason; nothing downstream sees it, so no agent's state changes.
 */
public final class RosterChangeReader extends ProcessFunction<SequencedEvent, RosterChange> {
  private static final long serialVersionUID = 1L;

  private final OutputTag<Diagnostic> diagnosticsTag;
  private transient @Nullable Counter malformed;

  /** A reader sending malformed entries to {@code diagnosticsTag}. */
  public RosterChangeReader(OutputTag<Diagnostic> diagnosticsTag) {
    this.diagnosticsTag = diagnosticsTag;
  }

  @Override
  public void open(OpenContext openContext) {
    malformed = getRuntimeContext().getMetricGroup().counter("malformed");
  }

  @Override
  public void processElement(SequencedEvent entry, Context ctx, Collector<RosterChange> out) {
    ShopEvent event;
    try {
      event = Json.readEvent(entry.json());
    } catch (JsonProcessingException | RuntimeException e) {
      malformed(ctx, entry, "not a valid event: " + e.getMessage());
      return;
    }
    if (!event.shop().equals(entry.shop())) {
      malformed(ctx, entry, "an event of shop " + event.shop() + " in the log of shop " + entry.shop() + " (R25)");
      return;
    }
    if (event instanceof ShopEvent.AccountChanged c) {
      emit(entry, c.account().id(), RelationshipHealth.anomaliesOfSubAccount(c.account()), out);
    } else if (event instanceof ShopEvent.AccountRemoved r) {
      emit(entry, r.agent(), Set.of(AnomalyKind.AGENT_STATUS_ABNORMAL), out);
    }
  }

  private static void emit(SequencedEvent entry, AccountId agent, Set<AnomalyKind> after,
      Collector<RosterChange> out) {
    ShopId shop = entry.shop();
    out.collect(new RosterChange(shop, agent, Kinds.mask(after), entry.sequence(), entry.timestamp()));
  }

  private void malformed(Context ctx, SequencedEvent entry, String reason) {
    if (malformed != null) {
      malformed.inc();
    }
    ctx.output(diagnosticsTag, Diagnostic.of(Diagnostic.Kind.MALFORMED, entry.shop(), entry.sequence(), reason));
  }
}
