package io.fenliu.routing.internal;

/**
 * The kinds of decision that name one agent outside a tier's draw (R16, R18, R20, R21): the three causes for
 * which a message goes to an offline receiver, and the agent's own steps. Indexes the layout's reasons and an
 * agent's prepared decisions by ordinal.
 */
enum OwnReason {
  /** R16: no eligible agent is ONLINE. */
  NOBODY_ONLINE,
  /** R22: the queue is at its maximum length. */
  QUEUE_FULL,
  /** R22: the consultation waited the maximum. */
  WAIT_EXPIRED,
  /** R18: the buyer's recent agent, ONLINE. */
  RECENT,
  /** R21: the buyer's recent agent, SUSPENDED, within the shorter window. */
  RECENT_SUSPENDED,
  /** R18: the follower of a healthy exclusive relationship. */
  FOLLOWER,
  /** R20: seated by the host. */
  BY_HOST,
  /** R20: handed back by the host after a restart. */
  RESTORED;

  /** The values by ordinal, without the copy {@code values()} makes. */
  static final OwnReason[] BY_ORDINAL = values();
  /** The causes of a message to the offline receivers (R16, R22), the first three kinds. */
  static final int RECEIVER_CAUSES = 3;
}
