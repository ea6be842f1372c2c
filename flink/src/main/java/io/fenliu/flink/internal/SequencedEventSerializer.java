package io.fenliu.flink.internal;

import io.fenliu.core.ShopId;
import io.fenliu.flink.SequencedEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** {@link SequencedEvent} on the wire: shop, sequence, timestamp, JSON. */
public final class SequencedEventSerializer extends ValueSerializer<SequencedEvent> {
  /** The one instance. */
  public static final SequencedEventSerializer INSTANCE = new SequencedEventSerializer();

  private static final long serialVersionUID = 1L;

  private SequencedEventSerializer() {}

  @Override
  void write(SequencedEvent value, DataOutputView out) throws IOException {
    StringValue.writeString(value.shop().value(), out);
    out.writeLong(value.sequence());
    out.writeLong(value.timestamp());
    StringValue.writeString(value.json(), out);
  }

  @Override
  SequencedEvent read(DataInputView in) throws IOException {
    ShopId shop = ShopId.of(StringValue.readString(in));
    long sequence = in.readLong();
    long timestamp = in.readLong();
    return SequencedEvent.ofJson(shop, sequence, timestamp, StringValue.readString(in));
  }

  @Override
  public TypeSerializerSnapshot<SequencedEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SequencedEvent> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
