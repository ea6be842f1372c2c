package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.Presence;
import io.fenliu.core.internal.Require;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A router's live state as one plain value (R20–R22): each agent's presence and when it last changed, the
 * open consultations and the queue, in order. {@link Router#liveState()} exports it at one instant (R24);
 * {@link Router.Builder#liveState(LiveState)} starts a router from it, so a host can persist it, move a shop
 * to another node, or checkpoint it.
 *
 * <p>Two counters make a restored router decide exactly as the original would have (R25): {@link #decisions()},
 * the number of decisions the shop has made (its random draws derive from it, with the router's seed and the
 * consultation's id), and {@link #time()}, the latest time an event was applied at (an older event is applied
 * as of it). A live state made without them starts both afresh: 0, and no time.
 *
 * <p>Validated when made: no consultation id is both open and waiting or listed twice.
 */
public final class LiveState {
  private final Map<AccountId, Presence> presence;
  private final Map<AccountId, Instant> presenceChangedAt;
  private final List<OpenConsultation> open;
  private final List<WaitingConsultation> waiting;
  private final long decisions;
  private final @Nullable Instant time;
  private final Map<ConsultationId, RoutingDecision> openDecisions;

  private LiveState(Map<AccountId, Presence> presence, Map<AccountId, Instant> presenceChangedAt,
      List<OpenConsultation> open, List<WaitingConsultation> waiting, long decisions, @Nullable Instant time,
      Map<ConsultationId, RoutingDecision> openDecisions) {
    this.presence = presence;
    this.presenceChangedAt = presenceChangedAt;
    this.open = open;
    this.waiting = waiting;
    this.decisions = decisions;
    this.time = time;
    this.openDecisions = openDecisions;
  }

  /**
   * A live state.
   *
   * @param presence each agent's presence; agents not listed are OFFLINE
   * @param presenceChangedAt when each agent's presence last changed (R21's ordering), for any subset
   * @param open the open consultations
   * @param waiting the queue, head first
   * @throws IllegalArgumentException if a consultation id appears twice (open or waiting)
   */
  public static LiveState of(Map<AccountId, Presence> presence, Map<AccountId, Instant> presenceChangedAt,
      List<OpenConsultation> open, List<WaitingConsultation> waiting) {
    Map<AccountId, Presence> p = copy(presence, "presence");
    Map<AccountId, Instant> at = copy(presenceChangedAt, "presence changed at");
    List<OpenConsultation> o = List.copyOf(Require.noNullElements(open, "open consultations"));
    List<WaitingConsultation> w = List.copyOf(Require.noNullElements(waiting, "waiting consultations"));
    Set<ConsultationId> seen = new HashSet<>();
    for (OpenConsultation c : o) {
      Require.argument(seen.add(c.id()), "open consultations", "R20",
          "consultation %s is listed twice in the live state's open consultations", c.id());
    }
    for (WaitingConsultation c : w) {
      Require.argument(seen.add(c.consultation().id()), "waiting consultations", "R22",
          "consultation %s is both open and waiting, or waits twice, in the live state (R22)", c.consultation().id());
    }
    return new LiveState(p, at, o, w, 0, null, Map.of());
  }

  /** No presence, no consultation: what a new router has. */
  public static LiveState empty() {
    return new LiveState(Map.of(), Map.of(), List.of(), List.of(), 0, null, Map.of());
  }

  /**
   * This state with the shop's decision count (R25).
   *
   * @throws io.fenliu.core.InvalidValueException if {@code count} is negative
   */
  public LiveState withDecisions(long count) {
    Require.argument(count >= 0, "decisions", "R25", "the number of decisions made cannot be negative: %s", count);
    return new LiveState(presence, presenceChangedAt, open, waiting, count, time, openDecisions);
  }

  /**
   * This state with the shop's time: the latest time an event was applied at (R25).
   *
   * @throws NullPointerException if {@code shopTime} is null
   */
  public LiveState withTime(Instant shopTime) {
    return new LiveState(presence, presenceChangedAt, open, waiting, decisions, Require.notNull(shopTime, "shop time"),
        openDecisions);
  }

  /**
   * This state with the decisions that seated its open consultations (R19, R25): a restored router answers a
   * repeated id with the decision that seated it, as the original did, rather than "restored". An open
   * consultation without one is reported as restored.
   *
   * @throws io.fenliu.core.InvalidValueException if a key is not an open consultation of this state, or its
   *     decision names another agent than the one holding the seat (R20)
   */
  public LiveState withOpenDecisions(Map<ConsultationId, RoutingDecision> decisionsByConsultation) {
    return new LiveState(presence, presenceChangedAt, open, waiting, decisions, time,
        Collections.unmodifiableMap(checkedOpenDecisions(open, decisionsByConsultation, "open decisions")));
  }

  /**
   * A copy of {@code decisions}, checked against {@code open}: every key an open consultation, every decision naming
   * the agent holding its seat (R20). What a restore with decisions checks too.
   */
  static Map<ConsultationId, RoutingDecision> checkedOpenDecisions(Collection<OpenConsultation> open,
      Map<ConsultationId, RoutingDecision> decisions, String argument) {
    Require.notNull(decisions, argument);
    Map<ConsultationId, AccountId> holders = new java.util.HashMap<>();
    for (OpenConsultation c : open) {
      holders.put(c.id(), c.agent());
    }
    Map<ConsultationId, RoutingDecision> copy = new LinkedHashMap<>();
    decisions.forEach((id, d) -> {
      Require.notNull(id, argument + " key");
      Require.notNull(d, argument + " of " + id);
      AccountId holder = holders.get(id);
      Require.argument(holder != null, argument, "R20",
          "consultation %s has a decision but is not among the open consultations (R20)", id);
      Require.argument(d.agent().isPresent() && d.agent().get().equals(holder), argument, "R20",
          "an open consultation's decision names another agent than the one holding its seat (R20): %s",
          id + " held by " + holder + ", decided " + d);
      copy.put(id, d);
    });
    return copy;
  }

  /** The decisions that seated the open consultations, where known (R19, R25). Unmodifiable. */
  public Map<ConsultationId, RoutingDecision> openDecisions() {
    return openDecisions;
  }

  /** How many decisions the shop has made: the counter its random draws derive from (R25); 0 when unknown. */
  public long decisions() {
    return decisions;
  }

  /** The latest time an event was applied at (R25); empty before the first, or when not recorded. */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  private static <V> Map<AccountId, V> copy(Map<AccountId, V> map, String argument) {
    Require.notNull(map, argument);
    Map<AccountId, V> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(Require.notNull(k, argument + " key"), Require.notNull(v, argument + " of " + k)));
    return Collections.unmodifiableMap(copy);
  }

  /** Each agent's presence; agents not listed are OFFLINE. Unmodifiable. */
  public Map<AccountId, Presence> presence() {
    return presence;
  }

  /** When each agent's presence last changed, where known. Unmodifiable. */
  public Map<AccountId, Instant> presenceChangedAt() {
    return presenceChangedAt;
  }

  /** The open consultations. Unmodifiable. */
  public List<OpenConsultation> open() {
    return open;
  }

  /** The queue, head first. Unmodifiable. */
  public List<WaitingConsultation> waiting() {
    return waiting;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LiveState s && presence.equals(s.presence) && presenceChangedAt.equals(s.presenceChangedAt)
        && open.equals(s.open) && waiting.equals(s.waiting) && decisions == s.decisions && Objects.equals(time, s.time)
        && openDecisions.equals(s.openDecisions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(presence, presenceChangedAt, open, waiting, decisions, time, openDecisions);
  }

  @Override
  public String toString() {
    return "LiveState[" + presence.size() + " presences, " + open.size() + " open, " + waiting.size() + " waiting, "
        + decisions + " decisions" + (time == null ? "" : ", at " + time) + "]";
  }
}
