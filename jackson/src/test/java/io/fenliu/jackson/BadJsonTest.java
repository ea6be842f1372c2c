package io.fenliu.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.Applied;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each kind of bad document fails with a Jackson exception of the documented type whose message holds the JSON
 * path and, where the library refused the value, the library's own message citing the rule.
 */
class BadJsonTest {
  private static final ObjectMapper MAPPER = RoundTripTest.MAPPER;

  /** Settings with one advanced group; {@code members} is the members array's content. */
  private static String settingsWithMembers(String members) {
    return ("{'mode':'ADVANCED','groups':[{'name':'pre-sale','orderStatuses':['NO_ORDER','UNPAID'],"
        + "'members':[" + members + "]}]}").replace('\'', '"');
  }

  private static <E extends JsonMappingException> E fails(Class<E> type, String json, Class<?> target) {
    JsonMappingException e = assertThrows(JsonMappingException.class, () -> MAPPER.readValue(json, target));
    return assertInstanceOf(type, e, e.getMessage());
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + part + "' not in: " + message);
    }
  }

  @Test
  void aWeightOutOfRangeIsTheLibrarysR13RefusalAtItsPath() {
    ValueInstantiationException e = fails(ValueInstantiationException.class,
        settingsWithMembers("{'agent':'alice','weight':500},{'agent':'bob','weight':0}".replace('\'', '"')),
        RoutingSettings.class);
    assertContains(e.getMessage(), "groups[0].members[1].weight: ", "weight of bob must be in [1, 1000000] (R13): 0");
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
  }

  @Test
  void aDuplicateAgentInAGroupIsRefusedAtTheSecondEntry() {
    ValueInstantiationException e = fails(ValueInstantiationException.class,
        settingsWithMembers("{'agent':'alice','weight':5},{'agent':'alice','weight':1}".replace('\'', '"')),
        RoutingSettings.class);
    assertContains(e.getMessage(), "groups[0].members[1]: ", "agent alice is twice in group 'pre-sale' (R13)");
  }

  @Test
  void anUnknownEnumValueNamesTheAcceptedOnes() {
    InvalidFormatException e = fails(InvalidFormatException.class,
        "{\"groups\":[{\"name\":\"g\",\"orderStatuses\":[\"NO_ORDER\",\"PAID\"]}]}", RoutingSettings.class);
    assertContains(e.getMessage(), "groups[0].orderStatuses[1]: ", "'PAID' is not a OrderStatus", "AWAITING_SHIPMENT");
    assertEquals("PAID", e.getValue());
    InvalidFormatException mode = fails(InvalidFormatException.class, "{\"mode\":\"advanced\"}",
        RoutingSettings.class);
    assertContains(mode.getMessage(), "mode: ", "'advanced' is not a RoutingMode");
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    MismatchedInputException e = fails(MismatchedInputException.class,
        settingsWithMembers("{\"agent\":\"alice\"}"), RoutingSettings.class);
    assertContains(e.getMessage(), "groups[0].members[0].weight: ", "missing required field 'weight' of GroupMember");
    MismatchedInputException nullName = fails(MismatchedInputException.class,
        "{\"id\":\"a\",\"name\":null}", SubAccount.class);
    assertContains(nullName.getMessage(), "name: missing required field 'name' of SubAccount");
  }

  @Test
  void anUnknownFieldFailsByDefaultAndIsSkippedWhenTheMapperSaysSo() throws Exception {
    UnrecognizedPropertyException e = fails(UnrecognizedPropertyException.class,
        "{\"connectToExclusiveAgnet\":true}", RoutingSettings.class);
    assertContains(e.getMessage(), "connectToExclusiveAgnet: unknown field 'connectToExclusiveAgnet'",
        "connectToExclusiveAgent");
    assertEquals("connectToExclusiveAgnet", e.getPropertyName());
    ObjectMapper lenient = new ObjectMapper().registerModule(FenliuModule.create())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    assertEquals(RoutingSettings.builder().build(),
        lenient.readValue("{\"connectToExclusiveAgnet\":true}", RoutingSettings.class));
  }

  @Test
  void aWrongJsonTypeIsNotCoerced() {
    MismatchedInputException e = fails(MismatchedInputException.class,
        settingsWithMembers("{\"agent\":\"alice\",\"weight\":\"5\"}"), RoutingSettings.class);
    assertContains(e.getMessage(), "groups[0].members[0].weight: expected an integer");
    fails(MismatchedInputException.class, "{\"maxQueueLength\":1.5}", RoutingSettings.class);
    fails(MismatchedInputException.class, "{\"groups\":{}}", RoutingSettings.class);
  }

  @Test
  void r15BasicModeWithBoundAgentsIsBlamedOnTheMode() {
    ValueInstantiationException e = fails(ValueInstantiationException.class,
        settingsWithMembers("{\"agent\":\"alice\",\"weight\":5}").replace("ADVANCED", "BASIC"),
        RoutingSettings.class);
    assertContains(e.getMessage(), "mode: ", "(R15)", "remove every agent from the groups first");
    assertInstanceOf(RuleRefusedException.class, e.getCause());
  }

  @Test
  void r12AStatusBoundToTwoGroupsIsBlamedOnTheSecondGroup() {
    String json = ("{'groups':[{'name':'a','orderStatuses':['UNPAID']},{'name':'b','orderStatuses':['SHIPPED',"
        + "'UNPAID']}]}").replace('\'', '"');
    ValueInstantiationException e = fails(ValueInstantiationException.class, json, RoutingSettings.class);
    assertContains(e.getMessage(), "groups[1]: ", "order status UNPAID is bound to two groups", "(R12)");
  }

  @Test
  void r21AndR22DurationsAreCheckedByTheBuilder() {
    ValueInstantiationException e = fails(ValueInstantiationException.class,
        "{\"recentAgentWindow\":\"PT1H\",\"suspendedRecentWindow\":\"PT2H\"}", RoutingSettings.class);
    assertContains(e.getMessage(), "suspendedRecentWindow: ", "(R21)");
    ValueInstantiationException wait = fails(ValueInstantiationException.class, "{\"maxQueueWait\":\"PT0S\"}",
        RoutingSettings.class);
    assertContains(wait.getMessage(), "maxQueueWait: ", "(R22)");
    InvalidFormatException format = fails(InvalidFormatException.class, "{\"maxQueueWait\":\"10 minutes\"}",
        RoutingSettings.class);
    assertContains(format.getMessage(), "maxQueueWait: '10 minutes' is not an ISO-8601 duration");
  }

  /**
   * {@code Duration.ofSeconds(Long.MIN_VALUE)}, written as JSON: it parses, and made the builders' refusal throw a
   * raw {@link ArithmeticException} out of {@code readValue} (issue 18). It is the library's refusal of a negative
   * duration, at its path, like any other.
   */
  @Test
  void theMostNegativeDurationIsTheLibrarysRefusalAtItsPathNotAnArithmeticException() {
    String shortest = "PT-2562047788015215H-30M-8S";
    assertEquals(java.time.Duration.ofSeconds(Long.MIN_VALUE), java.time.Duration.parse(shortest));
    for (String field : new String[] {"recentAgentWindow", "suspendedRecentWindow", "maxQueueWait"}) {
      ValueInstantiationException e = fails(ValueInstantiationException.class,
          "{\"" + field + "\":\"" + shortest + "\"}", RoutingSettings.class);
      assertContains(e.getMessage(), field + ": ", "must not be negative", "-9223372036854775808 seconds");
      assertInstanceOf(InvalidValueException.class, e.getCause());
    }
  }

  @Test
  void rosterRulesAreTheShopsOwn() {
    String json = ("{'id':'s','name':'S','mainAccount':{'id':'owner','name':'Owner'},'subAccounts':["
        + "{'id':'a','name':'A'},{'id':'a','name':'A again'}]}").replace('\'', '"');
    ValueInstantiationException e = fails(ValueInstantiationException.class, json, Shop.class);
    assertContains(e.getMessage(), "subAccounts: ", "duplicate sub-account id in shop s: a");
    ValueInstantiationException limit = fails(ValueInstantiationException.class,
        "{\"id\":\"a\",\"name\":\"A\",\"concurrentLimit\":0}", SubAccount.class);
    assertContains(limit.getMessage(), "concurrentLimit: ");
    ValueInstantiationException blank = fails(ValueInstantiationException.class, "{\"id\":\" \",\"name\":\"A\"}",
        SubAccount.class);
    assertContains(blank.getMessage(), "id: ");
    assertInstanceOf(IllegalArgumentException.class, blank.getCause());
  }

  @Test
  void liveStateAndDecisionRules() {
    String twice = ("{'open':[{'id':'c','buyer':'b','agent':'a','seatedAt':'2026-11-23T04:00:00Z'},"
        + "{'id':'c','buyer':'b','agent':'a','seatedAt':'2026-11-23T04:00:00Z'}]}").replace('\'', '"');
    ValueInstantiationException e = fails(ValueInstantiationException.class, twice, LiveState.class);
    assertContains(e.getMessage(), "open: ", "consultation c is listed twice in the live state's open consultations (R20)");
    assertInstanceOf(InvalidValueException.class, e.getCause());
    ValueInstantiationException agentless = fails(ValueInstantiationException.class,
        "{\"step\":\"MATCHED_GROUP\",\"reason\":\"r\"}", RoutingDecision.class);
    assertContains(agentless.getMessage(), "agent: ", "(R19)");
    ValueInstantiationException queued = fails(ValueInstantiationException.class,
        "{\"step\":\"QUEUED\",\"reason\":\"r\",\"queuePosition\":0}", RoutingDecision.class);
    assertContains(queued.getMessage(), "queuePosition: ", "R22");
    ValueInstantiationException position = fails(ValueInstantiationException.class,
        "{\"step\":\"NO_AGENT\",\"reason\":\"r\",\"queuePosition\":2}", RoutingDecision.class);
    assertContains(position.getMessage(), "queuePosition: ", "only a QUEUED decision");
  }

  @Test
  void thePathIncludesTheHostsOwnDocument() {
    String json = "{\"shop-1\":" + settingsWithMembers("{\"agent\":\"bob\",\"weight\":-1}") + "}";
    JsonMappingException e = assertThrows(JsonMappingException.class,
        () -> MAPPER.readValue(json, new TypeReference<Map<String, RoutingSettings>>() {}));
    assertContains(e.getMessage(), "shop-1.groups[0].members[0].weight: ", "(R13)");
    JsonMappingException inArray = assertThrows(JsonMappingException.class,
        () -> MAPPER.readValue("[{\"name\":\"g\"}]", AgentGroup[].class));
    assertContains(inArray.getMessage(), "[0]: ", "must be bound to at least one order status (R12)");
  }

  @Test
  void plansReportsAndResultsAreWrittenButNeverRead() {
    InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
        () -> MAPPER.readValue("{\"shop\":\"s\",\"moves\":[]}", TransferPlan.class));
    assertContains(e.getMessage(), "TransferPlan is written by fenliu-jackson but never read",
        "TransferPlanner.plan");
    assertThrows(InvalidDefinitionException.class, () -> MAPPER.readValue("{}", AnomalyReport.class));
  }

  @Test
  void selectionsAndDistributionsAreTheLibrarysToo() {
    InvalidFormatException type = fails(InvalidFormatException.class, "{\"type\":\"SOME\"}", Selection.class);
    assertContains(type.getMessage(), "type: 'SOME' is not a selection type");
    ValueInstantiationException twice = fails(ValueInstantiationException.class,
        "{\"type\":\"BUYERS\",\"buyers\":[\"b\",\"b\"]}", Selection.class);
    assertContains(twice.getMessage(), "buyers: ", "buyer b is selected twice (R6, R8)");
    UnrecognizedPropertyException stray = fails(UnrecognizedPropertyException.class,
        "{\"type\":\"ALL_ANOMALOUS\",\"kind\":\"AGENT_NOT_ROUTING\"}", Selection.class);
    assertContains(stray.getMessage(), "kind: unknown field 'kind'");
    ValueInstantiationException weight = fails(ValueInstantiationException.class,
        "{\"type\":\"WEIGHTED\",\"weights\":[3,0]}", Distribution.class);
    assertContains(weight.getMessage(), "weights: ", "weights[1] must be positive (R6): 0");
  }

  /** {@code json} with single quotes for double ones. */
  private static String q(String json) {
    return json.replace('\'', '"');
  }

  @Test
  void anUnknownEventTypeNamesTheKnownOnesAtItsPath() {
    InvalidFormatException e = fails(InvalidFormatException.class, q("{'type':'ARRIVE','shop':'s'}"),
        ShopEvent.class);
    assertContains(e.getMessage(), "type: 'ARRIVE' is not a ShopEvent type; expected one of [ARRIVED, ENDED,"
        + " WITHDRAWN, SEATED_BY_HOST, RESTORED, PRESENCE_CHANGED, ACCOUNT_CHANGED, ACCOUNT_REMOVED, SETTINGS_CHANGED,"
        + " TIME_ADVANCED]");
    assertEquals("ARRIVE", e.getValue());
    JsonMappingException inLog = assertThrows(JsonMappingException.class, () -> MAPPER.readValue(
        q("[{'type':'ENDED','shop':'s','consultation':'c'},{'type':'ended','shop':'s'}]"), ShopEvent[].class));
    assertContains(inLog.getMessage(), "[1].type: 'ended' is not a ShopEvent type");
    InvalidFormatException other = fails(InvalidFormatException.class,
        q("{'type':'ENDED','shop':'s','consultation':'c'}"), ShopEvent.Arrived.class);
    assertContains(other.getMessage(), "type: 'ENDED' is not the type of Arrived; expected ARRIVED");
  }

  @Test
  void anEventsMissingFieldIsNamedWithItsKind() {
    MismatchedInputException type = fails(MismatchedInputException.class, q("{'shop':'s','consultation':'c'}"),
        ShopEvent.class);
    assertContains(type.getMessage(), "type: missing required field 'type' of ShopEvent");
    MismatchedInputException shop = fails(MismatchedInputException.class, q("{'type':'ENDED','consultation':'c'}"),
        ShopEvent.class);
    assertContains(shop.getMessage(), "shop: missing required field 'shop' of Ended");
    MismatchedInputException id = fails(MismatchedInputException.class, q("{'type':'WITHDRAWN','shop':'s'}"),
        ShopEvent.class);
    assertContains(id.getMessage(), "consultation: missing required field 'consultation' of Withdrawn");
    MismatchedInputException time = fails(MismatchedInputException.class, q("{'type':'TIME_ADVANCED','shop':'s'}"),
        ShopEvent.class);
    assertContains(time.getMessage(), "time: missing required field 'time' of TimeAdvanced");
    MismatchedInputException presence = fails(MismatchedInputException.class,
        q("{'type':'PRESENCE_CHANGED','shop':'s','agent':'alice','presence':null}"), ShopEvent.class);
    assertContains(presence.getMessage(), "presence: missing required field 'presence' of PresenceChanged");
  }

  @Test
  void anEventsFieldOfTheWrongJsonTypeIsNotCoerced() {
    MismatchedInputException id = fails(MismatchedInputException.class,
        q("{'type':'ENDED','shop':'s','consultation':{'id':'c'}}"), ShopEvent.class);
    assertContains(id.getMessage(), "consultation: expected a string, found OBJECT");
    MismatchedInputException consultation = fails(MismatchedInputException.class,
        q("{'type':'ARRIVED','shop':'s','consultation':'c'}"), ShopEvent.class);
    assertContains(consultation.getMessage(), "consultation: expected an object for Consultation");
    MismatchedInputException open = fails(MismatchedInputException.class,
        q("{'type':'RESTORED','shop':'s','open':{}}"), ShopEvent.class);
    assertContains(open.getMessage(), "open: expected an array");
    MismatchedInputException notAnObject = fails(MismatchedInputException.class, q("['ENDED']"), ShopEvent.class);
    assertContains(notAnObject.getMessage(), "$: expected an object for ShopEvent");
    InvalidFormatException time = fails(InvalidFormatException.class,
        q("{'type':'TIME_ADVANCED','shop':'s','time':'tomorrow'}"), ShopEvent.class);
    assertContains(time.getMessage(), "time: 'tomorrow' is not an ISO-8601 instant");
    InvalidFormatException presence = fails(InvalidFormatException.class,
        q("{'type':'PRESENCE_CHANGED','shop':'s','agent':'alice','presence':'online'}"), ShopEvent.class);
    assertContains(presence.getMessage(), "presence: 'online' is not a Presence");
  }

  @Test
  void eachEventKindAllowsOnlyItsOwnFields() {
    UnrecognizedPropertyException e = fails(UnrecognizedPropertyException.class,
        q("{'type':'ENDED','shop':'s','consultation':'c','agent':'alice'}"), ShopEvent.class);
    assertContains(e.getMessage(), "agent: unknown field 'agent' of Ended; known fields: [type, shop, time,"
        + " consultation]");
    UnrecognizedPropertyException none = fails(UnrecognizedPropertyException.class,
        q("{'type':'TIME_ADVANCED','shop':'s','time':'2026-11-23T04:00:00Z','instant':'2026-11-23T04:00:00Z'}"),
        ShopEvent.class);
    assertContains(none.getMessage(), "instant: unknown field 'instant' of ShopEvent; known fields: [type, shop, time,"
        + " consultation, buyer, agent, open, presence, account, settings]");
  }

  @Test
  void anEventsPartsAreTheLibrarysToCheckAtTheirPaths() {
    ValueInstantiationException limit = fails(ValueInstantiationException.class,
        q("{'type':'ACCOUNT_CHANGED','shop':'s','account':{'id':'a','name':'A','concurrentLimit':0}}"),
        ShopEvent.class);
    assertContains(limit.getMessage(), "account.concurrentLimit: ");
    ValueInstantiationException weight = fails(ValueInstantiationException.class,
        "{\"type\":\"SETTINGS_CHANGED\",\"shop\":\"s\",\"settings\":"
            + settingsWithMembers("{\"agent\":\"bob\",\"weight\":0}") + "}", ShopEvent.class);
    assertContains(weight.getMessage(), "settings.groups[0].members[0].weight: ", "(R13)");
    ValueInstantiationException blank = fails(ValueInstantiationException.class,
        q("{'type':'ACCOUNT_REMOVED','shop':' ','agent':'alice'}"), ShopEvent.class);
    assertContains(blank.getMessage(), "shop: ");
  }

  /** An arrival has one time (R25): a top-level {@code time} that contradicts the consultation's is refused. */
  @Test
  void anArrivalsTimeMustBeItsConsultations() throws Exception {
    String consultation = "'consultation':{'id':'c','buyer':'b','entryPage':'SHOP_HOME','orderStatus':'NO_ORDER',"
        + "'arrivedAt':'2026-11-23T04:00:00Z'}";
    ValueInstantiationException e = fails(ValueInstantiationException.class,
        q("{'type':'ARRIVED','shop':'s','time':'2026-11-23T05:00:00Z'," + consultation + "}"), ShopEvent.class);
    assertContains(e.getMessage(), "time: ", "differs from arrivedAt 2026-11-23T04:00:00Z", "(R25)");
    assertInstanceOf(InvalidValueException.class, e.getCause());
    ShopEvent stamped = MAPPER.readValue(q("{'type':'ARRIVED','shop':'s','time':'2026-11-23T04:00:00Z',"
        + consultation.replace(",'arrivedAt':'2026-11-23T04:00:00Z'", "") + "}"), ShopEvent.class);
    assertEquals(MAPPER.readValue(q("{'type':'ARRIVED','shop':'s'," + consultation + "}"), ShopEvent.class),
        stamped);
  }

  @Test
  void refusalsAndSnapshotsNameTheirMissingOrMistypedFields() {
    MismatchedInputException message = fails(MismatchedInputException.class, q("{'rule':'R20'}"),
        Applied.Refusal.class);
    assertContains(message.getMessage(), "message: missing required field 'message' of Refusal");
    String snapshot = "{'shop':{'id':'s','name':'S','mainAccount':{'id':'owner','name':'Owner'},'subAccounts':[]},"
        + "'settings':{},'liveState':{}";
    MismatchedInputException seed = fails(MismatchedInputException.class, q(snapshot + "}"), RouterSnapshot.class);
    assertContains(seed.getMessage(), "seed: missing required field 'seed' of RouterSnapshot");
    MismatchedInputException text = fails(MismatchedInputException.class, q(snapshot + ",'seed':'1'}"),
        RouterSnapshot.class);
    assertContains(text.getMessage(), "seed: expected an integer in long range");
    MismatchedInputException big = fails(MismatchedInputException.class, q(snapshot + ",'seed':9223372036854775808}"),
        RouterSnapshot.class);
    assertContains(big.getMessage(), "seed: expected an integer in long range");
    ValueInstantiationException live = fails(ValueInstantiationException.class, q(snapshot.replace("'liveState':{}",
        "'liveState':{'open':[{'id':'c','buyer':'b','agent':'a','seatedAt':'2026-11-23T04:00:00Z'},"
            + "{'id':'c','buyer':'b','agent':'a','seatedAt':'2026-11-23T04:00:00Z'}]}") + ",'seed':1}"),
        RouterSnapshot.class);
    assertContains(live.getMessage(), "liveState.open: ", "(R20)");
  }

  @Test
  void anAppliedEventIsWrittenButNeverRead() {
    InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
        () -> MAPPER.readValue("{\"changed\":true}", Applied.class));
    assertContains(e.getMessage(), "Applied is written by fenliu-jackson but never read", "Router.apply");
  }

  @Test
  void aBlankIdKeyIsRefused() {
    assertThrows(InvalidFormatException.class,
        () -> MAPPER.readValue("{\" \":1}", new TypeReference<Map<AccountId, Integer>>() {}));
  }
}
