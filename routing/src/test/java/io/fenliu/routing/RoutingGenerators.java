package io.fenliu.routing;

import static io.fenliu.core.testing.FenliuGenerators.draw;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.core.testing.FenliuGenerators;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/** Random routing settings, presence and consultations over the core generators' shops. */
final class RoutingGenerators {
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private RoutingGenerators() {}

  /**
   * A shop with its limits removed (capacity has its own property), settings over it, who is online, and
   * consultations.
   */
  record Scenario(Shop shop, RoutingSettings settings, Set<AccountId> online, List<Consultation> consultations) {}

  static Gen<Scenario> scenarios() {
    return in -> {
      Shop generated = FenliuGenerators.shops(1, 12).generate(in);
      Shop shop = generated;
      for (SubAccount s : generated.subAccounts()) {
        shop = shop.withSubAccount(s.withConcurrentLimit(OptionalInt.empty()));
      }
      RoutingSettings settings = settings(in, shop);
      Set<AccountId> online = new LinkedHashSet<>();
      for (SubAccount s : shop.subAccounts()) {
        if (draw(in, 0, 2) > 0) {
          online.add(s.id());
        }
      }
      List<Consultation> consultations = new ArrayList<>();
      int n = draw(in, 1, 30);
      for (int i = 0; i < n; i++) {
        consultations.add(consultation(in, shop, i));
      }
      return new Scenario(shop, settings, online, consultations);
    };
  }

  static RoutingSettings settings(RandomnessSource in, Shop shop) {
    List<AccountId> ids = RoutingSettings.idsOf(shop.subAccounts());
    RoutingSettings.Builder b = RoutingSettings.builder()
        .recentAgentWindow(Duration.ofHours(draw(in, 0, 96)))
        .connectToExclusiveAgent(draw(in, 0, 1) == 1)
        .offlineReceivers(subset(in, ids));
    for (EntryPage p : EntryPage.values()) {
      b.page(p, subset(in, ids));
    }
    boolean advanced = draw(in, 0, 1) == 1;
    if (advanced) {
      b.mode(RoutingMode.ADVANCED);
      List<OrderStatus> statuses = new ArrayList<>(List.of(OrderStatus.values()));
      int groups = draw(in, 0, 3);
      for (int g = 0; g < groups && !statuses.isEmpty(); g++) {
        Set<OrderStatus> bound = EnumSet.of(statuses.remove(draw(in, 0, statuses.size() - 1)));
        while (!statuses.isEmpty() && draw(in, 0, 1) == 1) {
          bound.add(statuses.remove(draw(in, 0, statuses.size() - 1)));
        }
        AgentGroup.Builder group = AgentGroup.builder("g" + g).boundTo(bound.toArray(new OrderStatus[0]));
        for (AccountId id : subset(in, ids)) {
          group.member(id, draw(in, 1, 1000));
        }
        b.group(group.build());
      }
    }
    return b.build();
  }

  static Consultation consultation(RandomnessSource in, Shop shop, int i) {
    Consultation c = Consultation.of(ConsultationId.of("c-buyer-" + i), BuyerId.of("buyer-" + i),
        EntryPage.values()[draw(in, 0, EntryPage.values().length - 1)],
        OrderStatus.values()[draw(in, 0, OrderStatus.values().length - 1)]);
    List<SubAccount> subs = shop.subAccounts();
    if (draw(in, 0, 1) == 1) {
      c = c.withRecentContact(anyAccount(in, shop), NOW.minus(Duration.ofHours(draw(in, 0, 120))));
    }
    if (draw(in, 0, 1) == 1) {
      c = c.withExclusiveFollower(anyAccount(in, shop));
    }
    assert !subs.isEmpty();
    return c;
  }

  private static AccountId anyAccount(RandomnessSource in, Shop shop) {
    int k = draw(in, 0, shop.subAccounts().size());
    return k == shop.subAccounts().size() ? shop.mainAccount().id() : shop.subAccounts().get(k).id();
  }

  static List<AccountId> subset(RandomnessSource in, List<AccountId> ids) {
    List<AccountId> out = new ArrayList<>();
    for (AccountId id : ids) {
      if (draw(in, 0, 2) == 0) {
        out.add(id);
      }
    }
    return out;
  }
}
