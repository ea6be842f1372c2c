package io.fenliu.flink.internal;

import io.fenliu.core.AnomalyKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * A set of anomaly kinds (R1) as one byte, for the health job's state and records.
 *
 * <p>Invariant: bit {@code i} stands for {@code BITS[i]}, a table fixed here rather than the enum's ordinals, so
 * that reordering {@link AnomalyKind} never changes what stored bytes mean. A new kind takes the next free bit;
 * bits 5–7 are free. A byte with a bit set that this release does not know is refused, not read as something else.
 */
final class Kinds {
  private static final AnomalyKind[] BITS = {
      AnomalyKind.AGENT_STATUS_ABNORMAL,
      AnomalyKind.AGENT_NOT_EXCLUSIVE,
      AnomalyKind.AGENT_NOT_ROUTING,
      AnomalyKind.NO_EXCLUSIVE_AGENT,
      AnomalyKind.BOUND_TO_MAIN_ACCOUNT,
  };

  private Kinds() {}

  static byte mask(Set<AnomalyKind> kinds) {
    int m = 0;
    for (int i = 0; i < BITS.length; i++) {
      if (kinds.contains(BITS[i])) {
        m |= 1 << i;
      }
    }
    return (byte) m;
  }

  static Set<AnomalyKind> kinds(byte mask) {
    int m = mask & 0xFF;
    if ((m >>> BITS.length) != 0) {
      throw new IllegalStateException("anomaly kinds 0x" + Integer.toHexString(m) + " name a kind this release does"
          + " not know (bits " + BITS.length + " and up): state written by a later release?");
    }
    EnumSet<AnomalyKind> set = EnumSet.noneOf(AnomalyKind.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((m & (1 << i)) != 0) {
        set.add(BITS[i]);
      }
    }
    return Set.copyOf(set);
  }
}
