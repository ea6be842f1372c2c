package io.fenliu.routing;

import static io.fenliu.routing.RulesModel.IDS;
import static io.fenliu.routing.RulesModel.T0;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * R24 against R14, R16–R22 and R25: every concurrent history of {@link Router} operations is equivalent to some
 * sequential history of {@link RulesModel} — an independent, naive model of the rules, not the router itself —
 * that respects real-time order. So a rule the router gets wrong in every interleaving fails this test as surely
 * as a race does.
 *
 * <p>The shop is the model's (see {@link RulesModel}): advanced routing, g1 = {a} bound to NO_ORDER, g2 = {b}
 * bound to SHIPPED, c ungrouped and the only offline receiver, a fixed clock at {@link RulesModel#T0}. Every
 * tier has one candidate and consultations carry only bound statuses, so no outcome depends on a random draw.
 * Operations: {@link Router#route} and {@link Router#preview} (with or without a recent contact and an exclusive
 * follower), {@link Router#end}, and through {@link Router#apply} a host's seat, a restore of one consultation, a
 * withdrawal, time advancing to one of four instants (so the 10-minute deadlines are crossed, R22, R25), a
 * presence change dated by the event or by the clock (R21), an account change (limit, status; R17, R20) and a
 * settings change (maximum queue length, connecting directly; R18, R22); and the reads {@link
 * Router#queueLength} and {@link Router#seatsHeld}. Results are strings compared by value: the decision (agent,
 * step, repeat, queue position, the receiver's cause) and every queue exit with how long it waited.
 *
 * <p><b>What this does not prove.</b> Lincheck's model checker explores interleavings under sequential
 * consistency: it cannot see the reorderings the Java memory model allows. The lock-free optimistic path of
 * {@link Router#preview} (a validated racy read) is therefore not proven by this test; its torn reads are the
 * business of the jcstress tests, and the stress mode here only samples real threads.
 *
 * <p>Depth comes from system properties, shallow by default so {@code verify} stays fast; the Maven profile
 * {@code deep-checks} sets them deeper (ten times the scenarios, each longer and explored further): {@code
 * fenliu.lincheck.iterations} (scenarios per mode), {@code fenliu.lincheck.invocations} (interleavings or runs
 * per scenario), {@code fenliu.lincheck.threads} and {@code fenliu.lincheck.actorsPerThread}. Even the shallow
 * run pays Lincheck's start-up (instrumenting the loaded classes), which on a shared 2-core machine took about
 * 28 s for a single scenario explored once.
 */
@Param(name = "k", gen = IntGen.class, conf = "0:3")
@Param(name = "status", gen = IntGen.class, conf = "0:1")
@Param(name = "contact", gen = IntGen.class, conf = "0:5")
@Param(name = "follower", gen = IntGen.class, conf = "0:3")
@Param(name = "agent", gen = IntGen.class, conf = "0:2")
@Param(name = "p", gen = IntGen.class, conf = "0:2")
@Param(name = "t", gen = IntGen.class, conf = "0:3")
@Param(name = "acct", gen = IntGen.class, conf = "0:2")
@Param(name = "set", gen = IntGen.class, conf = "0:3")
public class RouterIsLinearizableAgainstTheRulesModelTest {
  private static final ShopId SHOP = ShopId.of("lin");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  private static final Presence[] PRESENCES = {Presence.ONLINE, Presence.SUSPENDED, Presence.OFFLINE};

  /*
   * Every input is built once, before Lincheck runs anything: the checker then analyses the router's work, not the
   * construction of arguments, which keeps an explored interleaving cheap.
   */
  private static final AccountId[] AGENTS = {AccountId.of("a"), AccountId.of("b"), AccountId.of("c")};
  private static final Consultation[][][][] CONSULTATIONS = new Consultation[4][2][6][4];
  private static final ConsultationId[] CIDS = new ConsultationId[4];
  private static final ShopEvent[][] SEATS = new ShopEvent[4][3];
  private static final ShopEvent[][] RESTORES = new ShopEvent[4][3];
  private static final ShopEvent[] WITHDRAWALS = new ShopEvent[4];
  private static final ShopEvent[] EXPIRIES = new ShopEvent[4];
  private static final ShopEvent[][][] TIMED_PRESENCE = new ShopEvent[3][3][4];
  private static final ShopEvent[][] UNTIMED_PRESENCE = new ShopEvent[3][3];
  private static final ShopEvent[][] ACCOUNTS = new ShopEvent[3][3];
  private static final ShopEvent[] SETTINGS = new ShopEvent[4];

  static {
    for (int k = 0; k < 4; k++) {
      CIDS[k] = ConsultationId.of("k" + k);
      BuyerId buyer = BuyerId.of("b" + k);
      for (int status = 0; status < 2; status++) {
        for (int contact = 0; contact < 6; contact++) {
          for (int follower = 0; follower < 4; follower++) {
            CONSULTATIONS[k][status][contact][follower] = consultation(CIDS[k], buyer, status, contact, follower);
          }
        }
      }
      for (int agent = 0; agent < 3; agent++) {
        SEATS[k][agent] = ShopEvent.seatedByHost(SHOP, CIDS[k], buyer, AGENTS[agent]);
        RESTORES[k][agent] =
            ShopEvent.restored(SHOP, List.of(new OpenConsultation(CIDS[k], buyer, AGENTS[agent], T0)));
      }
      WITHDRAWALS[k] = ShopEvent.withdrawn(SHOP, CIDS[k]);
    }
    for (int t = 0; t < 4; t++) {
      EXPIRIES[t] = ShopEvent.timeAdvanced(SHOP, RulesModel.TIMES[t]);
      SETTINGS[t] = ShopEvent.settingsChanged(SHOP,
          settings(RulesModel.maxQueueLengthOf(t), RulesModel.connectDirectlyOf(t)));
    }
    for (int agent = 0; agent < 3; agent++) {
      for (int p = 0; p < 3; p++) {
        UNTIMED_PRESENCE[agent][p] = ShopEvent.presenceChanged(SHOP, AGENTS[agent], PRESENCES[p]);
        for (int t = 0; t < 4; t++) {
          TIMED_PRESENCE[agent][p][t] = UNTIMED_PRESENCE[agent][p].at(RulesModel.TIMES[t]);
        }
      }
      for (int acct = 0; acct < 3; acct++) {
        ACCOUNTS[agent][acct] = ShopEvent.accountChanged(SHOP,
            account(agent, RulesModel.ACCOUNT_LIMITS[acct], RulesModel.ACCOUNT_ACTIVE[acct]));
      }
    }
  }

  private final Router router;

  public RouterIsLinearizableAgainstTheRulesModelTest() {
    List<SubAccount> subs = new ArrayList<>();
    for (int i = 0; i < IDS.length; i++) {
      subs.add(account(i, RulesModel.LIMITS[i], true));
    }
    Shop shop = Shop.of(SHOP, "lin", new MainAccount(AccountId.of("main"), "main"), subs);
    router = Router.builder(shop, settings(RulesModel.maxQueueLengthOf(1), false)).clock(CLOCK).seed(1).build();
    router.apply(UNTIMED_PRESENCE[0][0]);
    router.apply(UNTIMED_PRESENCE[1][0]);
  }

  private static SubAccount account(int i, int limit, boolean active) {
    SubAccount.Builder b = SubAccount.builder(AccountId.of(IDS[i]), "agent " + IDS[i]).concurrentLimit(limit)
        .status(active ? AccountStatus.ACTIVE : AccountStatus.FROZEN);
    return (IDS[i].equals("c") ? b : b.exclusiveAgent()).build();
  }

  private static RoutingSettings settings(int maxQueueLength, boolean connectDirectly) {
    return RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(AgentGroup.builder("g1").boundTo(OrderStatus.NO_ORDER).member(AccountId.of("a"), 1).build())
        .group(AgentGroup.builder("g2").boundTo(OrderStatus.SHIPPED).member(AccountId.of("b"), 1).build())
        .offlineReceivers(List.of(AccountId.of("c"))).recentAgentWindow(RulesModel.RECENT_WINDOW)
        .suspendedRecentWindow(RulesModel.SUSPENDED_WINDOW).maxQueueWait(RulesModel.MAX_WAIT)
        .maxQueueLength(maxQueueLength).connectToExclusiveAgent(connectDirectly).build();
  }

  private static Consultation consultation(ConsultationId id, BuyerId buyer, int status, int contact, int follower) {
    Consultation c =
        Consultation.of(id, buyer, EntryPage.SHOP_HOME, OrderStatus.valueOf(RulesModel.STATUSES[status]));
    if (contact != 0) {
      c = c.withRecentContact(AccountId.of(RulesModel.CONTACT_AGENTS[contact]), RulesModel.CONTACT_TIMES[contact]);
    }
    return follower == 0 ? c : c.withExclusiveFollower(AGENTS[follower - 1]);
  }

  // ---- results as strings, in the model's format ----

  private static String show(RoutingDecision d) {
    String cause = "";
    if (!d.isRepeat() && (d.step() == RoutingStep.OFFLINE_RECEIVER || d.step() == RoutingStep.NO_AGENT)) {
      String why = d.reason();
      cause = why.contains("queue is full") ? ":full" : why.contains("maximum wait") ? ":expired" : ":none-online";
    }
    return RulesModel.decision(d.agent().map(AccountId::value).orElse("-"), d.step().name(), d.isRepeat(),
        d.isQueued() ? "#" + d.queuePosition().getAsInt() : "", cause);
  }

  private static String exits(List<QueueExit> exits) {
    StringBuilder sb = new StringBuilder();
    for (QueueExit x : exits) {
      sb.append(RulesModel.exit(x.consultation().value(), show(x.decision()), x.waited()));
    }
    return sb.toString();
  }

  private static String show(Applied a) {
    String head = a.refusal().map(r -> "refused:" + r.rule().orElse("?")).orElse(a.changed() ? "changed" : "same");
    return head + exits(a.exits());
  }

  // ---- the operations ----

  @Operation
  public String route(@Param(name = "k") int k, @Param(name = "status") int status,
      @Param(name = "contact") int contact, @Param(name = "follower") int follower) {
    return show(router.route(CONSULTATIONS[k][status][contact][follower]));
  }

  @Operation
  public String preview(@Param(name = "k") int k, @Param(name = "status") int status,
      @Param(name = "contact") int contact, @Param(name = "follower") int follower) {
    return show(router.preview(CONSULTATIONS[k][status][contact][follower]));
  }

  @Operation
  public String end(@Param(name = "k") int k) {
    EndResult e = router.end(CIDS[k]);
    return e.outcome().name() + e.agent().map(a -> "/" + a.value()).orElse("") + exits(e.queueExits());
  }

  @Operation
  public String seat(@Param(name = "k") int k, @Param(name = "agent") int agent) {
    Applied a = router.apply(SEATS[k][agent]);
    if (a.refusal().isPresent()) {
      return show(a);
    }
    return "prev=" + a.previousAgent().map(AccountId::value).orElse("-") + " " + show(a);
  }

  @Operation
  public String restore(@Param(name = "k") int k, @Param(name = "agent") int agent) {
    Applied a = router.apply(RESTORES[k][agent]);
    RestoreReport r = a.restore().orElseThrow();
    Map<String, Integer> over = new TreeMap<>();
    r.overLimit().forEach((id, seats) -> over.put(id.value(), seats));
    StringBuilder sb = new StringBuilder("restored=" + r.restored() + " over={");
    over.forEach((id, seats) -> sb.append(id).append('=').append(seats));
    return sb.append('}').append(exits(a.exits())).toString();
  }

  @Operation
  public String withdraw(@Param(name = "k") int k) {
    return show(router.apply(WITHDRAWALS[k]));
  }

  @Operation
  public String expiry(@Param(name = "t") int t) {
    return show(router.apply(EXPIRIES[t]));
  }

  @Operation
  public String timedPresence(@Param(name = "agent") int agent, @Param(name = "p") int p, @Param(name = "t") int t) {
    return show(router.apply(TIMED_PRESENCE[agent][p][t]));
  }

  @Operation
  public String untimedPresence(@Param(name = "agent") int agent, @Param(name = "p") int p) {
    return show(router.apply(UNTIMED_PRESENCE[agent][p]));
  }

  @Operation
  public String account(@Param(name = "agent") int agent, @Param(name = "acct") int acct) {
    return show(router.apply(ACCOUNTS[agent][acct]));
  }

  @Operation
  public String settings(@Param(name = "set") int set) {
    return show(router.apply(SETTINGS[set]));
  }

  @Operation
  public int queueLength() {
    return router.queueLength();
  }

  @Operation
  public int seatsHeld(@Param(name = "agent") int agent) {
    return router.seatsHeld(AGENTS[agent]);
  }

  // ---- depth ----

  /** A depth setting: the system property {@code fenliu.lincheck.<name>}, or the shallow default. */
  private static int depth(String name, int shallow) {
    return Integer.getInteger("fenliu.lincheck." + name, shallow);
  }

  /**
   * Explores thread interleavings of random scenarios under sequential consistency, switching threads at the
   * router's shared accesses: {@code iterations} scenarios of {@code threads} × {@code actorsPerThread}
   * operations (plus 2 before and 1 after), {@code invocations} interleavings each.
   */
  @Test
  void modelChecking() {
    new ModelCheckingOptions().iterations(depth("iterations", 2)).invocationsPerIteration(depth("invocations", 20))
        .threads(depth("threads", 2)).actorsPerThread(depth("actorsPerThread", 2)).actorsBefore(2).actorsAfter(1)
        .sequentialSpecification(RulesModel.class).check(getClass());
  }

  /**
   * Runs random scenarios of the same shape on real threads; a stress run costs far less than an explored
   * interleaving, so each scenario runs ten times {@code invocations}.
   */
  @Test
  void stress() {
    new StressOptions().iterations(depth("iterations", 2)).invocationsPerIteration(10 * depth("invocations", 20))
        .threads(depth("threads", 2)).actorsPerThread(depth("actorsPerThread", 2)).actorsBefore(2).actorsAfter(1)
        .sequentialSpecification(RulesModel.class).check(getClass());
  }
}
