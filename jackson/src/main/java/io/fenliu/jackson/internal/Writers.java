package io.fenliu.jackson.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fenliu.anomaly.AnomalousRelationship;
import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.CampaignAudience;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.HealthChange;
import io.fenliu.anomaly.HealthChanges;
import io.fenliu.anomaly.InvitationSettings;
import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TargetCheck;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.Consultation;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.RecentContact;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.Applied;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.GroupMember;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.QueueStatus;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.RestoreReport;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.ShareLedger;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import io.fenliu.routing.WaitingConsultation;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes each value as a tree in the documented shape: camelCase fields, ids as plain strings, enums by name,
 * durations ({@code PT72H}) and instants ({@code 2026-11-23T04:00:00Z}) as ISO-8601 strings, an absent optional
 * left out (never {@code null}), sets of enum constants in declaration order, every other collection in the
 * library's own order. The shape does not depend on the mapper's features, so it is the same for every host.
 */
final class Writers {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Writers() {}

  static ObjectNode object() {
    return F.objectNode();
  }

  static TextNode text(Object value) {
    return F.textNode(value.toString());
  }

  static TextNode name(Enum<?> value) {
    return F.textNode(value.name());
  }

  static TextNode duration(Duration d) {
    return F.textNode(d.toString());
  }

  static TextNode instant(Instant i) {
    return F.textNode(i.toString());
  }

  /** Ids, roles and other string-like values, in the collection's order. */
  static ArrayNode strings(Collection<?> values) {
    ArrayNode a = F.arrayNode(values.size());
    values.forEach(v -> a.add(v.toString()));
    return a;
  }

  /** Enum constants in declaration order, whatever the set's own order. */
  static <E extends Enum<E>> ArrayNode names(Collection<E> values) {
    ArrayNode a = F.arrayNode(values.size());
    values.stream().sorted(Comparator.comparingInt(Enum::ordinal)).forEach(v -> a.add(v.name()));
    return a;
  }

  static <T> ArrayNode array(Collection<T> values, Function<T, ? extends JsonNode> element) {
    ArrayNode a = F.arrayNode(values.size());
    values.forEach(v -> a.add(element.apply(v)));
    return a;
  }

  /** A map as an object; keys by name (enums) or string form (ids), in the map's order. */
  static <K, V> ObjectNode map(Map<K, V> map, Function<V, ? extends JsonNode> value) {
    ObjectNode o = F.objectNode();
    map.forEach((k, v) -> o.set(k instanceof Enum<?> e ? e.name() : k.toString(), value.apply(v)));
    return o;
  }

  // ---- core ----------------------------------------------------------------------------------------------------

  static ObjectNode mainAccount(MainAccount m) {
    return object().put("id", m.id().value()).put("name", m.name());
  }

  static ObjectNode subAccount(SubAccount s) {
    ObjectNode o = object().put("id", s.id().value()).put("name", s.name());
    o.set("status", name(s.status()));
    o.set("permissions", names(s.permissions()));
    o.put("participatesInRouting", s.participatesInRouting());
    o.set("roles", array(s.roles(), (Role r) -> F.textNode(r.name())));
    s.concurrentLimit().ifPresent(l -> o.put("concurrentLimit", l));
    return o;
  }

  static ObjectNode shop(Shop shop) {
    ObjectNode o = object().put("id", shop.id().value()).put("name", shop.name());
    o.set("mainAccount", mainAccount(shop.mainAccount()));
    o.set("subAccounts", array(shop.subAccounts(), Writers::subAccount));
    return o;
  }

  static ObjectNode recentContact(RecentContact r) {
    return object().put("agent", r.agent().value()).put("at", r.at().toString());
  }

  static ObjectNode relationship(ExclusiveRelationship r) {
    ObjectNode o = object().put("buyer", r.buyer().value());
    r.follower().ifPresent(f -> o.put("follower", f.value()));
    return o.put("version", r.version());
  }

  static ObjectNode consultation(Consultation c) {
    ObjectNode o = object().put("id", c.id().value()).put("buyer", c.buyer().value());
    o.set("entryPage", name(c.entryPage()));
    o.set("orderStatus", name(c.orderStatus()));
    c.arrivedAt().ifPresent(a -> o.set("arrivedAt", instant(a)));
    c.recentContact().ifPresent(r -> o.set("recentContact", recentContact(r)));
    c.exclusiveFollower().ifPresent(f -> o.put("exclusiveFollower", f.value()));
    return o;
  }

  // ---- routing -------------------------------------------------------------------------------------------------

  static ObjectNode groupMember(GroupMember m) {
    return object().put("agent", m.agent().value()).put("weight", m.weight());
  }

  static ObjectNode agentGroup(AgentGroup g) {
    ObjectNode o = object().put("name", g.name());
    o.set("orderStatuses", names(g.orderStatuses()));
    o.set("members", array(g.members(), Writers::groupMember));
    return o;
  }

  static ObjectNode routingSettings(RoutingSettings s) {
    ObjectNode o = object();
    o.set("mode", name(s.mode()));
    o.set("pageAgents", map(s.pageAgents(), Writers::strings));
    o.set("groups", array(s.groups(), Writers::agentGroup));
    o.set("offlineReceivers", strings(s.offlineReceivers()));
    o.set("recentAgentWindow", duration(s.recentAgentWindow()));
    o.set("suspendedRecentWindow", duration(s.suspendedRecentWindow()));
    o.put("connectToExclusiveAgent", s.connectToExclusiveAgent());
    o.set("shareMode", name(s.shareMode()));
    o.set("pageShareModes", map(s.pageShareModes(), Writers::name));
    o.set("groupShareModes", map(s.groupShareModes(), Writers::name));
    o.set("maxQueueWait", duration(s.maxQueueWait()));
    o.put("maxQueueLength", s.maxQueueLength());
    return o;
  }

  static ObjectNode openConsultation(OpenConsultation c) {
    return object().put("id", c.id().value()).put("buyer", c.buyer().value()).put("agent", c.agent().value())
        .put("seatedAt", c.seatedAt().toString());
  }

  static ObjectNode waitingConsultation(WaitingConsultation w) {
    ObjectNode o = object();
    o.set("consultation", consultation(w.consultation()));
    o.set("since", instant(w.since()));
    return o;
  }

  static ObjectNode liveState(LiveState s) {
    ObjectNode o = object();
    o.set("presence", map(s.presence(), Writers::name));
    o.set("presenceChangedAt", map(s.presenceChangedAt(), Writers::instant));
    o.set("open", array(s.open(), Writers::openConsultation));
    o.set("waiting", array(s.waiting(), Writers::waitingConsultation));
    if (!s.openDecisions().isEmpty()) {
      o.set("openDecisions", map(s.openDecisions(), Writers::routingDecision));
    }
    o.put("decisions", s.decisions());
    s.time().ifPresent(t -> o.set("time", instant(t)));
    return o;
  }

  static ObjectNode routingDecision(RoutingDecision d) {
    ObjectNode o = object();
    o.set("step", name(d.step()));
    d.agent().ifPresent(a -> o.put("agent", a.value()));
    o.put("reason", d.reason());
    d.queuePosition().ifPresent(p -> o.put("queuePosition", p));
    if (d.isRepeat()) {
      o.put("repeat", true);
    }
    return o;
  }

  static ObjectNode queueStatus(QueueStatus q) {
    ObjectNode o = object().put("consultation", q.consultation().value()).put("position", q.position());
    o.set("waitingSince", instant(q.waitingSince()));
    q.estimatedWait().ifPresent(w -> o.set("estimatedWait", duration(w)));
    return o;
  }

  static ObjectNode queueExit(QueueExit q) {
    ObjectNode o = object().put("consultation", q.consultation().value()).put("buyer", q.buyer().value());
    o.set("decision", routingDecision(q.decision()));
    o.set("waited", duration(q.waited()));
    o.set("at", instant(q.at()));
    return o;
  }

  static ObjectNode endResult(EndResult e) {
    ObjectNode o = object().put("consultation", e.consultation().value());
    o.set("outcome", name(e.outcome()));
    e.agent().ifPresent(a -> o.put("agent", a.value()));
    o.set("queueExits", array(e.queueExits(), Writers::queueExit));
    return o;
  }

  static ObjectNode restoreReport(RestoreReport r) {
    ObjectNode o = object().put("restored", r.restored());
    o.set("overLimit", map(r.overLimit(), n -> F.numberNode(n)));
    return o;
  }

  static ObjectNode routerStats(RouterStats r) {
    ObjectNode o = object().put("decisions", r.decisions());
    o.set("decisionsByStep", map(r.decisionsByStep(), n -> F.numberNode(n)));
    o.set("decisionsByAgent", map(r.decisionsByAgent(), n -> F.numberNode(n)));
    o.put("queued", r.queued()).put("seatedFromQueue", r.seatedFromQueue())
        .put("expiredFromQueue", r.expiredFromQueue()).put("turnedAwayQueueFull", r.turnedAwayQueueFull())
        .put("withdrawnFromQueue", r.withdrawnFromQueue()).put("capacityRefusals", r.capacityRefusals())
        .put("queueLength", r.queueLength());
    o.set("totalQueueWait", duration(r.totalQueueWait()));
    o.set("ledger", array(r.ledger(), Writers::shareLedger));
    return o;
  }

  static ObjectNode shareLedger(ShareLedger l) {
    ObjectNode o = object().put("scope", l.scope());
    o.set("shareMode", name(l.shareMode()));
    o.put("decisions", l.decisions()).put("withinChance", l.withinChance());
    o.set("shares", array(l.shares(), Writers::agentShare));
    return o;
  }

  static ObjectNode agentShare(AgentShare a) {
    ObjectNode o = object().put("agent", a.agent().value()).put("scope", a.scope()).put("weight", a.weight())
        .put("configuredShare", a.configuredShare()).put("observed", a.observed())
        .put("observedShare", a.observedShare()).put("availability", a.availability()).put("expected", a.expected())
        .put("zScore", a.zScore());
    o.set("verdict", name(a.verdict()));
    o.put("explanation", a.explanation());
    return o;
  }

  // ---- event log (R25) -----------------------------------------------------------------------------------------

  /**
   * An event: its {@code type} (an {@link EventKind} name), {@code shop}, {@code time} when it states one, then its
   * own fields. An arrival's time is its consultation's {@code arrivedAt}, written at the top as well, so that a
   * consumer of the log reads every event's time from one field.
   */
  static ObjectNode shopEvent(ShopEvent e) {
    ObjectNode o = object().put("type", EventKind.of(e).name()).put("shop", e.shop().value());
    e.time().ifPresent(t -> o.set("time", instant(t)));
    if (e instanceof ShopEvent.Arrived a) {
      o.set("consultation", consultation(a.consultation()));
    } else if (e instanceof ShopEvent.Ended end) {
      o.put("consultation", end.consultation().value());
    } else if (e instanceof ShopEvent.Withdrawn w) {
      o.put("consultation", w.consultation().value());
    } else if (e instanceof ShopEvent.SeatedByHost s) {
      o.put("consultation", s.consultation().value()).put("buyer", s.buyer().value())
          .put("agent", s.agent().value());
    } else if (e instanceof ShopEvent.Restored r) {
      o.set("open", array(r.open(), Writers::openConsultation));
    } else if (e instanceof ShopEvent.PresenceChanged p) {
      o.put("agent", p.agent().value()).set("presence", name(p.presence()));
    } else if (e instanceof ShopEvent.AccountChanged ac) {
      o.set("account", subAccount(ac.account()));
    } else if (e instanceof ShopEvent.AccountRemoved ar) {
      o.put("agent", ar.agent().value());
    } else if (e instanceof ShopEvent.SettingsChanged sc) {
      o.set("settings", routingSettings(sc.settings()));
    }
    // TIME_ADVANCED has no field of its own: its time is the event.
    return o;
  }

  /** What applying an event did; each optional part only when present, {@code changed} and {@code exits} always. */
  static ObjectNode applied(Applied a) {
    ObjectNode o = object();
    o.set("event", shopEvent(a.event()));
    a.decision().ifPresent(d -> o.set("decision", routingDecision(d)));
    a.end().ifPresent(e -> o.set("end", endResult(e)));
    a.previousAgent().ifPresent(p -> o.put("previousAgent", p.value()));
    a.restore().ifPresent(r -> o.set("restore", restoreReport(r)));
    o.put("changed", a.changed());
    o.set("exits", array(a.exits(), Writers::queueExit));
    a.refusal().ifPresent(r -> o.set("refusal", refusal(r)));
    return o;
  }

  static ObjectNode refusal(Applied.Refusal r) {
    ObjectNode o = object();
    r.rule().ifPresent(id -> o.put("rule", id));
    return o.put("message", r.message());
  }

  static ObjectNode routerSnapshot(RouterSnapshot s) {
    ObjectNode o = object();
    o.set("shop", shop(s.shop()));
    o.set("settings", routingSettings(s.settings()));
    o.set("liveState", liveState(s.liveState()));
    return o.put("seed", s.seed());
  }

  // ---- anomaly -------------------------------------------------------------------------------------------------

  static ObjectNode anomalousRelationship(AnomalousRelationship a) {
    ObjectNode o = object();
    o.set("relationship", relationship(a.relationship()));
    o.set("kinds", names(a.kinds()));
    return o;
  }

  static ObjectNode anomalyReport(AnomalyReport r) {
    ObjectNode o = object().put("scanned", r.scanned()).put("anomalous", r.anomalous()).put("healthy", r.healthy());
    o.set("byKind", map(r.byKind(), n -> F.numberNode(n)));
    o.set("anomalousByFollower", map(r.anomalousByFollower(), n -> F.numberNode(n)));
    o.set("examples", array(r.examples(), Writers::anomalousRelationship));
    return o;
  }

  static ObjectNode campaignAudience(CampaignAudience a) {
    ObjectNode o = object();
    o.set("kind", name(a.kind()));
    o.put("reachableCount", a.reachableCount()).put("excludedCount", a.excludedCount());
    o.set("excludedByKind", map(a.excludedByKind(), n -> F.numberNode(n)));
    o.set("reachable", strings(a.reachable()));
    o.set("excluded", array(a.excluded(), Writers::excluded));
    o.put("everyBuyerListed", a.isEveryBuyerListed());
    return o;
  }

  static ObjectNode excluded(CampaignAudience.Excluded e) {
    ObjectNode o = object().put("buyer", e.buyer().value());
    o.set("reasons", names(e.reasons()));
    return o;
  }

  static ObjectNode healthChange(HealthChange h) {
    ObjectNode o = object();
    o.set("relationship", relationship(h.relationship()));
    o.set("before", names(h.before()));
    o.set("after", names(h.after()));
    o.set("direction", name(h.direction()));
    return o;
  }

  /** The change's counts and examples; the rosters before and after are left out (write the shops themselves). */
  static ObjectNode healthChanges(HealthChanges h) {
    ObjectNode o = object();
    o.set("changedFollowers", strings(h.changedFollowers()));
    o.set("counts", map(h.counts(), n -> F.numberNode(n)));
    o.put("total", h.total());
    o.set("examples", array(h.examples(), Writers::healthChange));
    return o;
  }

  static ObjectNode targetCheck(TargetCheck t) {
    ObjectNode o = object().put("target", t.target().value());
    o.set("problems", names(t.problems()));
    o.set("reasons", strings(t.reasons()));
    o.put("valid", t.isValid());
    return o;
  }

  static ObjectNode selection(Selection s) {
    ObjectNode o = object();
    if (s instanceof Selection.AllAnomalous) {
      o.put("type", "ALL_ANOMALOUS");
    } else if (s instanceof Selection.OfKind k) {
      o.put("type", "OF_KIND").set("kind", name(k.kind()));
    } else if (s instanceof Selection.FromFollower f) {
      o.put("type", "FROM_FOLLOWER").put("follower", f.follower().value());
    } else if (s instanceof Selection.Buyers b) {
      o.put("type", "BUYERS").set("buyers", strings(b.buyers()));
    } else {
      throw new IllegalStateException("a selection of an unknown kind: " + s);
    }
    return o;
  }

  static ObjectNode distribution(Distribution d) {
    ObjectNode o = object();
    if (d instanceof Distribution.Even) {
      o.put("type", "EVEN");
    } else if (d instanceof Distribution.Weighted w) {
      ArrayNode weights = F.arrayNode(w.weights().size());
      w.weights().forEach(weights::add);
      o.put("type", "WEIGHTED").set("weights", weights);
    } else if (d instanceof Distribution.LoadBalancing) {
      o.put("type", "LOAD_BALANCING");
    } else {
      throw new IllegalStateException("a distribution of an unknown kind: " + d);
    }
    return o;
  }

  static ObjectNode invitationSettings(InvitationSettings s) {
    ObjectNode o = object();
    o.set("allowedSenders", strings(s.allowedSenders()));
    return o;
  }

  static ObjectNode plannedMove(PlannedMove m) {
    ObjectNode o = object().put("buyer", m.buyer().value());
    m.from().ifPresent(f -> o.put("from", f.value()));
    return o.put("to", m.to().value()).put("expectedVersion", m.expectedVersion());
  }

  static ObjectNode moveOutcome(MoveOutcome m) {
    ObjectNode o = object();
    o.set("move", plannedMove(m.move()));
    o.set("status", name(m.status()));
    m.relationship().ifPresent(r -> o.set("relationship", relationship(r)));
    return o.put("detail", m.detail());
  }

  static ObjectNode transferPlan(TransferPlan p) {
    ObjectNode o = object().put("shop", p.shop().value());
    o.set("moves", array(p.moves(), Writers::plannedMove));
    o.set("unmatched", strings(p.unmatched()));
    o.set("countsByTarget", map(p.countsByTarget(), n -> F.numberNode(n)));
    return o;
  }

  static ObjectNode transferResult(TransferResult r) {
    ObjectNode o = object().put("shop", r.shop().value()).put("planned", r.planned());
    o.set("counts", map(r.counts(), n -> F.numberNode(n)));
    o.set("examples", array(r.examples(), Writers::moveOutcome));
    o.set("unmatched", strings(r.unmatched()));
    o.put("complete", r.isComplete()).put("everyOutcomeListed", r.hasEveryOutcome());
    return o;
  }
}
