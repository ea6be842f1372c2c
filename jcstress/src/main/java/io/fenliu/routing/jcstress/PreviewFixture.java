package io.fenliu.routing.jcstress;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import java.util.List;
import java.util.Optional;

/**
 * What the tests share: a shop of a few limited agents, the one consultation every test previews, and the text an
 * answer is graded by.
 *
 * <p>An answer is written {@code "<agent> <STEP>"} when it names an agent, {@code "QUEUED <position>"} or {@code
 * "NO_AGENT"} otherwise, with {@code ", repeat"} appended when the router took the consultation for one it had
 * already routed, and {@code "threw <exception>"} when the preview threw. The tests' {@code @Outcome} ids are these
 * texts.
 */
final class PreviewFixture {
  /** The consultation every test previews; never routed, so an answer marked as a repeat is always wrong. */
  static final Consultation ASKED = consultation("asked");
  /** A fixed seed: the router's draws (R25) are then the same in every state object, so answers are comparable. */
  private static final long SEED = 24;
  private static final ShopId SHOP = ShopId.of("jcstress-shop");
  private static final MainAccount MAIN = new MainAccount(AccountId.of("jcstress-owner"), "owner");

  private PreviewFixture() {}

  static AccountId id(String agent) {
    return AccountId.of(agent);
  }

  /** An ACTIVE, routing exclusive agent with concurrent limit {@code limit} (R17, R20). */
  static SubAccount agent(String id, int limit) {
    return SubAccount.builder(AccountId.of(id), "agent " + id).exclusiveAgent().concurrentLimit(limit).build();
  }

  static Shop shop(SubAccount... agents) {
    return Shop.of(SHOP, "jcstress shop", MAIN, List.of(agents));
  }

  /** A router in BASIC mode with no page sets and no offline receivers: every decision is ANY_ONLINE or none. */
  static Router router(Shop shop) {
    return Router.builder(shop, RoutingSettings.builder().build()).seed(SEED).build();
  }

  /** A consultation from the shop's home page, with no order, no recent contact and no exclusive follower. */
  static Consultation consultation(String id) {
    return Consultation.of(ConsultationId.of(id), BuyerId.of("buyer-" + id), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);
  }

  static BuyerId buyer(String consultation) {
    return BuyerId.of("buyer-" + consultation);
  }

  /** The preview of {@link #ASKED}, as graded text; an exception is an answer too (a FORBIDDEN one). */
  static String preview(Router r) {
    try {
      return text(r.preview(ASKED));
    } catch (RuntimeException e) {
      return "threw " + e.getClass().getName();
    }
  }

  static String text(RoutingDecision d) {
    Optional<AccountId> agent = d.agent();
    String what = agent.isPresent() ? agent.get().value() + " " + d.step()
        : d.isQueued() ? "QUEUED " + d.queuePosition().orElse(-1)
        : d.step().toString();
    return d.isRepeat() ? what + ", repeat" : what;
  }

  /**
   * Fails the state's construction when a set-up preview does not give what the test's list of states says it
   * does: the list, not the router, would then be wrong, and the run reports the error instead of grading races
   * against a wrong list.
   */
  static void expect(Router r, String wanted) {
    String got = preview(r);
    if (!got.equals(wanted)) {
      throw new IllegalStateException("set-up: the preview gave '" + got + "', the test's states say '" + wanted + "'");
    }
  }
}
