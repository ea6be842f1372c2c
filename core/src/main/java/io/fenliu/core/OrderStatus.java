package io.fenliu.core;

/**
 * The consulting buyer's order status (订单状态), which advanced routing binds to agent groups (R12).
 * The list follows the order life cycle on both platforms; a buyer with several orders is described by
 * the one the chat is about.
 */
public enum OrderStatus {
  /** 无订单: the buyer has not ordered (pre-sale questions). */
  NO_ORDER,
  /** 待付款: ordered, not paid. */
  UNPAID,
  /** 待发货: paid, awaiting shipment. */
  AWAITING_SHIPMENT,
  /** 已发货: shipped, in transit. */
  SHIPPED,
  /** 已签收: delivered. */
  DELIVERED,
  /** 售后中: a refund, return or complaint is open. */
  AFTER_SALE
}
