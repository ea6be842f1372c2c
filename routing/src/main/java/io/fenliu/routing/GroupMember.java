package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.internal.Require;

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

  /**
   * Validates the agent and the weight's range.
   *
   * @throws NullPointerException if {@code agent} is null
   * @throws InvalidValueException if {@code weight} is outside [1, 1000000] (R13); its {@link
   *     InvalidValueException#argument() argument} is "weight of &lt;agent&gt;"
   */
  public GroupMember {
    Require.notNull(agent, "group member agent");
    Require.inRange(weight, MIN_WEIGHT, MAX_WEIGHT, "weight of " + agent, "R13");
  }
}
