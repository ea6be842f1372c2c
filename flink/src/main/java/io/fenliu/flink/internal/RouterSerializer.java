package io.fenliu.flink.internal;

import io.fenliu.core.InvalidValueException;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshotCodec;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.jspecify.annotations.Nullable;

/**
 * A shop's router as Flink state, in the versioned codec's bytes (R25): a length, then {@link
 * RouterSnapshotCodec#encode} of the router's snapshot (magic, format version, payload, CRC32).
 *
 * <p>Invariants: stateless, so one instance serves every thread and {@link #duplicate()} returns it. {@link
 * #copy(Router)} is deep — a round trip through the codec — because the heap state backend copies a key's value on
 * its first access after a checkpoint started and keeps the original for the checkpoint (copy-on-write): a copy
 * sharing anything mutable with the original would let the running job change the checkpoint being written. A
 * router read back is built with a fixed clock: the job states every event's time, so nothing it decides may
 * depend on the machine's clock (R25).
 */
public final class RouterSerializer extends TypeSerializer<Router> {
  /** The one instance. */
  public static final RouterSerializer INSTANCE = new RouterSerializer();

  private static final long serialVersionUID = 1L;
  private static final Clock NO_CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  private RouterSerializer() {}

  /** A router continuing from {@code bytes}, the codec's (R25). */
  public static Router router(byte[] bytes) {
    return Router.builder(RouterSnapshotCodec.decode(bytes)).clock(NO_CLOCK).build();
  }

  /** A router continuing from {@code snapshot}, as the job builds every router (fixed clock). */
  public static Router router(io.fenliu.routing.RouterSnapshot snapshot) {
    return Router.builder(snapshot).clock(NO_CLOCK).build();
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<Router> duplicate() {
    return this;
  }

  /** No router exists without a shop: there is no empty instance to reuse, and the state's default is none. */
  @Override
  public @Nullable Router createInstance() {
    return null;
  }

  @Override
  public Router copy(Router from) {
    return router(RouterSnapshotCodec.encode(from.snapshot()));
  }

  @Override
  public Router copy(Router from, Router reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Router record, DataOutputView target) throws IOException {
    byte[] bytes = RouterSnapshotCodec.encode(record.snapshot());
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public Router deserialize(DataInputView source) throws IOException {
    byte[] bytes = readBytes(source);
    try {
      return router(bytes);
    } catch (InvalidValueException e) {
      throw new IOException("a shop's router state could not be read (R25): " + e.getMessage(), e);
    }
  }

  @Override
  public Router deserialize(Router reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    byte[] bytes = readBytes(source);
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  private static byte[] readBytes(DataInputView source) throws IOException {
    int length = source.readInt();
    if (length < 8) {
      throw new IOException("a shop's router state could not be read (R25): its length is " + length
          + " bytes, shorter than the codec's 8-byte header");
    }
    byte[] bytes = new byte[length];
    source.readFully(bytes);
    return bytes;
  }

  @Override
  public boolean equals(@Nullable Object obj) {
    return obj instanceof RouterSerializer;
  }

  @Override
  public int hashCode() {
    return RouterSerializer.class.hashCode();
  }

  @Override
  public TypeSerializerSnapshot<Router> snapshotConfiguration() {
    return new RouterSerializerSnapshot();
  }

  /** Deserialisation returns the one instance. */
  private Object readResolve() {
    return INSTANCE;
  }
}
