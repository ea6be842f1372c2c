package io.fenliu.flink.internal;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.jspecify.annotations.Nullable;

/**
 * The health job's per-agent state on the wire, nine bytes: the kinds byte ({@link Kinds}), then the last
 * sequence. This is state: the layout is read back from savepoints, so a change to it needs a new snapshot class
 * that still reads this one (none has been needed yet).
 */
public final class AgentHealthSerializer extends TypeSerializerSingleton<AgentHealth> {
  /** The one instance. */
  public static final AgentHealthSerializer INSTANCE = new AgentHealthSerializer();

  private static final long serialVersionUID = 1L;

  private AgentHealthSerializer() {}

  @Override
  public boolean isImmutableType() {
    return true;
  }

  /** There is no empty state: nothing is reused. */
  @Override
  public @Nullable AgentHealth createInstance() {
    return null;
  }

  @Override
  public AgentHealth copy(AgentHealth from) {
    return from;
  }

  @Override
  public AgentHealth copy(AgentHealth from, AgentHealth reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return 9;
  }

  @Override
  public void serialize(AgentHealth record, DataOutputView target) throws IOException {
    target.writeByte(record.kinds());
    target.writeLong(record.lastSequence());
  }

  @Override
  public AgentHealth deserialize(DataInputView source) throws IOException {
    byte kinds = source.readByte();
    Kinds.kinds(kinds); // refuses a kind this release does not know, now rather than at the next change
    return new AgentHealth(kinds, source.readLong());
  }

  @Override
  public AgentHealth deserialize(AgentHealth reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    target.write(source, 9);
  }

  @Override
  public TypeSerializerSnapshot<AgentHealth> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Its snapshot: nothing to record but the class (version 1 of the layout). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AgentHealth> {
    /** For Flink, which instantiates snapshots by class name. */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
