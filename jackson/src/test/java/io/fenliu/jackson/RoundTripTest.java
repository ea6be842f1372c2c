package io.fenliu.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.InvitationSettings;
import io.fenliu.anomaly.Selection;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.RecentContact;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.testing.FenliuGenerators;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.Applied;
import io.fenliu.routing.GroupMember;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShopEvent;
import io.fenliu.routing.WaitingConsultation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Every input value survives {@code write → read} equal to itself, over generated values (QuickTheories, fixed
 * seed), and writing it again gives the same JSON text: the shape is stable, not only readable.
 */
class RoundTripTest {
  static final ObjectMapper MAPPER = new ObjectMapper().registerModule(FenliuModule.create());
  private static final int EXAMPLES = 100;

  /** Writes, reads back as {@code type}, checks equality and that the second writing is the same text. */
  static <T> void roundTrip(T value, Class<T> type) {
    try {
      String json = MAPPER.writeValueAsString(value);
      T back = MAPPER.readValue(json, type);
      assertEquals(value, back, json);
      assertEquals(json, MAPPER.writeValueAsString(back));
    } catch (JsonProcessingException e) {
      throw new AssertionError(value + ": " + e.getMessage(), e);
    }
  }

  private static <T> void property(Gen<T> values, Class<T> type) {
    qt().withFixedSeed(20261123L).withExamples(EXAMPLES).forAll(values).checkAssert(v -> roundTrip(v, type));
  }

  private static <T> Gen<T> overShops(java.util.function.Function<Shop, Gen<T>> perShop) {
    Gen<Shop> shops = JsonGenerators.shops();
    return in -> perShop.apply(shops.generate(in)).generate(in);
  }

  @Test
  void shops() {
    property(JsonGenerators.shops(), Shop.class);
  }

  @Test
  void subAccounts() {
    property(overShops(shop -> in -> shop.subAccounts().get(0)), SubAccount.class);
    property(in -> FenliuGenerators.subAccount(in, FenliuGenerators.agentId(7)), SubAccount.class);
  }

  @Test
  void relationships() {
    property(overShops(shop -> in -> FenliuGenerators.relationship(in, shop, FenliuGenerators.buyerId(3))),
        ExclusiveRelationship.class);
  }

  @Test
  void consultations() {
    property(overShops(JsonGenerators::consultations), Consultation.class);
  }

  @Test
  void groupsAndMembers() {
    property(overShops(JsonGenerators::groups), AgentGroup.class);
    property(overShops(shop -> in -> new GroupMember(shop.subAccounts().get(0).id(),
        FenliuGenerators.draw(in, GroupMember.MIN_WEIGHT, GroupMember.MAX_WEIGHT))), GroupMember.class);
  }

  @Test
  void routingSettings() {
    property(overShops(JsonGenerators::settings), RoutingSettings.class);
  }

  @Test
  void liveStatesAndTheirParts() {
    property(overShops(JsonGenerators::liveStates), LiveState.class);
    property(overShops(shop -> JsonGenerators.liveStates(shop).map(s -> s.waiting().isEmpty()
        ? new WaitingConsultation(Consultation.of(ConsultationId.of("w"), BuyerId.of("b"), EntryPage.SHOP_HOME,
            OrderStatus.NO_ORDER), java.time.Instant.EPOCH)
        : s.waiting().get(0))), WaitingConsultation.class);
    property(overShops(shop -> in -> new OpenConsultation(ConsultationId.of("c"), BuyerId.of("b"),
        shop.subAccounts().get(0).id(), JsonGenerators.instant(in))), OpenConsultation.class);
    property(in -> new RecentContact(AccountId.of("a"), JsonGenerators.instant(in)), RecentContact.class);
  }

  @Test
  void routingDecisions() {
    property(overShops(JsonGenerators::decisions), RoutingDecision.class);
  }

  @Test
  void invitationSettings() {
    property(overShops(JsonGenerators::invitationSettings), InvitationSettings.class);
  }

  @Test
  void selectionsAndDistributions() {
    property(in -> switch (FenliuGenerators.draw(in, 0, 3)) {
      case 0 -> Selection.allAnomalous();
      case 1 -> Selection.ofKind(JsonGenerators.pick(in, AnomalyKind.class));
      case 2 -> Selection.fromFollower(FenliuGenerators.agentId(FenliuGenerators.draw(in, 0, 9)));
      default -> {
        List<BuyerId> buyers = new java.util.ArrayList<>();
        for (int i = FenliuGenerators.draw(in, 1, 5); i > 0; i--) {
          buyers.add(FenliuGenerators.buyerId(i));
        }
        yield Selection.buyers(buyers);
      }
    }, Selection.class);
    property(in -> switch (FenliuGenerators.draw(in, 0, 2)) {
      case 0 -> Distribution.even();
      case 1 -> Distribution.loadBalancing();
      default -> {
        List<Long> weights = new java.util.ArrayList<>();
        for (int i = FenliuGenerators.draw(in, 1, 4); i > 0; i--) {
          weights.add(FenliuGenerators.draw(in, 0, 1) == 0 ? Long.MAX_VALUE / 8 : FenliuGenerators.draw(in, 1, 100));
        }
        yield Distribution.weighted(weights);
      }
    }, Distribution.class);
  }

  /**
   * Every kind of event, dated or not, survives read as {@link ShopEvent} (by its {@code type}) and as its own
   * record class; the fixed seed draws every kind.
   */
  @Test
  void shopEventsOfEveryKind() {
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    qt().withFixedSeed(20261123L).withExamples(4 * EXAMPLES).forAll(overShops(JsonGenerators::events))
        .checkAssert(e -> {
          roundTrip(e, ShopEvent.class);
          roundTripAsItsOwnClass(e);
          kinds.add(e.getClass().getSimpleName());
        });
    assertEquals(JsonGenerators.EVENT_KINDS, kinds.size(), kinds.toString());
  }

  /** One event of each kind by hand, with and without a time, including an arrival without {@code arrivedAt}. */
  @Test
  void shopEventsByHand() {
    ShopId shop = ShopId.of("my-shop");
    AccountId alice = AccountId.of("alice");
    ConsultationId c = ConsultationId.of("c-1");
    Instant t = Instant.parse("2026-11-23T04:00:00.123456789Z");
    Consultation consultation = Consultation.of(c, BuyerId.of("b"), EntryPage.SHOP_HOME, OrderStatus.NO_ORDER);
    List<ShopEvent> events = List.of(ShopEvent.arrived(shop, consultation), ShopEvent.ended(shop, c),
        ShopEvent.withdrawn(shop, c), ShopEvent.seatedByHost(shop, c, BuyerId.of("b"), alice),
        ShopEvent.restored(shop, List.of(new OpenConsultation(c, BuyerId.of("b"), alice, t))),
        ShopEvent.presenceChanged(shop, alice, Presence.ONLINE),
        ShopEvent.accountChanged(shop, SubAccount.builder(alice, "Alice").concurrentLimit(3).build()),
        ShopEvent.accountRemoved(shop, alice), ShopEvent.settingsChanged(shop, RoutingSettings.builder().build()),
        ShopEvent.timeAdvanced(shop, t));
    assertEquals(JsonGenerators.EVENT_KINDS, events.size());
    for (ShopEvent e : events) {
      roundTrip(e, ShopEvent.class);
      roundTrip(e.at(t), ShopEvent.class);
      roundTripAsItsOwnClass(e);
      roundTripAsItsOwnClass(e.at(t));
    }
  }

  private static <T> void roundTripAsItsOwnClass(T value) {
    @SuppressWarnings("unchecked")
    Class<T> own = (Class<T>) value.getClass();
    roundTrip(value, own);
  }

  @Test
  void refusals() {
    roundTrip(Applied.Refusal.of("R20", "alice holds 3 of 3 seats (R20)"), Applied.Refusal.class);
    roundTrip(Applied.Refusal.of(null, "no sub-account zoe in shop my-shop"), Applied.Refusal.class);
  }

  @Test
  void routerSnapshots() {
    property(overShops(JsonGenerators::snapshots), RouterSnapshot.class);
  }

  /** A shop's log from a router's start, and where a snapshot is taken. */
  private record Replay(Shop shop, RoutingSettings settings, long seed, List<ShopEvent> log, int cut) {}

  /**
   * R25 through JSON: the JSON of a snapshot and of the log loses nothing a router reads. A router rebuilt from a
   * real router's snapshot written and read back, fed the logged events ({@link Applied#event()}) written and read
   * back, gives exactly the outcomes a router rebuilt from the snapshot itself gives, written the same. (That the
   * latter are the original's outcomes is the router's own promise, checked by fenliu-routing's tests.)
   */
  @Test
  void aSnapshotAndTheLogReadBackReplayAsTheSnapshotItselfDoes() {
    qt().withFixedSeed(20261123L).withExamples(EXAMPLES / 2).forAll(overShops(shop -> in -> {
      List<ShopEvent> log = new ArrayList<>();
      for (int i = FenliuGenerators.draw(in, 0, 40); i > 0; i--) {
        log.add(JsonGenerators.events(shop).generate(in));
      }
      return new Replay(shop, JsonGenerators.settings(shop).generate(in), FenliuGenerators.draw(in, 0, 1_000_000),
          log, FenliuGenerators.draw(in, 0, log.size()));
    })).checkAssert(r -> {
      Router original = Router.builder(r.shop(), r.settings()).seed(r.seed())
          .clock(java.time.Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), java.time.ZoneOffset.UTC)).build();
      List<ShopEvent> logged = new ArrayList<>();
      RouterSnapshot atCut = original.snapshot();
      for (int i = 0; i < r.log().size(); i++) {
        if (i == r.cut()) {
          atCut = original.snapshot();
        }
        logged.add(original.apply(r.log().get(i)).event());
      }
      roundTrip(atCut, RouterSnapshot.class);
      try {
        Router fromSnapshot = Router.builder(atCut).build();
        Router fromJson = Router.builder(MAPPER.readValue(MAPPER.writeValueAsString(atCut), RouterSnapshot.class))
            .build();
        for (int i = r.cut(); i < logged.size(); i++) {
          ShopEvent read = MAPPER.readValue(MAPPER.writeValueAsString(logged.get(i)), ShopEvent.class);
          assertEquals(logged.get(i), read);
          Applied expected = fromSnapshot.apply(logged.get(i));
          Applied again = fromJson.apply(read);
          assertEquals(expected, again, "event " + i + " of " + logged);
          assertEquals(MAPPER.writeValueAsString(expected), MAPPER.writeValueAsString(again));
        }
      } catch (JsonProcessingException e) {
        throw new AssertionError(e.getMessage(), e);
      }
    });
  }

  @Test
  void idsRolesAndEnumsAreBareStrings() throws JsonProcessingException {
    roundTrip(AccountId.of("alice"), AccountId.class);
    roundTrip(BuyerId.of("买家-1"), BuyerId.class);
    roundTrip(ShopId.of("shop"), ShopId.class);
    roundTrip(ConsultationId.of("c-1"), ConsultationId.class);
    roundTrip(Role.PRE_SALE, Role.class);
    roundTrip(new MainAccount(AccountId.of("owner"), "Owner"), MainAccount.class);
    for (AnomalyKind k : AnomalyKind.values()) {
      roundTrip(k, AnomalyKind.class);
    }
    for (RoutingStep s : RoutingStep.values()) {
      roundTrip(s, RoutingStep.class);
    }
    for (AccountStatus s : AccountStatus.values()) {
      roundTrip(s, AccountStatus.class);
    }
    assertEquals("\"alice\"", MAPPER.writeValueAsString(AccountId.of("alice")));
    assertEquals("\"pre-sale\"", MAPPER.writeValueAsString(Role.PRE_SALE));
    assertEquals("\"SUSPENDED\"", MAPPER.writeValueAsString(Presence.SUSPENDED));
  }

  @Test
  void idsAsKeysOfAHostsOwnMaps() throws JsonProcessingException {
    Map<AccountId, Integer> seats = Map.of(AccountId.of("alice"), 3);
    String json = MAPPER.writeValueAsString(seats);
    assertEquals("{\"alice\":3}", json);
    assertEquals(seats, MAPPER.readValue(json, new TypeReference<Map<AccountId, Integer>>() {}));
  }

  @Test
  void theShapeIgnoresTheMappersDateAndEnumFeatures() throws JsonProcessingException {
    ObjectMapper other = new ObjectMapper().registerModule(FenliuModule.create())
        .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(SerializationFeature.WRITE_ENUMS_USING_INDEX)
        .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    RoutingSettings settings = RoutingSettings.builder().recentAgentWindow(Duration.ofDays(3).plusHours(1)).build();
    assertEquals(MAPPER.writeValueAsString(settings), other.writeValueAsString(settings));
    String json = other.writeValueAsString(settings);
    assertEquals("\"PT73H\"", MAPPER.readTree(json).get("recentAgentWindow").toString());
    assertEquals("\"BASIC\"", MAPPER.readTree(json).get("mode").toString());
  }

  @Test
  void aSuspendedWindowAtItsDefaultStillFollowsTheRecentAgentWindow() throws JsonProcessingException {
    RoutingSettings settings = RoutingSettings.builder().build();
    RoutingSettings back = MAPPER.readValue(MAPPER.writeValueAsString(settings), RoutingSettings.class);
    // Shortening the recent-agent window below 24 hours carries the default suspended window along (R21).
    RoutingSettings shorter = back.toBuilder().recentAgentWindow(Duration.ofHours(2)).build();
    assertEquals(Duration.ofHours(2), shorter.suspendedRecentWindow());
  }

  @Test
  void optionalFieldsTakeTheBuildersDefaults() throws JsonProcessingException {
    assertEquals(RoutingSettings.builder().build(), MAPPER.readValue("{}", RoutingSettings.class));
    assertEquals(LiveState.empty(), MAPPER.readValue("{}", LiveState.class));
    assertEquals(SubAccount.builder(AccountId.of("a"), "A").build(),
        MAPPER.readValue("{\"id\":\"a\",\"name\":\"A\"}", SubAccount.class));
    assertEquals(ExclusiveRelationship.withoutFollower(BuyerId.of("b")),
        MAPPER.readValue("{\"buyer\":\"b\"}", ExclusiveRelationship.class));
    assertEquals(List.of(Role.AFTER_SALE), List.copyOf(MAPPER.readValue(
        "{\"id\":\"a\",\"name\":\"A\",\"roles\":[\"after-sale\"]}", SubAccount.class).roles()));
  }
}
