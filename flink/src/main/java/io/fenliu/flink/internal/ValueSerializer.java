package io.fenliu.flink.internal;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.jspecify.annotations.Nullable;

/**
 * A serializer of one of the job's immutable records, so that no record falls back to Kryo (R25).
 *
 * <p>Invariants: the records are immutable values, so a copy is the record itself; each subclass is stateless and
 * has one instance; its wire format is its own {@code write}/{@code read}, and a change to it needs a new snapshot
 * version (these records live only in flight between operators, never in state).
 */
abstract class ValueSerializer<T> extends TypeSerializerSingleton<T> {
  private static final long serialVersionUID = 1L;

  abstract void write(T value, DataOutputView out) throws IOException;

  abstract T read(DataInputView in) throws IOException;

  @Override
  public final boolean isImmutableType() {
    return true;
  }

  /** There is no empty record: nothing is reused. */
  @Override
  public final @Nullable T createInstance() {
    return null;
  }

  @Override
  public final T copy(T from) {
    return from;
  }

  @Override
  public final T copy(T from, T reuse) {
    return from;
  }

  @Override
  public final int getLength() {
    return -1;
  }

  @Override
  public final void serialize(T record, DataOutputView target) throws IOException {
    write(record, target);
  }

  @Override
  public final T deserialize(DataInputView source) throws IOException {
    return read(source);
  }

  @Override
  public final T deserialize(T reuse, DataInputView source) throws IOException {
    return read(source);
  }

  @Override
  public final void copy(DataInputView source, DataOutputView target) throws IOException {
    write(read(source), target);
  }
}
