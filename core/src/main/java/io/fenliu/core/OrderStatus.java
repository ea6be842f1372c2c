package io.fenliu.core;

/**
 * The consulting buyer's order status (订单状态), which advanced routing binds to agent groups (R12).
 * The list follows the order life cycle on Pinduoduo and Taobao, group-buy included; a buyer with several
 * orders is described by the one the chat is about.
 */
public enum OrderStatus {
  /** 无订单: the buyer has not ordered (pre-sale questions). */
  NO_ORDER,
  /** 待付款: ordered, not paid. */
  UNPAID,
  /** 待成团: paid into a group buy that has not formed yet (Pinduoduo). */
  GROUP_BUY_PENDING,
  /** 待发货: paid, awaiting shipment. */
  AWAITING_SHIPMENT,
  /** 已发货: shipped, in transit. */
  SHIPPED,
  /** 已签收: delivered. */
  DELIVERED,
  /** 交易成功: confirmed and closed. */
  COMPLETED,
  /** 已取消: cancelled before shipment. */
  CANCELLED,
  /** 退款中: a refund is in progress. */
  REFUNDING,
  /** 售后中: a return, exchange or complaint is open. */
  AFTER_SALE
}
