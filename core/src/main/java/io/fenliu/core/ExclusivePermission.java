package io.fenliu.core;

/**
 * The two exclusive-service permissions (千牛权限). Holding either makes a sub-account an exclusive
 * agent; holding neither makes a relationship it follows anomalous (R1.2) and stops it from receiving
 * new relationships (R4).
 */
public enum ExclusivePermission {
  /** 普通专属客服: ordinary exclusive agent. */
  EXCLUSIVE_AGENT,
  /** 专属客服主管: exclusive-service supervisor. */
  EXCLUSIVE_SUPERVISOR
}
