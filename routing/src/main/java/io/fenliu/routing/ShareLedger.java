package io.fenliu.routing;

import io.fenliu.core.internal.Require;
import java.util.List;

/**
 * The fairness ledger of one page set or group (R11, R13, R23): each member's observed share next to its
 * configured share and the share its availability made expected, with a verdict. Part of {@link RouterStats};
 * counts cover the consultations the scope itself decided (MATCHED_GROUP for a group, PAGE_SET for a page).
 *
 * @param scope "group 'pre-sale'" or "page PRODUCT_DETAIL"
 * @param shareMode how the scope shares (only weighted random sharing is judged)
 * @param decisions consultations the scope decided, at least 0
 * @param shares one line per member, in configuration order
 */
public record ShareLedger(String scope, ShareMode shareMode, long decisions, List<AgentShare> shares) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if {@code scope}, {@code shareMode}, {@code shares} or a share is null
   * @throws io.fenliu.core.InvalidValueException if {@code decisions} is negative (R13)
   */
  public ShareLedger {
    Require.notNull(scope, "scope");
    Require.notNull(shareMode, "share mode");
    Require.inRange(decisions, 0, Long.MAX_VALUE, "decisions", "R13");
    shares = List.copyOf(Require.noNullElements(shares, "shares"));
  }

  /** Whether no member's deviation is beyond chance. */
  public boolean withinChance() {
    return shares.stream().noneMatch(s -> s.verdict() == ShareVerdict.BEYOND_CHANCE);
  }

  /** Every member's explanation, one per line. */
  public String explanation() {
    StringBuilder b = new StringBuilder(scope).append(": ").append(decisions).append(" consultations, ")
        .append(withinChance() ? "within chance" : "beyond chance").append('\n');
    for (AgentShare s : shares) {
      b.append("  ").append(s.explanation()).append('\n');
    }
    return b.toString();
  }
}
