package io.fenliu.core.testing;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusivePermission;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * QuickTheories generators of valid shops, agents and relationships, shared by every module's property
 * tests and shipped in {@code fenliu-core}'s test-jar for users' own tests.
 *
 * <p>Every draw goes through a {@link Constraint} whose shrink point is the plainest value (one agent,
 * ACTIVE, routing, exclusive, follower a known agent), so a failing example shrinks toward a shop a
 * person can read.
 */
public final class FenliuGenerators {
  /** The main account id of every generated shop. */
  public static final AccountId MAIN = AccountId.of("main");

  /** Roles drawn from; the first two are the well-known ones. */
  public static final List<Role> ROLES = List.of(Role.PRE_SALE, Role.AFTER_SALE, Role.of("vip"));

  private FenliuGenerators() {}

  /** The id of the {@code index}-th generated agent. */
  public static AccountId agentId(int index) {
    return AccountId.of("agent-" + index);
  }

  /** The id of the {@code index}-th generated buyer. */
  public static BuyerId buyerId(int index) {
    return BuyerId.of("buyer-" + index);
  }

  /** Shops with 1 to 30 sub-accounts. */
  public static Gen<Shop> shops() {
    return shops(1, 30);
  }

  /** Shops with {@code minAgents} to {@code maxAgents} sub-accounts of every status and permission mix. */
  public static Gen<Shop> shops(int minAgents, int maxAgents) {
    return in -> {
      int n = draw(in, minAgents, maxAgents);
      List<SubAccount> subs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        subs.add(subAccount(in, agentId(i)));
      }
      return Shop.of(ShopId.of("shop"), "Generated shop", new MainAccount(MAIN, "owner"), subs);
    };
  }

  /** A sub-account with the given id; about two in three are healthy exclusive, routing, ACTIVE agents. */
  public static SubAccount subAccount(RandomnessSource in, AccountId id) {
    boolean healthy = draw(in, 0, 2) < 2;
    AccountStatus status = healthy ? AccountStatus.ACTIVE : AccountStatus.values()[draw(in, 0, 3)];
    Set<ExclusivePermission> permissions = EnumSet.noneOf(ExclusivePermission.class);
    int permissionMask = healthy ? 1 + draw(in, 0, 2) : draw(in, 0, 3);
    for (ExclusivePermission p : ExclusivePermission.values()) {
      if ((permissionMask & (1 << p.ordinal())) != 0) {
        permissions.add(p);
      }
    }
    boolean routing = healthy || draw(in, 0, 1) == 0;
    Set<Role> roles = new java.util.LinkedHashSet<>();
    int roleMask = draw(in, 0, (1 << ROLES.size()) - 1);
    for (int r = 0; r < ROLES.size(); r++) {
      if ((roleMask & (1 << r)) != 0) {
        roles.add(ROLES.get(r));
      }
    }
    int limit = draw(in, 0, 5);
    return new SubAccount(
        id,
        "Agent " + id.value(),
        status,
        permissions,
        routing,
        roles,
        limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit));
  }

  /**
   * Relationships of buyers {@code buyer-0 … buyer-(k-1)}, k from 0 to {@code max}: most followers are
   * sub-accounts of the shop; some are the main account, an unknown id, or nobody.
   */
  public static Gen<List<ExclusiveRelationship>> relationships(Shop shop, int max) {
    return in -> {
      int k = draw(in, 0, max);
      List<ExclusiveRelationship> list = new ArrayList<>(k);
      for (int b = 0; b < k; b++) {
        list.add(relationship(in, shop, buyerId(b)));
      }
      return list;
    };
  }

  /** One relationship for {@code buyer}; see {@link #relationships(Shop, int)}. */
  public static ExclusiveRelationship relationship(RandomnessSource in, Shop shop, BuyerId buyer) {
    int kind = draw(in, 0, 19);
    Optional<AccountId> follower;
    if (kind == 17) {
      follower = Optional.of(shop.mainAccount().id());
    } else if (kind == 18) {
      follower = Optional.of(AccountId.of("gone-" + draw(in, 0, 9)));
    } else if (kind == 19 || shop.subAccounts().isEmpty()) {
      follower = Optional.empty();
    } else {
      follower = Optional.of(shop.subAccounts().get(draw(in, 0, shop.subAccounts().size() - 1)).id());
    }
    return new ExclusiveRelationship(buyer, follower, draw(in, 0, 3));
  }

  /** A shop and relationships over it, up to {@code maxRelationships}. */
  public static Gen<ShopScenario> scenarios(int minAgents, int maxAgents, int maxRelationships) {
    return in -> {
      Shop shop = shops(minAgents, maxAgents).generate(in);
      return new ShopScenario(shop, relationships(shop, maxRelationships).generate(in));
    };
  }

  /**
   * A shop and its relationships, as one generated value.
   *
   * @param shop the shop
   * @param relationships relationships of distinct buyers
   */
  public record ShopScenario(Shop shop, List<ExclusiveRelationship> relationships) {
    /** Copies the list. */
    public ShopScenario {
      relationships = List.copyOf(relationships);
    }
  }

  /** A draw in {@code [min, max]} that shrinks toward {@code min}. */
  public static int draw(RandomnessSource in, int min, int max) {
    return (int) in.next(Constraint.between(min, max));
  }
}
