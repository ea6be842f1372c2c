package io.fenliu.simulator;

import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import io.fenliu.simulator.internal.Checks;
import io.fenliu.simulator.internal.DayRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a shop's day through the real {@link io.fenliu.routing.Router} (R25) and reports what it did: the
 * merchant's "why is my distribution uneven?" and "what happens if I change the weights?" answered before the
 * change goes live.
 *
 * <p>{@link #run} generates the workload's day from the seed (see {@link Workload} for what is drawn, and
 * {@code DayRun}'s design comment for the event order) — or applies a recorded log as it is — through a router
 * built with the same seed and statistics on, and returns a {@link SimulationReport}. Decisions are a function of
 * the state, the event and the seed (R25), so the same shop, settings, workload and seed give an equal report
 * every time. {@link #compare} runs two settings on the same generated events with the same seed: every
 * difference between the two reports comes from the change, not from chance. {@link #record} also returns the log
 * of every event as applied, which {@link Workload#recorded} replays to the same report.
 *
 * <p><b>Bad input is refused before anything runs</b>, with an {@link InvalidValueException} naming the field and
 * the rule: a shop with no sub-account (R17); a schedule for an agent not on the roster (R17); buyers with
 * exclusive followers but no exclusive agent, or with recent agents but no routable agent (R18); a recorded event
 * of another shop (R25); settings the router refuses (an agent not on the roster, R17; a switch R15 forbids), whose
 * cause is the router's own exception.
 *
 * <p><b>Cost.</b> A day of a 2,000-agent shop with a million consultations (about two million router events)
 * took 1.5–2.8 s of CPU on one core once the JIT had compiled, 4.8 s cold (see the simulator's README for the
 * command and the machine); memory is a few bytes per consultation (its service time, its end, its wait) plus the
 * recorded log when {@link #record} keeps one.
 */
public final class Simulation {
  private Simulation() {}

  /**
   * Simulates {@code workload} on {@code shop} with {@code settings}.
   *
   * @throws InvalidValueException for bad input (see the class comment), before anything runs
   * @throws NullPointerException if an argument is null
   */
  public static SimulationReport run(Shop shop, RoutingSettings settings, Workload workload, long seed) {
    return run(shop, settings, workload, seed, null);
  }

  /**
   * Simulates {@code workload}, calling {@code progress} with the fraction of the day done (0 to 1, at most once
   * per percent).
   *
   * @throws InvalidValueException for bad input (see the class comment), before anything runs
   */
  public static SimulationReport run(Shop shop, RoutingSettings settings, Workload workload, long seed,
      @Nullable DoubleConsumer progress) {
    return execute(shop, settings, workload, seed, progress, null);
  }

  /**
   * Simulates {@code workload} and keeps the log of every event as the router applied it (each dated): {@link
   * Workload#recorded}({@code log}) run with the same shop, settings and seed gives an equal report (R25). The log
   * holds about two events per consultation.
   *
   * @throws InvalidValueException for bad input (see the class comment), before anything runs
   */
  public static Recording record(Shop shop, RoutingSettings settings, Workload workload, long seed) {
    List<ShopEvent> log = new ArrayList<>();
    SimulationReport report = execute(shop, settings, workload, seed, null, log);
    return new Recording(report, log);
  }

  /**
   * Runs {@code settingsA} and {@code settingsB} on the same workload and seed, A first. Both settings are checked
   * against the shop before either runs.
   *
   * @throws InvalidValueException for bad input (see the class comment), before anything runs
   */
  public static Comparison compare(Shop shop, RoutingSettings settingsA, RoutingSettings settingsB,
      Workload workload, long seed) {
    check(shop, settingsA, workload, "settings A");
    check(shop, settingsB, workload, "settings B");
    return new Comparison(run(shop, settingsA, workload, seed), run(shop, settingsB, workload, seed));
  }

  private static SimulationReport execute(Shop shop, RoutingSettings settings, Workload workload, long seed,
      @Nullable DoubleConsumer progress, @Nullable List<ShopEvent> log) {
    check(shop, settings, workload, "settings");
    Instant origin = workload.log().map(l -> l.get(0).time().orElseThrow()).orElse(workload.start());
    DayRun run = build(shop, settings, seed, origin, log, progress, "settings");
    DayRun.Result result = workload.log().isPresent() ? run.recorded(workload.log().get())
        : run.generated(shop, settings, workload, seed);
    return SimulationReport.of(seed, result);
  }

  private static DayRun build(Shop shop, RoutingSettings settings, long seed, Instant origin,
      @Nullable List<ShopEvent> log, @Nullable DoubleConsumer progress, String field) {
    try {
      return DayRun.prepare(shop, settings, seed, origin, log, progress);
    } catch (RuleRefusedException e) {
      throw refused(field, e.rule(), shop, e);
    } catch (InvalidValueException e) {
      throw refused(field, e.rule().orElse("R17"), shop, e);
    } catch (IllegalArgumentException e) {
      throw refused(field, "R17", shop, e);
    }
  }

  private static InvalidValueException refused(String field, String rule, Shop shop, RuntimeException cause) {
    InvalidValueException e = new InvalidValueException(field, rule, "the router refuses these " + field
        + " for shop " + shop.id() + " (" + rule + "): " + cause.getMessage());
    e.initCause(cause);
    return e;
  }

  /** Every check that needs the shop, before anything runs. */
  private static void check(Shop shop, RoutingSettings settings, Workload workload, String field) {
    Checks.notNull(shop, "shop");
    Checks.notNull(settings, field);
    Checks.notNull(workload, "workload");
    Checks.argument(!shop.subAccounts().isEmpty(), "shop sub-accounts", "R17",
        "shop " + shop.id() + " has no sub-account: nobody could be routed to (R17)");
    if (workload.log().isPresent()) {
      List<ShopEvent> log = workload.log().get();
      for (int i = 0; i < log.size(); i++) {
        ShopEvent e = log.get(i);
        Checks.argument(e.shop().equals(shop.id()), "log[" + i + "].shop", "R25", "log[" + i
            + "] belongs to shop " + e.shop() + ", not to the simulated shop " + shop.id() + " (R25)");
      }
    } else {
      for (AccountId agent : workload.schedules().keySet()) {
        Checks.argument(shop.subAccount(agent).isPresent(), "workload schedule of " + agent, "R17",
            "the workload schedules " + agent + ", who is not a sub-account of shop " + shop.id() + " (R17)");
      }
      boolean routable = shop.subAccounts().stream().anyMatch(SubAccount::isRoutable);
      boolean exclusive = shop.subAccounts().stream().anyMatch(SubAccount::isExclusiveAgent);
      Checks.argument(workload.recentAgentShare() == 0 || routable, "recent agent share", "R18",
          "the workload gives buyers recent agents, but shop " + shop.id() + " has no routable sub-account");
      Checks.argument(workload.exclusiveFollowerShare() == 0 || exclusive, "exclusive follower share", "R18",
          "the workload gives buyers exclusive followers, but shop " + shop.id() + " has no exclusive agent");
    }
    // the router's own checks (ids on the roster, R17), without running anything
    build(shop, settings, 0, workload.start(), null, null, field);
  }

  /** A run's report and the log of every event as applied (R25). */
  public static final class Recording {
    private final SimulationReport report;
    private final List<ShopEvent> log;

    private Recording(SimulationReport report, List<ShopEvent> log) {
      this.report = report;
      this.log = List.copyOf(log);
    }

    /** The run's report. */
    public SimulationReport report() {
      return report;
    }

    /** Every event as the router applied it, dated, in order. */
    public List<ShopEvent> log() {
      return log;
    }
  }
}
