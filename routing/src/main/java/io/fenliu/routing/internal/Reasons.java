package io.fenliu.routing.internal;



/**
 * The templates of every reason a router gives (R19). {agent} and {context} are filled in only when a
 * decision's reason is read, so a router keeps one template per step instead of one sentence per agent and
 * table. They speak to a shop's operator and cite the rule.
 */
final class Reasons {
  private Reasons() {}

  static final String RECENT =
      "the buyer talked to {agent} within the last {context}, and {agent} is online with a free seat (R18)";
  static final String RECENT_SUSPENDED = "the buyer talked to {agent} within the last {context}; {agent} is"
      + " suspended, but still takes the buyers it talked to that recently (R21)";
  static final String FOLLOWER =
      "{agent} is the buyer's healthy exclusive follower and is online with a free seat (R18, connect directly)";
  static final String PAGE_RANDOM =
      "{agent} is in the agent set of page {context} and has a free seat; chosen at equal chances (R11)";
  static final String PAGE_BUSY =
      "{agent} is in the agent set of page {context} and is the least busy of them (R11, R23)";
  static final String MATCHED_RANDOM =
      "{agent} is in group '{context}', bound to the buyer's order status; chosen by weight (R12, R13)";
  static final String MATCHED_BUSY = "{agent} is in group '{context}', bound to the buyer's order status; the"
      + " least busy by seats held per weight (R12, R23)";
  static final String OTHER_RANDOM = "no agent of the group bound to the buyer's order status is available;"
      + " {agent} is in group '{context}', chosen by weight from the other groups (R14)";
  static final String OTHER_BUSY = "no agent of the group bound to the buyer's order status is available;"
      + " {agent} in group '{context}' is the least busy of the other groups (R14, R23)";
  static final String UNBOUND_RANDOM = "no group is bound to the buyer's order status; {agent} is in group"
      + " '{context}', chosen by weight from every group (R14)";
  static final String UNBOUND_BUSY = "no group is bound to the buyer's order status; {agent} in group"
      + " '{context}' is the least busy of every group (R14, R23)";
  static final String UNGROUPED_RANDOM = "{agent} is an ungrouped agent, and every grouped agent is offline or"
      + " busy; chosen at equal chances (R14)";
  static final String UNGROUPED_BUSY = "{agent} is an ungrouped agent, and every grouped agent is offline or"
      + " busy; the least busy of them (R14, R23)";
  static final String ANY_BASIC_RANDOM = "{agent} is an online eligible agent with a free seat; the page is unset"
      + " or none of its agents is available (R11, R18)";
  static final String ANY_BASIC_BUSY = "{agent} is the least busy online eligible agent; the page is unset or"
      + " none of its agents is available (R11, R18, R23)";
  static final String ANY_RANDOM = "{agent} is an online eligible agent with a free seat, chosen at equal"
      + " chances (R18)";
  static final String ANY_BUSY = "{agent} is the least busy online eligible agent (R18, R23)";

  /** By {@link Agent}'s receiver causes. */
  static final String[] RECEIVER = {
    "no eligible agent is online; {agent} is a designated offline-message receiver and gets it as a message,"
        + " without a seat (R16)",
    "every online agent is at its concurrent limit and the queue is full ({context} waiting); {agent} is a"
        + " designated offline-message receiver and gets it as a message (R22, R16)",
    "it waited longer than the shop's maximum wait of {context} while every online agent was busy; {agent} is a"
        + " designated offline-message receiver and gets it as a message (R22, R16)"
  };

  /** By the same causes: the first half of a NO_AGENT reason. */
  static final String[] NO_AGENT_CAUSE = {
    "no eligible agent is online",
    "every online agent is at its concurrent limit and the queue is full ({context} waiting)",
    "it waited longer than the shop's maximum wait of {context} while every online agent was busy"
  };

  static final String NO_RECEIVER = ", and no offline-message receiver is designated (R16)";
  static final String NO_USABLE_RECEIVER = ", and every designated offline-message receiver is resigned, disabled,"
      + " frozen or out of routing (R16, R17)";

  static final String BY_HOST = "the host seated the consultation with {agent} (R20)";
  static final String RESTORED = "restored as open with {agent} after a restart (R20)";

  static final String QUEUED = "every online agent the routing steps could choose is at its concurrent limit;"
      + " the consultation waits in the shop's queue (R22)";
}
