package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.util.List;
import java.util.Set;

/**
 * The seed's cases as a shop: cy03 is healthy, 03cy001 resigned, cy05 lost its exclusive permissions, cy07
 * does not route, and relationships sit on each, on the main account and on nobody.
 */
final class SeedShop {
  static final AccountId OWNER = AccountId.of("owner");
  static final AccountId CY03 = AccountId.of("cy03");
  static final AccountId CY04 = AccountId.of("cy04");
  static final AccountId RESIGNED = AccountId.of("03cy001");
  static final AccountId NO_PERMISSION = AccountId.of("cy05");
  static final AccountId NOT_ROUTING = AccountId.of("cy07");

  static final Shop SHOP = Shop.of(ShopId.of("taobao-shop"), "Seed shop", new MainAccount(OWNER, "店主"), List.of(
      SubAccount.builder(CY03, "cy03").exclusiveAgent().build(),
      SubAccount.builder(CY04, "cy04").exclusiveAgent().build(),
      SubAccount.builder(RESIGNED, "03cy001").exclusiveAgent().status(AccountStatus.RESIGNED).build(),
      SubAccount.builder(NO_PERMISSION, "cy05").build().withPermissions(Set.of()),
      SubAccount.builder(NOT_ROUTING, "cy07").exclusiveAgent().participatesInRouting(false).build()));

  static final ExclusiveRelationship HEALTHY = ExclusiveRelationship.of(BuyerId.of("b-healthy"), CY03);
  static final ExclusiveRelationship ON_RESIGNED = ExclusiveRelationship.of(BuyerId.of("b-resigned"), RESIGNED);
  static final ExclusiveRelationship ON_NO_PERMISSION = ExclusiveRelationship.of(BuyerId.of("b-noperm"), NO_PERMISSION);
  static final ExclusiveRelationship ON_NOT_ROUTING = ExclusiveRelationship.of(BuyerId.of("b-norouting"), NOT_ROUTING);
  static final ExclusiveRelationship ON_MAIN = ExclusiveRelationship.of(BuyerId.of("b-main"), OWNER);
  static final ExclusiveRelationship NOBODY = ExclusiveRelationship.withoutFollower(BuyerId.of("b-none"));
  static final ExclusiveRelationship ON_GONE = ExclusiveRelationship.of(BuyerId.of("b-gone"), AccountId.of("left-long-ago"));

  static final List<ExclusiveRelationship> ALL =
      List.of(HEALTHY, ON_RESIGNED, ON_NO_PERMISSION, ON_NOT_ROUTING, ON_MAIN, NOBODY, ON_GONE);

  private SeedShop() {}
}
