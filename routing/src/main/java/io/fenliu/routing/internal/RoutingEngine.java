package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.Consultation;
import io.fenliu.core.Presence;
import io.fenliu.core.RecentContact;
import io.fenliu.core.Shop;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The router's machinery. Reads ({@link #route}) take one volatile read of the current snapshot and never
 * lock; changes are serialized on one lock, build their new state completely, then publish it with one
 * volatile write — so a decision sees either all of a change or none of it, and a decision started after a
 * change returned sees it.
 */
public final class RoutingEngine {
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Live agent state by id; survives snapshots. Guarded by {@link #writeLock}. */
  private final Map<AccountId, AgentSlot> slots = new HashMap<>();

  private final @Nullable RandomGenerator random;
  private final Clock clock;
  private volatile RoutingSnapshot snapshot;

  /**
   * Builds the first snapshot.
   *
   * @param random the random source, or null for {@link ThreadLocalRandom}
   */
  public RoutingEngine(Shop shop, RoutingSettings settings, @Nullable RandomGenerator random, Clock clock) {
    this.random = random;
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.snapshot = new RoutingSnapshot(shop, settings, slots);
  }

  /** R18's order, on one snapshot. */
  public RoutingDecision route(Consultation c) {
    RoutingSnapshot s = snapshot;
    RandomGenerator rng = random != null ? random : ThreadLocalRandom.current();

    if (c.recentContact().isPresent() && s.windowMillis > 0) {
      RecentContact rc = c.recentContact().get();
      AgentEntry e = s.entries.get(rc.agent());
      if (e != null && clock.millis() - rc.at().toEpochMilli() <= s.windowMillis && e.tryAcquire()) {
        return e.recentDecision;
      }
    }
    if (s.connectToExclusiveAgent && c.exclusiveFollower().isPresent()) {
      AgentEntry e = s.entries.get(c.exclusiveFollower().get());
      if (e != null && e.healthyFollower && e.tryAcquire()) {
        return e.followerDecision;
      }
    }
    RoutingDecision d;
    if (s.basic) {
      if ((d = pick(s.pageTables[c.entryPage().ordinal()], rng)) != null) {
        return d;
      }
    } else {
      int status = c.orderStatus().ordinal();
      if ((d = pick(s.matchedTables[status], rng)) != null
          || (d = pick(s.otherTables[status], rng)) != null
          || (d = pick(s.ungrouped, rng)) != null) {
        return d;
      }
    }
    if ((d = pick(s.anyOnline, rng)) != null) {
      return d;
    }
    AgentEntry[] receivers = s.receivers;
    if (receivers.length > 0) {
      return receivers[receivers.length == 1 ? 0 : rng.nextInt(receivers.length)].receiverDecision;
    }
    return s.noAgent;
  }

  private static @Nullable RoutingDecision pick(@Nullable WeightedTable table, RandomGenerator rng) {
    return table == null ? null : table.pick(rng);
  }

  /** Sets an agent's presence: O(log n) per table it is in, no rebuild. */
  public void setPresence(AccountId agent, Presence presence) {
    Objects.requireNonNull(agent, "agent must not be null");
    Objects.requireNonNull(presence, "presence must not be null");
    writeLock.lock();
    try {
      AgentEntry e = knownEntry(snapshot, agent);
      boolean online = presence == Presence.ONLINE;
      if (e.slot.isOnline() != online) {
        if (online) {
          e.presenceChanged(true);
          e.slot.setOnline(true);
        } else {
          e.slot.setOnline(false);
          e.presenceChanged(false);
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Replaces shop and settings together; on any exception the previous state stays. */
  public void replace(Shop shop, RoutingSettings settings) {
    Objects.requireNonNull(shop, "shop must not be null");
    Objects.requireNonNull(settings, "settings must not be null");
    writeLock.lock();
    try {
      RoutingSnapshot current = snapshot;
      if (!shop.id().equals(current.shop.id())) {
        throw new IllegalArgumentException(
            "shop must be the router's shop " + current.shop.id() + ", not " + shop.id());
      }
      // Slots are only ever added, so a failed build leaves nothing behind that matters.
      snapshot = new RoutingSnapshot(shop, settings, slots);
    } finally {
      writeLock.unlock();
    }
  }

  /** Releases one consultation of a limited agent. */
  public void consultationEnded(AccountId agent) {
    AgentEntry e = knownEntry(snapshot, Objects.requireNonNull(agent, "agent must not be null"));
    if (e.limit > 0 && !e.slot.release()) {
      throw new IllegalStateException("agent " + agent + " holds no consultation to end");
    }
  }

  /** The consultations a limited agent holds; 0 for agents without a limit. */
  public int activeConsultations(AccountId agent) {
    return knownEntry(snapshot, Objects.requireNonNull(agent, "agent must not be null")).slot.active();
  }

  /** The agent's presence. */
  public Presence presence(AccountId agent) {
    AgentEntry e = knownEntry(snapshot, Objects.requireNonNull(agent, "agent must not be null"));
    return e.slot.isOnline() ? Presence.ONLINE : Presence.OFFLINE;
  }

  /** The current shop. */
  public Shop shop() {
    return snapshot.shop;
  }

  /** The current settings. */
  public RoutingSettings settings() {
    return snapshot.settings;
  }

  private static AgentEntry knownEntry(RoutingSnapshot s, AccountId agent) {
    AgentEntry e = s.entries.get(agent);
    if (e == null) {
      throw new IllegalArgumentException(agent + " is not a sub-account of shop " + s.shop.id());
    }
    return e;
  }
}
