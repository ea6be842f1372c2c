package io.fenliu.flink.internal;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.ShopId;
import io.fenliu.flink.RouterOutput;
import java.io.IOException;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** {@link RouterOutput} on the wire: kind by name, shop, sequence, consultation if any, JSON. */
public final class RouterOutputSerializer extends ValueSerializer<RouterOutput> {
  /** The one instance. */
  public static final RouterOutputSerializer INSTANCE = new RouterOutputSerializer();

  private static final long serialVersionUID = 1L;

  private RouterOutputSerializer() {}

  @Override
  void write(RouterOutput value, DataOutputView out) throws IOException {
    StringValue.writeString(value.kind().name(), out);
    StringValue.writeString(value.shop().value(), out);
    out.writeLong(value.sequence());
    Optional<ConsultationId> c = value.consultation();
    out.writeBoolean(c.isPresent());
    if (c.isPresent()) {
      StringValue.writeString(c.get().value(), out);
    }
    StringValue.writeString(value.json(), out);
  }

  @Override
  RouterOutput read(DataInputView in) throws IOException {
    RouterOutput.Kind kind = RouterOutput.Kind.valueOf(StringValue.readString(in));
    ShopId shop = ShopId.of(StringValue.readString(in));
    long sequence = in.readLong();
    Optional<ConsultationId> c = in.readBoolean()
        ? Optional.of(ConsultationId.of(StringValue.readString(in))) : Optional.empty();
    return RouterOutput.of(kind, shop, sequence, c, StringValue.readString(in));
  }

  @Override
  public TypeSerializerSnapshot<RouterOutput> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RouterOutput> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
