package io.fenliu.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.HealthChange;
import io.fenliu.anomaly.HealthChanges;
import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusivePermission;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.jackson.FenliuModule;
import io.fenliu.routing.ShopEvent;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generated platform for the health job (R1, R9): shops with a starting roster and a store of relationships
 * (followers among the agents, the transfer targets, the main account, an unknown id, none), and a seeded log of
 * roster changes — status, permissions, routing participation, removals and returns — interleaved across shops with
 * presence changes that touch no health. Two agents per shop are transfer targets, healthy and never changed.
 *
 * <p>The batch side: the roster each shop ends with, {@code HealthChanges.between(start, end, store)} and {@code
 * TransferPlanner.plan(changes, targets, even())}; the streaming side folds the job's updates per relationship.
 */
final class HealthWorld {
  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(FenliuModule.create());
  /** The stores of every world of this JVM, by shop id (shop ids carry their world's seed, so never collide). */
  private static final Map<String, InMemoryRelationshipStore> STORES = new ConcurrentHashMap<>();

  final Map<ShopId, Shop> starts = new LinkedHashMap<>();
  final Map<ShopId, Shop> ends = new LinkedHashMap<>();
  final Map<ShopId, InMemoryRelationshipStore> stores = new LinkedHashMap<>();
  final Map<ShopId, Shop> targets = new LinkedHashMap<>();
  final List<SequencedEvent> log = new ArrayList<>();
  int relationships;

  static HealthWorld generate(long seed, int shops) {
    SplittableRandom rnd = new SplittableRandom(seed);
    HealthWorld w = new HealthWorld();
    Map<ShopId, Shop> current = new HashMap<>();
    Map<ShopId, List<SubAccount>> removed = new HashMap<>();
    for (int s = 0; s < shops; s++) {
      ShopId id = ShopId.of("w" + seed + "-shop-" + s);
      MainAccount owner = new MainAccount(AccountId.of("owner-" + s), "owner");
      List<SubAccount> agents = new ArrayList<>();
      int n = 3 + rnd.nextInt(6);
      for (int a = 0; a < n; a++) {
        agents.add(randomFacts(rnd, SubAccount.builder(AccountId.of("agent-" + a), "agent " + a).exclusiveAgent()
            .build()));
      }
      List<SubAccount> targetAccounts = List.of(
          SubAccount.builder(AccountId.of("target-0"), "target 0").exclusiveAgent().build(),
          SubAccount.builder(AccountId.of("target-1"), "target 1").exclusiveAgent().build());
      List<SubAccount> all = new ArrayList<>(agents);
      all.addAll(targetAccounts);
      Shop start = Shop.of(id, "shop " + s, owner, all);
      w.starts.put(id, start);
      current.put(id, start);
      removed.put(id, new ArrayList<>());
      w.targets.put(id, Shop.of(id, "targets", owner, targetAccounts));
      List<ExclusiveRelationship> rels = new ArrayList<>();
      int count = 30 + rnd.nextInt(120);
      for (int b = 0; b < count; b++) {
        BuyerId buyer = BuyerId.of("buyer-" + b);
        int pick = rnd.nextInt(20);
        if (pick == 0) {
          rels.add(ExclusiveRelationship.withoutFollower(buyer));
        } else if (pick == 1) {
          rels.add(ExclusiveRelationship.of(buyer, owner.id()));
        } else if (pick == 2) {
          rels.add(ExclusiveRelationship.of(buyer, AccountId.of("gone")));
        } else if (pick < 5) {
          rels.add(ExclusiveRelationship.of(buyer, targetAccounts.get(pick - 3).id()));
        } else {
          rels.add(ExclusiveRelationship.of(buyer, agents.get(rnd.nextInt(agents.size())).id()));
        }
      }
      InMemoryRelationshipStore store = InMemoryRelationshipStore.of(id, rels);
      w.stores.put(id, store);
      STORES.put(id.value(), store);
      w.relationships += count;
    }
    List<ShopId> ids = new ArrayList<>(w.starts.keySet());
    Map<ShopId, Long> sequences = new HashMap<>();
    int length = 20 * shops + rnd.nextInt(40 * shops);
    long time = Instant.parse("2026-12-03T08:00:00Z").toEpochMilli();
    for (int i = 0; i < length; i++) {
      ShopId id = ids.get(rnd.nextInt(ids.size()));
      Shop roster = current.get(id);
      long seq = sequences.merge(id, 1L + rnd.nextInt(3), Long::sum);
      time += 1 + rnd.nextInt(60_000);
      Instant at = Instant.ofEpochMilli(time);
      List<SubAccount> changeable = roster.subAccounts().stream()
          .filter(a -> !a.id().value().startsWith("target-")).toList();
      int what = rnd.nextInt(10);
      ShopEvent event;
      if (what == 0 && !changeable.isEmpty()) {
        SubAccount gone = changeable.get(rnd.nextInt(changeable.size()));
        removed.get(id).add(gone);
        current.put(id, without(roster, gone.id()));
        event = ShopEvent.accountRemoved(id, gone.id()).at(at);
      } else if (what == 1 && !removed.get(id).isEmpty()) {
        SubAccount back = randomFacts(rnd, removed.get(id).remove(0));
        current.put(id, roster.withSubAccount(back));
        event = ShopEvent.accountChanged(id, back).at(at);
      } else if (what == 2) {
        AccountId anyone = roster.subAccounts().get(rnd.nextInt(roster.subAccounts().size())).id();
        event = ShopEvent.presenceChanged(id, anyone, Presence.values()[rnd.nextInt(Presence.values().length)]).at(at);
      } else if (!changeable.isEmpty()) {
        SubAccount changed = randomFacts(rnd, changeable.get(rnd.nextInt(changeable.size())));
        current.put(id, roster.withSubAccount(changed));
        event = ShopEvent.accountChanged(id, changed).at(at);
      } else {
        event = ShopEvent.presenceChanged(id, AccountId.of("target-0"), Presence.ONLINE).at(at);
      }
      w.log.add(SequencedEvent.of(seq, event));
    }
    w.starts.keySet().forEach(id -> w.ends.put(id, current.get(id)));
    return w;
  }

  /** One fact of three changed at random, or all three drawn afresh. */
  private static SubAccount randomFacts(SplittableRandom rnd, SubAccount a) {
    return switch (rnd.nextInt(4)) {
      case 0 -> a.withStatus(AccountStatus.values()[rnd.nextInt(AccountStatus.values().length)]);
      case 1 -> a.withPermissions(rnd.nextBoolean() ? Set.of() : Set.of(ExclusivePermission.values()[
          rnd.nextInt(ExclusivePermission.values().length)]));
      case 2 -> a.withRoutingParticipation(!a.participatesInRouting());
      default -> a.withStatus(rnd.nextInt(3) == 0 ? AccountStatus.FROZEN : AccountStatus.ACTIVE)
          .withPermissions(rnd.nextInt(3) == 0 ? Set.of() : Set.of(ExclusivePermission.EXCLUSIVE_AGENT))
          .withRoutingParticipation(rnd.nextInt(3) != 0);
    };
  }

  private static Shop without(Shop roster, AccountId gone) {
    List<SubAccount> rest = roster.subAccounts().stream().filter(a -> !a.id().equals(gone)).toList();
    return Shop.of(roster.id(), roster.name(), roster.mainAccount(), rest);
  }

  /** The roster loader: each shop's starting roster, as fenliu-jackson JSON (serialisable). */
  RosterLoader rosterLoader() {
    HashMap<String, String> json = new HashMap<>();
    starts.forEach((id, shop) -> json.put(id.value(), write(shop)));
    return shop -> Optional.ofNullable(json.get(shop.value())).map(HealthWorld::readShop);
  }

  /** The targets: two healthy agents per shop, as fenliu-jackson JSON (serialisable). */
  TransferTargets targetsLookup() {
    HashMap<String, String> json = new HashMap<>();
    targets.forEach((id, shop) -> json.put(id.value(), write(shop)));
    return shop -> Optional.ofNullable(json.get(shop.value())).map(HealthWorld::readShop);
  }

  /** The stores, found by shop id in this JVM's registry (the mini cluster runs in the test's JVM). */
  static RelationshipLookup relationshipLookup() {
    return shop -> {
      InMemoryRelationshipStore s = STORES.get(shop.value());
      if (s == null) {
        throw new IllegalStateException("no store for " + shop);
      }
      return s;
    };
  }

  private static String write(Shop shop) {
    try {
      return MAPPER.writeValueAsString(shop);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Shop readShop(String json) {
    try {
      return MAPPER.readValue(json, Shop.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The batch recomputation: per shop, {@code HealthChanges.between(start, end, store)}'s changes. */
  Set<HealthChange> batchChanges() {
    Set<HealthChange> all = new HashSet<>();
    for (ShopId id : starts.keySet()) {
      HealthChanges.between(starts.get(id), ends.get(id), stores.get(id), 0, all::add);
    }
    return all;
  }

  /** The batch plan: per shop, the buyers {@code TransferPlanner.plan(changes, targets, even())} moves. */
  Map<ShopId, Set<BuyerId>> batchMoves() {
    Map<ShopId, Set<BuyerId>> moves = new HashMap<>();
    for (ShopId id : starts.keySet()) {
      HealthChanges changes = HealthChanges.between(starts.get(id), ends.get(id), stores.get(id));
      List<AccountId> targetIds = targets.get(id).subAccounts().stream().map(SubAccount::id).toList();
      Set<BuyerId> buyers = new HashSet<>();
      for (PlannedMove m : TransferPlanner.plan(changes, targetIds, Distribution.even()).moves()) {
        buyers.add(m.buyer());
      }
      if (!buyers.isEmpty()) {
        moves.put(id, buyers);
      }
    }
    return moves;
  }

  /**
   * The streaming output folded per relationship, as a consumer keeping the latest would: its first kinds before,
   * its last kinds after (dropped when equal), in sequence order.
   */
  static Map<String, RelationshipHealthUpdate[]> fold(Collection<RelationshipHealthUpdate> updates) {
    List<RelationshipHealthUpdate> sorted = new ArrayList<>(updates);
    sorted.sort(Comparator.comparingLong(RelationshipHealthUpdate::sequence));
    Map<String, RelationshipHealthUpdate[]> firstAndLast = new LinkedHashMap<>();
    for (RelationshipHealthUpdate u : sorted) {
      String key = u.shop().value() + "/" + u.relationship().buyer().value();
      RelationshipHealthUpdate[] fl = firstAndLast.computeIfAbsent(key, k -> new RelationshipHealthUpdate[] {u, u});
      fl[1] = u;
    }
    return firstAndLast;
  }

  /** The folded changes, comparable with {@link #batchChanges()}. */
  static Set<HealthChange> netChanges(Collection<RelationshipHealthUpdate> updates) {
    Set<HealthChange> net = new HashSet<>();
    for (RelationshipHealthUpdate[] fl : fold(updates).values()) {
      if (!fl[0].before().equals(fl[1].after())) {
        net.add(new HealthChange(fl[1].relationship(), fl[0].before(), fl[1].after()));
      }
    }
    return net;
  }

  /** The buyers whose latest update carries a move, among those with a net change, per shop. */
  static Map<ShopId, Set<BuyerId>> netMoves(Collection<RelationshipHealthUpdate> updates) {
    Map<ShopId, Set<BuyerId>> moves = new HashMap<>();
    for (RelationshipHealthUpdate[] fl : fold(updates).values()) {
      if (!fl[0].before().equals(fl[1].after()) && fl[1].moveTo().isPresent()) {
        moves.computeIfAbsent(fl[1].shop(), k -> new HashSet<>()).add(fl[1].relationship().buyer());
      }
    }
    return moves;
  }
}
