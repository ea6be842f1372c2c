package io.fenliu.core;

/**
 * The page a chat was opened from (咨询页面). Basic routing sets an agent set per page (R11); these
 * are Pinduoduo's five pages.
 */
public enum EntryPage {
  /** 店铺首页. */
  SHOP_HOME("店铺首页"),
  /** 商品详情页. */
  PRODUCT_DETAIL("商品详情页"),
  /** 订单详情页. */
  ORDER_DETAIL("订单详情页"),
  /** 退款详情页. */
  REFUND_DETAIL("退款详情页"),
  /** 物流投诉页. */
  LOGISTICS_COMPLAINT("物流投诉页");

  private final String chineseLabel;

  EntryPage(String chineseLabel) {
    this.chineseLabel = chineseLabel;
  }

  /** The platform's name of the page. */
  public String chineseLabel() {
    return chineseLabel;
  }
}
