package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Presence;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.core.UnknownIdException;
import io.fenliu.core.internal.Require;
import io.fenliu.routing.internal.RouterCore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Routes one shop's consultations (R10–R24): {@link #route(Consultation)} names the agent who answers, the
 * step that chose it and why; the router keeps the shop's live state — presence, seats, the queue — and
 * changes it atomically.
 *
 * <h2>The order of steps (R18, R14, R16, R22)</h2>
 *
 * <ol>
 *   <li>{@link RoutingStep#RECENT_AGENT}: the buyer's recent agent, if the contact lies within the window
 *       before the consultation's arrival and the agent is ONLINE with a free seat — or SUSPENDED with a free
 *       seat and the contact within the shorter window (R21); otherwise routing moves on at once.
 *   <li>{@link RoutingStep#EXCLUSIVE_FOLLOWER}: when the shop connects directly to exclusive agents, the
 *       follower of a <em>healthy</em> relationship (R1), if ONLINE with a free seat.
 *   <li>The active mode. Basic (R11): the entry page's set. Advanced (R12–R14): the group bound to the order
 *       status, then the other groups pooled (an agent in several keeps its weight in each, so its weights
 *       add), then the ungrouped agents. Each set shares by weight or least busy first (R23).
 *   <li>{@link RoutingStep#ANY_ONLINE}: any ONLINE eligible agent with a free seat.
 *   <li>{@link RoutingStep#QUEUED} (R22): some eligible agent is ONLINE but every one is at its limit — the
 *       consultation waits in the shop's queue, first come first served, unless the queue is at its maximum
 *       length.
 *   <li>{@link RoutingStep#OFFLINE_RECEIVER} (R16): nobody eligible is ONLINE (suspended agents don't count),
 *       or the queue is full: a designated receiver gets it as a message, at equal chances among those that are
 *       ACTIVE and routing, whatever their presence and seats; otherwise {@link RoutingStep#NO_AGENT} with the
 *       reason.
 * </ol>
 *
 * <h2>Seats (R20)</h2>
 *
 * Every consultation routed to a live agent holds a seat until {@link #end(ConsultationId)}; an agent at its
 * {@linkplain SubAccount#concurrentLimit() limit} takes no new consultation from any step. Consultations are
 * known by the host's id: routing an id that is open or waiting returns its current outcome, marked {@link
 * RoutingDecision#isRepeat() as a repeat}; ending an unknown or ended id changes nothing and says so. The host
 * seats its own assignments with {@link #seat}, and after a restart hands back the open consultations with
 * {@link #restore}. Changing or removing a limit keeps every seat: an agent over a lowered limit takes nothing
 * new until enough of its consultations end. Messages to offline receivers take no seat.
 *
 * <h2>The queue (R22)</h2>
 *
 * Whenever a seat frees — an end, an agent coming online or resuming, a raised limit, new settings, a moved
 * seat — the oldest waiting consultation that R18's steps can now place is seated, then the next, in order;
 * no later consultation takes a seat an earlier one could have taken. A consultation that has waited the
 * shop's {@linkplain RoutingSettings#maxQueueWait() maximum} goes to the receivers with that reason; this
 * happens during any call on the router, on {@link #expireOverdue()}, or on the {@linkplain
 * Builder#scheduler scheduler} the host passes in — the router starts no thread. Each exit reaches the {@link
 * RouterListener}, and {@link #end} also returns those it caused.
 *
 * <h2>Threads and consistency (R24)</h2>
 *
 * Thread-safe and linearizable: every operation takes effect at one instant between its call and its return,
 * a decision is made against one state of the shop (so its step and reason are true of that state), and a
 * change that has returned is seen by every operation that starts after it. Routing to a live agent allocates
 * nothing. How long an operation holds the router's write lock: a route, a presence change or a seat, a few
 * array reads and O(log n) tree updates for n agents; an end, that plus O(log q) for each of the q waiting
 * consultations its freed seat lets leave the queue (and for those that fell due meanwhile); a restore, O(r)
 * for r consultations; a roster or settings change, O(n + q) to install tables built beforehand outside the
 * lock, so presence and routing go on while a large roster is rebuilt. {@link #preview} takes no lock at all
 * while no change is under way and the queue is empty: it decides on an optimistic read that it validates
 * afterwards, so previews on any number of threads never wait for one another. Roster and settings changes are
 * read-modify-write ({@link #updateAccount}, {@link #updateShop(UnaryOperator)}, {@link
 * #updateSettings(UnaryOperator)}): concurrent changes never lose one another. A refused change throws before
 * anything changes.
 *
 * <h2>Replay (R25)</h2>
 *
 * Every outcome is a function of the roster, the settings, the live state, the event and the {@linkplain
 * Builder#seed seed}: random draws derive from the seed, the consultation's id and the shop's count of decisions
 * (no generator state), and time comes from the event — a consultation's stated arrival, or the {@linkplain
 * Builder#clock clock} for a call that states none. So {@link #preview} predicts exactly what {@link #route}
 * then does in an unchanged state, and a router built from a {@link #snapshot()} and fed the {@link ShopEvent}s
 * that followed ({@link #apply}) gives exactly the outcomes this one gave. A waiting consultation that expires
 * leaves as of its deadline, whenever the expiry runs.
 *
 * <p>Agents join OFFLINE and, once removed from the roster, lose their presence (their open consultations
 * stay open until ended or moved). Presence for an id the roster does not know is refused.
 */
public final class Router {
  private final RouterCore core;

  private Router(Builder b) {
    long seed = b.seed != null ? b.seed : ThreadLocalRandom.current().nextLong();
    this.core = new RouterCore(b.shop, b.settings, seed, b.clock, b.listener, b.scheduler, b.liveState,
        b.recordStats);
  }

  /**
   * What building this router found when it restored the open consultations of its {@linkplain
   * Builder#liveState live state} (R20): how many, and which agents they put over their limit — agents that take
   * no new consultation until enough of their own have ended, which a host will want to look at (a roster
   * whose limits were lowered while the shop was down, say). A router built without open consultations
   * reports 0 restored and nobody over their limit. {@link #restore} reports its own calls.
   */
  public RestoreReport restoredOnBuild() {
    return core.initialRestore();
  }

  /** Starts building a router for {@code shop} with {@code settings}. */
  public static Builder builder(Shop shop, RoutingSettings settings) {
    return new Builder(shop, settings);
  }

  /**
   * Starts building a router that continues from {@code snapshot} (R25): its roster, settings, live state and
   * seed. Fed the events that followed the snapshot, it gives exactly the outcomes the original gave.
   */
  public static Builder builder(RouterSnapshot snapshot) {
    Require.notNull(snapshot, "snapshot");
    return new Builder(snapshot.shop(), snapshot.settings()).liveState(snapshot.liveState()).seed(snapshot.seed());
  }

  /**
   * Applies one event of the shop's log (R25) and returns what it did: the same operation as the method of the
   * same name ({@link #route}, {@link #end}, {@link #seat}, …), with the event's stated time, or the clock's
   * when it states none ({@link Applied#event()} then carries the time used). A refusal by a rule (R15, R17,
   * R20, R21, an id the roster lacks) is returned as {@link Applied#refusal()}, not thrown, so a log with a
   * refused event replays; the change is not made, but the event's time passes: consultations that fell due by
   * then leave the queue (R22), as they would have on a timer.
   *
   * @throws io.fenliu.core.InvalidValueException if the event belongs to another shop (R25); nothing changes
   * @throws NullPointerException if {@code event} is null
   */
  public Applied apply(ShopEvent event) {
    Require.notNull(event, "event");
    if (!event.shop().equals(core.shop().id())) {
      throw new InvalidValueException("event", "R25", "this router applies the log of shop " + core.shop().id()
          + ", not an event of shop " + event.shop() + " (R25): " + event);
    }
    Instant at = core.stated(event.time().orElse(null));
    ShopEvent dated = event.time().isPresent() ? event : event.at(at);
    List<QueueExit> exits = new ArrayList<>();
    try {
      return applyDated(dated, at, exits);
    } catch (RuleRefusedException | InvalidValueException | UnknownIdException refused) {
      // The change is refused, but its time passed: what fell due by then leaves the queue, as it would have on a
      // timer (R22, R25), so a log replays the same whether or not a timer fired before the refused event.
      exits.addAll(core.advanceTo(at));
      return Applied.refused(dated, refused, exits);
    }
  }

  private Applied applyDated(ShopEvent e, Instant at, List<QueueExit> exits) {
    if (e instanceof ShopEvent.Arrived a) {
      return Applied.decided(e, core.route(a.consultation(), at, exits), exits);
    } else if (e instanceof ShopEvent.Ended end) {
      return Applied.ended(e, core.end(end.consultation(), at, exits), exits);
    } else if (e instanceof ShopEvent.Withdrawn w) {
      return Applied.other(e, core.withdraw(w.consultation(), at, exits), exits);
    } else if (e instanceof ShopEvent.SeatedByHost sh) {
      return Applied.seated(e, core.seatByHost(sh.consultation(), sh.buyer(), sh.agent(), at, exits), sh.agent(),
          exits);
    } else if (e instanceof ShopEvent.Restored r) {
      return Applied.restored(e, core.restore(r.open(), Map.of(), at, exits), exits);
    } else if (e instanceof ShopEvent.PresenceChanged p) {
      // Through the log every presence change is dated, by the host or by the clock, and so ordered against the
      // agent's others (R21): a replay of the dated event must decide as the original did.
      return Applied.other(e, core.setPresence(p.agent(), p.presence(), at, true, exits), exits);
    } else if (e instanceof ShopEvent.AccountChanged ac) {
      core.reconfigure(current -> current.withSubAccount(ac.account()), UnaryOperator.identity(), at, exits);
      return Applied.other(e, true, exits);
    } else if (e instanceof ShopEvent.AccountRemoved ar) {
      core.reconfigure(without(ar.agent()), UnaryOperator.identity(), at, exits);
      return Applied.other(e, true, exits);
    } else if (e instanceof ShopEvent.SettingsChanged sc) {
      core.reconfigure(UnaryOperator.identity(), current -> sc.settings(), at, exits);
      return Applied.other(e, true, exits);
    } else {
      exits.addAll(core.advanceTo(at));
      return Applied.other(e, !exits.isEmpty(), exits);
    }
  }

  /**
   * Decides who answers {@code consultation} and, for a live agent, seats it (R16–R22). Routing an id that is
   * already open or waiting returns its current outcome as a {@linkplain RoutingDecision#isRepeat() repeat}.
   *
   * @throws NullPointerException if {@code consultation} is null
   */
  public RoutingDecision route(Consultation consultation) {
    Require.notNull(consultation, "consultation");
    return core.route(consultation, core.stated(consultation.arrivedAt().orElse(null)), null);
  }

  /**
   * What {@link #route} would decide now, without seating or queueing anything: for a console's "test
   * routing" or an explanation (R19). Deterministic (R25): in an unchanged state, the route that follows names
   * the same agent, step and queue position. Lock-free while no change is under way and nobody waits: the
   * decision is made on an optimistic read and kept only if no change happened meanwhile, so it is still true of
   * one state of the shop (R24).
   */
  public RoutingDecision preview(Consultation consultation) {
    Require.notNull(consultation, "consultation");
    return core.preview(consultation, consultation.arrivedAt().orElse(null));
  }

  /**
   * Ends a consultation (R20): frees its seat and seats waiting consultations with it (R22), or takes it out
   * of the queue if it was waiting. Idempotent: an id that is neither open nor waiting changes nothing and is
   * reported as {@link EndResult.Outcome#NOT_OPEN}.
   */
  public EndResult end(ConsultationId consultation) {
    return core.end(Require.notNull(consultation, "consultation"), core.stated(null), null);
  }

  /**
   * Seats a consultation the host assigned itself (R20): a manual pick-up, or a transfer, which moves the seat
   * from the agent holding it. A waiting consultation leaves the queue. Seating it again with the agent that
   * holds it changes nothing.
   *
   * @return the agent that held the seat before: empty for a new seat, the agent itself when it already held
   *     it (then nothing changes)
   * @throws io.fenliu.core.UnknownIdException if {@code agent} is not on the roster
   * @throws IllegalArgumentException if {@code agent} is the main account (R17)
   * @throws io.fenliu.core.RuleRefusedException if the agent is not ACTIVE or out of routing (R17), or at its
   *     limit (R20); nothing changes
   */
  public Optional<AccountId> seat(ConsultationId consultation, BuyerId buyer, AccountId agent) {
    return core.seatByHost(Require.notNull(consultation, "consultation"), Require.notNull(buyer, "buyer"),
        Require.notNull(agent, "agent"), core.stated(null), null);
  }

  /**
   * Hands the router the consultations still open, e.g. from the host's database after a restart (R20). Each
   * is seated with its agent even over a limit — the host's database is the truth — and the report lists the
   * agents over their limit. An id the router already holds is moved to the agent given; one waiting leaves
   * the queue. An agent not on the roster (one that left while holding seats, as {@link #liveState()} exports
   * them) keeps its seats until they are ended or moved, is never routed to, and is logged as a warning; if it
   * joins the roster, it finds them.
   *
   * @throws io.fenliu.core.InvalidValueException if a seat is held by the main account (R17), or an id is
   *     listed twice (R20); nothing is restored
   */
  public RestoreReport restore(Collection<OpenConsultation> consultations) {
    List<OpenConsultation> copy = new ArrayList<>(Require.noNullElements(consultations, "open consultations"));
    return core.restore(copy, Map.of(), core.stated(null), null);
  }

  /**
   * {@link #restore(Collection)}, with the decision that seated each consultation where the host kept one (R19,
   * R25) — its step and reason, e.g. columns of the host's open-consultation table, written from the {@link
   * RoutingDecision} that {@link #route} returned: a repeated id then answers with that decision, as the router that
   * seated it did, instead of "restored". A consultation without one is restored as by {@link #restore(Collection)}.
   *
   * @throws io.fenliu.core.InvalidValueException if a seat is held by the main account (R17), an id is listed twice,
   *     a decision's consultation is not listed, or a decision names another agent than the one holding the seat
   *     (R20); nothing is restored
   */
  public RestoreReport restore(Collection<OpenConsultation> consultations,
      Map<ConsultationId, RoutingDecision> decisions) {
    List<OpenConsultation> copy = new ArrayList<>(Require.noNullElements(consultations, "open consultations"));
    Map<ConsultationId, RoutingDecision> checked = LiveState.checkedOpenDecisions(copy, decisions, "decisions");
    return core.restore(copy, checked, core.stated(null), null);
  }

  /**
   * How many consultations {@code agent} holds (R20), including an agent that left the roster while holding
   * seats, or that a {@linkplain #restore restore} named.
   *
   * @throws io.fenliu.core.UnknownIdException if {@code agent} is neither on the roster nor holding a seat
   */
  public int seatsHeld(AccountId agent) {
    return core.seatsHeld(Require.notNull(agent, "agent"));
  }

  /** The open consultation with this id, if there is one (R20). */
  public Optional<OpenConsultation> openConsultation(ConsultationId consultation) {
    return core.openConsultation(Require.notNull(consultation, "consultation"));
  }

  /** Every open consultation, at one instant (R20, R24). */
  public List<OpenConsultation> openConsultations() {
    return core.openConsultations();
  }

  /**
   * Sets a sub-account's presence now (R17, R21).
   *
   * @throws io.fenliu.core.UnknownIdException if {@code agent} is not a sub-account on the roster
   */
  public void setPresence(AccountId agent, Presence presence) {
    core.setPresence(Require.notNull(agent, "agent"), Require.notNull(presence, "presence"), core.stated(null), false,
        null);
  }

  /**
   * Sets a sub-account's presence as of {@code at} (R21): presence feeds arrive out of order, so a change older
   * than the last one applied to this agent is ignored.
   *
   * @return whether the change was applied (false: it was stale)
   * @throws io.fenliu.core.UnknownIdException if {@code agent} is not a sub-account on the roster
   */
  public boolean setPresence(AccountId agent, Presence presence, Instant at) {
    return core.setPresence(Require.notNull(agent, "agent"), Require.notNull(presence, "presence"),
        Require.notNull(at, "presence time"), true, null);
  }

  /**
   * Sets the presence of several sub-accounts now, atomically (R17, R21, R24): no decision sees some of the
   * changes and not the others. Every id is checked first, so an unknown one changes nothing. The changes apply
   * in the map's iteration order, each as {@link #setPresence(AccountId, Presence)} would (a change that frees
   * capacity seats waiting consultations before the next change), which is what a log of the same changes as
   * {@link ShopEvent#presenceChanged presence events} replays to (R25). For a shift starting or a feed
   * reconnecting, where single changes would let decisions in between see half a team.
   *
   * @param presence each agent's new presence; iterated once, in its own order
   * @throws NullPointerException if {@code presence}, a key or a value is null
   * @throws io.fenliu.core.UnknownIdException if an id is not a sub-account on the roster; nothing changes
   */
  public void setPresence(Map<AccountId, Presence> presence) {
    core.setPresence(checkedCopy(presence), core.stated(null), false, null);
  }

  /**
   * Sets the presence of several sub-accounts as of {@code at}, atomically (R21, R24): as {@link
   * #setPresence(Map)}, except that a change older than an agent's latest is skipped, as {@link
   * #setPresence(AccountId, Presence, Instant)} skips it.
   *
   * @return how many changes were applied (the others were stale)
   * @throws NullPointerException if an argument, a key or a value is null
   * @throws io.fenliu.core.UnknownIdException if an id is not a sub-account on the roster; nothing changes
   * @throws io.fenliu.core.InvalidValueException if {@code at} is outside the range R21 can order
   */
  public int setPresence(Map<AccountId, Presence> presence, Instant at) {
    Map<AccountId, Presence> changes = checkedCopy(presence);
    return core.setPresence(changes, Require.notNull(at, "presence time"), true, null);
  }

  /** An ordered copy of a bulk presence change, each key and value refused if null; shared with the registry. */
  static Map<AccountId, Presence> checkedCopy(Map<AccountId, Presence> presence) {
    Require.notNull(presence, "presence");
    Map<AccountId, Presence> copy = new java.util.LinkedHashMap<>();
    presence.forEach((k, v) -> copy.put(Require.notNull(k, "agent"), Require.notNull(v, "presence of " + k)));
    return copy;
  }

  /** A sub-account's presence; OFFLINE until set. */
  public Presence presence(AccountId agent) {
    return core.presence(Require.notNull(agent, "agent"));
  }

  /** Where a waiting consultation stands, with an estimated wait (R22); empty if it does not wait. */
  public Optional<QueueStatus> queueStatus(ConsultationId consultation) {
    return core.queueStatus(Require.notNull(consultation, "consultation"));
  }

  /** Takes a waiting consultation out of the queue (the buyer left, R22); whether it was waiting. */
  public boolean withdraw(ConsultationId consultation) {
    return core.withdraw(Require.notNull(consultation, "consultation"), core.stated(null), null);
  }

  /** How many consultations wait (R22). */
  public int queueLength() {
    return core.queueLength();
  }

  /**
   * When the longest-waiting consultation will have waited the maximum queue wait and leave for the offline
   * receivers (R22): the instant a host's own timer (a stream processor's, say) should apply {@link
   * ShopEvent#timeAdvanced} at. Empty when nobody waits. Read in O(1), without exporting the live state.
   */
  public Optional<Instant> nextQueueDeadline() {
    long at = core.nextQueueDeadlineMillis();
    return at == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
  }

  /**
   * Sends every consultation that has waited the shop's maximum to the offline receivers (R22, R16) and returns
   * those exits; for hosts that expire the queue on their own schedule rather than passing a scheduler.
   */
  public List<QueueExit> expireOverdue() {
    return core.advanceTo(core.stated(null));
  }

  /**
   * Applies new settings.
   *
   * @throws io.fenliu.core.RuleRefusedException if they switch advanced routing off while its current groups
   *     still have members (R15)
   * @throws io.fenliu.core.UnknownIdException if they name an id that is not a sub-account of the shop
   */
  public void updateSettings(RoutingSettings settings) {
    Require.notNull(settings, "settings");
    core.reconfigure(UnaryOperator.identity(), current -> settings, core.stated(null), null);
  }

  /**
   * Changes the settings in force by {@code change}, atomically with respect to every other change (R24): the
   * function receives the current settings and is called once, inside the router's serialized section for
   * configuration, so no concurrent change is lost. It must not call back into this router.
   */
  public void updateSettings(UnaryOperator<RoutingSettings> change) {
    Require.notNull(change, "settings change");
    core.reconfigure(UnaryOperator.identity(), change, core.stated(null), null);
  }

  /**
   * Applies a changed roster (statuses, permissions, participation, limits, new and removed agents).
   *
   * @throws IllegalArgumentException if it is another shop
   * @throws io.fenliu.core.UnknownIdException if the settings name an agent it lacks
   */
  public void updateShop(Shop shop) {
    Require.notNull(shop, "shop");
    core.reconfigure(current -> shop, UnaryOperator.identity(), core.stated(null), null);
  }

  /** Changes the roster by {@code change}, atomically; see {@link #updateSettings(UnaryOperator)}. */
  public void updateShop(UnaryOperator<Shop> change) {
    Require.notNull(change, "shop change");
    core.reconfigure(change, UnaryOperator.identity(), core.stated(null), null);
  }

  /** Changes roster and settings together, atomically: e.g. removing an agent from both at once. */
  public void update(UnaryOperator<Shop> shopChange, UnaryOperator<RoutingSettings> settingsChange) {
    core.reconfigure(Require.notNull(shopChange, "shop change"), Require.notNull(settingsChange, "settings change"),
        core.stated(null), null);
  }

  /** Applies one changed or new sub-account to the current roster, atomically (read-modify-write). */
  public void updateAccount(SubAccount account) {
    Require.notNull(account, "account");
    core.reconfigure(current -> current.withSubAccount(account), UnaryOperator.identity(), core.stated(null), null);
  }

  /**
   * Removes a sub-account from the roster: its presence is dropped (re-added, it starts OFFLINE); its open
   * consultations stay open until ended or moved.
   *
   * @throws io.fenliu.core.UnknownIdException if it is not on the roster, or the settings still name it
   */
  public void removeAccount(AccountId agent) {
    Require.notNull(agent, "agent");
    core.reconfigure(without(agent), UnaryOperator.identity(), core.stated(null), null);
  }

  /** The roster change that removes {@code agent}, refused if it is not on the roster. */
  private static UnaryOperator<Shop> without(AccountId agent) {
    return current -> {
      if (current.subAccount(agent).isEmpty()) {
        throw new UnknownIdException(agent.value(), current.id().value(),
            agent + " is not a sub-account of shop " + current.id() + "; nothing to remove");
      }
      List<SubAccount> rest = new ArrayList<>(current.subAccounts());
      rest.removeIf(s -> s.id().equals(agent));
      return Shop.of(current.id(), current.name(), current.mainAccount(), rest);
    };
  }

  /** The shop as the router currently knows it. */
  public Shop shop() {
    return core.shop();
  }

  /** The settings in force. */
  public RoutingSettings settings() {
    return core.settings();
  }

  /**
   * What this router decided since it was built, at one instant (R24): decisions per step and agent, queue
   * figures, capacity refusals and the fairness ledger. {@link RouterStats#empty()} unless the router was built
   * with {@link Builder#recordStats()}.
   */
  public RouterStats stats() {
    return core.stats();
  }

  /** The live state — presence, open consultations, the queue — at one instant (R24), as a plain value. */
  public LiveState liveState() {
    return core.liveState();
  }

  /**
   * The roster, the settings, the live state and the seed at one instant (R24): what {@link
   * #builder(RouterSnapshot)} needs to continue exactly where this router is (R25).
   */
  public RouterSnapshot snapshot() {
    return core.snapshot();
  }

  /** The seed every random draw of this router derives from (R25). */
  public long seed() {
    return core.seed();
  }

  /** Builds a {@link Router}. */
  public static final class Builder {
    private final Shop shop;
    private final RoutingSettings settings;
    private @Nullable Long seed;
    private Clock clock = Clock.systemUTC();
    private @Nullable RouterListener listener;
    private @Nullable ScheduledExecutorService scheduler;
    private LiveState liveState = LiveState.empty();
    private boolean recordStats;

    private Builder(Shop shop, RoutingSettings settings) {
      this.shop = Require.notNull(shop, "shop");
      this.settings = Require.notNull(settings, "settings");
    }

    /**
     * Sets the seed every random draw derives from (R25). Draws are not taken from a generator: each is a pure
     * function of the seed, the consultation's id and the shop's decision number (SplitMix64's output function
     * over the three, see {@code io.fenliu.routing.internal.Draws}), so the same state and event give the same
     * outcome on any router with this seed, and a preview predicts the route that follows it. Without a seed, a
     * router takes a random one, which {@link Router#seed()} and {@link Router#snapshot()} report.
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Injects the clock that dates events that state no time (R25): untimed consultations, ends, presence
     * changes and the rest, and so their seats, queue waits and recent-contact windows (R18, R21, R22); the system
     * UTC clock by default. An event that states its time never reads it.
     */
    public Builder clock(Clock value) {
      this.clock = Require.notNull(value, "clock");
      return this;
    }

    /** Hears every consultation that leaves the queue on its own (R22). */
    public Builder listener(RouterListener value) {
      this.listener = Require.notNull(value, "listener");
      return this;
    }

    /**
     * Lets the router expire overdue waiting consultations on time (R22) by scheduling one task at a time on
     * the host's scheduler, for the consultation that will be overdue first (a task re-arms for the next as it
     * ends); without one, expiry happens during calls on the router and on {@link Router#expireOverdue()}. Tasks
     * are scheduled after the router has released its lock, so a scheduler may run a due task at once on the
     * calling thread.
     */
    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = Require.notNull(value, "scheduler");
      return this;
    }

    /**
     * Records statistics (R19, R22, R23) for {@link Router#stats()}: decisions per step and agent, queue figures,
     * capacity refusals and the fairness ledger. Off by default; when on, each decision adds a few increments
     * under the lock it already holds, and allocates nothing.
     */
    public Builder recordStats() {
      this.recordStats = true;
      return this;
    }

    /**
     * Starts from an exported live state (presence, open consultations, the queue) instead of an idle shop.
     * Presence must name agents on the roster; open consultations may name agents that left it, as in {@link
     * Router#restore}.
     */
    public Builder liveState(LiveState value) {
      this.liveState = Require.notNull(value, "live state");
      return this;
    }

    /**
     * Builds the router.
     *
     * @throws io.fenliu.core.UnknownIdException if the settings or the live state name an id that is not a
     *     sub-account of the shop
     */
    public Router build() {
      return new Router(this);
    }
  }
}
