package io.fenliu.routing;

/** Whether an agent's share of a page set or group is what chance allows (R13, R23); see {@link AgentShare}. */
public enum ShareVerdict {
  /** The observed count is within chance of what its weight and its availability make expected. */
  WITHIN_CHANCE,
  /** The deviation is larger than chance explains (|z| above 4: a false alarm about once in 16,000 agents). */
  BEYOND_CHANCE,
  /** Not judged: least-busy sharing is not random (R23), or too few consultations were expected (under 5). */
  NOT_JUDGED
}
