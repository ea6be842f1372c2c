package io.fenliu.spring.boot;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.LoadedShop;
import io.fenliu.routing.RouterLoader;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import java.util.List;

/** A small shop for the tests: alice with one seat, bob with no limit of his own. */
final class Shops {
  static final ShopId SHOP = ShopId.of("tea-house");
  static final AccountId ALICE = AccountId.of("alice");
  static final AccountId BOB = AccountId.of("bob");

  private Shops() {}

  static Shop shop(ShopId id) {
    return Shop.of(id, "Tea house", new MainAccount(AccountId.of("owner"), "Owner"), List.of(
        SubAccount.builder(ALICE, "Alice").concurrentLimit(1).build(),
        SubAccount.builder(BOB, "Bob").build()));
  }

  /** Knows only {@link #SHOP}. */
  static ShopRoster roster() {
    return id -> id.equals(SHOP) ? shop(id) : null;
  }

  /** Advanced routing, both agents in one weighted group: a fairness ledger to look at (R13, R23). */
  static RouterLoader groupLoader() {
    RoutingSettings settings = RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER).member(ALICE, 1).member(BOB, 3).build())
        .build();
    return id -> LoadedShop.of(shop(id), settings);
  }

  static Consultation consultation(String id) {
    return Consultation.of(ConsultationId.of(id), BuyerId.of("buyer-" + id), EntryPage.PRODUCT_DETAIL,
        OrderStatus.NO_ORDER);
  }
}
