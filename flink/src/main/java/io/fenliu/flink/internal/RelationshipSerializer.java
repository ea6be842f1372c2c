package io.fenliu.flink.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import java.io.IOException;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** An {@link ExclusiveRelationship} on the wire: buyer, follower if any, version. */
public final class RelationshipSerializer extends ValueSerializer<ExclusiveRelationship> {
  /** The one instance. */
  public static final RelationshipSerializer INSTANCE = new RelationshipSerializer();

  private static final long serialVersionUID = 1L;

  private RelationshipSerializer() {}

  @Override
  void write(ExclusiveRelationship value, DataOutputView out) throws IOException {
    StringValue.writeString(value.buyer().value(), out);
    out.writeBoolean(value.follower().isPresent());
    if (value.follower().isPresent()) {
      StringValue.writeString(value.follower().get().value(), out);
    }
    out.writeLong(value.version());
  }

  @Override
  ExclusiveRelationship read(DataInputView in) throws IOException {
    BuyerId buyer = BuyerId.of(StringValue.readString(in));
    Optional<AccountId> follower = in.readBoolean()
        ? Optional.of(AccountId.of(StringValue.readString(in))) : Optional.empty();
    return new ExclusiveRelationship(buyer, follower, in.readLong());
  }

  @Override
  public TypeSerializerSnapshot<ExclusiveRelationship> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ExclusiveRelationship> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
