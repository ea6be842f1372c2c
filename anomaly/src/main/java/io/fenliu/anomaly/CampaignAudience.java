package io.fenliu.anomaly;

import io.fenliu.anomaly.internal.FollowerHealthIndex;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who an exclusive-channel campaign can reach (R2): the buyers of healthy relationships, and every excluded
 * buyer with its reasons. Reached plus excluded is exactly the input, in input order.
 *
 * @param kind the campaign
 * @param reachable buyers with a healthy relationship; unmodifiable
 * @param excluded buyers with an anomalous relationship, each with its kinds; unmodifiable
 */
public record CampaignAudience(CampaignKind kind, List<BuyerId> reachable, List<Excluded> excluded) {

  /**
   * A buyer the campaign cannot reach, and why (R2).
   *
   * @param buyer the buyer
   * @param reasons the anomaly kinds of its relationship, at least one
   */
  public record Excluded(BuyerId buyer, Set<AnomalyKind> reasons) {
    /** Validates and copies. */
    public Excluded {
      Objects.requireNonNull(buyer, "buyer must not be null");
      reasons = Set.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("an excluded buyer has at least one reason (R2): " + buyer);
      }
    }
  }

  /** Copies the lists. */
  public CampaignAudience {
    Objects.requireNonNull(kind, "campaign kind must not be null");
    reachable = List.copyOf(reachable);
    excluded = List.copyOf(excluded);
  }

  /** Splits {@code relationships} into the reachable and the excluded for {@code kind}. */
  public static CampaignAudience of(Shop shop, Iterable<? extends ExclusiveRelationship> relationships, CampaignKind kind) {
    Objects.requireNonNull(shop, "shop must not be null");
    Objects.requireNonNull(relationships, "relationships must not be null");
    Objects.requireNonNull(kind, "campaign kind must not be null");
    List<BuyerId> reachable = new ArrayList<>();
    List<Excluded> excluded = new ArrayList<>();
    FollowerHealthIndex index = new FollowerHealthIndex(shop);
    for (ExclusiveRelationship r : relationships) {
      Set<AnomalyKind> kinds = index.tallyOf(Objects.requireNonNull(r, "relationship must not be null")).kinds;
      if (kinds.isEmpty()) {
        reachable.add(r.buyer());
      } else {
        excluded.add(new Excluded(r.buyer(), kinds));
      }
    }
    return new CampaignAudience(kind, reachable, excluded);
  }
}
