package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.RelationshipHealth;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One sub-account as a snapshot sees it: its static facts, its live slot, and its prepared decisions. */
final class AgentEntry {
  final SubAccount account;
  final AgentSlot slot;
  /** R17 without presence: ACTIVE and participating (a sub-account by construction). */
  final boolean routable;
  /** R1 healthy as a follower, for R18's exclusive step. */
  final boolean healthyFollower;
  /** 0 for no limit. */
  final int limit;
  final RoutingDecision recentDecision;
  final RoutingDecision followerDecision;
  final RoutingDecision receiverDecision;

  private final List<WeightedTable> tables = new ArrayList<>();
  private final List<Integer> positions = new ArrayList<>();

  AgentEntry(SubAccount account, AgentSlot slot, String window) {
    this.account = account;
    this.slot = slot;
    this.routable = account.isRoutable();
    this.healthyFollower = RelationshipHealth.isHealthyFollower(account);
    this.limit = account.concurrentLimit().orElse(0);
    Optional<AccountId> me = Optional.of(account.id());
    this.recentDecision = new RoutingDecision(me, RoutingStep.RECENT_AGENT,
        "the buyer talked to " + account.id() + " within the last " + window + ", and " + account.id()
            + " is online and eligible (R18)");
    this.followerDecision = new RoutingDecision(me, RoutingStep.EXCLUSIVE_FOLLOWER,
        account.id() + " is the buyer's healthy exclusive follower and is online (R18, connect directly)");
    this.receiverDecision = new RoutingDecision(me, RoutingStep.OFFLINE_RECEIVER,
        "no eligible agent is online; " + account.id() + " is a designated offline-message receiver (R16)");
  }

  void addMembership(WeightedTable table, int position) {
    tables.add(table);
    positions.add(position);
  }

  void presenceChanged(boolean online) {
    for (int i = 0; i < tables.size(); i++) {
      tables.get(i).setEnabled(positions.get(i), online);
    }
  }

  boolean isAvailable() {
    return routable && slot.isOnline() && (limit == 0 || slot.active() < limit);
  }

  boolean tryAcquire() {
    return routable && slot.isOnline() && (limit == 0 || slot.tryReserve(limit));
  }
}
