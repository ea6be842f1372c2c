package io.fenliu.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.ShopId;
import io.fenliu.routing.InMemoryRecentContactStore;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.RouterRegistry;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public method of routing and jdbc that takes a {@link Duration} (a setter, a factory, a query) refuses a
 * negative one with the documented {@link InvalidValueException} naming the argument, thrown before anything
 * changes — {@code Duration.ofSeconds(Long.MIN_VALUE)} included, which has no positive counterpart and made nine
 * of them throw {@link ArithmeticException} while wording the refusal (issue 18) — and takes the longest duration
 * without overflowing: saturated (about 292 years), or refused with the documented type where a bound applies.
 * (fenliu-micrometer's {@code snapshotTtl} is checked in its own module, fenliu-jackson's reading in its own.)
 */
class DurationArgumentsTest {
  private static final ShopId SHOP = ShopId.of("durations");
  private static final BuyerId BUYER = BuyerId.of("b");
  private static final AccountId ALICE = AccountId.of("alice");
  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
  private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
  private static final DataSource DB = Databases.h2();

  /** The negative durations: the ones every conversion overflows on, and the ordinary ones. */
  private static final List<Duration> NEGATIVE = List.of(Duration.ofSeconds(Long.MIN_VALUE),
      Duration.parse("PT-2562047788015215H-30M-8S"), Duration.ofSeconds(Long.MIN_VALUE, 1),
      Duration.ofSeconds(Long.MIN_VALUE / 1_000), Duration.ofDays(-1), Duration.ofSeconds(-1), Duration.ofNanos(-1));

  /**
   * One method taking a duration, on a fresh target each time.
   *
   * @param argument the argument name its refusal carries ({@link InvalidValueException#argument()})
   * @param target a new target: what to call, and what to read back to see that a refusal changed nothing
   */
  private record Method(String name, String argument, Supplier<Target> target) {
    @Override
    public String toString() {
      return name;
    }
  }

  private record Target(Consumer<Duration> call, Supplier<@Nullable Object> state) {}

  private static Target stateless(Consumer<Duration> call) {
    return new Target(call, () -> null);
  }

  static List<Method> methods() {
    List<Method> m = new ArrayList<>();
    m.add(new Method("RoutingSettings.Builder.recentAgentWindow", "recent agent window", () -> {
      RoutingSettings.Builder b = RoutingSettings.builder();
      return new Target(b::recentAgentWindow, b::build);
    }));
    m.add(new Method("RoutingSettings.Builder.suspendedRecentWindow", "suspended recent window", () -> {
      RoutingSettings.Builder b = RoutingSettings.builder();
      return new Target(b::suspendedRecentWindow, b::build);
    }));
    m.add(new Method("RoutingSettings.Builder.maxQueueWait", "max queue wait", () -> {
      RoutingSettings.Builder b = RoutingSettings.builder();
      return new Target(b::maxQueueWait, b::build);
    }));
    m.add(new Method("RouterRegistry.Builder.expireAfterIdle", "idle duration",
        () -> stateless(RouterRegistry.builder(shop -> {
          throw new AssertionError("nothing is loaded");
        })::expireAfterIdle)));
    m.add(new Method("InMemoryRecentContactStore.Builder.retention", "retention", () -> {
      InMemoryRecentContactStore.Builder b = InMemoryRecentContactStore.builder(SHOP);
      return new Target(b::retention, () -> b.build().retention());
    }));
    m.add(new Method("InMemoryRecentContactStore.recentContact", "window", () -> {
      InMemoryRecentContactStore store = InMemoryRecentContactStore.builder(SHOP).retention(LONGEST).build();
      store.record(BUYER, ALICE, NOW);
      return new Target(w -> store.recentContact(BUYER, NOW, w), () -> store.recentContact(BUYER, NOW, Duration.ZERO));
    }));
    m.add(new Method("QueueExit", "waited", () -> stateless(w -> QueueExit.of(ConsultationId.of("c"),
        BuyerId.of("b"), RoutingDecision.of(Optional.empty(), RoutingStep.NO_AGENT, "nobody"), w, Instant.EPOCH))));
    m.add(new Method("JdbcRelationshipStore.Builder.queryTimeout", "query timeout",
        () -> stateless(JdbcRelationshipStore.builder(DB, SHOP)::queryTimeout)));
    m.add(new Method("JdbcOpenConsultationStore.of", "query timeout",
        () -> stateless(t -> JdbcOpenConsultationStore.of(DB, SHOP, t))));
    m.add(new Method("JdbcRecentContactStore.of", "query timeout",
        () -> stateless(t -> JdbcRecentContactStore.of(DB, SHOP, t))));
    m.add(new Method("JdbcRecentContactStore.recentContact", "window", () -> {
      JdbcRecentContactStore store = JdbcRecentContactStore.of(DB, SHOP);
      store.record(BUYER, ALICE, NOW);
      return new Target(w -> store.recentContact(BUYER, NOW, w), () -> store.recentContact(BUYER, NOW, Duration.ZERO));
    }));
    return m;
  }

  static Stream<Arguments> negativeDurations() {
    return methods().stream().flatMap(m -> NEGATIVE.stream().map(d -> Arguments.of(m, d)));
  }

  @ParameterizedTest(name = "{0}({1})")
  @MethodSource("negativeDurations")
  void aNegativeDurationIsAnInvalidValueNamingTheArgumentAndChangesNothing(Method method, Duration negative) {
    Target target = method.target().get();
    @Nullable Object before = target.state().get();
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> target.call().accept(negative));
    assertEquals(method.argument(), e.argument(), e.getMessage());
    assertTrue(e.getMessage().contains(method.argument()), e.getMessage());
    assertTrue(e.getMessage().contains("negative") || e.getMessage().contains("positive"), e.getMessage());
    assertEquals(before, target.state().get(), "the refusal changed nothing");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void theLongestDurationIsSaturatedOrRefusedWithTheDocumentedTypeNeverOverflows(Method method) {
    Target target = method.target().get();
    try {
      target.call().accept(LONGEST);
    } catch (InvalidValueException bounded) {
      // A method with an upper bound (a query timeout of at most a day) refuses it as documented.
      assertEquals(method.argument(), bounded.argument(), bounded.getMessage());
    }
  }
}
