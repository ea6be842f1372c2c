package io.fenliu.flink.internal;

import io.fenliu.core.ShopId;
import io.fenliu.flink.Diagnostic;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** {@link Diagnostic} on the wire: kind by name, shop, sequence, detail. */
public final class DiagnosticSerializer extends ValueSerializer<Diagnostic> {
  /** The one instance. */
  public static final DiagnosticSerializer INSTANCE = new DiagnosticSerializer();

  private static final long serialVersionUID = 1L;

  private DiagnosticSerializer() {}

  @Override
  void write(Diagnostic value, DataOutputView out) throws IOException {
    StringValue.writeString(value.kind().name(), out);
    StringValue.writeString(value.shop().value(), out);
    out.writeLong(value.sequence());
    StringValue.writeString(value.detail(), out);
  }

  @Override
  Diagnostic read(DataInputView in) throws IOException {
    Diagnostic.Kind kind = Diagnostic.Kind.valueOf(StringValue.readString(in));
    ShopId shop = ShopId.of(StringValue.readString(in));
    long sequence = in.readLong();
    return Diagnostic.of(kind, shop, sequence, StringValue.readString(in));
  }

  @Override
  public TypeSerializerSnapshot<Diagnostic> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Diagnostic> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
