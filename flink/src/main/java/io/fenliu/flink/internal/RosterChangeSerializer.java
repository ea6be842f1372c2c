package io.fenliu.flink.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.ShopId;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** {@link RosterChange} on the wire: shop, agent, kinds byte, sequence, timestamp. */
public final class RosterChangeSerializer extends ValueSerializer<RosterChange> {
  /** The one instance. */
  public static final RosterChangeSerializer INSTANCE = new RosterChangeSerializer();

  private static final long serialVersionUID = 1L;

  private RosterChangeSerializer() {}

  @Override
  void write(RosterChange value, DataOutputView out) throws IOException {
    StringValue.writeString(value.shop().value(), out);
    StringValue.writeString(value.agent().value(), out);
    out.writeByte(value.after());
    out.writeLong(value.sequence());
    out.writeLong(value.timestamp());
  }

  @Override
  RosterChange read(DataInputView in) throws IOException {
    ShopId shop = ShopId.of(StringValue.readString(in));
    AccountId agent = AccountId.of(StringValue.readString(in));
    byte after = in.readByte();
    long sequence = in.readLong();
    return new RosterChange(shop, agent, after, sequence, in.readLong());
  }

  @Override
  public TypeSerializerSnapshot<RosterChange> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RosterChange> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
