package io.fenliu.benchmarks;

import io.fenliu.core.AccountId;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import java.util.ArrayList;
import java.util.List;

/** Shops and settings of a given size for the routing benchmarks. */
final class SampleShops {
  private SampleShops() {}

  private static AccountId[] ids = new AccountId[0];

  /**
   * A new id object for agent {@code i} on every call, as ids read from a database arrive: the anomaly scan's
   * relationships each carry their own copy of their follower's id.
   */
  static AccountId agent(int i) {
    return AccountId.of("agent-" + i);
  }

  /**
   * Agent {@code i}'s id, the same object every time: the shops and settings built here share it, as a host that
   * builds its settings from its roster does, so the routers' memory figures count the router, not id copies.
   */
  private static synchronized AccountId rosterId(int i) {
    if (i >= ids.length) {
      AccountId[] grown = java.util.Arrays.copyOf(ids, Math.max(i + 1, ids.length * 2));
      for (int k = ids.length; k < grown.length; k++) {
        grown[k] = agent(k);
      }
      ids = grown;
    }
    return ids[i];
  }

  /** A shop of n healthy exclusive agents. */
  static Shop shop(int n) {
    List<SubAccount> subs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      subs.add(SubAccount.builder(rosterId(i), "agent " + i).exclusiveAgent().build());
    }
    return Shop.of(ShopId.of("bench"), "Bench shop", new MainAccount(AccountId.of("owner"), "owner"), subs);
  }

  /** Advanced settings: {@code groups} groups of {@code perGroup} agents, group g bound to order status g. */
  static RoutingSettings advanced(int groups, int perGroup) {
    long[] weights = BenchmarkData.weights(groups * perGroup);
    RoutingSettings.Builder b = RoutingSettings.builder().mode(RoutingMode.ADVANCED);
    for (int g = 0; g < groups; g++) {
      AgentGroup.Builder group = AgentGroup.builder("group-" + g).boundTo(OrderStatus.values()[g]);
      for (int m = 0; m < perGroup; m++) {
        int i = g * perGroup + m;
        group.member(rosterId(i), (int) weights[i]);
      }
      b.group(group.build());
    }
    return b.build();
  }
}
