package io.fenliu.flink.internal;

import io.fenliu.core.ShopId;
import io.fenliu.flink.ShopRelationship;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** {@link ShopRelationship} on the wire: shop, then the relationship. */
public final class ShopRelationshipSerializer extends ValueSerializer<ShopRelationship> {
  /** The one instance. */
  public static final ShopRelationshipSerializer INSTANCE = new ShopRelationshipSerializer();

  private static final long serialVersionUID = 1L;

  private ShopRelationshipSerializer() {}

  @Override
  void write(ShopRelationship value, DataOutputView out) throws IOException {
    StringValue.writeString(value.shop().value(), out);
    RelationshipSerializer.INSTANCE.write(value.relationship(), out);
  }

  @Override
  ShopRelationship read(DataInputView in) throws IOException {
    ShopId shop = ShopId.of(StringValue.readString(in));
    return ShopRelationship.of(shop, RelationshipSerializer.INSTANCE.read(in));
  }

  @Override
  public TypeSerializerSnapshot<ShopRelationship> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ShopRelationship> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
