package io.fenliu.core;

/**
 * The five ways an exclusive relationship can be anomalous (R1). Several may hold at once. They live
 * in core because routing asks the same question when it connects a buyer to a <em>healthy</em>
 * exclusive follower (R18).
 */
public enum AnomalyKind {
  /** R1.1: the follower is RESIGNED, DISABLED or FROZEN, or the shop no longer knows the id. */
  AGENT_STATUS_ABNORMAL("子账号状态异常", "the follower is resigned, disabled, frozen or unknown"),
  /** R1.2: the follower holds neither exclusive permission. */
  AGENT_NOT_EXCLUSIVE("非专属客服", "the follower holds no exclusive permission"),
  /** R1.3: the follower does not participate in routing. */
  AGENT_NOT_ROUTING("不参与分流", "the follower does not participate in routing"),
  /** R1.4: the buyer has no follower at all. */
  NO_EXCLUSIVE_AGENT("没有绑定专属客服", "the buyer has no exclusive agent"),
  /** R1.5: the follower is the shop's main account. */
  BOUND_TO_MAIN_ACCOUNT("绑定在主账号下", "the relationship is bound to the main account");

  private final String chineseLabel;
  private final String description;

  AnomalyKind(String chineseLabel, String description) {
    this.chineseLabel = chineseLabel;
    this.description = description;
  }

  /** The merchant back office's wording. */
  public String chineseLabel() {
    return chineseLabel;
  }

  /** A short English explanation, fit for an operator's report. */
  public String description() {
    return description;
  }
}
