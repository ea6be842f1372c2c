package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.internal.Require;
import java.util.Locale;

/**
 * One agent's line in the fairness ledger (R13, R19, R23): how many of a page set's or group's consultations it
 * got, against the share its weight configures and the share its availability made expected — the answer to a
 * shop's "why is distribution uneven?".
 *
 * <p>{@code expected} is exact for weighted random sharing: each decision the scope made while the agent was
 * available (ONLINE with a free seat) adds the agent's weight divided by the weight then available. So an agent
 * that was offline a third of the time is expected to get less than its configured share, and the verdict
 * judges the observed count against that expectation, not against the configuration.
 *
 * @param agent the agent
 * @param scope the page set ("page PRODUCT_DETAIL") or group ("group 'pre-sale'")
 * @param weight the agent's weight in the scope (1 in a page set)
 * @param configuredShare the weight over the scope's total weight, in [0, 1]
 * @param observed consultations the scope gave the agent, at least 0
 * @param observedShare observed over the scope's decisions, in [0, 1]
 * @param availability the fraction of the scope's decisions made while the agent was available, in [0, 1]
 * @param expected consultations expected from weights and availability, at least 0
 * @param zScore {@code (observed − expected) / sd}, 0 when not judged; a finite number
 * @param verdict whether the deviation is within chance
 */
public record AgentShare(AccountId agent, String scope, long weight, double configuredShare, long observed,
    double observedShare, double availability, double expected, double zScore, ShareVerdict verdict) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code agent}, {@code scope} or {@code verdict} is null
   * @throws InvalidValueException (R13) if a share or the availability is NaN or outside [0, 1], {@code observed}
   *     or {@code expected} is negative, {@code expected} is NaN or infinite, or {@code zScore} is NaN or infinite
   */
  public AgentShare {
    Require.notNull(agent, "agent");
    Require.notNull(scope, "scope");
    Require.notNull(verdict, "verdict");
    Require.inRange(observed, 0, Long.MAX_VALUE, "observed", "R13");
    Require.inRange(configuredShare, 0, 1, "configured share", "R13");
    Require.inRange(observedShare, 0, 1, "observed share", "R13");
    Require.inRange(availability, 0, 1, "availability", "R13");
    Require.inRange(expected, 0, Double.MAX_VALUE, "expected", "R13");
    Require.inRange(zScore, -Double.MAX_VALUE, Double.MAX_VALUE, "z-score", "R13");
  }

  /** A sentence for the shop's operator, e.g. "B got 12.0 % instead of 16.7 % …". */
  public String explanation() {
    String got = String.format(Locale.ROOT, "%s got %.1f %% of %s (%d) against a configured %.1f %%", agent,
        100 * observedShare, scope, observed, 100 * configuredShare);
    String avail = String.format(Locale.ROOT, "; it was available for %.0f %% of the scope's decisions",
        100 * availability);
    return switch (verdict) {
      case WITHIN_CHANCE -> got + avail + String.format(Locale.ROOT,
          ", so %.1f were expected: within chance (z = %.1f)", expected, zScore);
      case BEYOND_CHANCE -> got + avail + String.format(Locale.ROOT,
          ", so %.1f were expected: beyond chance (z = %.1f); check the agent's presence feed and limits", expected,
          zScore);
      case NOT_JUDGED -> got + avail + " (not judged: least-busy sharing, or too few consultations)";
    };
  }
}
