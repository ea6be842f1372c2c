package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.ALL;
import static io.fenliu.anomaly.SeedShop.CY03;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.ShopId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A plan applied in parts, as a resumed transfer applies it (R8): a part keeps the plan's shop, order and unmatched
 * buyers and holds only the moves asked for; the parts' results added up equal one application of the whole plan,
 * every buyer counted once.
 */
class TransferPlanPartsTest {

  private static TransferPlan planWithUnmatched() {
    List<BuyerId> selected = new ArrayList<>();
    for (var r : ALL) {
      selected.add(r.buyer());
    }
    selected.add(BuyerId.of("never-seen"));
    return TransferPlanner.plan(SHOP, ALL, Selection.buyers(selected), List.of(CY03), Distribution.even());
  }

  @Test
  void r8_aPartHoldsTheMovesAskedForInPlanOrderAndTheUnmatchedBuyers() {
    TransferPlan plan = planWithUnmatched();
    List<PlannedMove> moves = plan.moves();
    assertTrue(moves.size() >= 4, plan.toString());
    TransferPlan part = plan.withOnly(List.of(moves.get(3).buyer(), moves.get(1).buyer(), BuyerId.of("not-planned")));
    assertEquals(plan.shop(), part.shop());
    assertEquals(List.of(moves.get(1), moves.get(3)), part.moves(), "plan order, unknown buyers ignored");
    assertEquals(plan.unmatched(), part.unmatched());
    assertEquals(List.of(), plan.withOnly(Set.of()).moves());
    assertThrows(NullPointerException.class, () -> plan.withOnly(null));
    List<BuyerId> withNull = new ArrayList<>();
    withNull.add(null);
    assertThrows(NullPointerException.class, () -> plan.withOnly(withNull));
  }

  @Test
  void r8_theResultsOfThePartsAddUpToTheResultOfTheWhole() {
    TransferPlan plan = planWithUnmatched();
    List<BuyerId> first = new ArrayList<>();
    List<BuyerId> second = new ArrayList<>();
    for (int i = 0; i < plan.moves().size(); i++) {
      (i % 2 == 0 ? first : second).add(plan.moves().get(i).buyer());
    }
    TransferResult whole = plan.applyTo(SHOP, InMemoryRelationshipStore.of(SHOP.id(), ALL));
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), ALL);
    TransferResult a = plan.withOnly(first).applyTo(() -> SHOP, store, (m, r) -> {}, Integer.MAX_VALUE);
    TransferResult b = plan.withOnly(second).applyTo(() -> SHOP, store, (m, r) -> {}, Integer.MAX_VALUE);
    TransferResult sum = a.plus(b);
    assertEquals(whole.planned(), sum.planned());
    assertEquals(whole.counts(), sum.counts());
    assertEquals(plan.unmatched(), sum.unmatched(), "unmatched once, not once per part");
    assertTrue(sum.hasEveryOutcome());
    List<MoveOutcome> expected = new ArrayList<>(a.examples());
    expected.addAll(b.examples());
    assertEquals(expected, sum.examples());
    assertTrue(sum.isComplete() == whole.isComplete());

    TransferPlan otherShop = new TransferPlan(ShopId.of("other"), List.of(new PlannedMove(BuyerId.of("b"),
        Optional.of(AccountId.of("x")), AccountId.of("y"), 0)), List.of());
    TransferResult other = otherShop.withOnly(List.of()).applyTo(() -> SeedShopOther.SHOP, InMemoryRelationshipStore
        .of(ShopId.of("other"), List.of()), (m, r) -> {}, 0);
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> a.plus(other));
    assertEquals(Optional.of("R8"), e.rule());
    assertThrows(NullPointerException.class, () -> a.plus(null));
  }

  @Test
  void r8_addedCountsSaturateInsteadOfOverflowing() {
    long[] huge = new long[MoveOutcome.Status.values().length];
    huge[MoveOutcome.Status.MOVED.ordinal()] = Long.MAX_VALUE - 1;
    TransferResult big = new TransferResult(SHOP.id(), Long.MAX_VALUE - 1, huge, List.of(), List.of());
    TransferResult sum = big.plus(big);
    assertEquals(Long.MAX_VALUE, sum.planned());
    assertEquals(Long.MAX_VALUE, sum.count(MoveOutcome.Status.MOVED));
    assertEquals(0, sum.count(MoveOutcome.Status.FAILED));
  }

  /** A one-agent shop of id "other", for a result of another shop. */
  private static final class SeedShopOther {
    static final io.fenliu.core.Shop SHOP = io.fenliu.core.Shop.of(ShopId.of("other"), "other",
        new io.fenliu.core.MainAccount(AccountId.of("o"), "o"), List.of());
  }
}
