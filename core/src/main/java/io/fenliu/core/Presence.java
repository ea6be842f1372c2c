package io.fenliu.core;

/**
 * Whether an agent is online (在线), suspended (挂起 / 小休) or offline (离线). Presence changes many times a
 * day, so it is not part of the immutable {@link SubAccount}; routers keep it as live state.
 *
 * <p>Only ONLINE agents are routed to (R17), with two exceptions: a SUSPENDED agent still gets a buyer whose
 * recent contact with it lies within the shop's shorter window (R21), and offline-message receivers get
 * consultations whatever their presence (R16). For R16 and R22 only ONLINE agents count as "someone is
 * online".
 */
public enum Presence {
  /** Logged in and taking new buyers. */
  ONLINE,
  /** Logged in, at work, taking no new buyers (a break); recent buyers may still come back (R21). */
  SUSPENDED,
  /** Not logged in. */
  OFFLINE
}
