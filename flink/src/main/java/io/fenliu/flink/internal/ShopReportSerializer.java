package io.fenliu.flink.internal;

import io.fenliu.core.ShopId;
import io.fenliu.flink.ShopReport;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** {@link ShopReport} on the wire: shop, JSON. */
public final class ShopReportSerializer extends ValueSerializer<ShopReport> {
  /** The one instance. */
  public static final ShopReportSerializer INSTANCE = new ShopReportSerializer();

  private static final long serialVersionUID = 1L;

  private ShopReportSerializer() {}

  @Override
  void write(ShopReport value, DataOutputView out) throws IOException {
    StringValue.writeString(value.shop().value(), out);
    StringValue.writeString(value.json(), out);
  }

  @Override
  ShopReport read(DataInputView in) throws IOException {
    ShopId shop = ShopId.of(StringValue.readString(in));
    return ShopReport.of(shop, StringValue.readString(in));
  }

  @Override
  public TypeSerializerSnapshot<ShopReport> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ShopReport> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
