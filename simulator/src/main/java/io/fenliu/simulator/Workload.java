package io.fenliu.simulator;

import io.fenliu.core.AccountId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.routing.ShopEvent;
import io.fenliu.simulator.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a simulated day brings a shop: either a <b>generated</b> day, described by rates and mixes below and drawn
 * deterministically from the simulation's seed, or a <b>recorded</b> event log ({@link #recorded(List)}), applied
 * as it is (R25).
 *
 * <p>A generated day:
 *
 * <ul>
 *   <li><b>Arrivals</b>: a Poisson process whose rate in hour {@code h} of the day is {@link
 *       Builder#arrivalsPerHour(double) arrivalsPerHour} × {@link Builder#hourlyProfile(double...) profile[h]}
 *       (the profile repeats each day of a longer {@link Builder#duration(Duration) duration}).
 *   <li>Each consultation's <b>order status</b> and <b>entry page</b> drawn independently from the mixes (R11,
 *       R12): weights, not necessarily summing to 1.
 *   <li><b>Service time</b>: exponential with the given mean, counted from the moment the consultation is seated
 *       (R20); so a consultation that waits in the queue (R22) ends later, and the ends of a day depend on the
 *       settings while the arrivals, their attributes, their service times and the presence changes do not.
 *   <li><b>Presence</b>: each sub-account follows its {@link Schedule} (shifts ONLINE, breaks SUSPENDED, else
 *       OFFLINE), {@link Schedule#allDay()} by default (R17, R21).
 *   <li><b>Continuity</b> (R18): a share of buyers states a recent contact, {@link Builder#recentContactAge(Duration)
 *       this long} before arrival, with an agent drawn uniformly from the routable sub-accounts; a share states an
 *       exclusive follower drawn uniformly from the exclusive agents (either, both or neither, independently).
 * </ul>
 *
 * <p>Every value is checked as it is set, naming the field: a negative or non-finite rate, a mix with no positive
 * weight, a share outside [0, 1], a non-positive service time. What needs the shop (agents named by a schedule,
 * a roster with someone to route to, a log of the same shop) is checked by {@link Simulation} before anything
 * runs.
 */
public final class Workload {
  /** The default start of a generated day: Monday 5 January 2026, 00:00 UTC. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");

  private final @Nullable List<ShopEvent> recorded;
  private final Instant start;
  private final Duration duration;
  private final double arrivalsPerHour;
  private final double[] hourlyProfile;
  private final Map<OrderStatus, Double> orderStatusMix;
  private final Map<EntryPage, Double> entryPageMix;
  private final Duration meanServiceTime;
  private final Map<AccountId, Schedule> schedules;
  private final Schedule defaultSchedule;
  private final double recentAgentShare;
  private final double exclusiveFollowerShare;
  private final Duration recentContactAge;

  private Workload(Builder b, @Nullable List<ShopEvent> recorded) {
    this.recorded = recorded;
    this.start = b.start;
    this.duration = b.duration;
    this.arrivalsPerHour = b.arrivalsPerHour;
    this.hourlyProfile = b.hourlyProfile.clone();
    this.orderStatusMix = Collections.unmodifiableMap(new EnumMap<>(b.orderStatusMix));
    this.entryPageMix = Collections.unmodifiableMap(new EnumMap<>(b.entryPageMix));
    this.meanServiceTime = b.meanServiceTime;
    this.schedules = Collections.unmodifiableMap(new LinkedHashMap<>(b.schedules));
    this.defaultSchedule = b.defaultSchedule;
    this.recentAgentShare = b.recentAgentShare;
    this.exclusiveFollowerShare = b.exclusiveFollowerShare;
    this.recentContactAge = b.recentContactAge;
  }

  /** Starts describing a generated day, from the defaults listed on each setter. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A recorded event log, to be applied as it is, in its order (R25): e.g. {@link Simulation#record}'s log, or a
   * shop's real day read with fenliu-jackson. Every event must state its time and belong to the simulated shop
   * (checked by {@link Simulation} before anything runs).
   *
   * @throws io.fenliu.core.InvalidValueException naming "log" if it is empty, or "log[i]" if an event states no
   *     time (R25)
   */
  public static Workload recorded(List<ShopEvent> log) {
    List<ShopEvent> copy = List.copyOf(Checks.notNull(log, "log"));
    Checks.argument(!copy.isEmpty(), "log", "R25", "a recorded log must hold at least one event");
    for (int i = 0; i < copy.size(); i++) {
      Checks.argument(copy.get(i).time().isPresent(), "log[" + i + "]", "R25",
          "log[" + i + "] states no time; a replayable log dates every event: " + copy.get(i));
    }
    return new Workload(new Builder(), copy);
  }

  /** The recorded log, if this workload is one. */
  public Optional<List<ShopEvent>> log() {
    return Optional.ofNullable(recorded);
  }

  /** When the generated day starts. */
  public Instant start() {
    return start;
  }

  /** How long arrivals are generated (the run goes on until every consultation has ended). */
  public Duration duration() {
    return duration;
  }

  /** The arrival rate at a profile factor of 1, per hour. */
  public double arrivalsPerHour() {
    return arrivalsPerHour;
  }

  /** The 24 hourly factors of the arrival rate. */
  public double[] hourlyProfile() {
    return hourlyProfile.clone();
  }

  /** The arrival rate in hour {@code hour} of the day (0–23), per hour. */
  public double arrivalsPerHour(int hour) {
    return arrivalsPerHour * hourlyProfile[Math.floorMod(hour, 24)];
  }

  /** The highest hourly arrival rate of the day, per hour. */
  public double peakArrivalsPerHour() {
    double max = 0;
    for (double f : hourlyProfile) {
      max = Math.max(max, f);
    }
    return arrivalsPerHour * max;
  }

  /** The order-status mix (weights). */
  public Map<OrderStatus, Double> orderStatusMix() {
    return orderStatusMix;
  }

  /** The entry-page mix (weights). */
  public Map<EntryPage, Double> entryPageMix() {
    return entryPageMix;
  }

  /** The mean of the exponential service time. */
  public Duration meanServiceTime() {
    return meanServiceTime;
  }

  /** The schedules set per agent. */
  public Map<AccountId, Schedule> schedules() {
    return schedules;
  }

  /** {@code agent}'s schedule: its own, or the default one. */
  public Schedule schedule(AccountId agent) {
    return schedules.getOrDefault(agent, defaultSchedule);
  }

  /** The schedule of every agent the workload sets none for. */
  public Schedule defaultSchedule() {
    return defaultSchedule;
  }

  /** The share of buyers stating a recent contact (R18). */
  public double recentAgentShare() {
    return recentAgentShare;
  }

  /** The share of buyers stating an exclusive follower (R18). */
  public double exclusiveFollowerShare() {
    return exclusiveFollowerShare;
  }

  /** How long before its arrival a buyer's stated recent contact was. */
  public Duration recentContactAge() {
    return recentContactAge;
  }

  @Override
  public String toString() {
    return recorded != null ? "Workload[recorded, " + recorded.size() + " events]"
        : "Workload[" + arrivalsPerHour + "/h from " + start + " for " + duration + ", service " + meanServiceTime
            + "]";
  }

  /** Builds a generated day's {@link Workload}; every setter checks its value at once, naming the field. */
  public static final class Builder {
    private Instant start = DEFAULT_START;
    private Duration duration = Duration.ofDays(1);
    private double arrivalsPerHour = 60;
    private double[] hourlyProfile = flat();
    private Map<OrderStatus, Double> orderStatusMix = Map.of(OrderStatus.NO_ORDER, 1.0);
    private Map<EntryPage, Double> entryPageMix = Map.of(EntryPage.PRODUCT_DETAIL, 1.0);
    private Duration meanServiceTime = Duration.ofMinutes(10);
    private final Map<AccountId, Schedule> schedules = new LinkedHashMap<>();
    private Schedule defaultSchedule = Schedule.allDay();
    private double recentAgentShare;
    private double exclusiveFollowerShare;
    private Duration recentContactAge = Duration.ofHours(1);

    private Builder() {}

    private static double[] flat() {
      double[] f = new double[24];
      java.util.Arrays.fill(f, 1);
      return f;
    }

    /** When the day starts; {@link #DEFAULT_START} by default. */
    public Builder start(Instant value) {
      this.start = Checks.notNull(value, "start");
      return this;
    }

    /**
     * How long arrivals are generated: one day by default, at most 366 days.
     *
     * @throws io.fenliu.core.InvalidValueException naming "duration" if not positive or over 366 days
     */
    public Builder duration(Duration value) {
      Checks.notNull(value, "duration");
      Checks.argument(!value.isNegative() && !value.isZero() && value.compareTo(Duration.ofDays(366)) <= 0,
          "duration", null, "duration must be positive and at most 366 days: " + value);
      this.duration = value;
      return this;
    }

    /**
     * The arrival rate at a profile factor of 1, consultations per hour; 60 by default.
     *
     * @throws io.fenliu.core.InvalidValueException naming "arrivals per hour" if negative, NaN or infinite
     */
    public Builder arrivalsPerHour(double value) {
      this.arrivalsPerHour = Checks.nonNegative(value, "arrivals per hour", null);
      return this;
    }

    /**
     * The daily profile: 24 factors, one per hour of the day (0:00–1:00 first), multiplying {@link
     * #arrivalsPerHour(double)}; all 1 by default.
     *
     * @throws io.fenliu.core.InvalidValueException naming "hourly profile" if not 24 values, or naming
     *     "hourly profile[h]" if one is negative, NaN or infinite
     */
    public Builder hourlyProfile(double... factors) {
      Checks.notNull(factors, "hourly profile");
      Checks.argument(factors.length == 24, "hourly profile", null,
          "hourly profile must have 24 factors, one per hour: " + factors.length);
      for (int h = 0; h < 24; h++) {
        Checks.nonNegative(factors[h], "hourly profile[" + h + "]", null);
      }
      this.hourlyProfile = factors.clone();
      return this;
    }

    /**
     * The order-status mix (R12): each status's weight; {@code NO_ORDER} only by default.
     *
     * @throws io.fenliu.core.InvalidValueException naming "order status mix" if no weight is positive, or a
     *     weight is negative or not finite
     */
    public Builder orderStatusMix(Map<OrderStatus, Double> mix) {
      this.orderStatusMix = mix(mix, "order status mix", "R12");
      return this;
    }

    /**
     * The entry-page mix (R11): each page's weight; {@code PRODUCT_DETAIL} only by default.
     *
     * @throws io.fenliu.core.InvalidValueException naming "entry page mix" if no weight is positive, or a weight
     *     is negative or not finite
     */
    public Builder entryPageMix(Map<EntryPage, Double> mix) {
      this.entryPageMix = mix(mix, "entry page mix", "R11");
      return this;
    }

    private static <K> Map<K, Double> mix(Map<K, Double> mix, String field, String rule) {
      Checks.notNull(mix, field);
      double total = 0;
      for (Map.Entry<K, Double> e : mix.entrySet()) {
        Checks.notNull(e.getKey(), field + " key");
        Double w = Checks.notNull(e.getValue(), field + " weight of " + e.getKey());
        total += Checks.nonNegative(w, field + " weight of " + e.getKey(), rule);
      }
      Checks.argument(total > 0, field, rule, field + " must give some entry a positive weight: " + mix);
      return Map.copyOf(mix);
    }

    /**
     * The mean of the exponential service time (R20), from seating to end; 10 minutes by default.
     *
     * @throws io.fenliu.core.InvalidValueException naming "mean service time" if under a millisecond or over a day
     */
    public Builder meanServiceTime(Duration value) {
      Checks.notNull(value, "mean service time");
      Checks.argument(value.toMillis() >= 1 && value.compareTo(Duration.ofDays(1)) <= 0, "mean service time",
          "R20", "mean service time must be at least 1 ms and at most a day: " + value);
      this.meanServiceTime = value;
      return this;
    }

    /** {@code agent}'s presence schedule (R17, R21); the agent must be a sub-account of the simulated shop. */
    public Builder schedule(AccountId agent, Schedule schedule) {
      schedules.put(Checks.notNull(agent, "agent"), Checks.notNull(schedule, "schedule of " + agent));
      return this;
    }

    /** The schedule of every agent given none; {@link Schedule#allDay()} by default. */
    public Builder defaultSchedule(Schedule schedule) {
      this.defaultSchedule = Checks.notNull(schedule, "default schedule");
      return this;
    }

    /**
     * The share of buyers who state a recent contact (R18, R21); 0 by default.
     *
     * @throws io.fenliu.core.InvalidValueException naming "recent agent share" if outside [0, 1]
     */
    public Builder recentAgentShare(double value) {
      this.recentAgentShare = Checks.share(value, "recent agent share", "R18");
      return this;
    }

    /**
     * The share of buyers who state an exclusive follower (R18); 0 by default.
     *
     * @throws io.fenliu.core.InvalidValueException naming "exclusive follower share" if outside [0, 1]
     */
    public Builder exclusiveFollowerShare(double value) {
      this.exclusiveFollowerShare = Checks.share(value, "exclusive follower share", "R18");
      return this;
    }

    /**
     * How long before arrival a stated recent contact was; one hour by default (inside both the default 3-day
     * window of R18 and the 24-hour window of R21).
     *
     * @throws io.fenliu.core.InvalidValueException naming "recent contact age" if negative
     */
    public Builder recentContactAge(Duration value) {
      Checks.notNull(value, "recent contact age");
      Checks.argument(!value.isNegative(), "recent contact age", "R18", "recent contact age must not be negative: "
          + value);
      this.recentContactAge = value;
      return this;
    }

    /** The workload. */
    public Workload build() {
      return new Workload(this, null);
    }
  }
}
