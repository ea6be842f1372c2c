package io.fenliu.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent sequential model of the routing rules, written from docs/RULES.md (R14, R16–R22, R25) and the
 * public Javadoc of {@link Router}, {@link RoutingDecision} and {@link ShopEvent} — not from the engine: it uses
 * no class of the engine, only maps, lists and {@link Instant}s, and it was written without reading {@code
 * RouterCore} or {@code WaitingLine}. {@link RouterIsLinearizableAgainstTheRulesModelTest} uses it as Lincheck's
 * sequential specification, so a rule the router gets wrong in every interleaving is caught too.
 *
 * <h2>The shop it models</h2>
 *
 * Advanced routing (R12–R14) with group g1 = {a} bound to NO_ORDER, group g2 = {b} bound to SHIPPED, and c in no
 * group and the only offline-message receiver (R16). a and b hold an exclusive permission (so they can be
 * healthy exclusive followers, R1, R18); c does not. Limits start at a 1, b 2, c 1 (R20); the queue holds at
 * most 2 (R22) and a consultation waits at most {@link #MAX_WAIT}; R18's window is 3 days and R21's 24 hours.
 * a and b start ONLINE, dated at the clock's instant {@link #T0}; c starts OFFLINE.
 *
 * <p>Every tier (R14) has exactly one member and there is one receiver, and the consultations carry only bound
 * order statuses, so no decision depends on a random draw (R13, R16): the model needs no sampler and its outcomes
 * compare with the router's by value.
 *
 * <h2>Time (R25)</h2>
 *
 * The shop's time is the latest time an event was applied at; it starts at {@link #T0}, the fixed clock's
 * instant, so an event that states no time is applied at the shop's time, and one dated earlier is applied as of
 * the shop's time. Before anything else, an event lets every waiting consultation whose deadline (arrival plus
 * {@link #MAX_WAIT}) is not after the event's time leave the queue for the receivers, in queue order, as of its
 * deadline: having waited exactly the maximum. A presence change is ordered against the agent's last one by the
 * time it states (R21), the clock's instant when it states none: an older one is ignored.
 *
 * <h2>Choices where the rules leave room</h2>
 *
 * <ul>
 *   <li>The queue (R22) is drained after every change, in queue order, seating each waiting consultation R18's
 *       steps can now place; a waiting consultation that could now only go to the receivers stays until its
 *       deadline. Draining after every change is the rule's invariant ("no later consultation takes a seat an
 *       earlier one could have taken") without a list of which changes free a seat.
 *   <li>A repeated id (R20) gets its current outcome: the decision that seated it, or QUEUED at its current
 *       place.
 *   <li>A host's seat (R20) is refused for an agent that is not ACTIVE (R17) before anything else; seating an id
 *       with the agent that holds it changes nothing, even at the limit; otherwise a full agent refuses (R20).
 *       Presence does not matter. A restore seats whatever the status and the limit.
 *   <li>A restore's report lists, among the agents it touched (the one restored to, the one a moved seat left),
 *       those holding more seats than their limit.
 * </ul>
 *
 * <h2>Encodings shared with the test</h2>
 *
 * Operations take small ints: {@code k} 0–3 names consultation {@code k<k>} of buyer {@code b<k>}; {@code
 * status} 0–1 an order status ({@link #STATUSES}); {@code contact} 0–5 the recent contact a consultation
 * states ({@link #CONTACT_AGENTS}); {@code follower} 0–3 none or an exclusive follower among a, b, c; {@code
 * agent} 0–2 one of {@link #IDS}; {@code p} 0–2 ONLINE, SUSPENDED, OFFLINE; {@code t} 0–3 one of {@link
 * #TIMES}; {@code acct} 0–2 an account change ({@link #ACCOUNT_LIMITS}); {@code set} 0–3 a settings change
 * ({@link #maxQueueLengthOf}, {@link #connectDirectlyOf}). Results are the strings of {@link #decision}, {@link
 * #exit} and the test's own formatting of {@link Applied}, so Lincheck compares them by value.
 */
public final class RulesModel {
  /** The fixed clock's instant, and the shop's time before any event. */
  static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");
  /** The maximum wait in the queue (R22). */
  static final Duration MAX_WAIT = Duration.ofMinutes(10);
  /** R18's window. */
  static final Duration RECENT_WINDOW = Duration.ofDays(3);
  /** R21's shorter window for suspended agents. */
  static final Duration SUSPENDED_WINDOW = Duration.ofHours(24);
  /** The agents, in roster order. */
  static final String[] IDS = {"a", "b", "c"};
  /** Their limits at the start (R20). */
  static final int[] LIMITS = {1, 2, 1};
  /** The order statuses consultations carry: each is bound to a group of one (R12). */
  static final String[] STATUSES = {"NO_ORDER", "SHIPPED"};
  /** The instants dated events state: crossing the 10-minute deadlines of consultations queued at any of them. */
  static final Instant[] TIMES = {T0, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(10)),
      T0.plus(Duration.ofMinutes(15))};
  /**
   * Recent contacts (R18, R21): none; with a, b or c an hour before T0 (within both windows); with a or b 30 hours
   * before T0 (within R18's 3 days, outside R21's 24 hours).
   */
  static final String[] CONTACT_AGENTS = {"", "a", "b", "c", "a", "b"};
  /** When each contact of {@link #CONTACT_AGENTS} took place. */
  static final Instant[] CONTACT_TIMES = {T0, T0.minus(Duration.ofHours(1)), T0.minus(Duration.ofHours(1)),
      T0.minus(Duration.ofHours(1)), T0.minus(Duration.ofHours(30)), T0.minus(Duration.ofHours(30))};
  /** The account changes: limit 1, limit 2, FROZEN with limit 1 (R17, R20). */
  static final int[] ACCOUNT_LIMITS = {1, 2, 1};
  /** Whether each account change of {@link #ACCOUNT_LIMITS} leaves the account ACTIVE. */
  static final boolean[] ACCOUNT_ACTIVE = {true, true, false};

  private static final String ONLINE = "ONLINE";
  private static final String SUSPENDED = "SUSPENDED";
  private static final String[] PRESENCES = {ONLINE, SUSPENDED, "OFFLINE"};

  /** An account as the rules read it (R17, R20). */
  private static final class Account {
    int limit;
    boolean active = true;
    final boolean exclusive;

    Account(int limit, boolean exclusive) {
      this.limit = limit;
      this.exclusive = exclusive;
    }
  }

  /** What a consultation states: buyer, order status, recent contact, exclusive follower, arrival. */
  private record Facts(String id, String status, String contactAgent, Instant contactAt, String follower,
      Instant arrival) {}

  /** A decision: the agent ("-" for none), the step, and for receiver steps why (none online, full, expired). */
  private record Decision(String agent, String step, String cause) {
    boolean holdsSeat() {
      return !step.startsWith("QUEUED") && !step.equals("OFFLINE_RECEIVER") && !step.equals("NO_AGENT");
    }
  }

  private final Map<String, Account> roster = new LinkedHashMap<>();
  private final Map<String, String> presence = new HashMap<>();
  private final Map<String, Instant> presenceAt = new HashMap<>();
  /** Open consultations (R20): id → the decision that seated it (its agent holds the seat). */
  private final Map<String, Decision> open = new LinkedHashMap<>();
  /** The queue, oldest first (R22). */
  private final List<Facts> queue = new ArrayList<>();
  private Instant time = T0;
  private int maxQueueLength = 2;
  private boolean connectDirectly;

  /** The shop at the start; see the class comment. */
  public RulesModel() {
    for (int i = 0; i < IDS.length; i++) {
      roster.put(IDS[i], new Account(LIMITS[i], !IDS[i].equals("c")));
      presence.put(IDS[i], "OFFLINE");
    }
    presence.put("a", ONLINE);
    presence.put("b", ONLINE);
    presenceAt.put("a", T0);
    presenceAt.put("b", T0);
  }

  /** The settings change {@code set} sets this maximum queue length (R22). */
  static int maxQueueLengthOf(int set) {
    return 1 + (set & 1);
  }

  /** The settings change {@code set} turns "connect directly to the exclusive agent" on or off (R18). */
  static boolean connectDirectlyOf(int set) {
    return set >= 2;
  }

  // ---- the operations, with the test's signatures ----

  public String route(int k, int status, int contact, int follower) {
    Facts f = facts(k, status, contact, follower);
    List<String> exits = new ArrayList<>();
    advance(time, exits);
    Decision d = decideOrRepeat(f);
    if (!d.cause.equals("repeat")) {
      commit(f, d);
    }
    return show(d);
  }

  public String preview(int k, int status, int contact, int follower) {
    return show(decideOrRepeat(facts(k, status, contact, follower)));
  }

  public String end(int k) {
    String id = "k" + k;
    List<String> exits = new ArrayList<>();
    advance(time, exits);
    String result;
    Decision seated = open.remove(id);
    if (seated != null) {
      result = "ENDED/" + seated.agent;
      drain(exits);
    } else if (queue.removeIf(w -> w.id.equals(id))) {
      result = "WITHDRAWN";
    } else {
      result = "NOT_OPEN";
    }
    return result + exits(exits);
  }

  public String seat(int k, int agent) {
    String id = "k" + k;
    String to = IDS[agent];
    List<String> exits = new ArrayList<>();
    advance(time, exits);
    Account acc = account(to);
    if (!acc.active) {
      return "refused:R17" + exits(exits);
    }
    Decision held = open.get(id);
    if (held != null && held.agent.equals(to)) {
      return "prev=" + to + " same" + exits(exits);
    }
    if (seats(to) >= acc.limit) {
      return "refused:R20" + exits(exits);
    }
    queue.removeIf(w -> w.id.equals(id));
    open.put(id, new Decision(to, "ASSIGNED_BY_HOST", ""));
    drain(exits);
    return "prev=" + (held == null ? "-" : held.agent) + " changed" + exits(exits);
  }

  public String restore(int k, int agent) {
    String id = "k" + k;
    String to = IDS[agent];
    List<String> exits = new ArrayList<>();
    advance(time, exits);
    queue.removeIf(w -> w.id.equals(id));
    Decision before = open.put(id, new Decision(to, "ASSIGNED_BY_HOST", ""));
    drain(exits);
    // RestoreReport: the agents the restore touched (the one restored to, the one a moved seat left) that hold
    // more seats than their limit.
    StringBuilder over = new StringBuilder();
    for (String who : IDS) {
      int held = seats(who);
      boolean touched = who.equals(to) || (before != null && who.equals(before.agent));
      if (touched && held > account(who).limit) {
        over.append(who).append('=').append(held);
      }
    }
    return "restored=1 over={" + over + "}" + exits(exits);
  }

  public String withdraw(int k) {
    String id = "k" + k;
    List<String> exits = new ArrayList<>();
    advance(time, exits);
    boolean was = queue.removeIf(w -> w.id.equals(id));
    return (was ? "changed" : "same") + exits(exits);
  }

  public String expiry(int t) {
    List<String> exits = new ArrayList<>();
    advance(later(TIMES[t]), exits);
    return (exits.isEmpty() ? "same" : "changed") + exits(exits);
  }

  public String timedPresence(int agent, int p, int t) {
    return presence(agent, p, TIMES[t]);
  }

  public String untimedPresence(int agent, int p) {
    return presence(agent, p, T0);
  }

  private String presence(int agent, int p, Instant stated) {
    String who = IDS[agent];
    List<String> exits = new ArrayList<>();
    advance(later(stated), exits);
    Instant last = presenceAt.get(who);
    if (last != null && stated.isBefore(last)) {
      return "same" + exits(exits); // R21: older than the agent's last change
    }
    presence.put(who, PRESENCES[p]);
    presenceAt.put(who, stated);
    drain(exits);
    return "changed" + exits(exits);
  }

  public String account(int agent, int acct) {
    List<String> exits = new ArrayList<>();
    advance(time, exits);
    Account a = account(IDS[agent]);
    a.limit = ACCOUNT_LIMITS[acct];
    a.active = ACCOUNT_ACTIVE[acct];
    drain(exits);
    return "changed" + exits(exits);
  }

  public String settings(int set) {
    List<String> exits = new ArrayList<>();
    advance(time, exits);
    maxQueueLength = maxQueueLengthOf(set);
    connectDirectly = connectDirectlyOf(set);
    drain(exits);
    return "changed" + exits(exits);
  }

  public int queueLength() {
    return queue.size();
  }

  public int seatsHeld(int agent) {
    return seats(IDS[agent]);
  }

  // ---- the rules ----

  private Facts facts(int k, int status, int contact, int follower) {
    return new Facts("k" + k, STATUSES[status], CONTACT_AGENTS[contact], CONTACT_TIMES[contact],
        follower == 0 ? "" : IDS[follower - 1], time);
  }

  /** R25: time never goes back; an event dated earlier is applied as of the shop's time. */
  private Instant later(Instant stated) {
    return stated.isAfter(time) ? stated : time;
  }

  /**
   * R22, R25: lets every consultation due by {@code now} leave for the receivers, as of its deadline and in queue
   * order, then makes {@code now} the shop's time.
   */
  private void advance(Instant now, List<String> exits) {
    while (!queue.isEmpty() && !queue.get(0).arrival.plus(MAX_WAIT).isAfter(now)) {
      Facts due = queue.remove(0);
      exits.add(exit(due.id, receiver("expired"), MAX_WAIT));
    }
    time = now;
  }

  /** R22: in queue order, every waiting consultation R18's steps can now seat is seated. */
  private void drain(List<String> exits) {
    for (int i = 0; i < queue.size(); ) {
      Facts w = queue.get(i);
      Decision d = decide(w, true);
      if (d.holdsSeat()) {
        queue.remove(i);
        open.put(w.id, d);
        exits.add(exit(w.id, d, Duration.between(w.arrival, time)));
      } else {
        i++;
      }
    }
  }

  /** R20, R22: an open or waiting id gets its current outcome as a repeat; any other is decided. */
  private Decision decideOrRepeat(Facts f) {
    Decision seated = open.get(f.id);
    if (seated != null) {
      return new Decision(seated.agent, seated.step, "repeat");
    }
    for (int i = 0; i < queue.size(); i++) {
      if (queue.get(i).id.equals(f.id)) {
        return new Decision("-", "QUEUED#" + (i + 1), "repeat");
      }
    }
    return decide(f, false);
  }

  private void commit(Facts f, Decision d) {
    if (d.holdsSeat()) {
      open.put(f.id, d);
    } else if (d.step.startsWith("QUEUED")) {
      queue.add(f);
    }
  }

  /**
   * R18's order of steps for {@code f} at the shop's time. {@code waiting}: f is already in the queue, so only a
   * seat counts (it stays queued otherwise).
   */
  private Decision decide(Facts f, boolean waiting) {
    // R18, R21: the recent agent, within the window before the arrival; a suspended one within the shorter one.
    String recent = f.contactAgent;
    if (!recent.isEmpty() && routable(recent) && free(recent) && !f.contactAt.isAfter(f.arrival)) {
      Duration ago = Duration.between(f.contactAt, f.arrival);
      String p = presence.get(recent);
      if ((p.equals(ONLINE) && ago.compareTo(RECENT_WINDOW) <= 0)
          || (p.equals(SUSPENDED) && ago.compareTo(SUSPENDED_WINDOW) <= 0)) {
        return new Decision(recent, "RECENT_AGENT", "");
      }
    }
    // R18: the healthy exclusive follower (R1: ACTIVE, exclusive, routing), online with a free seat.
    String fol = f.follower;
    if (connectDirectly && !fol.isEmpty() && account(fol).exclusive && available(fol)) {
      return new Decision(fol, "EXCLUSIVE_FOLLOWER", "");
    }
    // R14: the matched group, the other groups, the ungrouped agents.
    String matched = f.status.equals("NO_ORDER") ? "a" : "b";
    String other = matched.equals("a") ? "b" : "a";
    if (available(matched)) {
      return new Decision(matched, "MATCHED_GROUP", "");
    }
    if (available(other)) {
      return new Decision(other, "OTHER_GROUP", "");
    }
    if (available("c")) {
      return new Decision("c", "UNGROUPED", "");
    }
    // R18: any online eligible agent (none left in this shop, where every agent is in a tier).
    for (String id : IDS) {
      if (available(id)) {
        return new Decision(id, "ANY_ONLINE", "");
      }
    }
    // R22: someone eligible is ONLINE but at its limit: wait, unless the queue is full. R16, R21: else receivers.
    boolean someoneOnline = false;
    for (String id : IDS) {
      someoneOnline |= routable(id) && presence.get(id).equals(ONLINE);
    }
    if (someoneOnline) {
      if (waiting) {
        return new Decision("-", "QUEUED", "");
      }
      return queue.size() < maxQueueLength ? new Decision("-", "QUEUED#" + (queue.size() + 1), "")
          : receiver("full");
    }
    return receiver("none-online");
  }

  /** R16: the receiver c, whatever its presence and seats, if ACTIVE and routing; else nobody. */
  private Decision receiver(String cause) {
    return routable("c") ? new Decision("c", "OFFLINE_RECEIVER", cause) : new Decision("-", "NO_AGENT", cause);
  }

  /** R17 without presence: ACTIVE and routing (every agent here routes). */
  private boolean routable(String id) {
    return account(id).active;
  }

  /** R17, R20: eligible, ONLINE and under its limit. */
  private boolean available(String id) {
    return routable(id) && presence.get(id).equals(ONLINE) && free(id);
  }

  private boolean free(String id) {
    return seats(id) < account(id).limit;
  }

  private int seats(String id) {
    int n = 0;
    for (Decision d : open.values()) {
      if (d.agent.equals(id)) {
        n++;
      }
    }
    return n;
  }

  private Account account(String id) {
    Account a = roster.get(id);
    if (a == null) {
      throw new IllegalStateException("not on the roster: " + id);
    }
    return a;
  }

  // ---- the results as strings, as the test formats the router's ----

  /** agent/step[/repeat][#position][:cause], e.g. {@code a/MATCHED_GROUP}, {@code -/QUEUED#2}. */
  private static String show(Decision d) {
    String step = d.step;
    String position = "";
    int hash = step.indexOf('#');
    if (hash >= 0) {
      position = step.substring(hash);
      step = step.substring(0, hash);
    }
    boolean repeat = d.cause.equals("repeat");
    String cause = repeat || d.cause.isEmpty() ? "" : ":" + d.cause;
    return decision(d.agent, step, repeat, position, cause);
  }

  static String decision(String agent, String step, boolean repeat, String position, String cause) {
    return agent + "/" + step + (repeat ? "/repeat" : "") + position + cause;
  }

  private static String exit(String id, Decision d, Duration waited) {
    return exit(id, show(d), waited);
  }

  static String exit(String id, String decision, Duration waited) {
    return " +" + id + ":" + decision + "@" + waited.toSeconds() + "s";
  }

  private static String exits(List<String> exits) {
    return String.join("", exits);
  }
}
