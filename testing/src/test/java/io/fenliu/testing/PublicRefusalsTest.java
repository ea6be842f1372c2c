package io.fenliu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.AnomalousRelationship;
import io.fenliu.anomaly.AnomalyScanner;
import io.fenliu.anomaly.CampaignAudience;
import io.fenliu.anomaly.CampaignKind;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.HealthChange;
import io.fenliu.anomaly.HealthChanges;
import io.fenliu.anomaly.InMemoryRelationshipStore;
import io.fenliu.anomaly.InvitationSettings;
import io.fenliu.anomaly.Invitations;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TargetCheck;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.RecentContact;
import io.fenliu.core.Role;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.core.UnknownIdException;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.GroupMember;
import io.fenliu.routing.InMemoryRecentContactStore;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.QueueStatus;
import io.fenliu.routing.RestoreReport;
import io.fenliu.routing.RouterRegistry;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareLedger;
import io.fenliu.routing.ShareMode;
import io.fenliu.routing.ShareVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public refusal of core's, anomaly's and routing's values and settings builders (the router's own methods
 * excepted: they are tested with the engine), with the exception type OPERATIONS.md documents for it. For each:
 * the exception's class is exactly the documented one (a host maps the type, never the message: 400 for {@link
 * InvalidValueException}, 409 for {@link RuleRefusedException}, 404 for {@link UnknownIdException}, a programming
 * error for {@link NullPointerException}); an {@link InvalidValueException} names the argument and carries the
 * rule it enforces, if any, and then its message cites that rule; a {@link RuleRefusedException}'s message cites
 * its rule; an {@link UnknownIdException} names the id; a null names the argument ("x must not be null").
 */
class PublicRefusalsTest {
  private static final AccountId OWNER = AccountId.of("owner");
  private static final AccountId ALICE = AccountId.of("alice");
  private static final AccountId BOB = AccountId.of("bob");
  private static final AccountId RESIGNED = AccountId.of("resigned");
  private static final AccountId PLAIN = AccountId.of("plain");
  private static final AccountId GHOST = AccountId.of("ghost");
  private static final BuyerId BUYER = BuyerId.of("b1");
  private static final ConsultationId CID = ConsultationId.of("c1");
  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  private static final Shop SHOP = Shop.of(ShopId.of("shop"), "Shop", new MainAccount(OWNER, "owner"), List.of(
      SubAccount.builder(ALICE, "alice").exclusiveAgent().build(),
      SubAccount.builder(BOB, "bob").exclusiveAgent().build(),
      SubAccount.builder(RESIGNED, "resigned").exclusiveAgent().status(AccountStatus.RESIGNED).build(),
      SubAccount.builder(PLAIN, "plain").build()));
  private static final Shop OTHER_SHOP = Shop.of(ShopId.of("other"), "Other", new MainAccount(OWNER, "owner"),
      List.of());

  /**
   * One refusal.
   *
   * @param what what is refused, as the test's name
   * @param type the documented exception type, exactly
   * @param argument the argument an {@link InvalidValueException} or NPE names, the id an {@link
   *     UnknownIdException} names; null for a {@link RuleRefusedException}
   * @param rule the rule the exception carries, or null when none applies
   * @param call the refused call
   */
  record Refusal(String what, Class<? extends RuntimeException> type, @Nullable String argument,
      @Nullable String rule, Executable call) {
    @Override
    public String toString() {
      return what;
    }
  }

  private static Refusal invalid(String what, String argument, @Nullable String rule, Executable call) {
    return new Refusal(what, InvalidValueException.class, argument, rule, call);
  }

  private static Refusal nul(String what, String argument, Executable call) {
    return new Refusal(what, NullPointerException.class, argument, null, call);
  }

  private static Refusal ruled(String what, String rule, Executable call) {
    return new Refusal(what, RuleRefusedException.class, null, rule, call);
  }

  private static Refusal unknown(String what, String id, Executable call) {
    return new Refusal(what, UnknownIdException.class, id, null, call);
  }

  private static InMemoryRelationshipStore store() {
    return InMemoryRelationshipStore.of(SHOP.id(), List.of(ExclusiveRelationship.of(BUYER, RESIGNED)));
  }

  private static AgentShare share(double configured, double observed, double availability, double expected,
      double z) {
    return new AgentShare(ALICE, "group 'g'", 1, configured, 1, observed, availability, expected, z,
        ShareVerdict.NOT_JUDGED);
  }

  static List<Refusal> refusals() {
    List<Refusal> r = new ArrayList<>();
    String tooLong = "x".repeat(129);

    // core: ids, names, accounts, shops, relationships, consultations
    r.add(nul("a null shop id", "shop id", () -> ShopId.of(null)));
    r.add(invalid("a blank account id", "account id", null, () -> AccountId.of(" ")));
    r.add(invalid("a blank buyer id", "buyer id", null, () -> BuyerId.of("")));
    r.add(invalid("a blank consultation id", "consultation id", null, () -> ConsultationId.of("\t")));
    r.add(invalid("an account id over 128 characters", "account id", null, () -> AccountId.of(tooLong)));
    r.add(invalid("a buyer id over 128 characters", "buyer id", null, () -> BuyerId.of(tooLong)));
    r.add(invalid("a consultation id over 128 characters", "consultation id", null,
        () -> ConsultationId.of(tooLong)));
    r.add(invalid("a shop id over 128 characters", "shop id", null, () -> ShopId.of(tooLong)));
    r.add(invalid("a blank role name", "role name", null, () -> Role.of(" ")));
    r.add(invalid("a blank main account name", "main account name", null, () -> new MainAccount(OWNER, " ")));
    r.add(invalid("a blank sub-account name", "sub-account name", null, () -> SubAccount.builder(ALICE, "")));
    r.add(invalid("a concurrent limit of 0 (R20)", "concurrent limit", "R20",
        () -> SubAccount.builder(ALICE, "a").concurrentLimit(0)));
    r.add(invalid("a concurrent limit of 0 set later (R20)", "concurrent limit", "R20",
        () -> SubAccount.builder(ALICE, "a").build().withConcurrentLimit(OptionalInt.of(0))));
    r.add(nul("a null sub-account status", "sub-account status",
        () -> SubAccount.builder(ALICE, "a").status(null)));
    r.add(nul("a null role", "roles[1]", () -> SubAccount.builder(ALICE, "a").roles(Role.PRE_SALE, null)));
    r.add(invalid("the main account as a sub-account (R1)", "sub-accounts", "R1", () -> Shop.of(ShopId.of("s"), "s",
        new MainAccount(OWNER, "o"), List.of(SubAccount.builder(OWNER, "o").build()))));
    r.add(invalid("a sub-account twice in a shop", "sub-accounts", null, () -> Shop.of(ShopId.of("s"), "s",
        new MainAccount(OWNER, "o"), List.of(SubAccount.builder(ALICE, "a").build(),
            SubAccount.builder(ALICE, "a2").build()))));
    r.add(invalid("a blank shop name", "shop name", null,
        () -> Shop.of(ShopId.of("s"), " ", new MainAccount(OWNER, "o"), List.of())));
    r.add(nul("a null sub-account in a shop", "sub-accounts[0]", () -> Shop.of(ShopId.of("s"), "s",
        new MainAccount(OWNER, "o"), Arrays.asList((SubAccount) null))));
    r.add(invalid("a blank name fragment", "name fragment", null, () -> SHOP.agentsNamed(" ")));
    r.add(invalid("a negative relationship version", "relationship version", null,
        () -> new ExclusiveRelationship(BUYER, Optional.empty(), -1)));
    r.add(nul("isFollowedBy(null)", "account", () -> ExclusiveRelationship.of(BUYER, ALICE).isFollowedBy(null)));
    r.add(nul("a consultation without an entry page", "entry page",
        () -> Consultation.of(CID, BUYER, null, OrderStatus.NO_ORDER)));
    r.add(nul("a recent contact without a time", "recent contact time", () -> new RecentContact(ALICE, null)));

    // anomaly: selections, distributions, plans, campaigns, invitations, stores
    r.add(invalid("an empty selection of buyers (R6)", "buyers", "R6", () -> Selection.buyers(List.of())));
    r.add(invalid("a buyer selected twice (R6)", "buyers", "R6", () -> Selection.buyers(List.of(BUYER, BUYER))));
    r.add(nul("a null buyer in a selection", "buyers[1]", () -> Selection.buyers(Arrays.asList(BUYER, null))));
    r.add(nul("selects(null, kinds)", "relationship", () -> Selection.allAnomalous().selects(null, Set.of())));
    r.add(nul("Buyers.contains(null)", "buyer",
        () -> ((Selection.Buyers) Selection.buyers(List.of(BUYER))).contains(null)));
    r.add(invalid("no weights (R6)", "weights", "R6", () -> Distribution.weighted(List.of())));
    r.add(invalid("a zero weight (R6)", "weights[1]", "R6", () -> Distribution.weighted(List.of(1L, 0L))));
    r.add(invalid("weights summing past Long.MAX_VALUE (R6)", "weights", "R6",
        () -> Distribution.weighted(List.of(Long.MAX_VALUE, 1L))));
    r.add(invalid("301 buyers in a manual batch (R7)", "buyers", "R7", () -> {
      List<BuyerId> buyers = new ArrayList<>();
      for (int i = 0; i <= TransferPlanner.MANUAL_BATCH_LIMIT; i++) {
        buyers.add(BuyerId.of("b" + i));
      }
      TransferPlanner.manualBatch(SHOP, store(), buyers, ALICE);
    }));
    r.add(invalid("a transfer without targets (R6)", "targets", "R6",
        () -> TransferPlanner.plan(SHOP, store(), Selection.allAnomalous(), List.of(), Distribution.even())));
    r.add(invalid("a target listed twice (R6)", "targets", "R6", () -> TransferPlanner.plan(SHOP, store(),
        Selection.allAnomalous(), List.of(ALICE, ALICE), Distribution.even())));
    r.add(invalid("one weight for two targets (R6)", "weights", "R6", () -> TransferPlanner.plan(SHOP, store(),
        Selection.allAnomalous(), List.of(ALICE, BOB), Distribution.weighted(List.of(1L)))));
    r.add(unknown("a transfer to an agent the shop does not know", "ghost", () -> TransferPlanner.plan(SHOP,
        store(), Selection.allAnomalous(), List.of(GHOST), Distribution.even())));
    r.add(ruled("a transfer to a resigned agent (R3)", "R3", () -> TransferPlanner.plan(SHOP, store(),
        Selection.allAnomalous(), List.of(RESIGNED), Distribution.even())));
    r.add(ruled("a transfer to the main account (R3)", "R3", () -> TransferPlanner.plan(SHOP, store(),
        Selection.allAnomalous(), List.of(OWNER), Distribution.even())));
    r.add(invalid("a store of another shop", "store", null, () -> TransferPlanner.plan(OTHER_SHOP, store(),
        Selection.allAnomalous(), List.of(ALICE), Distribution.even())));
    r.add(invalid("a negative number of retained examples", "retained examples", null,
        () -> AnomalyScanner.scan(SHOP, store(), -1, a -> {})));
    r.add(invalid("an anomalous relationship without a kind (R1)", "kinds", "R1",
        () -> new AnomalousRelationship(ExclusiveRelationship.of(BUYER, ALICE), Set.of())));
    r.add(invalid("an excluded buyer without a reason (R2)", "reasons", "R2",
        () -> new CampaignAudience.Excluded(BUYER, Set.of())));
    r.add(invalid("a campaign over another shop's store (R2)", "store", "R2",
        () -> CampaignAudience.of(OTHER_SHOP, store(), CampaignKind.RESTOCK, 0, new CampaignAudience.Visitor() {})));
    r.add(invalid("a target check with problems and no reason (R3)", "reasons", "R3",
        () -> new TargetCheck(ALICE, Set.of(AnomalyKind.AGENT_NOT_ROUTING), List.of())));
    r.add(invalid("a health change that changes nothing (R9)", "after", "R9", () -> new HealthChange(
        ExclusiveRelationship.of(BUYER, ALICE), Set.of(AnomalyKind.AGENT_NOT_ROUTING),
        Set.of(AnomalyKind.AGENT_NOT_ROUTING))));
    r.add(invalid("health changes between two shops' rosters (R9)", "after", "R9",
        () -> HealthChanges.between(SHOP, OTHER_SHOP, store())));
    r.add(invalid("a negative expected version (R8)", "expected version", "R8",
        () -> new RelationshipStore.Write(-1, ExclusiveRelationship.of(BUYER, ALICE))));
    r.add(invalid("a negative expected version in a store (R8)", "expected version", "R8",
        () -> store().compareAndSet(-1, ExclusiveRelationship.of(BUYER, ALICE))));
    r.add(ruled("inserting a buyer's relationship twice (R8)", "R8",
        () -> store().insert(ExclusiveRelationship.of(BUYER, ALICE))));
    r.add(invalid("the main account as an inviting sender (R5)", "sender", "R5",
        () -> InvitationSettings.of(SHOP, List.of(OWNER))));
    r.add(unknown("an inviting sender the shop does not know", "ghost",
        () -> InvitationSettings.of(SHOP, List.of(GHOST))));
    r.add(ruled("an invitation to an agent without exclusive permission (R4)", "R4",
        () -> Invitations.acceptInvitation(SHOP, InvitationSettings.of(SHOP, List.of(ALICE)),
            new InMemoryRelationshipStore(SHOP.id()), BuyerId.of("new"), PLAIN)));
    r.add(ruled("an invitation by an agent outside the send restriction (R5)", "R5",
        () -> Invitations.acceptInvitation(SHOP, InvitationSettings.of(SHOP, List.of(ALICE)),
            new InMemoryRelationshipStore(SHOP.id()), BuyerId.of("new"), BOB)));
    r.add(ruled("an invitation to the main account (R4)", "R4",
        () -> Invitations.acceptInvitation(SHOP, InvitationSettings.of(SHOP, List.of(ALICE)),
            new InMemoryRelationshipStore(SHOP.id()), BuyerId.of("new"), OWNER)));

    // routing: groups and settings
    r.add(invalid("a weight of 0 (R13)", "weight of alice", "R13", () -> new GroupMember(ALICE, 0)));
    r.add(invalid("a weight over a million (R13)", "weight of alice", "R13",
        () -> AgentGroup.builder("g").member(ALICE, 1_000_001)));
    r.add(invalid("an agent twice in a group (R13)", "members of group 'g'", "R13",
        () -> AgentGroup.builder("g").member(ALICE, 1).member(ALICE, 2)));
    r.add(invalid("a group bound to no order status (R12)", "order statuses of group 'g'", "R12",
        () -> AgentGroup.builder("g").member(ALICE, 1).build()));
    r.add(invalid("a blank group name", "group name", null,
        () -> new AgentGroup(" ", Set.of(OrderStatus.UNPAID), List.of())));
    r.add(invalid("an order status bound to two groups (R12)", "group", "R12", () -> RoutingSettings.builder()
        .group(AgentGroup.builder("a").boundTo(OrderStatus.UNPAID).build())
        .group(AgentGroup.builder("b").boundTo(OrderStatus.UNPAID).build())));
    r.add(ruled("switching advanced routing off with agents bound (R15)", "R15", () -> RoutingSettings.builder()
        .mode(RoutingMode.ADVANCED).group(AgentGroup.builder("a").boundTo(OrderStatus.UNPAID).member(ALICE, 1)
            .build()).build().withMode(RoutingMode.BASIC)));
    r.add(invalid("a suspended window longer than the recent one (R21)", "suspended recent window", "R21",
        () -> RoutingSettings.builder().recentAgentWindow(Duration.ofHours(1))
            .suspendedRecentWindow(Duration.ofHours(2)).build()));
    r.add(invalid("a share mode for a group that does not exist (R23)", "group share mode", "R23",
        () -> RoutingSettings.builder().shareMode("nobody", ShareMode.LEAST_BUSY).build()));
    r.add(invalid("a negative recent-agent window", "recent agent window", null,
        () -> RoutingSettings.builder().recentAgentWindow(Duration.ofSeconds(Long.MIN_VALUE))));
    r.add(invalid("a zero maximum queue wait (R22)", "max queue wait", "R22",
        () -> RoutingSettings.builder().maxQueueWait(Duration.ZERO)));
    r.add(invalid("a maximum queue length of 0 (R22)", "max queue length", "R22",
        () -> RoutingSettings.builder().maxQueueLength(0)));
    r.add(nul("a null routing mode", "routing mode", () -> RoutingSettings.builder().mode(null)));
    r.add(nul("a null offline receiver", "offline receiver",
        () -> RoutingSettings.builder().offlineReceivers(Arrays.asList(ALICE, null))));

    // routing: stores, registry, reported values
    r.add(invalid("a zero retention (R18)", "retention", "R18",
        () -> InMemoryRecentContactStore.builder(SHOP.id()).retention(Duration.ZERO)));
    r.add(invalid("a window longer than the retention (R18)", "window", "R18",
        () -> InMemoryRecentContactStore.builder(SHOP.id()).retention(Duration.ofDays(1)).build()
            .recentContact(BUYER, T0, Duration.ofDays(3))));
    r.add(invalid("a store of at most 0 buyers", "maximum size", null,
        () -> InMemoryRecentContactStore.builder(SHOP.id()).maximumSize(0)));
    r.add(invalid("a zero idle duration", "idle duration", null,
        () -> RouterRegistry.builder(shop -> null).expireAfterIdle(Duration.ZERO)));
    r.add(invalid("a registry of at most 0 routers", "maximum size", null,
        () -> RouterRegistry.builder(shop -> null).maximumSize(0)));
    r.add(nul("an open consultation without an agent", "agent", () -> new OpenConsultation(CID, BUYER, null, T0)));
    r.add(invalid("a negative wait in a queue exit", "waited", null, () -> QueueExit.of(CID, BUYER,
        RoutingDecision.of(Optional.empty(), RoutingStep.NO_AGENT, "nobody"), Duration.ofMillis(-1), T0)));
    r.add(invalid("a QUEUED decision without its position (R22)", "step", "R22",
        () -> RoutingDecision.of(Optional.empty(), RoutingStep.QUEUED, "waits")));
    r.add(invalid("a queue position of 0 (R22)", "queue position", "R22", () -> RoutingDecision.queued(0, "waits")));
    r.add(invalid("an agent named for NO_AGENT (R19)", "agent", "R19",
        () -> RoutingDecision.of(Optional.of(ALICE), RoutingStep.NO_AGENT, "nobody")));
    r.add(invalid("an end naming no agent for a freed seat (R20)", "agent", "R20",
        () -> new EndResult(CID, EndResult.Outcome.ENDED, Optional.empty(), List.of())));
    r.add(invalid("a negative number restored (R20)", "restored", "R20", () -> new RestoreReport(-1, Map.of())));
    r.add(invalid("an over-limit agent with 0 seats (R20)", "seats of alice in over limit", "R20",
        () -> new RestoreReport(1, Map.of(ALICE, 0))));
    r.add(invalid("a configured share of NaN (R13)", "configured share", "R13",
        () -> share(Double.NaN, 0.5, 0.5, 1, 0)));
    r.add(invalid("an observed share over 1 (R13)", "observed share", "R13", () -> share(0.5, 1.5, 0.5, 1, 0)));
    r.add(invalid("a negative availability (R13)", "availability", "R13", () -> share(0.5, 0.5, -0.1, 1, 0)));
    r.add(invalid("a negative expectation (R13)", "expected", "R13", () -> share(0.5, 0.5, 0.5, -1, 0)));
    r.add(invalid("a z-score of NaN (R13)", "z-score", "R13", () -> share(0.5, 0.5, 0.5, 1, Double.NaN)));
    r.add(invalid("negative ledger decisions (R13)", "decisions", "R13",
        () -> new ShareLedger("group 'g'", ShareMode.WEIGHTED_RANDOM, -1, List.of())));
    r.add(invalid("a negative estimated wait (R22)", "estimated wait", "R22",
        () -> new QueueStatus(CID, 1, T0, Optional.of(Duration.ofMillis(-1)))));
    r.add(invalid("a queue status at position 0 (R22)", "position", "R22",
        () -> new QueueStatus(CID, 0, T0, Optional.empty())));
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void eachRefusalHasItsDocumentedTypeAndCitesItsRule(Refusal refusal) {
    RuntimeException e = assertThrows(RuntimeException.class, refusal.call(), refusal.what());
    assertEquals(refusal.type(), e.getClass(), () -> refusal.what() + ": " + e);
    String message = String.valueOf(e.getMessage());
    if (e instanceof InvalidValueException invalid) {
      assertEquals(refusal.argument(), invalid.argument(), message);
      assertEquals(Optional.ofNullable(refusal.rule()), invalid.rule(), message);
      invalid.rule().ifPresent(rule -> assertTrue(message.contains(rule), () -> "does not cite " + rule + ": "
          + message));
    } else if (e instanceof RuleRefusedException ruled) {
      assertEquals(refusal.rule(), ruled.rule(), message);
      assertTrue(message.contains(ruled.rule()), () -> "does not cite " + ruled.rule() + ": " + message);
    } else if (e instanceof UnknownIdException unknownId) {
      assertEquals(refusal.argument(), unknownId.id(), message);
      assertTrue(message.contains(unknownId.id()), message);
    } else {
      assertEquals(refusal.argument() + " must not be null", message);
    }
  }

  @Test
  void theSweepIsBroad() {
    List<Refusal> all = refusals();
    assertTrue(all.size() >= 80, "refusals swept: " + all.size());
    for (Class<?> type : List.of(InvalidValueException.class, RuleRefusedException.class, UnknownIdException.class,
        NullPointerException.class)) {
      assertTrue(all.stream().anyMatch(r -> r.type() == type), type.getSimpleName());
    }
    assertEquals(all.size(), all.stream().map(Refusal::what).distinct().count(), "each refusal once");
  }
}
