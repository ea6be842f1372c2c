package io.fenliu.core;

/**
 * A sub-account's status (子账号状态). Anything but {@link #ACTIVE} is abnormal: such an account is
 * never routed to (R17), never a valid transfer target (R3), and a relationship it follows is
 * anomalous (R1.1).
 */
public enum AccountStatus {
  /** In service. */
  ACTIVE,
  /** 离职: the employee left. */
  RESIGNED,
  /** 停用: switched off by the shop. */
  DISABLED,
  /** 冻结: frozen by the platform. */
  FROZEN;

  /** Whether this status is abnormal in the sense of R1.1. */
  public boolean isAbnormal() {
    return this != ACTIVE;
  }
}
