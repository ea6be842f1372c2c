package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.internal.Require;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Router#restore} did (R20). After a restart the host's database is the truth: every open
 * consultation is restored, even where it puts an agent over its limit. Such an agent takes no new
 * consultation until enough of its own have ended; {@link #overLimit()} lists them so the host can look.
 *
 * @param restored how many open consultations the router now holds from the restore
 * @param overLimit agents holding more seats than their limit, with the seats they hold; unmodifiable
 */
public record RestoreReport(int restored, Map<AccountId, Integer> overLimit) {
  /** Validates and copies. */
  public RestoreReport {
    Require.inRange(restored, 0, Integer.MAX_VALUE, "restored", "R20");
    overLimit = Collections.unmodifiableMap(new LinkedHashMap<>(Require.notNull(overLimit, "over limit")));
  }
}
