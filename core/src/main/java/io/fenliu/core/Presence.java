package io.fenliu.core;

/**
 * Whether an agent is online (在线) or offline (离线). Presence changes many times a day, so it is
 * not part of the immutable {@link SubAccount}; routers keep it as live state. Only online agents
 * are routed to (R17), offline-message receivers aside (R16).
 */
public enum Presence {
  /** Logged in and able to chat. */
  ONLINE,
  /** Not logged in. */
  OFFLINE
}
