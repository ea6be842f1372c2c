package io.fenliu.anomaly;

import static io.fenliu.anomaly.SeedShop.CY03;
import static io.fenliu.anomaly.SeedShop.CY04;
import static io.fenliu.anomaly.SeedShop.SHOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.RelationshipStore.Write;
import io.fenliu.anomaly.RelationshipStore.WriteOutcome;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-memory store against the SPI's contract, and invitations on top of it (R4, R5, R8, R9). */
class RelationshipStoreTest {
  private static BuyerId b(int i) {
    return BuyerId.of("b" + i);
  }

  @Test
  void batchReadAnswersTheBuyersItHoldsOnce() {
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(),
        List.of(ExclusiveRelationship.of(b(1), CY03), ExclusiveRelationship.of(b(2), CY04)));
    Map<BuyerId, ExclusiveRelationship> read = store.readAll(List.of(b(1), b(3), b(1)));
    assertEquals(Map.of(b(1), ExclusiveRelationship.of(b(1), CY03)), read);
    NullPointerException npe = assertThrows(NullPointerException.class, () -> store.readAll(Arrays.asList(b(1), null)));
    assertEquals("buyers[1] must not be null", npe.getMessage());
  }

  @Test
  void batchCompareAndSetSaysWhatBecameOfEachWriteInOrder() {
    ExclusiveRelationship r1 = ExclusiveRelationship.of(b(1), CY03);
    ExclusiveRelationship r2 = ExclusiveRelationship.of(b(2), CY03);
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), List.of(r1, r2));
    List<WriteOutcome> out = store.compareAndSetAll(List.of(
        new Write(0, r1.movedTo(CY04)),
        new Write(5, r2.movedTo(CY04)),
        new Write(0, ExclusiveRelationship.of(b(3), CY04)),
        new Write(0, r1.movedTo(CY03))));
    assertEquals(List.of(WriteOutcome.WRITTEN, WriteOutcome.STALE, WriteOutcome.ABSENT, WriteOutcome.STALE), out,
        "a second write for the same buyer sees the first");
    assertEquals(r1.movedTo(CY04), store.read(b(1)).orElseThrow());
    assertEquals(r2, store.read(b(2)).orElseThrow());
    assertEquals(2, store.size(), "a write never inserts");
  }

  @Test
  void theDefaultBatchMethodsFollowTheSingleOnes() {
    InMemoryRelationshipStore backing = InMemoryRelationshipStore.of(SHOP.id(), List.of(ExclusiveRelationship.of(b(1), CY03)));
    RelationshipStore minimal = new Delegating(backing);
    assertEquals(Set.of(b(1)), minimal.readAll(List.of(b(1), b(2))).keySet());
    assertEquals(List.of(WriteOutcome.WRITTEN, WriteOutcome.ABSENT), minimal.compareAndSetAll(List.of(
        new Write(0, ExclusiveRelationship.of(b(1), CY04)), new Write(0, ExclusiveRelationship.of(b(2), CY04)))));
  }

  @Test
  void insertRefusesASecondRelationshipForABuyerAndKeepsTheFirst() {
    InMemoryRelationshipStore store = new InMemoryRelationshipStore(SHOP.id());
    store.insert(ExclusiveRelationship.of(b(1), CY03));
    RuleRefusedException e = assertThrows(RuleRefusedException.class, () -> store.insert(ExclusiveRelationship.of(b(1), CY04)));
    assertEquals("R8", e.rule());
    assertTrue(e.getMessage().contains("b1") && e.getMessage().contains("already has"), e.getMessage());
    assertEquals(ExclusiveRelationship.of(b(1), CY03), store.read(b(1)).orElseThrow());
    List<ExclusiveRelationship> listed = new ArrayList<>();
    store.forEachFollowedBy(CY04, listed::add);
    assertEquals(List.of(), listed, "a refused insert leaves no trace in the follower index");
  }

  @Test
  void r9_listingByFollowerFollowsEveryWrite() {
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rels.add(i % 2 == 0 ? ExclusiveRelationship.of(b(i), CY03) : ExclusiveRelationship.withoutFollower(b(i)));
    }
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), rels);
    assertEquals(25, followedBy(store, CY03).size());
    assertTrue(store.compareAndSet(0, rels.get(0).movedTo(CY04)));
    assertTrue(store.compareAndSet(0, rels.get(1).movedTo(CY04)));
    assertEquals(24, followedBy(store, CY03).size());
    assertEquals(Set.of(b(0), b(1)), followedBy(store, CY04));
    assertEquals(Set.of(), followedBy(store, AccountId.of("nobody-knows")));
    int[] all = new int[1];
    store.forEach(r -> all[0]++);
    assertEquals(50, all[0]);
  }

  @Test
  void anExceptionFromTheVisitorStopsTheWalk() {
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(),
        List.of(ExclusiveRelationship.of(b(1), CY03), ExclusiveRelationship.of(b(2), CY03)));
    AtomicInteger seen = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.forEach(r -> {
      seen.incrementAndGet();
      throw new IllegalStateException("stop");
    }));
    assertEquals("stop", e.getMessage());
    assertEquals(1, seen.get());
  }

  @Test
  void r8_concurrentWritersOnOneBuyerNeverBothWinAndTheIndexStaysExact() throws Exception {
    int buyers = 200;
    List<ExclusiveRelationship> rels = new ArrayList<>();
    for (int i = 0; i < buyers; i++) {
      rels.add(ExclusiveRelationship.of(b(i), CY03));
    }
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP.id(), rels);
    AccountId[] targets = {CY03, CY04, AccountId.of("x"), AccountId.of("y")};
    int threads = 4;
    AtomicInteger wins = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int round = 0; round < 200; round++) {
          for (int i = 0; i < buyers; i++) {
            ExclusiveRelationship cur = store.read(b(i)).orElseThrow();
            if (store.compareAndSet(cur.version(), cur.movedTo(targets[(id + round + i) % targets.length]))) {
              wins.incrementAndGet();
            }
          }
        }
      });
      ts.add(th);
      th.start();
    }
    start.countDown();
    for (Thread th : ts) {
      th.join();
    }
    long versions = 0;
    Set<BuyerId> listed = new HashSet<>();
    for (AccountId f : targets) {
      for (BuyerId buyer : followedBy(store, f)) {
        assertTrue(listed.add(buyer), "a buyer is listed under one follower only");
      }
    }
    for (int i = 0; i < buyers; i++) {
      versions += store.read(b(i)).orElseThrow().version();
    }
    assertEquals(wins.get(), versions, "every successful write bumped exactly one version: no two writers won at once");
    assertEquals(buyers, listed.size(), "every buyer is listed under its follower");
  }

  @Test
  void r4_r5_anInvitationIsAcceptedOnlyThroughAnAllowedExclusiveActiveRoutingAgent() {
    InMemoryRelationshipStore store = new InMemoryRelationshipStore(SHOP.id());
    InvitationSettings settings = InvitationSettings.of(SHOP,
        List.of(CY03, SeedShop.RESIGNED, SeedShop.NO_PERMISSION, SeedShop.NOT_ROUTING));
    assertEquals(ExclusiveRelationship.of(b(1), CY03), Invitations.acceptInvitation(SHOP, settings, store, b(1), CY03));
    assertEquals("R5", assertThrows(RuleRefusedException.class,
        () -> Invitations.acceptInvitation(SHOP, settings, store, b(2), CY04)).rule());
    for (AccountId refused : List.of(SeedShop.RESIGNED, SeedShop.NO_PERMISSION, SeedShop.NOT_ROUTING, SeedShop.OWNER)) {
      assertEquals("R4", assertThrows(RuleRefusedException.class,
          () -> Invitations.acceptInvitation(SHOP, settings, store, b(2), refused)).rule(), refused.toString());
    }
    assertThrows(UnknownIdException.class, () -> Invitations.acceptInvitation(SHOP, settings, store, b(2), AccountId.of("ghost")));
    assertEquals("R8", assertThrows(RuleRefusedException.class,
        () -> Invitations.acceptInvitation(SHOP, settings, store, b(1), CY03)).rule());
    InvalidValueException foreign = assertThrows(InvalidValueException.class, () -> Invitations.acceptInvitation(SHOP,
        settings, new InMemoryRelationshipStore(ShopId.of("elsewhere")), b(2), CY03));
    assertEquals("store", foreign.argument());
    assertEquals(1, store.size(), "every refusal left the store as it was");
    NullPointerException npe = assertThrows(NullPointerException.class,
        () -> Invitations.acceptInvitation(SHOP, settings, store, null, CY03));
    assertEquals("buyer must not be null", npe.getMessage());
  }

  @Test
  void r8_acceptancesRacingForOneBuyerAddExactlyOneRelationship() throws Exception {
    InvitationSettings settings = InvitationSettings.of(SHOP, List.of(CY03, CY04));
    for (int round = 0; round < 50; round++) {
      BuyerId buyer = b(round);
      InMemoryRelationshipStore store = new InMemoryRelationshipStore(SHOP.id());
      AtomicInteger accepted = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        AccountId agent = t % 2 == 0 ? CY03 : CY04;
        Thread th = new Thread(() -> {
          try {
            start.await();
            Invitations.acceptInvitation(SHOP, settings, store, buyer, agent);
            accepted.incrementAndGet();
          } catch (RuleRefusedException e) {
            refused.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        ts.add(th);
        th.start();
      }
      start.countDown();
      for (Thread th : ts) {
        th.join();
      }
      assertEquals(1, accepted.get());
      assertEquals(3, refused.get());
      assertEquals(1, store.size());
      ExclusiveRelationship kept = store.read(b(round)).orElseThrow();
      AccountId follower = kept.follower().orElseThrow();
      assertEquals(Set.of(b(round)), followedBy(store, follower), "the index agrees with the one kept");
      assertEquals(Set.of(), followedBy(store, follower.equals(CY03) ? CY04 : CY03), "the refused left no trace");
    }
  }

  private static Set<BuyerId> followedBy(RelationshipStore store, AccountId f) {
    Set<BuyerId> out = new HashSet<>();
    store.forEachFollowedBy(f, r -> assertTrue(out.add(r.buyer()), "listed once"));
    return out;
  }

  /** Implements only the abstract methods, so the defaults are what is tested. */
  private static final class Delegating implements RelationshipStore {
    private final InMemoryRelationshipStore backing;

    Delegating(InMemoryRelationshipStore backing) {
      this.backing = backing;
    }

    @Override
    public ShopId shop() {
      return backing.shop();
    }

    @Override
    public java.util.Optional<ExclusiveRelationship> read(BuyerId buyer) {
      return backing.read(buyer);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, ExclusiveRelationship next) {
      return backing.compareAndSet(expectedVersion, next);
    }

    @Override
    public void insert(ExclusiveRelationship relationship) {
      backing.insert(relationship);
    }

    @Override
    public void forEachFollowedBy(AccountId follower, java.util.function.Consumer<? super ExclusiveRelationship> action) {
      backing.forEachFollowedBy(follower, action);
    }

    @Override
    public void forEach(java.util.function.Consumer<? super ExclusiveRelationship> action) {
      backing.forEach(action);
    }
  }
}
