package io.fenliu.flink.internal;

import io.fenliu.anomaly.HealthChange;
import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import io.fenliu.flink.RelationshipHealthUpdate;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link RelationshipHealthUpdate} on the wire: shop, sequence, timestamp, the relationship, kinds before and after
 * ({@link Kinds}' bytes), then the planned target and the reason for no plan, each behind a presence flag.
 */
public final class RelationshipHealthUpdateSerializer extends ValueSerializer<RelationshipHealthUpdate> {
  /** The one instance. */
  public static final RelationshipHealthUpdateSerializer INSTANCE = new RelationshipHealthUpdateSerializer();

  private static final long serialVersionUID = 1L;

  private RelationshipHealthUpdateSerializer() {}

  @Override
  void write(RelationshipHealthUpdate value, DataOutputView out) throws IOException {
    StringValue.writeString(value.shop().value(), out);
    out.writeLong(value.sequence());
    out.writeLong(value.timestamp());
    RelationshipSerializer.INSTANCE.write(value.relationship(), out);
    out.writeByte(Kinds.mask(value.before()));
    out.writeByte(Kinds.mask(value.after()));
    writeOptional(value.moveTo().map(AccountId::value), out);
    writeOptional(value.unplanned(), out);
  }

  @Override
  RelationshipHealthUpdate read(DataInputView in) throws IOException {
    ShopId shop = ShopId.of(StringValue.readString(in));
    long sequence = in.readLong();
    long timestamp = in.readLong();
    ExclusiveRelationship r = RelationshipSerializer.INSTANCE.read(in);
    Set<AnomalyKind> before = Kinds.kinds(in.readByte());
    Set<AnomalyKind> after = Kinds.kinds(in.readByte());
    Optional<AccountId> moveTo = readOptional(in).map(AccountId::of);
    Optional<String> unplanned = readOptional(in);
    return RelationshipHealthUpdate.of(shop, sequence, timestamp, new HealthChange(r, before, after), moveTo,
        unplanned);
  }

  private static void writeOptional(Optional<String> value, DataOutputView out) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      StringValue.writeString(value.get(), out);
    }
  }

  private static Optional<String> readOptional(DataInputView in) throws IOException {
    return in.readBoolean() ? Optional.of(StringValue.readString(in)) : Optional.empty();
  }

  @Override
  public TypeSerializerSnapshot<RelationshipHealthUpdate> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RelationshipHealthUpdate> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
