package io.fenliu.routing;

import io.fenliu.core.Presence;
import java.time.Instant;

/**
 * The one home of an agent's live facts (R20, R21): its presence, when that last changed, and how many seats
 * it holds. It outlives layouts, so a roster or settings change keeps presence and seats; it is dropped when
 * the agent leaves the roster, unless the agent still holds seats (those consultations are the host's to end
 * or move). Written under the router's write lock, like everything live; optimistic previews read it and
 * validate what they read.
 */
final class AgentLive {
  static final long NEVER = Long.MIN_VALUE;

  Presence presence = Presence.OFFLINE;
  /** When presence last changed, in nanoseconds since the epoch (saturated), or {@link #NEVER}. */
  long presenceAt = NEVER;
  /** The open consultations this agent holds: always the number of rows of {@link OpenSeats} naming it. */
  int seats;
  /** Decisions naming this agent, counted only when the router records statistics. */
  long decisions;

  /** {@code t} in nanoseconds since the epoch, saturated beyond about 292 years either side. */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // seconds and nanos are read together, on purpose
  static long nanos(Instant t) {
    long s = t.getEpochSecond();
    if (s >= Long.MAX_VALUE / 1_000_000_000L) {
      return Long.MAX_VALUE;
    }
    if (s <= Long.MIN_VALUE / 1_000_000_000L + 1) {
      return Long.MIN_VALUE + 1;
    }
    return s * 1_000_000_000L + t.getNano();
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
