package io.fenliu.routing;

import io.fenliu.core.Presence;
import java.time.Instant;

/**
 * The one home of an agent's live facts (R20, R21): its presence, when that last changed, and how many seats
 * it holds. It outlives layouts, so a roster or settings change keeps presence and seats; it is dropped when
 * the agent leaves the roster, unless the agent still holds seats (those consultations are the host's to end
 * or move). Guarded by the router's lock, like everything live.
 */
final class AgentLive {
  Presence presence = Presence.OFFLINE;
  /** When presence last changed, or null if it never did. */
  Instant presenceAt;
  /** The open consultations this agent holds: always the number of rows of {@link OpenSeats} naming it. */
  int seats;
}
