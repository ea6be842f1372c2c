package io.fenliu.routing;

import io.fenliu.core.AccountId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the router decided for one consultation, and why (R19): the chosen agent (empty only for {@link
 * RoutingStep#NO_AGENT}), the step that chose it, and a sentence an operator can read.
 *
 * <p>Routers hand out decisions prepared when their configuration was applied, so routing allocates
 * nothing; compare decisions by value, not identity.
 *
 * @param agent the agent chosen, or empty when none could be
 * @param step the step that decided
 * @param reason why, in a sentence citing the rule
 */
public record RoutingDecision(Optional<AccountId> agent, RoutingStep step, String reason) {

  /** Validates that an agent is named exactly when a step chose one. */
  public RoutingDecision {
    Objects.requireNonNull(agent, "agent must not be null");
    Objects.requireNonNull(step, "step must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
    if (agent.isPresent() == (step == RoutingStep.NO_AGENT)) {
      throw new IllegalArgumentException("a decision names an agent exactly when its step is not NO_AGENT: " + step);
    }
  }

  /** Whether an agent was chosen. */
  public boolean isAssigned() {
    return agent.isPresent();
  }
}
