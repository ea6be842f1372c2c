package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.internal.Require;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Router#restore} did (R20). After a restart the host's database is the truth: every open
 * consultation is restored, even where it puts an agent over its limit. Such an agent takes no new
 * consultation until enough of its own have ended; {@link #overLimit()} lists them so the host can look.
 *
 * @param restored how many open consultations the router now holds from the restore, at least 0
 * @param overLimit agents holding more seats than their limit, with the seats they hold (at least 1 each); no
 *     null key or value; unmodifiable
 */
public record RestoreReport(int restored, Map<AccountId, Integer> overLimit) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if {@code overLimit}, one of its agents or one of its counts is null
   * @throws InvalidValueException if {@code restored} is negative or an agent's count of seats is below 1 (R20)
   */
  public RestoreReport {
    Require.inRange(restored, 0, Integer.MAX_VALUE, "restored", "R20");
    Require.notNull(overLimit, "over limit");
    Map<AccountId, Integer> copy = new LinkedHashMap<>();
    for (Map.Entry<AccountId, Integer> e : overLimit.entrySet()) {
      AccountId agent = Require.notNull(e.getKey(), "agent of over limit");
      Integer seats = Require.notNull(e.getValue(), "seats of " + agent + " in over limit");
      Require.inRange(seats, 1, Integer.MAX_VALUE, "seats of " + agent + " in over limit", "R20");
      copy.put(agent, seats);
    }
    overLimit = Collections.unmodifiableMap(copy);
  }
}
