package io.fenliu.simulator;

import io.fenliu.core.Presence;
import io.fenliu.simulator.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One agent's presence over a simulated day (R17, R21): shifts, during which it is ONLINE, and breaks inside them,
 * during which it is SUSPENDED (挂起/小休: at work, taking no new buyers but still its recent ones, R21). Outside
 * its shifts the agent is OFFLINE. Times are offsets from the {@link Workload#start() start} of the workload (not
 * repeated on later days of a longer one); changes after the workload's {@link Workload#duration() duration} are
 * not applied, and agents keep their last presence while the day's last consultations end.
 *
 * <p>Build one with {@link #builder()}; {@link #allDay()} is ONLINE from the day's start with no break, which is
 * what a {@link Workload} gives every agent it has no schedule for. Shifts must not overlap and each break must lie
 * inside one shift (checked by {@link Builder#build()}, naming the interval at fault).
 */
public final class Schedule {
  private static final Schedule ALL_DAY = new Schedule(List.of(new long[] {0, Long.MAX_VALUE}), List.of());

  /** [from, to) in milliseconds, sorted. */
  private final List<long[]> shifts;
  private final List<long[]> breaks;

  private Schedule(List<long[]> shifts, List<long[]> breaks) {
    this.shifts = shifts;
    this.breaks = breaks;
  }

  /** ONLINE from the day's start to its end, with no break. */
  public static Schedule allDay() {
    return ALL_DAY;
  }

  /** Starts an empty schedule: an agent with no shift stays OFFLINE all day. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The presence changes this schedule makes, by offset in milliseconds from the day's start, in time order: ONLINE
   * at each shift's and each break's end, SUSPENDED at each break's start, OFFLINE at each shift's end.
   */
  public Map<Long, Presence> changes() {
    TreeMap<Long, Presence> m = new TreeMap<>();
    for (long[] s : shifts) {
      m.put(s[0], Presence.ONLINE);
      if (s[1] != Long.MAX_VALUE) {
        m.put(s[1], Presence.OFFLINE);
      }
    }
    for (long[] b : breaks) {
      m.put(b[0], Presence.SUSPENDED);
      m.put(b[1], Presence.ONLINE);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The agent's presence at {@code offset} from the day's start under this schedule. */
  public Presence presenceAt(Duration offset) {
    long t = Checks.notNull(offset, "offset").toMillis();
    for (long[] b : breaks) {
      if (t >= b[0] && t < b[1]) {
        return Presence.SUSPENDED;
      }
    }
    for (long[] s : shifts) {
      if (t >= s[0] && t < s[1]) {
        return Presence.ONLINE;
      }
    }
    return Presence.OFFLINE;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Schedule s && same(shifts, s.shifts) && same(breaks, s.breaks);
  }

  private static boolean same(List<long[]> a, List<long[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i)[0] != b.get(i)[0] || a.get(i)[1] != b.get(i)[1]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(changes());
  }

  @Override
  public String toString() {
    return "Schedule" + changes();
  }

  /** Builds a {@link Schedule}; every interval is [from, to) from the day's start, to the millisecond. */
  public static final class Builder {
    private final List<long[]> shifts = new ArrayList<>();
    private final List<long[]> breaks = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a shift: ONLINE from {@code from} until {@code to} (R17).
     *
     * @throws io.fenliu.core.InvalidValueException naming "shift" if {@code from} is negative or {@code to} is not after it
     */
    public Builder shift(Duration from, Duration to) {
      shifts.add(interval(from, to, "shift"));
      return this;
    }

    /**
     * Adds a break: SUSPENDED from {@code from} until {@code to} (R21), inside one of the shifts.
     *
     * @throws io.fenliu.core.InvalidValueException naming "break" if {@code from} is negative or {@code to} is not after it
     */
    public Builder breakAt(Duration from, Duration to) {
      breaks.add(interval(from, to, "break"));
      return this;
    }

    private static long[] interval(Duration from, Duration to, String what) {
      Checks.notNull(from, what + " start");
      Checks.notNull(to, what + " end");
      Checks.argument(!from.isNegative(), what, "R17", what + " must not start before the day: " + from);
      Checks.argument(to.compareTo(from) > 0, what, "R17", what + " must end after it starts: " + from + " to " + to);
      return new long[] {from.toMillis(), to.toMillis()};
    }

    /**
     * Builds the schedule.
     *
     * @throws io.fenliu.core.InvalidValueException naming "shift" if two shifts overlap, or "break" if a break is not inside one
     *     shift (R21: a suspended agent is at work)
     */
    public Schedule build() {
      List<long[]> s = new ArrayList<>(shifts);
      s.sort(Comparator.comparingLong(x -> x[0]));
      for (int i = 1; i < s.size(); i++) {
        Checks.argument(s.get(i)[0] >= s.get(i - 1)[1], "shift", "R17", "shifts overlap: one ends at "
            + Duration.ofMillis(s.get(i - 1)[1]) + ", the next starts at " + Duration.ofMillis(s.get(i)[0]));
      }
      List<long[]> b = new ArrayList<>(breaks);
      b.sort(Comparator.comparingLong(x -> x[0]));
      for (long[] x : b) {
        boolean inside = s.stream().anyMatch(y -> x[0] > y[0] && x[1] < y[1]);
        Checks.argument(inside, "break", "R21", "a break (SUSPENDED from " + Duration.ofMillis(x[0]) + " to "
            + Duration.ofMillis(x[1]) + ") must lie strictly inside one shift");
      }
      for (int i = 1; i < b.size(); i++) {
        Checks.argument(b.get(i)[0] > b.get(i - 1)[1], "break", "R21", "breaks overlap or touch at "
            + Duration.ofMillis(b.get(i)[0]));
      }
      return new Schedule(List.copyOf(s), List.copyOf(b));
    }
  }
}
