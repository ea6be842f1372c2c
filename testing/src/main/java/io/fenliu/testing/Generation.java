package io.fenliu.testing;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusivePermission;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The generation logic, written once over a {@link Draw}. Every choice draws its plainest option at the low end
 * of the range (one agent, ACTIVE, routing, exclusive, follower a known agent, basic routing), so that a
 * shrinking source (QuickTheories) shrinks a failing example toward a shop a person can read.
 */
final class Generation {
  static final AccountId MAIN = AccountId.of("main");
  static final List<Role> ROLES = List.of(Role.PRE_SALE, Role.AFTER_SALE, Role.of("vip"));
  static final ShopId SHOP = ShopId.of("shop");
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private Generation() {}

  static AccountId agentId(int index) {
    return AccountId.of("agent-" + index);
  }

  static BuyerId buyerId(int index) {
    return BuyerId.of("buyer-" + index);
  }

  static Shop shop(Draw d, int minAgents, int maxAgents) {
    int n = d.between(minAgents, maxAgents);
    List<SubAccount> subs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      subs.add(subAccount(d, agentId(i)));
    }
    return Shop.of(SHOP, "Generated shop", new MainAccount(MAIN, "owner"), subs);
  }

  /** About two in three are healthy exclusive, routing, ACTIVE agents; the rest mix every status and permission. */
  static SubAccount subAccount(Draw d, AccountId id) {
    boolean healthy = d.between(0, 2) < 2;
    AccountStatus status = healthy ? AccountStatus.ACTIVE : AccountStatus.values()[d.between(0, 3)];
    Set<ExclusivePermission> permissions = EnumSet.noneOf(ExclusivePermission.class);
    int permissionMask = healthy ? 1 + d.between(0, 2) : d.between(0, 3);
    for (ExclusivePermission p : ExclusivePermission.values()) {
      if ((permissionMask & (1 << p.ordinal())) != 0) {
        permissions.add(p);
      }
    }
    boolean routing = healthy || d.between(0, 1) == 0;
    Set<Role> roles = new LinkedHashSet<>();
    int roleMask = d.between(0, (1 << ROLES.size()) - 1);
    for (int r = 0; r < ROLES.size(); r++) {
      if ((roleMask & (1 << r)) != 0) {
        roles.add(ROLES.get(r));
      }
    }
    int limit = d.between(0, 5);
    return new SubAccount(id, "Agent " + id.value(), status, permissions, routing, roles,
        limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit));
  }

  static List<ExclusiveRelationship> relationships(Draw d, Shop shop, int min, int max) {
    int k = d.between(min, max);
    List<ExclusiveRelationship> list = new ArrayList<>(k);
    for (int b = 0; b < k; b++) {
      list.add(relationship(d, shop, buyerId(b)));
    }
    return list;
  }

  /** Mostly a sub-account of the shop; one in twenty each the main account, an unknown id, or nobody (R1). */
  static ExclusiveRelationship relationship(Draw d, Shop shop, BuyerId buyer) {
    int kind = d.between(0, 19);
    Optional<AccountId> follower;
    if (kind == 17) {
      follower = Optional.of(shop.mainAccount().id());
    } else if (kind == 18) {
      follower = Optional.of(AccountId.of("gone-" + d.between(0, 9)));
    } else if (kind == 19 || shop.subAccounts().isEmpty()) {
      follower = Optional.empty();
    } else {
      follower = Optional.of(shop.subAccounts().get(d.between(0, shop.subAccounts().size() - 1)).id());
    }
    return new ExclusiveRelationship(buyer, follower, d.between(0, 3));
  }

  /** Valid settings over the shop's agents: basic or advanced, pages, up to three groups, receivers (R10–R18). */
  static RoutingSettings settings(Draw d, Shop shop) {
    List<AccountId> ids = RoutingSettings.idsOf(shop.subAccounts());
    RoutingSettings.Builder b = RoutingSettings.builder()
        .recentAgentWindow(Duration.ofHours(d.between(0, 96)))
        .connectToExclusiveAgent(d.between(0, 1) == 1)
        .offlineReceivers(subset(d, ids));
    for (EntryPage p : EntryPage.values()) {
      b.page(p, subset(d, ids));
    }
    if (d.between(0, 1) == 1) {
      b.mode(RoutingMode.ADVANCED);
      List<OrderStatus> statuses = new ArrayList<>(List.of(OrderStatus.values()));
      int groups = d.between(0, 3);
      for (int g = 0; g < groups && !statuses.isEmpty(); g++) {
        Set<OrderStatus> bound = EnumSet.of(statuses.remove(d.between(0, statuses.size() - 1)));
        while (!statuses.isEmpty() && d.between(0, 1) == 1) {
          bound.add(statuses.remove(d.between(0, statuses.size() - 1)));
        }
        AgentGroup.Builder group = AgentGroup.builder("g" + g).boundTo(bound.toArray(new OrderStatus[0]));
        for (AccountId id : subset(d, ids)) {
          group.member(id, d.between(1, 1000));
        }
        b.group(group.build());
      }
    }
    return b.build();
  }

  /**
   * The {@code i}-th consultation of buyer {@code buyer-i}: any page and order status; half state a recent
   * contact up to five days before {@link #NOW}, half an exclusive follower (sometimes the main account).
   */
  static Consultation consultation(Draw d, Shop shop, int i) {
    Consultation c = Consultation.of(ConsultationId.of("c-buyer-" + i), buyerId(i),
        EntryPage.values()[d.between(0, EntryPage.values().length - 1)],
        OrderStatus.values()[d.between(0, OrderStatus.values().length - 1)]);
    if (d.between(0, 1) == 1) {
      c = c.withRecentContact(anyAccount(d, shop), NOW.minus(Duration.ofHours(d.between(0, 120))));
    }
    if (d.between(0, 1) == 1) {
      c = c.withExclusiveFollower(anyAccount(d, shop));
    }
    return c;
  }

  /** The {@code i}-th open consultation: buyer {@code buyer-i} seated with one of the shop's agents (R20). */
  static OpenConsultation openConsultation(Draw d, Shop shop, int i) {
    AccountId agent = shop.subAccounts().isEmpty() ? agentId(0)
        : shop.subAccounts().get(d.between(0, shop.subAccounts().size() - 1)).id();
    return new OpenConsultation(ConsultationId.of("c-buyer-" + i), buyerId(i), agent,
        NOW.minus(Duration.ofSeconds(d.between(0, 86_400))));
  }

  static List<AccountId> subset(Draw d, List<AccountId> ids) {
    List<AccountId> out = new ArrayList<>();
    for (AccountId id : ids) {
      if (d.between(0, 2) == 0) {
        out.add(id);
      }
    }
    return out;
  }

  private static AccountId anyAccount(Draw d, Shop shop) {
    int k = d.between(0, shop.subAccounts().size());
    return k == shop.subAccounts().size() ? shop.mainAccount().id() : shop.subAccounts().get(k).id();
  }
}
