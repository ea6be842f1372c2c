package io.fenliu.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.anomaly.CampaignAudience;
import io.fenliu.anomaly.CampaignKind;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.HealthChanges;
import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.anomaly.InvitationSettings;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TargetCheck;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.jackson.internal.Codecs;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.Applied;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.QueueStatus;
import io.fenliu.routing.RestoreReport;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShopEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The values the library produces, made by the library itself (a router's decisions and queue, a scan, a
 * campaign, a transfer), are written in the documented shape; values only the library produces are refused on
 * reading; and every type the module registers has a sample here, so a new type cannot go untested.
 */
class OutputTest {
  private static final ObjectMapper MAPPER = RoundTripTest.MAPPER;
  private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");
  private static final AccountId ALICE = AccountId.of("alice");
  private static final AccountId BOB = AccountId.of("bob");

  static Shop shop() {
    return Shop.of(ShopId.of("my-shop"), "My shop", new MainAccount(AccountId.of("owner"), "Owner"), List.of(
        SubAccount.builder(ALICE, "Alice").roles(Role.PRE_SALE).exclusiveAgent().concurrentLimit(1).build(),
        SubAccount.builder(BOB, "Bob").roles(Role.AFTER_SALE).exclusiveAgent().status(AccountStatus.RESIGNED)
            .build()));
  }

  static RoutingSettings settings() {
    return RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(AgentGroup.builder("pre-sale").boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID)
            .member(ALICE, 500).build())
        .build();
  }

  static Consultation consultation(String id) {
    return Consultation.of(ConsultationId.of(id), BuyerId.of("buyer-" + id), EntryPage.PRODUCT_DETAIL,
        OrderStatus.NO_ORDER).arrivedAt(T0);
  }

  /** One sample of every type the module writes, each made by the library. */
  static Map<Class<?>, Object> samples() {
    Shop shop = shop();
    Map<Class<?>, Object> s = new LinkedHashMap<>();
    s.put(AccountId.class, ALICE);
    s.put(BuyerId.class, BuyerId.of("buyer-1"));
    s.put(ShopId.class, shop.id());
    s.put(ConsultationId.class, ConsultationId.of("c-1"));
    s.put(Role.class, Role.PRE_SALE);
    for (Class<?> e : Codecs.create().writable()) {
      if (e.isEnum()) {
        s.put(e, e.getEnumConstants()[0]);
      }
    }
    s.put(MainAccount.class, shop.mainAccount());
    s.put(SubAccount.class, shop.subAccounts().get(0));
    s.put(Shop.class, shop);
    Consultation c = consultation("c-1").withRecentContact(ALICE, T0.minusSeconds(60));
    s.put(io.fenliu.core.RecentContact.class, c.recentContact().orElseThrow());
    s.put(ExclusiveRelationship.class, ExclusiveRelationship.of(BuyerId.of("buyer-1"), ALICE));
    s.put(Consultation.class, c);
    RoutingSettings settings = settings();
    s.put(io.fenliu.routing.GroupMember.class, settings.groups().get(0).members().get(0));
    s.put(AgentGroup.class, settings.groups().get(0));
    s.put(RoutingSettings.class, settings);

    Router router = Router.builder(shop, settings).clock(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC)).build();
    router.setPresence(ALICE, Presence.ONLINE);
    RoutingDecision first = router.route(consultation("c-1"));
    RoutingDecision second = router.route(consultation("c-2"));
    assertEquals(RoutingStep.QUEUED, second.step());
    s.put(RoutingDecision.class, first);
    s.put(QueueStatus.class, router.queueStatus(ConsultationId.of("c-2")).orElseThrow());
    LiveState live = router.liveState();
    s.put(LiveState.class, live);
    s.put(OpenConsultation.class, live.open().get(0));
    s.put(io.fenliu.routing.WaitingConsultation.class, live.waiting().get(0));
    EndResult ended = router.end(ConsultationId.of("c-1"));
    assertEquals(1, ended.queueExits().size());
    s.put(EndResult.class, ended);
    s.put(io.fenliu.routing.QueueExit.class, ended.queueExits().get(0));
    s.put(RestoreReport.class, new RestoreReport(2, Map.of(ALICE, 1)));
    Router recording = Router.builder(shop, settings).recordStats().build();
    recording.setPresence(ALICE, Presence.ONLINE);
    recording.route(consultation("c-9"));
    io.fenliu.routing.RouterStats stats = recording.stats();
    s.put(io.fenliu.routing.RouterStats.class, stats);
    s.put(io.fenliu.routing.ShareLedger.class, stats.ledger().get(0));
    s.put(io.fenliu.routing.AgentShare.class, stats.ledger().get(0).shares().get(0));

    // The event log (R25): an outcome, a refusal and a snapshot from a router fed events; one event of each kind.
    Router fed = Router.builder(shop, settings).seed(1).clock(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC))
        .build();
    fed.apply(ShopEvent.presenceChanged(shop.id(), ALICE, Presence.ONLINE));
    Applied applied = fed.apply(ShopEvent.arrived(shop.id(), consultation("c-1")));
    s.put(Applied.class, applied);
    Applied refused = fed.apply(ShopEvent.settingsChanged(shop.id(), RoutingSettings.builder().build()));
    s.put(Applied.Refusal.class, refused.refusal().orElseThrow());
    s.put(RouterSnapshot.class, fed.snapshot());
    s.put(ShopEvent.class, applied.event());
    s.put(ShopEvent.Arrived.class, applied.event());
    s.put(ShopEvent.Ended.class, ShopEvent.ended(shop.id(), ConsultationId.of("c-1")).at(T0));
    s.put(ShopEvent.Withdrawn.class, ShopEvent.withdrawn(shop.id(), ConsultationId.of("c-2")));
    s.put(ShopEvent.SeatedByHost.class, ShopEvent.seatedByHost(shop.id(), ConsultationId.of("c-3"),
        BuyerId.of("buyer-3"), ALICE));
    s.put(ShopEvent.Restored.class, ShopEvent.restored(shop.id(), live.open()));
    s.put(ShopEvent.PresenceChanged.class, ShopEvent.presenceChanged(shop.id(), ALICE, Presence.SUSPENDED).at(T0));
    s.put(ShopEvent.AccountChanged.class, ShopEvent.accountChanged(shop.id(), shop.subAccounts().get(1)));
    s.put(ShopEvent.AccountRemoved.class, ShopEvent.accountRemoved(shop.id(), BOB));
    s.put(ShopEvent.SettingsChanged.class, ShopEvent.settingsChanged(shop.id(), settings));
    s.put(ShopEvent.TimeAdvanced.class, ShopEvent.timeAdvanced(shop.id(), T0.plusSeconds(600)));

    List<ExclusiveRelationship> relationships = List.of(ExclusiveRelationship.of(BuyerId.of("buyer-1"), ALICE),
        ExclusiveRelationship.of(BuyerId.of("buyer-2"), BOB));
    AnomalyReport report = AnomalyScanner.scan(shop, relationships);
    s.put(AnomalyReport.class, report);
    s.put(io.fenliu.anomaly.AnomalousRelationship.class, report.examples().get(0));
    CampaignAudience audience = CampaignAudience.of(shop, relationships, CampaignKind.NEW_ARRIVAL);
    s.put(CampaignAudience.class, audience);
    s.put(CampaignAudience.Excluded.class, audience.excluded().get(0));
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(shop.id(), relationships);
    HealthChanges changes = HealthChanges.afterChange(shop,
        shop.subAccount(ALICE).orElseThrow().withStatus(AccountStatus.FROZEN), store);
    s.put(HealthChanges.class, changes);
    s.put(io.fenliu.anomaly.HealthChange.class, changes.examples().get(0));
    s.put(TargetCheck.class, TargetCheck.of(shop, BOB));
    s.put(InvitationSettings.class, InvitationSettings.of(shop, List.of(ALICE)));
    s.put(Selection.class, Selection.ofKind(io.fenliu.core.AnomalyKind.AGENT_STATUS_ABNORMAL));
    s.put(Distribution.class, Distribution.weighted(List.of(3L, 1L)));
    TransferPlan plan = TransferPlanner.plan(shop, relationships, Selection.allAnomalous(), List.of(ALICE),
        Distribution.even());
    s.put(TransferPlan.class, plan);
    s.put(io.fenliu.anomaly.PlannedMove.class, plan.moves().get(0));
    TransferResult result = plan.applyTo(shop, store);
    s.put(TransferResult.class, result);
    s.put(io.fenliu.anomaly.MoveOutcome.class, result.examples().get(0));
    return s;
  }

  @Test
  void everyRegisteredTypeHasASampleAndIsWrittenByTheModule() throws Exception {
    Codecs codecs = Codecs.create();
    Map<Class<?>, Object> samples = samples();
    assertEquals(codecs.writable(), samples.keySet());
    for (Map.Entry<Class<?>, Object> e : samples.entrySet()) {
      assertEquals("NodeSerializer",
          MAPPER.getSerializerProviderInstance().findValueSerializer(e.getKey()).getClass().getSimpleName(),
          e.getKey().getName());
      String json = MAPPER.writeValueAsString(e.getValue());
      if (codecs.readable().contains(e.getKey())) {
        assertEquals(e.getValue(), MAPPER.readValue(json, e.getKey()), json);
      } else {
        assertThrows(InvalidDefinitionException.class, () -> MAPPER.readValue(json, e.getKey()), json);
      }
    }
  }

  @Test
  void aRoutersDecisionsAndQueueInTheDocumentedShape() throws Exception {
    Map<Class<?>, Object> s = samples();
    JsonNode decision = MAPPER.valueToTree(s.get(RoutingDecision.class));
    assertEquals("MATCHED_GROUP", decision.get("step").textValue());
    assertEquals("alice", decision.get("agent").textValue());
    assertTrue(decision.get("reason").textValue().contains("R1"), decision.toString());
    assertFalse(decision.has("queuePosition"));
    JsonNode status = MAPPER.valueToTree(s.get(QueueStatus.class));
    assertEquals("c-2", status.get("consultation").textValue());
    assertEquals(1, status.get("position").intValue());
    assertEquals("2026-11-23T04:00:00Z", status.get("waitingSince").textValue());
    JsonNode ended = MAPPER.valueToTree(s.get(EndResult.class));
    assertEquals("ENDED", ended.get("outcome").textValue());
    assertEquals("c-2", ended.get("queueExits").get(0).get("consultation").textValue());
    assertEquals("alice", ended.get("queueExits").get(0).get("decision").get("agent").textValue());
    assertTrue(ended.get("queueExits").get(0).get("buyer").isTextual(), "a queue exit names its buyer");
    assertTrue(ended.get("queueExits").get(0).get("at").isTextual(), "and when it left the queue");
    assertEquals("{\"restored\":2,\"overLimit\":{\"alice\":1}}", MAPPER.writeValueAsString(s.get(RestoreReport.class)));
    JsonNode live = MAPPER.valueToTree(s.get(LiveState.class));
    assertEquals("ONLINE", live.get("presence").get("alice").textValue());
    assertEquals("c-1", live.get("open").get(0).get("id").textValue());
    assertEquals("c-2", live.get("waiting").get(0).get("consultation").get("id").textValue());
  }

  /** Issue 17 item 3: a real outcome of {@link Router#apply} is written with its event and its decision. */
  @Test
  void anAppliedEventIsWrittenWithItsDecisionsAgentAndStep() throws Exception {
    Shop shop = shop();
    Router router = Router.builder(shop, settings()).seed(1).build();
    router.apply(ShopEvent.presenceChanged(shop.id(), ALICE, Presence.ONLINE));
    Applied applied = router.apply(ShopEvent.arrived(shop.id(), consultation("c-1")));
    RoutingDecision decision = applied.decision().orElseThrow();
    String json = MAPPER.writeValueAsString(applied);
    assertTrue(json.contains("\"agent\":\"" + decision.agent().orElseThrow().value() + "\""), json);
    assertTrue(json.contains("\"step\":\"" + decision.step().name() + "\""), json);
    JsonNode tree = MAPPER.readTree(json);
    assertEquals("alice", tree.get("decision").get("agent").textValue());
    assertEquals("MATCHED_GROUP", tree.get("decision").get("step").textValue());
    assertEquals("ARRIVED", tree.get("event").get("type").textValue());
    assertEquals("my-shop", tree.get("event").get("shop").textValue());
    assertEquals("c-1", tree.get("event").get("consultation").get("id").textValue());
    assertTrue(tree.get("changed").booleanValue());
    assertEquals("[]", tree.get("exits").toString());
    assertEquals(Set.of("event", "decision", "changed", "exits"), fieldNames(tree));
    InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
        () -> MAPPER.readValue(json, Applied.class));
    assertTrue(e.getMessage().contains("Applied is written by fenliu-jackson but never read"), e.getMessage());
  }

  /** Each optional part of an outcome is written exactly when the outcome has it: an end, a seat, a refusal. */
  @Test
  void anAppliedEventsOptionalPartsAreWrittenWhenPresent() throws Exception {
    Shop shop = shop();
    Router router = Router.builder(shop, settings()).seed(1).clock(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC))
        .build();
    router.apply(ShopEvent.presenceChanged(shop.id(), ALICE, Presence.ONLINE));
    router.apply(ShopEvent.arrived(shop.id(), consultation("c-1")));
    router.apply(ShopEvent.arrived(shop.id(), consultation("c-2")));
    JsonNode ended = MAPPER.valueToTree(router.apply(ShopEvent.ended(shop.id(), ConsultationId.of("c-1"))));
    assertEquals(Set.of("event", "end", "changed", "exits"), fieldNames(ended));
    assertEquals("ENDED", ended.get("end").get("outcome").textValue());
    assertEquals("c-2", ended.get("exits").get(0).get("consultation").textValue());
    assertEquals("2026-11-23T04:00:00Z", ended.get("event").get("time").textValue());
    JsonNode seated = MAPPER.valueToTree(router.apply(ShopEvent.seatedByHost(shop.id(), ConsultationId.of("c-2"),
        BuyerId.of("buyer-c-2"), ALICE)));
    assertEquals("alice", seated.get("previousAgent").textValue());
    assertFalse(seated.get("changed").booleanValue());
    JsonNode restored = MAPPER.valueToTree(router.apply(ShopEvent.restored(shop.id(), List.of())));
    assertEquals("{\"restored\":0,\"overLimit\":{}}", restored.get("restore").toString());
    JsonNode refused = MAPPER.valueToTree(router.apply(ShopEvent.settingsChanged(shop.id(),
        RoutingSettings.builder().build())));
    assertEquals(Set.of("event", "changed", "exits", "refusal"), fieldNames(refused));
    assertEquals("R15", refused.get("refusal").get("rule").textValue());
    assertTrue(refused.get("refusal").get("message").textValue().contains("advanced routing cannot be switched off"),
        refused.toString());
    JsonNode unknown = MAPPER.valueToTree(router.apply(ShopEvent.accountRemoved(shop.id(), AccountId.of("zoe"))));
    assertTrue(unknown.has("refusal"), unknown.toString());
  }

  @Test
  void scansCampaignsAndTransfersInTheDocumentedShape() {
    Map<Class<?>, Object> s = samples();
    JsonNode report = MAPPER.valueToTree(s.get(AnomalyReport.class));
    assertEquals(2, report.get("scanned").longValue());
    assertEquals(1, report.get("anomalous").longValue());
    assertEquals(1, report.get("byKind").get("AGENT_STATUS_ABNORMAL").longValue());
    assertEquals(1, report.get("anomalousByFollower").get("bob").longValue());
    assertEquals("buyer-2", report.get("examples").get(0).get("relationship").get("buyer").textValue());
    JsonNode audience = MAPPER.valueToTree(s.get(CampaignAudience.class));
    assertEquals("[\"buyer-1\"]", audience.get("reachable").toString());
    assertEquals("buyer-2", audience.get("excluded").get(0).get("buyer").textValue());
    JsonNode plan = MAPPER.valueToTree(s.get(TransferPlan.class));
    assertEquals("{\"buyer\":\"buyer-2\",\"from\":\"bob\",\"to\":\"alice\",\"expectedVersion\":0}",
        plan.get("moves").get(0).toString());
    JsonNode result = MAPPER.valueToTree(s.get(TransferResult.class));
    assertEquals(1, result.get("counts").get("MOVED").longValue());
    assertTrue(result.get("complete").booleanValue());
    assertEquals("MOVED", result.get("examples").get(0).get("status").textValue());
    JsonNode check = MAPPER.valueToTree(s.get(TargetCheck.class));
    assertFalse(check.get("valid").booleanValue());
    assertEquals("[\"AGENT_STATUS_ABNORMAL\"]", check.get("problems").toString());
    JsonNode changes = MAPPER.valueToTree(s.get(HealthChanges.class));
    assertEquals("[\"alice\"]", changes.get("changedFollowers").toString());
    assertEquals("BECAME_ANOMALOUS", changes.get("examples").get(0).get("direction").textValue());
    assertEquals(Set.of("relationship", "kinds"), fieldNames(MAPPER.valueToTree(
        s.get(io.fenliu.anomaly.AnomalousRelationship.class))));
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new java.util.LinkedHashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
