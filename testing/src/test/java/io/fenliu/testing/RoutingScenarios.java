package io.fenliu.testing;

import static io.fenliu.testing.FenliuGenerators.draw;

import io.fenliu.core.AccountId;
import io.fenliu.core.Consultation;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.RoutingSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.quicktheories.core.Gen;

/** Whole routing scenarios for the router's properties, from the kit's shops, settings and consultations. */
final class RoutingScenarios {
  static final Instant NOW = FenliuGenerators.NOW;

  private RoutingScenarios() {}

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
      RoutingSettings settings = FenliuGenerators.settings(in, shop);
      Set<AccountId> online = new LinkedHashSet<>();
      for (SubAccount s : shop.subAccounts()) {
        if (draw(in, 0, 2) > 0) {
          online.add(s.id());
        }
      }
      List<Consultation> consultations = new ArrayList<>();
      int n = draw(in, 1, 30);
      for (int i = 0; i < n; i++) {
        consultations.add(FenliuGenerators.consultation(in, shop, i));
      }
      return new Scenario(shop, settings, online, consultations);
    };
  }
}
