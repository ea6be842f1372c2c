package io.fenliu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import io.fenliu.core.AccountStatus;
import io.fenliu.core.Consultation;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Both generator façades draw valid, varied values; the plain one is reproducible from a seed. */
class GeneratorsTest {

  @Test
  void randomGeneratorFacadeIsReproducibleFromASeed() {
    for (long seed = 0; seed < 20; seed++) {
      Shop a = RandomFenliu.shop(new SplittableRandom(seed), 1, 12);
      Shop b = RandomFenliu.shop(new SplittableRandom(seed), 1, 12);
      assertEquals(a.subAccounts(), b.subAccounts());
      assertEquals(RandomFenliu.relationships(new SplittableRandom(seed), a, 50),
          RandomFenliu.relationships(new SplittableRandom(seed), b, 50));
    }
  }

  @Test
  void randomGeneratorFacadeDrawsValidVariedValues() {
    SplittableRandom rnd = new SplittableRandom(2026);
    Set<AccountStatus> statuses = EnumSet.noneOf(AccountStatus.class);
    Set<RoutingMode> modes = EnumSet.noneOf(RoutingMode.class);
    boolean noFollower = false;
    for (int i = 0; i < 200; i++) {
      Shop shop = RandomFenliu.shop(rnd, 1, 12);
      assertTrue(shop.subAccounts().size() >= 1 && shop.subAccounts().size() <= 12);
      shop.subAccounts().forEach(s -> statuses.add(s.status()));
      List<ExclusiveRelationship> rels = RandomFenliu.relationships(rnd, shop, 40);
      assertEquals(40, rels.size());
      assertEquals(40, new HashSet<>(rels.stream().map(ExclusiveRelationship::buyer).toList()).size(), "distinct buyers");
      noFollower |= rels.stream().anyMatch(r -> r.follower().isEmpty());
      RoutingSettings settings = RandomFenliu.settings(rnd, shop);
      modes.add(settings.mode());
      Router router = Router.builder(shop, settings).build();
      Consultation c = RandomFenliu.consultation(rnd, shop, i);
      router.route(c);
      OpenConsultation open = RandomFenliu.openConsultation(rnd, shop, i);
      assertTrue(shop.subAccount(open.agent()).isPresent());
    }
    assertEquals(EnumSet.allOf(AccountStatus.class), statuses);
    assertEquals(EnumSet.allOf(RoutingMode.class), modes);
    assertTrue(noFollower, "R1.4 relationships without a follower are drawn too");
  }

  @Test
  void quickTheoriesFacadeBuildsRoutersFromEveryDraw() {
    qt().withFixedSeed(5).withExamples(100).forAll(FenliuGenerators.shops(1, 8)).checkAssert(shop -> {
      qt().withFixedSeed(6).withExamples(3).forAll(FenliuGenerators.settings(shop), FenliuGenerators.consultations(shop, 5),
          FenliuGenerators.openConsultations(shop, 5)).checkAssert((settings, consultations, open) -> {
            Router router = Router.builder(shop, settings).build();
            consultations.forEach(router::route);
            open.forEach(o -> assertTrue(shop.subAccounts().stream().map(SubAccount::id).anyMatch(o.agent()::equals)));
          });
    });
  }

  @Test
  void rangesAreChecked() {
    assertThrows(InvalidValueException.class, () -> FenliuGenerators.shops(3, 2));
    assertThrows(InvalidValueException.class, () -> RandomFenliu.shop(new SplittableRandom(1), -1, 2));
    assertThrows(InvalidValueException.class, () -> RandomFenliu.relationships(new SplittableRandom(1),
        RandomFenliu.shop(new SplittableRandom(1), 1, 1), -5));
    assertThrows(NullPointerException.class, () -> RandomFenliu.shop(null, 1, 2));
  }
}
