package io.fenliu.routing;

/**
 * The step of R18's order that decided a consultation (R19), or {@link #NO_AGENT} when none could. The
 * constants are declared in the order the router tries them.
 */
public enum RoutingStep {
  /** R18: the agent the buyer talked to within the window, online and eligible. */
  RECENT_AGENT,
  /** R18: the buyer's healthy exclusive follower, online ("connect directly to the exclusive agent"). */
  EXCLUSIVE_FOLLOWER,
  /** R11: an online agent of the entry page's set, at equal chances. */
  PAGE_SET,
  /** R12–R13: an online agent of the group bound to the buyer's order status, by weight. */
  MATCHED_GROUP,
  /** R14: an online agent of the other groups, by weight. */
  OTHER_GROUP,
  /** R14: an online ungrouped agent, at equal chances, once every grouped agent is unavailable. */
  UNGROUPED,
  /** R11, R18: any online eligible agent, at equal chances. */
  ANY_ONLINE,
  /** R16: nobody eligible is online; a designated offline-message receiver gets it. */
  OFFLINE_RECEIVER,
  /** R16, R19: no agent could be chosen; the decision's reason says why. */
  NO_AGENT
}
