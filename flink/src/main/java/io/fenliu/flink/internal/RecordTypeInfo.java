package io.fenliu.flink.internal;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.jspecify.annotations.Nullable;

/**
 * The type information of one of the job's records: its class and its own serializer, never a generic (Kryo) one.
 *
 * <p>Invariant: two instances are equal when they describe the same class; the serializer is stateless.
 */
public final class RecordTypeInfo<T> extends TypeInformation<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final TypeSerializer<T> serializer;

  RecordTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
    this.type = type;
    this.serializer = serializer;
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<T> getTypeClass() {
    return type;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<T> createSerializer(SerializerConfig config) {
    return serializer;
  }

  @Override
  public String toString() {
    return "Fenliu(" + type.getSimpleName() + ")";
  }

  @Override
  public boolean equals(@Nullable Object obj) {
    return obj instanceof RecordTypeInfo<?> o && o.canEqual(this) && type == o.type;
  }

  @Override
  public int hashCode() {
    return Objects.hash(RecordTypeInfo.class, type);
  }

  @Override
  public boolean canEqual(@Nullable Object obj) {
    return obj instanceof RecordTypeInfo;
  }
}
