package io.fenliu.routing;

/**
 * How the agents of one page set, group or fallback tier share its consultations (R23).
 */
public enum ShareMode {
  /**
   * At random, in proportion to weight (R13; equal chances where there are no weights). Pinduoduo's rule and
   * the default.
   */
  WEIGHTED_RANDOM,
  /**
   * To the least busy agent: the one with the lowest load, load being seats held ÷ weight; ties broken at
   * random in proportion to weight (Taobao's 繁忙度, JD's rule). Over a busy day each agent's concurrent load
   * stays proportional to its weight.
   */
  LEAST_BUSY
}
