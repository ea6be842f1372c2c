package io.fenliu.jackson3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenliu.core.AccountId;
import io.fenliu.core.Consultation;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.jackson.FenliuModule;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.testing.FenliuGenerators;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson 3 writes and reads the one documented shape: for values a live router produces, the JSON is byte for byte
 * what fenliu-jackson writes with Jackson 2, reads back to an equal value, and bad JSON fails with the Jackson 3
 * exception of the same kind and the library's message (R13's weight, R25's output-only values).
 */
class SameShapeTest {
  static final ObjectMapper JACKSON2 = new ObjectMapper().registerModule(FenliuModule.create());
  static final JsonMapper JACKSON3 = JsonMapper.builder().addModule(FenliuJackson3Module.create()).build();

  /** A router's values after routing some consultations: what a host writes most. */
  record Outputs(Shop shop, RoutingSettings settings, List<RoutingDecision> decisions, LiveState live,
      RouterSnapshot snapshot, List<EndResult> ends) {}

  static Gen<Outputs> outputs() {
    Gen<Shop> shops = FenliuGenerators.shops(1, 6);
    return in -> {
      Shop shop = shops.generate(in);
      RoutingSettings settings = FenliuGenerators.settings(in, shop);
      Router router = Router.builder(shop, settings).seed(7).recordStats()
          .clock(Clock.fixed(FenliuGenerators.NOW, ZoneOffset.UTC)).build();
      for (SubAccount a : shop.subAccounts()) {
        router.setPresence(a.id(), Presence.ONLINE);
      }
      List<RoutingDecision> decisions = new ArrayList<>();
      int n = FenliuGenerators.draw(in, 1, 12);
      for (int i = 0; i < n; i++) {
        Consultation c = FenliuGenerators.consultation(in, shop, i);
        decisions.add(router.route(c));
      }
      List<EndResult> ends = new ArrayList<>();
      router.openConsultations().stream().limit(2).forEach(o -> ends.add(router.end(o.id())));
      return new Outputs(shop, settings, decisions, router.liveState(), router.snapshot(), ends);
    };
  }

  @Test
  void jackson3WritesWhatJackson2WritesAndReadsItBack() {
    qt().withFixedSeed(20261203L).withExamples(30).forAll(outputs()).checkAssert(o -> {
      same(o.shop(), Shop.class);
      same(o.settings(), RoutingSettings.class);
      same(o.live(), LiveState.class);
      same(o.snapshot(), RouterSnapshot.class);
      for (RoutingDecision d : o.decisions()) {
        same(d, RoutingDecision.class);
      }
      for (EndResult e : o.ends()) {
        assertEquals(jackson2(e), JACKSON3.writeValueAsString(e));
      }
    });
  }

  @Test
  void idsAsMapKeysKeepTheirShape() throws Exception {
    Map<AccountId, Integer> seats = new LinkedHashMap<>();
    seats.put(AccountId.of("alice"), 2);
    seats.put(AccountId.of("bob"), 0);
    String json = JACKSON3.writeValueAsString(seats);
    assertEquals(JACKSON2.writeValueAsString(seats), json);
    Map<AccountId, Integer> back = JACKSON3.readValue(json,
        new tools.jackson.core.type.TypeReference<Map<AccountId, Integer>>() {});
    assertEquals(seats, back);
    DatabindException blank = assertThrows(DatabindException.class, () -> JACKSON3.readValue("{\" \":1}",
        new tools.jackson.core.type.TypeReference<Map<AccountId, Integer>>() {}));
    assertTrue(blank.getMessage().contains("blank"), blank.getMessage());
  }

  @Test
  void aValueTheLibraryRefusesFailsWithItsMessageAndCause() {
    String json = "{\"mode\":\"ADVANCED\",\"groups\":[{\"name\":\"pre-sale\",\"orderStatuses\":[\"NO_ORDER\"],"
        + "\"members\":[{\"agent\":\"alice\",\"weight\":0}]}]}";
    ValueInstantiationException e = assertThrows(ValueInstantiationException.class,
        () -> JACKSON3.readValue(json, RoutingSettings.class));
    assertTrue(e.getMessage().contains("groups[0].members[0].weight"), e.getMessage());
    assertTrue(e.getMessage().contains("(R13)"), e.getMessage());
    assertInstanceOf(InvalidValueException.class, e.getCause());
  }

  @Test
  void badFormatsWrongTypesAndUnknownFieldsFailAsWithJackson2() {
    InvalidFormatException format = assertThrows(InvalidFormatException.class,
        () -> JACKSON3.readValue("{\"maxQueueWait\":\"10 minutes\"}", RoutingSettings.class));
    assertTrue(format.getMessage().contains("maxQueueWait"), format.getMessage());
    assertThrows(MismatchedInputException.class,
        () -> JACKSON3.readValue("{\"maxQueueLength\":\"5\"}", RoutingSettings.class));
    // Jackson 3 skips unknown fields unless the mapper says otherwise (Jackson 2 fails by default): the module
    // follows the mapper it is registered with.
    assertEquals(RoutingSettings.builder().build(),
        JACKSON3.readValue("{\"connectToExclusiveAgnet\":true}", RoutingSettings.class));
    JsonMapper strict = JACKSON3.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    UnrecognizedPropertyException unknown = assertThrows(UnrecognizedPropertyException.class,
        () -> strict.readValue("{\"connectToExclusiveAgnet\":true}", RoutingSettings.class));
    assertTrue(unknown.getMessage().contains("connectToExclusiveAgnet"), unknown.getMessage());
  }

  @Test
  void outputOnlyValuesAreRefusedOnReading() {
    InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
        () -> JACKSON3.readValue("{}", EndResult.class));
    assertTrue(e.getMessage().contains("never read"), e.getMessage());
  }

  @Test
  void everyTypeFenliuJacksonHandlesIsRegistered() {
    // A type left out would fall back to Jackson 3's bean serializer and write another shape without failing.
    FenliuModule shapes = FenliuModule.create();
    for (Class<?> type : shapes.handledTypes()) {
      assertInstanceOf(Bridge.Writer.class, JACKSON3._serializationContext().findValueSerializer(type),
          type.getName());
    }
  }

  private static <T> void same(T value, Class<T> type) {
    String json = JACKSON3.writeValueAsString(value);
    assertEquals(jackson2(value), json);
    assertEquals(value, JACKSON3.readValue(json, type));
  }

  private static String jackson2(Object value) {
    try {
      return JACKSON2.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
