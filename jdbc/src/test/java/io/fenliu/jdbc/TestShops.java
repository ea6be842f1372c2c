package io.fenliu.jdbc;

import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.anomaly.TransferListener;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A small shop for the JDBC tests: four healthy exclusive agents and one who resigned. */
final class TestShops {
  static final AccountId ALICE = AccountId.of("alice");
  static final AccountId BOB = AccountId.of("bob");
  static final AccountId CAROL = AccountId.of("carol");
  static final AccountId DAVE = AccountId.of("dave");
  static final AccountId EVE = AccountId.of("eve");
  private static final AtomicInteger IDS = new AtomicInteger();

  private TestShops() {}

  /** A shop of a new id: alice, bob, carol and dave healthy; eve RESIGNED, so her buyers are anomalous (R1.1). */
  static Shop shop() {
    List<SubAccount> subs = new ArrayList<>();
    for (AccountId id : List.of(ALICE, BOB, CAROL, DAVE)) {
      subs.add(SubAccount.builder(id, id.value()).exclusiveAgent().build());
    }
    subs.add(SubAccount.builder(EVE, "eve").exclusiveAgent().status(AccountStatus.RESIGNED).build());
    return Shop.of(ShopId.of("jdbc-shop-" + IDS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime())),
        "JDBC test shop", new MainAccount(AccountId.of("owner"), "owner"), subs);
  }

  /** {@code n} buyers {@code buyer-0 …}, all followed by eve at version 0. */
  static List<ExclusiveRelationship> followedByEve(int n) {
    List<ExclusiveRelationship> rels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rels.add(ExclusiveRelationship.of(BuyerId.of("buyer-" + i), EVE));
    }
    return rels;
  }

  /** Applies {@code plan} against {@code roster}; every planned buyer's outcome, in plan order. */
  static List<MoveOutcome> apply(TransferPlan plan, Shop roster, RelationshipStore store) {
    List<MoveOutcome> all = new ArrayList<>();
    TransferResult result = plan.applyTo(() -> roster, store, new TransferListener() {
      @Override
      public void moved(PlannedMove move, ExclusiveRelationship after) {}

      @Override
      public void reported(MoveOutcome outcome) {
        all.add(outcome);
      }
    }, 0);
    if (result.planned() != all.size()) {
      throw new AssertionError("reported " + all.size() + " of " + result.planned());
    }
    return all;
  }
}
