package io.fenliu.anomaly;

/**
 * The exclusive-channel bulk messages (R2). Every kind excludes anomalous relationships alike: the seed names
 * all three as blocked.
 */
public enum CampaignKind {
  /** 上新提醒. */
  NEW_ARRIVAL,
  /** 日常触达. */
  DAILY_TOUCH,
  /** 补货提醒. */
  RESTOCK
}
