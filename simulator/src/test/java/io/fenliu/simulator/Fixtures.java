package io.fenliu.simulator;

import io.fenliu.core.AccountId;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.List;

/** Shops for the simulator's tests. */
final class Fixtures {
  static final ShopId SHOP = ShopId.of("sim-shop");

  private Fixtures() {}

  static AccountId agent(int i) {
    return AccountId.of("a" + i);
  }

  /** {@code n} pre-sale exclusive agents a0…a(n-1), each with {@code limit} seats (0: no limit). */
  static Shop shop(int n, int limit) {
    List<SubAccount> roster = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SubAccount.Builder b = SubAccount.builder(agent(i), "agent " + i).roles(Role.PRE_SALE).exclusiveAgent();
      if (limit > 0) {
        b.concurrentLimit(limit);
      }
      roster.add(b.build());
    }
    return Shop.of(SHOP, "Simulated shop", new MainAccount(AccountId.of("owner"), "owner"), roster);
  }
}
