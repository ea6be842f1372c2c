package io.fenliu.flink.internal;

import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.flink.RosterLoader;
import io.fenliu.flink.ShopRelationship;
import io.fenliu.flink.ShopReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.BooleanSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;

/**
 * The anomaly report job's keyed function (R1): buffers a shop's relationships and, when its input ends (the
 * end-of-input timer), scans them in buyer-id order with {@link AnomalyScanner} and emits the report.
 *
 * <p>Invariants, per shop: {@code relationships} holds every relationship received and not yet reported; one
 * timer, at the end of time, is armed ({@code armed}) from the first relationship on.
 */
public final class ShopScanFunction extends KeyedProcessFunction<String, ShopRelationship, ShopReport> {
  private static final long serialVersionUID = 1L;

  private final RosterLoader rosters;
  private transient @Nullable ListState<ExclusiveRelationship> relationships;
  private transient @Nullable ValueState<Boolean> armed;

  /** A scan reading each shop's roster from {@code rosters}. */
  public ShopScanFunction(RosterLoader rosters) {
    this.rosters = rosters;
  }

  @Override
  public void open(OpenContext openContext) {
    relationships = getRuntimeContext().getListState(
        new ListStateDescriptor<>("fenliu-relationships", RelationshipSerializer.INSTANCE));
    armed = getRuntimeContext().getState(new ValueStateDescriptor<>("fenliu-armed", BooleanSerializer.INSTANCE));
  }

  @Override
  public void processElement(ShopRelationship value, Context ctx, Collector<ShopReport> out) throws Exception {
    state(relationships).add(value.relationship());
    ValueState<Boolean> a = state(armed);
    if (a.value() == null) {
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      a.update(true);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ShopReport> out) throws Exception {
    ShopId id = ShopId.of(ctx.getCurrentKey());
    List<ExclusiveRelationship> all = new ArrayList<>();
    for (ExclusiveRelationship r : state(relationships).get()) {
      all.add(r);
    }
    state(relationships).clear();
    state(armed).clear();
    Optional<Shop> shop = rosters.load(id);
    if (shop.isPresent()) {
      all.sort(Comparator.comparing(r -> r.buyer().value()));
      out.collect(ShopReport.of(id, Json.report(AnomalyScanner.scan(shop.get(), all))));
    }
  }

  private static <S> S state(@Nullable S handle) {
    if (handle == null) {
      throw new IllegalStateException("the scan function is used before Flink opened it");
    }
    return handle;
  }
}
