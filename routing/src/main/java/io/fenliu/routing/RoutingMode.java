package io.fenliu.routing;

/** The two routing modes; exactly one is active at a time (R10). Offline routing works with either (R16). */
public enum RoutingMode {
  /** 基础分流: per entry page (R11). */
  BASIC,
  /** 高级分流: order-status groups with weights (R12–R14). */
  ADVANCED
}
