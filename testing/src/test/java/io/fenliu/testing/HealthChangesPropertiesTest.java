package io.fenliu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.HealthChange;
import io.fenliu.anomaly.HealthChanges;
import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.RelationshipEligibility;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.AccountId;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.testing.FenliuGenerators.ShopScenario;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * R9 as a property over generated shops and roster changes: the incremental answer of {@link HealthChanges}
 * equals a full rescan, and its plan moves exactly what the change left anomalous. Here rather than in anomaly's
 * tests because it draws from this kit's generators (anomaly cannot depend on the kit, which depends on it).
 */
class HealthChangesPropertiesTest {

  /** Delegates to an in-memory store and counts full walks, which R9's incremental answer must never need. */
  private static final class NoWalkStore implements RelationshipStore {
    final InMemoryRelationshipStore backing;
    int walks;

    NoWalkStore(InMemoryRelationshipStore backing) {
      this.backing = backing;
    }

    @Override
    public ShopId shop() {
      return backing.shop();
    }

    @Override
    public Optional<ExclusiveRelationship> read(BuyerId buyer) {
      return backing.read(buyer);
    }

    @Override
    public Map<BuyerId, ExclusiveRelationship> readAll(Collection<BuyerId> buyers) {
      return backing.readAll(buyers);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
      return backing.compareAndSet(expectedVersion, next);
    }

    @Override
    public List<WriteOutcome> compareAndSetAll(List<Write> writes) {
      return backing.compareAndSetAll(writes);
    }

    @Override
    public void insert(ExclusiveRelationship relationship) {
      backing.insert(relationship);
    }

    @Override
    public void forEachFollowedBy(AccountId follower, Consumer<? super ExclusiveRelationship> action) {
      backing.forEachFollowedBy(follower, action);
    }

    @Override
    public void forEach(Consumer<? super ExclusiveRelationship> action) {
      walks++;
      backing.forEach(action);
    }
  }

  /** A roster change: each sub-account may change status, permissions or routing; new agents may join. */
  private static Gen<Shop> changed(Shop before) {
    return in -> {
      List<SubAccount> next = new ArrayList<>();
      for (SubAccount s : before.subAccounts()) {
        int roll = FenliuGenerators.draw(in, 0, 5);
        if (roll == 0) {
          continue; // left the shop: its relationships become AGENT_STATUS_ABNORMAL
        }
        next.add(roll == 1 ? FenliuGenerators.subAccount(in, s.id()) : s);
      }
      int joining = FenliuGenerators.draw(in, 0, 2);
      for (int j = 0; j < joining; j++) {
        // "gone-k" ids are followers the generator gives but the shop does not know: they may join now.
        next.add(FenliuGenerators.subAccount(in, AccountId.of("gone-" + FenliuGenerators.draw(in, 0, 9))));
      }
      Map<AccountId, SubAccount> unique = new java.util.LinkedHashMap<>();
      next.forEach(s -> unique.put(s.id(), s));
      return Shop.of(before.id(), before.name(), before.mainAccount(), unique.values());
    };
  }

  private record Diff(Set<AnomalyKind> before, Set<AnomalyKind> after) {}

  @Test
  void r9_theIncrementalAnswerEqualsAFullRescanOverRandomRosterChanges() {
    Gen<ShopScenario> scenarios = FenliuGenerators.scenarios(1, 10, 150);
    Gen<Object[]> cases = in -> {
      ShopScenario sc = scenarios.generate(in);
      return new Object[] {sc, changed(sc.shop()).generate(in)};
    };
    qt().withExamples(400).forAll(cases, integers().between(0, 5)).checkAssert((c, retain) -> {
      ShopScenario sc = (ShopScenario) c[0];
      Shop before = sc.shop();
      Shop after = (Shop) c[1];
      NoWalkStore store = new NoWalkStore(InMemoryRelationshipStore.of(before.id(), sc.relationships()));
      Map<BuyerId, Diff> incremental = new HashMap<>();
      HealthChanges changes = HealthChanges.between(before, after, store, retain, h ->
          assertEquals(null, incremental.put(h.relationship().buyer(), new Diff(h.before(), h.after())), "once each"));

      Map<BuyerId, Diff> rescan = new HashMap<>();
      for (ExclusiveRelationship r : sc.relationships()) {
        Set<AnomalyKind> b = RelationshipHealth.anomalies(before, r);
        Set<AnomalyKind> a = RelationshipHealth.anomalies(after, r);
        if (!b.equals(a)) {
          rescan.put(r.buyer(), new Diff(b, a));
        }
      }
      assertEquals(rescan, incremental);
      assertEquals(rescan.size(), changes.total());
      assertEquals(Math.min(retain, rescan.size()), changes.examples().size());
      assertEquals(rescan.values().stream().filter(d -> d.before().isEmpty()).count(),
          changes.count(HealthChange.Direction.BECAME_ANOMALOUS));

      List<AccountId> targets = RelationshipEligibility.receivers(after).stream().map(SubAccount::id).limit(2).toList();
      if (!targets.isEmpty()) {
        TransferPlan plan = TransferPlanner.plan(changes, targets, Distribution.even());
        Set<BuyerId> expected = rescan.entrySet().stream().filter(e -> !e.getValue().after().isEmpty())
            .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertEquals(expected, plan.moves().stream().map(PlannedMove::buyer).collect(Collectors.toSet()),
            "the plan moves exactly the relationships the change left anomalous");
        TransferResult result = plan.applyTo(after, store);
        assertTrue(result.isComplete(), result.toString());
        for (BuyerId b : expected) {
          assertTrue(RelationshipHealth.anomalies(after, store.read(b).orElseThrow()).isEmpty());
        }
      }
      assertEquals(0, store.walks, "never a full scan");
    });
  }
}
