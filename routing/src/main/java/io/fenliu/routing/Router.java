package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.Consultation;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.internal.RoutingEngine;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Routes a shop's consultations (R10–R19): {@link #route(Consultation)} names the agent who answers and
 * the step that chose it.
 *
 * <h2>The order of steps (R18, R14, R16)</h2>
 *
 * <ol>
 *   <li>{@link RoutingStep#RECENT_AGENT}: the buyer's recent agent, if the contact is within the window and
 *       the agent is online, eligible and has capacity; otherwise routing moves on at once.
 *   <li>{@link RoutingStep#EXCLUSIVE_FOLLOWER}: when the shop connects directly to exclusive agents, the
 *       follower of a <em>healthy</em> relationship (R1), if online and with capacity.
 *   <li>The active mode. Basic (R11): the entry page's set, at equal chances. Advanced (R12–R14): the group
 *       bound to the order status by weight, then the other groups pooled by weight (an agent in several
 *       keeps its weight in each, and the weights add), then the ungrouped agents at equal chances.
 *   <li>{@link RoutingStep#ANY_ONLINE}: any online eligible agent, at equal chances.
 *   <li>{@link RoutingStep#OFFLINE_RECEIVER} (R16): a designated receiver, at equal chances among those that
 *       are ACTIVE and routing (presence does not matter: they see it when back or on their phone);
 *       otherwise {@link RoutingStep#NO_AGENT} with the reason.
 * </ol>
 *
 * Every step but R16 picks only eligible agents (R17): sub-accounts, ACTIVE, participating in routing, and
 * online. An agent with a {@linkplain SubAccount#concurrentLimit() concurrent limit} that holds that many
 * consultations is skipped like an offline one until {@link #consultationEnded(AccountId)} is called; the
 * router counts consultations it assigns, and only for agents with a limit.
 *
 * <h2>Threads</h2>
 *
 * Thread-safe. {@code route} never blocks and allocates nothing: it reads one immutable snapshot, draws
 * from prepared tables (alias method, O(1); a Fenwick tree, O(log n), when most of a tier is offline) and
 * returns a prepared {@link RoutingDecision}. Changes ({@code setPresence}, {@code update…}) are serialized
 * among themselves, build their new state aside and publish it at once: a decision never sees half a
 * change, and a decision begun after a change returned sees it. A presence change updates the tables in
 * place in O(log n); account, shop and settings changes rebuild them. A rejected change throws and leaves
 * the router as it was.
 *
 * <p>New agents start {@link Presence#OFFLINE}. The random source is {@link
 * java.util.concurrent.ThreadLocalRandom} unless one is {@linkplain Builder#random(RandomGenerator)
 * injected}; an injected generator is called from every routing thread, so it must be thread-safe, or
 * the router used from one thread (as in a reproducible simulation).
 */
public final class Router {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final RoutingEngine engine;

  private Router(Builder b) {
    this.engine = new RoutingEngine(b.shop, b.settings, b.random, b.clock);
  }

  /** Starts building a router for {@code shop} with {@code settings}. */
  public static Builder builder(Shop shop, RoutingSettings settings) {
    return new Builder(shop, settings);
  }

  /**
   * Decides who answers {@code consultation}.
   *
   * @throws NullPointerException if {@code consultation} is null
   */
  public RoutingDecision route(Consultation consultation) {
    return engine.route(Objects.requireNonNull(consultation, "consultation must not be null"));
  }

  /**
   * Sets a sub-account's presence.
   *
   * @throws IllegalArgumentException if {@code agent} is not a sub-account of the shop
   */
  public void setPresence(AccountId agent, Presence presence) {
    engine.setPresence(agent, presence);
  }

  /** A sub-account's presence. */
  public Presence presence(AccountId agent) {
    return engine.presence(agent);
  }

  /**
   * Applies new settings.
   *
   * @throws IllegalArgumentException if they name an id that is not a sub-account of the shop; the router
   *     keeps its settings
   */
  public void updateSettings(RoutingSettings settings) {
    Objects.requireNonNull(settings, "settings must not be null");
    RoutingSettings before = engine.settings();
    engine.replace(engine.shop(), settings);
    if (before.mode() != settings.mode()) {
      LOG.info("shop {}: routing mode switched from {} to {}", engine.shop().id(), before.mode(), settings.mode());
    } else {
      LOG.info("shop {}: routing settings updated: {}", engine.shop().id(), settings);
    }
  }

  /**
   * Applies a changed roster (statuses, permissions, participation, limits, new agents).
   *
   * @throws IllegalArgumentException if it is another shop, or the settings name an agent it lacks; the
   *     router keeps its state
   */
  public void updateShop(Shop shop) {
    engine.replace(Objects.requireNonNull(shop, "shop must not be null"), engine.settings());
    LOG.info("shop {}: roster updated, {} sub-accounts", shop.id(), shop.subAccounts().size());
  }

  /** Applies one changed or new sub-account; see {@link #updateShop(Shop)}. */
  public void updateAccount(SubAccount account) {
    Objects.requireNonNull(account, "account must not be null");
    updateShop(engine.shop().withSubAccount(account));
  }

  /**
   * Ends one consultation of {@code agent}, freeing capacity if it has a limit; a no-op for agents
   * without one.
   *
   * <p>Only consultations this router assigned while the agent had a limit are counted: one that began before
   * a limit was set frees capacity it never took, or throws if the agent holds none counted.
   *
   * @throws IllegalArgumentException if {@code agent} is not a sub-account of the shop
   * @throws IllegalStateException if a limited agent holds no consultation
   */
  public void consultationEnded(AccountId agent) {
    engine.consultationEnded(agent);
  }

  /** How many router-assigned consultations a limited agent holds; 0 for agents without a limit. */
  public int activeConsultations(AccountId agent) {
    return engine.activeConsultations(agent);
  }

  /** The shop as the router currently knows it. */
  public Shop shop() {
    return engine.shop();
  }

  /** The settings in force. */
  public RoutingSettings settings() {
    return engine.settings();
  }

  /** Builds a {@link Router}. */
  public static final class Builder {
    private final Shop shop;
    private final RoutingSettings settings;
    private @Nullable RandomGenerator random;
    private Clock clock = Clock.systemUTC();

    private Builder(Shop shop, RoutingSettings settings) {
      this.shop = Objects.requireNonNull(shop, "shop must not be null");
      this.settings = Objects.requireNonNull(settings, "settings must not be null");
    }

    /** Injects the random source, e.g. a seeded {@code SplittableRandom} for a reproducible simulation. */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random must not be null");
      return this;
    }

    /** Injects the clock that judges the recent-agent window (R18); the system UTC clock by default. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock must not be null");
      return this;
    }

    /**
     * Builds the router, every agent offline.
     *
     * @throws IllegalArgumentException if the settings name an id that is not a sub-account of the shop
     */
    public Router build() {
      return new Router(this);
    }
  }
}
