package io.fenliu.routing;

/**
 * The step of R18's order that decided a consultation (R19), or why none could. The constants are declared
 * in the order the router tries them.
 */
public enum RoutingStep {
  /** R18, R21: the agent the buyer talked to within the window, online (or suspended, within R21's shorter window) and with a free seat. */
  RECENT_AGENT,
  /** R18: the buyer's healthy exclusive follower, online and with a free seat ("connect directly to the exclusive agent"). */
  EXCLUSIVE_FOLLOWER,
  /** R11: an online agent of the entry page's set. */
  PAGE_SET,
  /** R12–R13: an online agent of the group bound to the buyer's order status. */
  MATCHED_GROUP,
  /** R14: an online agent of the other groups. */
  OTHER_GROUP,
  /** R14: an online ungrouped agent, once every grouped agent is unavailable. */
  UNGROUPED,
  /** R11, R18: any online eligible agent. */
  ANY_ONLINE,
  /** R20: the host seated the consultation itself (a manual pick-up, or a transfer between agents). */
  ASSIGNED_BY_HOST,
  /** R22: agents are online but every one the steps could choose is at its limit; the consultation waits in the shop's queue. */
  QUEUED,
  /** R16, R22: nobody eligible is online (or the wait or the queue's length ran out); a designated offline-message receiver gets it. */
  OFFLINE_RECEIVER,
  /** R16, R19: no agent could be chosen; the decision's reason says why. */
  NO_AGENT;

  /** Whether a consultation decided by this step holds a seat (R20): every step that names a live agent. */
  public boolean holdsSeat() {
    return ordinal() <= ASSIGNED_BY_HOST.ordinal();
  }
}
