package io.fenliu.flink.internal;

import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshotCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint or savepoint records about how its router state was written (R25): this snapshot's own format
 * version, then the codec version of the state's bytes.
 *
 * <p>Compatibility, decided when a job restores: state written in the codec version this release writes is read
 * as is; state of an older codec version is read by the codec's reader for that version and rewritten in the
 * current one (migration); state of a codec version this release does not know — written by a later release — stops
 * the restore with a message naming both versions, rather than dropping or guessing the state. A snapshot of a
 * format version this class does not know is refused when read, with the versions named.
 *
 * <p>Flink instantiates snapshots by class name: this class keeps its name and its public no-argument constructor.
 */
public final class RouterSerializerSnapshot implements TypeSerializerSnapshot<Router> {
  /** The format this class writes: version 1 is an int, the codec version of the state. */
  public static final int VERSION = 1;

  private int codecVersion;

  /** A snapshot of the current serializer: state written in {@link RouterSnapshotCodec#CURRENT_VERSION}. */
  public RouterSerializerSnapshot() {
    this.codecVersion = RouterSnapshotCodec.CURRENT_VERSION;
  }

  /** The codec version the state this snapshot describes was written in. */
  public int codecVersion() {
    return codecVersion;
  }

  @Override
  public int getCurrentVersion() {
    return VERSION;
  }

  @Override
  public void writeSnapshot(DataOutputView out) throws IOException {
    out.writeInt(codecVersion);
  }

  @Override
  public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
    if (readVersion != VERSION) {
      throw new IOException("Fenliu's router state serializer snapshot has format version " + readVersion
          + ", this release reads version " + VERSION + " (R25): restore with the release that wrote it, or a later"
          + " one");
    }
    codecVersion = in.readInt();
  }

  @Override
  public TypeSerializer<Router> restoreSerializer() {
    return RouterSerializer.INSTANCE;
  }

  @Override
  public TypeSerializerSchemaCompatibility<Router> resolveSchemaCompatibility(
      TypeSerializerSnapshot<Router> oldSerializerSnapshot) {
    if (!(oldSerializerSnapshot instanceof RouterSerializerSnapshot old)) {
      return TypeSerializerSchemaCompatibility.incompatible();
    }
    if (old.codecVersion > RouterSnapshotCodec.CURRENT_VERSION || old.codecVersion < 1) {
      throw new IllegalStateException("the router state was written in Fenliu codec version " + old.codecVersion
          + ", and this release reads versions 1 to " + RouterSnapshotCodec.CURRENT_VERSION + " (R25): restore it with"
          + " the release that wrote it, or a later one; the state is kept as it is");
    }
    return old.codecVersion == RouterSnapshotCodec.CURRENT_VERSION
        ? TypeSerializerSchemaCompatibility.compatibleAsIs()
        : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
  }
}
