package io.fenliu.flink.internal;

/**
 * What the health job keeps per agent (R1, R9): the kinds a relationship it follows has now ({@link Kinds}' byte)
 * and the sequence of the last log entry of its shop applied to it — nine bytes, whatever the number of
 * relationships the agent follows. Immutable.
 */
final class AgentHealth {
  private final byte kinds;
  private final long lastSequence;

  AgentHealth(byte kinds, long lastSequence) {
    this.kinds = kinds;
    this.lastSequence = lastSequence;
  }

  byte kinds() {
    return kinds;
  }

  long lastSequence() {
    return lastSequence;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof AgentHealth h && kinds == h.kinds && lastSequence == h.lastSequence;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(lastSequence) * 31 + kinds;
  }

  @Override
  public String toString() {
    return "AgentHealth[" + Kinds.kinds(kinds) + " #" + lastSequence + "]";
  }
}
