package io.fenliu.flink.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ShopId;
import io.fenliu.flink.VerdictChange;
import java.io.IOException;
import java.util.Set;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * {@link VerdictChange} on the wire: shop, agent, kinds before and after ({@link Kinds}' bytes), sequence,
 * timestamp. Also the state of the fetch stage's in-flight changes (Flink checkpoints them), read back by the same
 * release's job or a later one.
 */
public final class VerdictChangeSerializer extends ValueSerializer<VerdictChange> {
  /** The one instance. */
  public static final VerdictChangeSerializer INSTANCE = new VerdictChangeSerializer();

  private static final long serialVersionUID = 1L;

  private VerdictChangeSerializer() {}

  @Override
  void write(VerdictChange value, DataOutputView out) throws IOException {
    StringValue.writeString(value.shop().value(), out);
    StringValue.writeString(value.agent().value(), out);
    out.writeByte(Kinds.mask(value.before()));
    out.writeByte(Kinds.mask(value.after()));
    out.writeLong(value.sequence());
    out.writeLong(value.timestamp());
  }

  @Override
  VerdictChange read(DataInputView in) throws IOException {
    ShopId shop = ShopId.of(StringValue.readString(in));
    AccountId agent = AccountId.of(StringValue.readString(in));
    Set<AnomalyKind> before = Kinds.kinds(in.readByte());
    Set<AnomalyKind> after = Kinds.kinds(in.readByte());
    long sequence = in.readLong();
    return VerdictChange.of(shop, agent, before, after, sequence, in.readLong());
  }

  @Override
  public TypeSerializerSnapshot<VerdictChange> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<VerdictChange> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
