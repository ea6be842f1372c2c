package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A small shop for routing examples: A, B pre-sale; C, D after-sale; E, F ungrouped. */
final class TestShop {
  static final AccountId OWNER = AccountId.of("owner");
  static final AccountId A = AccountId.of("A");
  static final AccountId B = AccountId.of("B");
  static final AccountId C = AccountId.of("C");
  static final AccountId D = AccountId.of("D");
  static final AccountId E = AccountId.of("E");
  static final AccountId F = AccountId.of("F");
  static final List<AccountId> ALL = List.of(A, B, C, D, E, F);

  static final Shop SHOP = Shop.of(ShopId.of("demo"), "Demo", new MainAccount(OWNER, "owner"), List.of(
      agent(A, Role.PRE_SALE), agent(B, Role.PRE_SALE), agent(C, Role.AFTER_SALE), agent(D, Role.AFTER_SALE),
      agent(E, Role.PRE_SALE), agent(F, Role.AFTER_SALE)));

  static final AgentGroup PRE = AgentGroup.builder("pre-sale")
      .boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID).member(A, 500).member(B, 100).build();
  static final AgentGroup POST = AgentGroup.builder("after-sale")
      .boundTo(OrderStatus.SHIPPED, OrderStatus.AFTER_SALE).member(C, 1).member(D, 1).build();
  static final RoutingSettings ADVANCED =
      RoutingSettings.builder().mode(RoutingMode.ADVANCED).group(PRE).group(POST).build();

  private TestShop() {}

  static SubAccount agent(AccountId id, Role role) {
    return SubAccount.builder(id, "agent " + id.value()).roles(role).exclusiveAgent().build();
  }

  static Router router(RoutingSettings settings, long seed) {
    return Router.builder(SHOP, settings).seed(seed).build();
  }

  static void online(Router r, AccountId... ids) {
    for (AccountId id : ids) {
      r.setPresence(id, Presence.ONLINE);
    }
  }

  static void offline(Router r, AccountId... ids) {
    for (AccountId id : ids) {
      r.setPresence(id, Presence.OFFLINE);
    }
  }

  static Consultation consult(EntryPage page, OrderStatus status) {
    return Consultation.of(ConsultationId.of("c-buyer"), BuyerId.of("buyer"), page, status);
  }

  private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

  /** A copy of {@code c} under a consultation id never used before, so that routing it seats it afresh (R20). */
  static Consultation fresh(Consultation c) {
    return new Consultation(ConsultationId.of(c.id().value() + "#" + IDS.incrementAndGet()), c.buyer(), c.entryPage(),
        c.orderStatus(), c.arrivedAt(), c.recentContact(), c.exclusiveFollower());
  }

  /** Routes a fresh copy of {@code c}: a new consultation like it (R20 seats by id). */
  static RoutingDecision route(Router r, Consultation c) {
    return r.route(fresh(c));
  }

  /** Draws {@code n} decisions for fresh consultations like {@code c} without seating any (shares, not capacity). */
  static Map<AccountId, Integer> counts(Router r, Consultation c, int n, RoutingStep expectedStep) {
    Map<AccountId, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      RoutingDecision d = r.preview(fresh(c)); // a preview is deterministic (R25): each draw needs its own consultation
      if (d.step() != expectedStep) {
        throw new AssertionError("expected " + expectedStep + " but got " + d);
      }
      counts.merge(d.agent().orElseThrow(), 1, Integer::sum);
    }
    return counts;
  }
}
