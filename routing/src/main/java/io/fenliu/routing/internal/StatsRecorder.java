package io.fenliu.routing.internal;

import io.fenliu.routing.RouterStats;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareMode;
import io.fenliu.core.AccountId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A router's counters (R19, R22, R23), when recording is on. Every field is guarded by the router's lock, so
 * counting is a plain increment — no atomics, no allocation on the hot path — and a snapshot taken under the
 * lock is consistent across counters (R24).
 *
 * <p>The fairness ledger keeps, per scope (page set or group) and member, the picks it made and the member's
 * <em>exposure</em>: the sum, over the scope's decisions while the member was available, of 1 ÷ the weight
 * then available. Weight × exposure is the expected number of picks under weighted random sharing, exactly.
 * The scope keeps that running sum; a member records it when it becomes available and adds the difference
 * when it stops being available, so both are O(1) per decision and per availability change. Scopes and members
 * are kept by name and id, so they outlive layouts.
 */
final class StatsRecorder {
  final long[] byStep = new long[RoutingStep.values().length];
  long queued;
  long seatedFromQueue;
  long expiredFromQueue;
  long turnedAwayQueueFull;
  long withdrawnFromQueue;
  long queueWaitMillis;
  long capacityRefusals;
  /** Decisions naming agents that left the roster, so their counts survive. */
  private final Map<AccountId, Long> departedDecisions = new HashMap<>();
  private final Map<String, ScopeLedger> scopes = new LinkedHashMap<>();

  /** One page set's or group's ledger. */
  static final class ScopeLedger {
    final String name;
    ShareMode mode = ShareMode.WEIGHTED_RANDOM;
    long decisions;
    double cumulativeInverseWeight;
    final Map<AccountId, MemberLedger> members = new LinkedHashMap<>();

    ScopeLedger(String name) {
      this.name = name;
    }

    /** Counts a decision picking {@code m} while {@code availableWeight} was available. */
    void decided(MemberLedger m, long availableWeight) {
      decisions++;
      cumulativeInverseWeight += 1.0 / availableWeight;
      m.observed++;
    }

    void open(MemberLedger m) {
      if (!m.open) {
        m.open = true;
        m.cumulativeAtOpen = cumulativeInverseWeight;
        m.decisionsAtOpen = decisions;
      }
    }

    void close(MemberLedger m) {
      if (m.open) {
        m.open = false;
        m.exposure += cumulativeInverseWeight - m.cumulativeAtOpen;
        m.availableDecisions += decisions - m.decisionsAtOpen;
      }
    }
  }

  /** One member's counters in one scope. */
  static final class MemberLedger {
    long weight;
    long observed;
    double exposure;
    long availableDecisions;
    boolean open;
    double cumulativeAtOpen;
    long decisionsAtOpen;
  }

  /** The ledger of {@code scope}, made on first use, its share mode set to the layout's. */
  ScopeLedger scope(String name, ShareMode mode) {
    ScopeLedger s = scopes.computeIfAbsent(name, ScopeLedger::new);
    s.mode = mode;
    return s;
  }

  void departed(AccountId agent, long decisions) {
    departedDecisions.merge(agent, decisions, Long::sum);
  }

  RouterStats snapshot(Agent[] agents, int queueLength) {
    Map<AccountId, Long> byAgent = new LinkedHashMap<>(departedDecisions);
    for (Agent a : agents) {
      if (a.decisions > 0) {
        byAgent.merge(a.id(), a.decisions, Long::sum);
      }
    }
    List<ScopeCounts> out = new ArrayList<>();
    for (ScopeLedger s : scopes.values()) {
      List<MemberCounts> members = new ArrayList<>();
      for (Map.Entry<AccountId, MemberLedger> e : s.members.entrySet()) {
        MemberLedger m = e.getValue();
        double exposure = m.exposure + (m.open ? s.cumulativeInverseWeight - m.cumulativeAtOpen : 0);
        long available = m.availableDecisions + (m.open ? s.decisions - m.decisionsAtOpen : 0);
        members.add(new MemberCounts(e.getKey(), m.weight, m.observed, exposure, available));
      }
      out.add(new ScopeCounts(s.name, s.mode, s.decisions, members));
    }
    return ApiAccess.api().stats(byStep.clone(), byAgent, queued, seatedFromQueue, expiredFromQueue, turnedAwayQueueFull,
        withdrawnFromQueue, queueWaitMillis, capacityRefusals, queueLength, out);
  }

  /** Finds the member's ledger of {@code scope}, made on first use with its current weight. */
  static MemberLedger member(ScopeLedger scope, AccountId agent, long weight) {
    MemberLedger m = scope.members.get(agent);
    if (m == null) {
      m = new MemberLedger();
      scope.members.put(agent, m);
    }
    m.weight = weight;
    return m;
  }
}
