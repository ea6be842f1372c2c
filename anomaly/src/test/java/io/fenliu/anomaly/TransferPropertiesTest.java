package io.fenliu.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.core.testing.FenliuGenerators;
import io.fenliu.core.testing.FenliuGenerators.ShopScenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** R6–R8 as properties over generated shops and relationships. */
class TransferPropertiesTest {

  /** Up to three valid targets of the shop, or none. */
  private static List<AccountId> targets(Shop shop, int howMany) {
    List<AccountId> valid = RelationshipEligibility.receivers(shop).stream().map(SubAccount::id).toList();
    return valid.subList(0, Math.min(valid.size(), howMany));
  }

  private static Set<BuyerId> buyers(List<ExclusiveRelationship> rels) {
    return rels.stream().map(ExclusiveRelationship::buyer).collect(Collectors.toSet());
  }

  @Test
  void r8_afterApplyingNoMovedRelationshipIsAnomalousAndNothingIsLostOrDuplicated() {
    qt().withExamples(300).forAll(FenliuGenerators.scenarios(1, 12, 120), integers().between(1, 3)).checkAssert((sc, k) -> {
      List<AccountId> to = targets(sc.shop(), k);
      if (to.isEmpty()) {
        return;
      }
      InMemoryRelationshipStore store = InMemoryRelationshipStore.of(sc.shop().id(), sc.relationships());
      TransferPlan plan = TransferPlanner.plan(sc.shop(), sc.relationships(), Selection.allAnomalous(), to, Distribution.even());
      TransferResult result = plan.applyTo(sc.shop(), store);
      assertTrue(result.isComplete(), result.toString());
      assertEquals(sc.relationships().size(), store.size(), "the number of relationships never changes");
      assertEquals(buyers(sc.relationships()), buyers(store.all()), "every buyer keeps exactly one relationship");
      for (MoveOutcome o : result.examples()) {
        ExclusiveRelationship now = store.read(o.move().buyer()).orElseThrow();
        assertTrue(RelationshipHealth.anomalies(sc.shop(), now).isEmpty(), "still anomalous: " + now);
      }
      assertTrue(AnomalyScanner.scan(sc.shop(), store.all()).anomalous() == 0, "R6: all anomalous ones were moved");
    });
  }

  @Test
  void r6_evenAndWeightedDistributionsKeepTheirBounds() {
    qt().withExamples(300)
        .forAll(FenliuGenerators.scenarios(3, 12, 200), integers().between(1, 3), longs().between(1, 1_000_000_000_000L))
        .checkAssert((sc, k, seed) -> {
          List<AccountId> to = targets(sc.shop(), k);
          if (to.isEmpty()) {
            return;
          }
          Map<AccountId, Integer> even = moved(sc, to, Distribution.even());
          int max = to.stream().mapToInt(t -> even.getOrDefault(t, 0)).max().orElseThrow();
          int min = to.stream().mapToInt(t -> even.getOrDefault(t, 0)).min().orElseThrow();
          assertTrue(max - min <= 1, "even: " + even);

          SplittableRandom rnd = new SplittableRandom(seed);
          List<Long> weights = new ArrayList<>();
          for (int i = 0; i < to.size(); i++) {
            weights.add(1 + rnd.nextLong(seed));
          }
          Map<AccountId, Integer> weighted = moved(sc, to, Distribution.weighted(weights));
          int n = weighted.values().stream().mapToInt(Integer::intValue).sum();
          double total = weights.stream().mapToDouble(Long::doubleValue).sum();
          for (int i = 0; i < to.size(); i++) {
            double share = n * weights.get(i) / total;
            int got = weighted.getOrDefault(to.get(i), 0);
            assertTrue(Math.abs(got - share) < 1 + 1e-9, "weighted: " + got + " vs share " + share);
          }
        });
  }

  @Test
  void r6_loadBalancingLeavesTargetsAsEqualAsPossible() {
    qt().withExamples(300).forAll(FenliuGenerators.scenarios(3, 12, 200), integers().between(2, 3)).checkAssert((sc, k) -> {
      List<AccountId> to = targets(sc.shop(), k);
      if (to.size() < 2) {
        return;
      }
      TransferPlan plan = TransferPlanner.plan(sc.shop(), sc.relationships(), Selection.allAnomalous(), to, Distribution.loadBalancing());
      InMemoryRelationshipStore store = InMemoryRelationshipStore.of(sc.shop().id(), sc.relationships());
      plan.applyTo(sc.shop(), store);
      Map<AccountId, Long> totals = new HashMap<>();
      to.forEach(t -> totals.put(t, store.all().stream().filter(r -> r.isFollowedBy(t)).count()));
      long min = totals.values().stream().mapToLong(Long::longValue).min().orElseThrow();
      Map<AccountId, Integer> received = plan.countsByTarget();
      for (AccountId t : to) {
        boolean gotNew = plan.moves().stream().anyMatch(m -> m.to().equals(t) && !m.from().equals(Optional.of(t)));
        if (gotNew) {
          assertTrue(totals.get(t) <= min + 1, "a target that received moves ends at most one above the least loaded: "
              + totals + " " + received);
        }
      }
    });
  }

  private static Map<AccountId, Integer> moved(ShopScenario sc, List<AccountId> to, Distribution d) {
    TransferPlan plan = TransferPlanner.plan(sc.shop(), sc.relationships(), Selection.allAnomalous(), to, d);
    Map<AccountId, Integer> counts = new HashMap<>();
    for (PlannedMove m : plan.moves()) {
      if (!m.from().equals(Optional.of(m.to()))) {
        counts.merge(m.to(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** A store that throws before or after writing, and changes records behind the planner's back, at random. */
  private static final class ChaosStore implements RelationshipStore {
    final InMemoryRelationshipStore backing;
    final SplittableRandom random;
    final AccountId elsewhere;
    final Set<BuyerId> tampered = new HashSet<>();
    boolean calm;

    ChaosStore(InMemoryRelationshipStore backing, long seed, AccountId elsewhere) {
      this.backing = backing;
      this.random = new SplittableRandom(seed);
      this.elsewhere = elsewhere;
    }

    @Override
    public ShopId shop() {
      return backing.shop();
    }

    @Override
    public Optional<ExclusiveRelationship> read(BuyerId buyer) {
      if (!calm) {
        int roll = random.nextInt(10);
        if (roll == 0) {
          throw new IllegalStateException("read timed out");
        }
        if (roll == 1) {
          ExclusiveRelationship cur = backing.read(buyer).orElseThrow();
          backing.compareAndSet(cur.version(), cur.movedTo(elsewhere));
          tampered.add(buyer);
        }
      }
      return backing.read(buyer);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
      if (!calm) {
        int roll = random.nextInt(10);
        if (roll == 0) {
          throw new IllegalStateException("write refused");
        }
        if (roll == 1) {
          boolean wrote = backing.compareAndSet(expectedVersion, next);
          throw new IllegalStateException("connection lost after write " + wrote);
        }
      }
      return backing.compareAndSet(expectedVersion, next);
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
      backing.forEach(action);
    }
  }

  @Test
  void r8_withAStoreThatFailsOrChangesAtRandomNothingIsLostAndReapplyingCompletesThePlan() {
    qt().withExamples(300).forAll(FenliuGenerators.scenarios(2, 12, 120), longs().all()).checkAssert((sc, seed) -> {
      List<AccountId> to = targets(sc.shop(), 2);
      if (to.isEmpty()) {
        return;
      }
      InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(sc.shop().id(), sc.relationships());
      ChaosStore chaos = new ChaosStore(backing, seed, sc.shop().subAccounts().get(0).id());
      TransferPlan plan = TransferPlanner.plan(sc.shop(), sc.relationships(), Selection.allAnomalous(), to, Distribution.even());
      List<BuyerId> planned = plan.moves().stream().map(PlannedMove::buyer).toList();

      TransferResult first = plan.applyTo(sc.shop(), chaos);
      assertEquals(planned, first.examples().stream().map(o -> o.move().buyer()).toList(), "each planned buyer exactly once");
      assertEquals(buyers(sc.relationships()), buyers(backing.all()));
      for (MoveOutcome o : first.examples()) {
        if (chaos.tampered.contains(o.move().buyer())) {
          assertTrue(o.status() != MoveOutcome.Status.MOVED, "a record changed since planning was overwritten: " + o);
        }
      }

      chaos.calm = true;
      TransferResult second = plan.applyTo(sc.shop(), chaos);
      assertEquals(planned, second.examples().stream().map(o -> o.move().buyer()).toList());
      assertEquals(sc.relationships().size(), backing.size());
      for (MoveOutcome o : second.examples()) {
        ExclusiveRelationship now = backing.read(o.move().buyer()).orElseThrow();
        switch (o.status()) {
          case MOVED, ALREADY_AT_TARGET -> assertTrue(now.isFollowedBy(o.move().to()), o.toString());
          case CONFLICT -> assertTrue(chaos.tampered.contains(o.move().buyer()), "a conflict only where the record changed: " + o);
          case FAILED, TARGET_INVALID -> throw new AssertionError("a calm store and a constant roster left: " + o);
        }
      }
    });
  }
}
