package io.fenliu.testing;

import static org.quicktheories.QuickTheory.qt;

import io.fenliu.core.Account;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Role;
import io.fenliu.core.SubAccount;
import io.fenliu.testing.FenliuGenerators.ShopScenario;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Properties over the shared generators: the roster's indexes agree with plain scans of its list. */
class ShopPropertiesTest {

  @Test
  void lookupsByIdAgreeWithAScan() {
    qt().withExamples(300).forAll(FenliuGenerators.shops(), org.quicktheories.generators.SourceDSL.integers().between(0, 40))
        .check((shop, i) -> {
          AccountId id = FenliuGenerators.agentId(i);
          Optional<SubAccount> scanned = shop.subAccounts().stream().filter(s -> s.id().equals(id)).findFirst();
          return shop.subAccount(id).equals(scanned)
              && shop.account(id).equals(scanned.map(s -> (Account) s))
              && shop.account(shop.mainAccount().id()).equals(Optional.of(shop.mainAccount()));
        });
  }

  @Test
  void roleAndNameSearchesAgreeWithAScan() {
    qt().withExamples(300).forAll(FenliuGenerators.shops(), org.quicktheories.generators.SourceDSL.integers().between(0, 12))
        .check((shop, i) -> {
          Role role = FenliuGenerators.ROLES.get(i % FenliuGenerators.ROLES.size());
          String fragment = "NT-" + i;
          List<SubAccount> byRole = shop.subAccounts().stream().filter(s -> s.roles().contains(role)).collect(Collectors.toList());
          List<SubAccount> byName = shop.subAccounts().stream()
              .filter(s -> s.name().toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT)))
              .collect(Collectors.toList());
          return shop.agentsWithRole(role).equals(byRole) && shop.agentsNamed(fragment).equals(byName);
        });
  }

  @Test
  void healthMatchesTheFiveDefinitionsOfR1() {
    qt().withExamples(200).forAll(FenliuGenerators.scenarios(1, 15, 40)).check((ShopScenario sc) -> {
      for (ExclusiveRelationship r : sc.relationships()) {
        Set<AnomalyKind> expected = EnumSet.noneOf(AnomalyKind.class);
        if (r.follower().isEmpty()) {
          expected.add(AnomalyKind.NO_EXCLUSIVE_AGENT);
        } else if (r.follower().get().equals(sc.shop().mainAccount().id())) {
          expected.add(AnomalyKind.BOUND_TO_MAIN_ACCOUNT);
        } else {
          Optional<SubAccount> s = sc.shop().subAccounts().stream().filter(a -> a.id().equals(r.follower().get())).findFirst();
          if (s.isEmpty() || s.get().status() != AccountStatus.ACTIVE) {
            expected.add(AnomalyKind.AGENT_STATUS_ABNORMAL);
          }
          if (s.isPresent() && s.get().permissions().isEmpty()) {
            expected.add(AnomalyKind.AGENT_NOT_EXCLUSIVE);
          }
          if (s.isPresent() && !s.get().participatesInRouting()) {
            expected.add(AnomalyKind.AGENT_NOT_ROUTING);
          }
        }
        if (!RelationshipHealth.anomalies(sc.shop(), r).equals(expected)) {
          return false;
        }
      }
      return true;
    });
  }

  @Test
  void generatedShopsAreValidAndVaried() {
    // The generators must reach every status and both healthy and unhealthy agents, or properties built
    // on them test less than they claim.
    Set<AccountStatus> seen = EnumSet.noneOf(AccountStatus.class);
    boolean[] healthyAndNot = new boolean[2];
    qt().withFixedSeed(42).withExamples(200).forAll(FenliuGenerators.shops()).checkAssert(shop -> {
      for (SubAccount s : shop.subAccounts()) {
        seen.add(s.status());
        healthyAndNot[RelationshipHealth.isHealthyFollower(s) ? 0 : 1] = true;
      }
    });
    org.junit.jupiter.api.Assertions.assertEquals(EnumSet.allOf(AccountStatus.class), seen);
    org.junit.jupiter.api.Assertions.assertTrue(healthyAndNot[0] && healthyAndNot[1]);
  }
}
