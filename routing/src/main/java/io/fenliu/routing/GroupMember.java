package io.fenliu.routing;

import io.fenliu.core.AccountId;
import java.util.Objects;

/**
 * An agent in an advanced-routing group with its weight (R13): within a group, an agent's chance is
 * proportional to its weight, so 500 against 100 means five times the consultations.
 *
 * @param agent the agent
 * @param weight the weight, in [1, 1000000]
 */
public record GroupMember(AccountId agent, int weight) {
  /** The smallest weight. */
  public static final int MIN_WEIGHT = 1;

  /** The largest weight: large enough for any ratio a shop sets, small enough that sums never overflow. */
  public static final int MAX_WEIGHT = 1_000_000;

  /** Validates the agent and the weight's range. */
  public GroupMember {
    Objects.requireNonNull(agent, "group member agent must not be null");
    if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "weight of " + agent + " must be in [" + MIN_WEIGHT + ", " + MAX_WEIGHT + "] (R13): " + weight);
    }
  }
}
