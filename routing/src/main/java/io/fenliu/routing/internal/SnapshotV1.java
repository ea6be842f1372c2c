package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusivePermission;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.RecentContact;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.GroupMember;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShareMode;
import io.fenliu.routing.WaitingConsultation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The payload of format version 1: a {@link RouterSnapshot}, field by field, in the primitives of {@link
 * SnapshotOutput}. <strong>Frozen:</strong> bytes of version 1 exist in checkpoints and database rows, and
 * every later release reads them through {@link #read}; a change of layout is a new version beside this one
 * (a {@code SnapshotV2} that {@link SnapshotCodec} writes, while this class stays to read old bytes), never an
 * edit here. The committed golden file {@code routing/src/test/resources/io/fenliu/routing/snapshot-v1.bin}
 * holds this layout.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * shop         id, name, main account id, main account name: strings
 *              sub-accounts: count, each: id, name (strings); status (AccountStatus name);
 *                permissions: count, each an ExclusivePermission name; participates in routing (boolean);
 *                roles: count, each a role name; concurrent limit: presence byte, then int
 * settings     mode (RoutingMode name)
 *              page sets: count, each: EntryPage name; agents: count, each an account id
 *              groups, in order: count, each: name; order statuses: count, each an OrderStatus name;
 *                members, in order: count, each: account id, weight (int)
 *              offline receivers, in order: count, each an account id
 *              recent-agent window (duration); connect to exclusive agent (boolean)
 *              suspended recent window as set: presence byte, then duration (absent: it follows the default,
 *                24 hours or the recent-agent window, whichever is shorter)
 *              share mode (ShareMode name)
 *              page share modes: count, each: EntryPage name, ShareMode name
 *              group share modes: count, each: group name, ShareMode name
 *              max queue wait (duration); max queue length (int)
 * live state   presence: count, each: account id, Presence name
 *              presence changed at: count, each: account id, instant
 *              open consultations: count, each: consultation id, buyer id, agent id, seated at (instant)
 *              waiting consultations, head first: count, each: the consultation — id, buyer id, EntryPage
 *                name, OrderStatus name; arrived at: presence byte, instant; recent contact: presence byte,
 *                agent id, instant; exclusive follower: presence byte, account id — then since (instant)
 *              open decisions (what seated an open consultation): count, each: consultation id, then the
 *                decision — agent: presence byte, account id; step (RoutingStep name); reason, as read
 *                (string); queue position (int, 0 unless QUEUED); repeat (boolean)
 *              decisions (long); time: presence byte, then instant
 * seed         long
 * </pre>
 *
 * Maps and sets are written in their iteration order and read back in it.
 *
 * <h2>What is not in the bytes</h2>
 *
 * {@link RoutingSettings} keeps whether its suspended window was set or follows the default, but does not tell;
 * the writer therefore writes it as set exactly when it differs from the default it would follow (as
 * fenliu-jackson does). The decoded settings equal the original, and decide alike; they differ only if the
 * recent-agent window is later changed through {@link RoutingSettings#toBuilder()} on settings whose window
 * was set to the very value of its default. Router statistics ({@link io.fenliu.routing.RouterStats}) are
 * not state a decision reads (R25) and are not written.
 */
final class SnapshotV1 {
  // The fewest bytes an element of each collection takes: a string or an enum name is at least its 4-byte
  // length, an instant or a duration 12 bytes, a boolean or a presence byte 1. Counts are bounded by them.
  private static final int STRING = 4;
  private static final int INSTANT = 12;
  private static final int SUB_ACCOUNT = STRING + STRING + STRING + 4 + 1 + 4 + 1;
  private static final int PAGE_SET = STRING + 4;
  private static final int GROUP = STRING + 4 + 4;
  private static final int MEMBER = STRING + 4;
  private static final int PAIR = STRING + STRING;
  private static final int TIMED = STRING + INSTANT;
  private static final int OPEN = STRING + STRING + STRING + INSTANT;
  private static final int WAITING = STRING + STRING + STRING + STRING + 1 + 1 + 1 + INSTANT;
  private static final int DECIDED = STRING + 1 + STRING + STRING + 4 + 1;

  private SnapshotV1() {}

  // ---------------------------------------------------------------------------------------------------------
  // Writing

  static void write(SnapshotOutput out, RouterSnapshot s) {
    writeShop(out, s.shop());
    writeSettings(out, s.settings());
    writeLive(out, s.liveState());
    out.int64(s.seed());
  }

  private static void writeShop(SnapshotOutput out, Shop shop) {
    out.string(shop.id().value());
    out.string(shop.name());
    out.string(shop.mainAccount().id().value());
    out.string(shop.mainAccount().name());
    out.count(shop.subAccounts().size());
    for (SubAccount a : shop.subAccounts()) {
      out.string(a.id().value());
      out.string(a.name());
      out.enumValue(a.status());
      out.count(a.permissions().size());
      for (ExclusivePermission p : a.permissions()) {
        out.enumValue(p);
      }
      out.bool(a.participatesInRouting());
      out.count(a.roles().size());
      for (Role r : a.roles()) {
        out.string(r.name());
      }
      out.present(a.concurrentLimit().isPresent());
      if (a.concurrentLimit().isPresent()) {
        out.int32(a.concurrentLimit().getAsInt());
      }
    }
  }

  private static void writeSettings(SnapshotOutput out, RoutingSettings s) {
    out.enumValue(s.mode());
    out.count(s.pageAgents().size());
    for (Map.Entry<EntryPage, Set<AccountId>> e : s.pageAgents().entrySet()) {
      out.enumValue(e.getKey());
      writeIds(out, e.getValue());
    }
    out.count(s.groups().size());
    for (AgentGroup g : s.groups()) {
      out.string(g.name());
      out.count(g.orderStatuses().size());
      for (OrderStatus status : g.orderStatuses()) {
        out.enumValue(status);
      }
      out.count(g.members().size());
      for (GroupMember m : g.members()) {
        out.string(m.agent().value());
        out.int32(m.weight());
      }
    }
    writeIds(out, s.offlineReceivers());
    out.duration(s.recentAgentWindow());
    out.bool(s.connectToExclusiveAgent());
    boolean set = !s.suspendedRecentWindow().equals(defaultSuspendedWindow(s.recentAgentWindow()));
    out.present(set);
    if (set) {
      out.duration(s.suspendedRecentWindow());
    }
    out.enumValue(s.shareMode());
    out.count(s.pageShareModes().size());
    for (Map.Entry<EntryPage, ShareMode> e : s.pageShareModes().entrySet()) {
      out.enumValue(e.getKey());
      out.enumValue(e.getValue());
    }
    out.count(s.groupShareModes().size());
    for (Map.Entry<String, ShareMode> e : s.groupShareModes().entrySet()) {
      out.string(e.getKey());
      out.enumValue(e.getValue());
    }
    out.duration(s.maxQueueWait());
    out.int32(s.maxQueueLength());
  }

  private static void writeIds(SnapshotOutput out, Set<AccountId> ids) {
    out.count(ids.size());
    for (AccountId id : ids) {
      out.string(id.value());
    }
  }

  private static void writeLive(SnapshotOutput out, LiveState live) {
    out.count(live.presence().size());
    for (Map.Entry<AccountId, Presence> e : live.presence().entrySet()) {
      out.string(e.getKey().value());
      out.enumValue(e.getValue());
    }
    out.count(live.presenceChangedAt().size());
    for (Map.Entry<AccountId, Instant> e : live.presenceChangedAt().entrySet()) {
      out.string(e.getKey().value());
      out.instant(e.getValue());
    }
    out.count(live.open().size());
    for (OpenConsultation o : live.open()) {
      out.string(o.id().value());
      out.string(o.buyer().value());
      out.string(o.agent().value());
      out.instant(o.seatedAt());
    }
    out.count(live.waiting().size());
    for (WaitingConsultation w : live.waiting()) {
      Consultation c = w.consultation();
      out.string(c.id().value());
      out.string(c.buyer().value());
      out.enumValue(c.entryPage());
      out.enumValue(c.orderStatus());
      out.present(c.arrivedAt().isPresent());
      c.arrivedAt().ifPresent(out::instant);
      out.present(c.recentContact().isPresent());
      c.recentContact().ifPresent(r -> {
        out.string(r.agent().value());
        out.instant(r.at());
      });
      out.present(c.exclusiveFollower().isPresent());
      c.exclusiveFollower().ifPresent(f -> out.string(f.value()));
      out.instant(w.since());
    }
    out.count(live.openDecisions().size());
    for (Map.Entry<ConsultationId, RoutingDecision> e : live.openDecisions().entrySet()) {
      out.string(e.getKey().value());
      RoutingDecision d = e.getValue();
      out.present(d.agent().isPresent());
      d.agent().ifPresent(a -> out.string(a.value()));
      out.enumValue(d.step());
      out.string(d.reason());
      out.int32(d.queuePosition().orElse(0));
      out.bool(d.isRepeat());
    }
    out.int64(live.decisions());
    out.present(live.time().isPresent());
    live.time().ifPresent(out::instant);
  }

  /** What the suspended window is when not set (see {@link RoutingSettings#suspendedRecentWindow()}). */
  private static Duration defaultSuspendedWindow(Duration recentAgentWindow) {
    Duration d = RoutingSettings.DEFAULT_SUSPENDED_RECENT_WINDOW;
    return d.compareTo(recentAgentWindow) <= 0 ? d : recentAgentWindow;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reading: the same order; every value checked as read, every refusal naming its part and offset

  static RouterSnapshot read(SnapshotInput in, SnapshotCodec.Decisions decisions) {
    Shop shop = readShop(in);
    RoutingSettings settings = readSettings(in);
    LiveState live = readLive(in, decisions);
    in.context("the snapshot");
    long seed = in.int64("seed");
    return RouterSnapshot.of(shop, settings, live, seed);
  }

  private static Shop readShop(SnapshotInput in) {
    in.context("the shop");
    int at = in.offset();
    String id = in.string("shop id");
    String name = in.string("shop name");
    int mainAt = in.offset();
    String mainId = in.string("main account id");
    String mainName = in.string("main account name");
    MainAccount main = in.build(mainAt, "main account", () -> new MainAccount(AccountId.of(mainId), mainName));
    int n = in.count("count of sub-accounts", SUB_ACCOUNT);
    List<SubAccount> subs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      in.context("sub-account " + i);
      subs.add(readSubAccount(in));
    }
    in.context("the shop");
    return in.build(at, "shop", () -> Shop.of(ShopId.of(id), name, main, subs));
  }

  private static SubAccount readSubAccount(SnapshotInput in) {
    int at = in.offset();
    String id = in.string("id");
    String name = in.string("name");
    AccountStatus status = in.enumValue(AccountStatus.class, "status");
    int np = in.count("count of permissions", STRING);
    EnumSet<ExclusivePermission> permissions = EnumSet.noneOf(ExclusivePermission.class);
    for (int i = 0; i < np; i++) {
      int pAt = in.offset();
      ExclusivePermission p = in.enumValue(ExclusivePermission.class, "permission " + i);
      unique(in, permissions.add(p), pAt, "permission " + i, p);
    }
    boolean routing = in.bool("participates in routing");
    int nr = in.count("count of roles", STRING);
    Set<Role> roles = new LinkedHashSet<>();
    for (int i = 0; i < nr; i++) {
      int rAt = in.offset();
      String role = in.string("role " + i);
      Role r = in.build(rAt, "role " + i, () -> Role.of(role));
      unique(in, roles.add(r), rAt, "role " + i, role);
    }
    OptionalInt limit = in.present("concurrent limit") ? OptionalInt.of(in.int32("concurrent limit"))
        : OptionalInt.empty();
    return in.build(at, "sub-account", () -> new SubAccount(AccountId.of(id), name, status, permissions, routing,
        roles, limit));
  }

  private static RoutingSettings readSettings(SnapshotInput in) {
    in.context("the settings");
    int at = in.offset();
    RoutingSettings.Builder b = RoutingSettings.builder();
    RoutingMode mode = in.enumValue(RoutingMode.class, "mode");
    b.mode(mode);
    int pages = in.count("count of page sets", PAGE_SET);
    Set<EntryPage> seenPages = EnumSet.noneOf(EntryPage.class);
    for (int i = 0; i < pages; i++) {
      in.context("page set " + i);
      int pAt = in.offset();
      EntryPage page = in.enumValue(EntryPage.class, "page");
      unique(in, seenPages.add(page), pAt, "page", page);
      int idsAt = in.offset();
      Set<AccountId> ids = readIds(in, "agents");
      if (ids.isEmpty()) {
        throw in.corrupt(idsAt, "agents", "a page set with no agent (an unset page is not written)");
      }
      in.build(pAt, "page set", () -> b.page(page, ids));
    }
    int groups = in.count("count of groups", GROUP);
    Set<String> groupNames = new HashSet<>();
    for (int i = 0; i < groups; i++) {
      in.context("group " + i);
      int gAt = in.offset();
      AgentGroup g = readGroup(in);
      unique(in, groupNames.add(g.name()), gAt, "name", g.name());
      in.build(gAt, "group", () -> b.group(g));
    }
    in.context("the settings");
    int rAt = in.offset();
    Set<AccountId> receivers = readIds(in, "offline receivers");
    in.build(rAt, "offline receivers", () -> b.offlineReceivers(receivers));
    int wAt = in.offset();
    Duration window = in.duration("recent agent window");
    in.build(wAt, "recent agent window", () -> b.recentAgentWindow(window));
    b.connectToExclusiveAgent(in.bool("connect to exclusive agent"));
    if (in.present("suspended recent window")) {
      int sAt = in.offset();
      Duration suspended = in.duration("suspended recent window");
      in.build(sAt, "suspended recent window", () -> b.suspendedRecentWindow(suspended));
    }
    b.shareMode(in.enumValue(ShareMode.class, "share mode"));
    int pageModes = in.count("count of page share modes", PAIR);
    Set<EntryPage> modePages = EnumSet.noneOf(EntryPage.class);
    for (int i = 0; i < pageModes; i++) {
      int pAt = in.offset();
      EntryPage page = in.enumValue(EntryPage.class, "page of page share mode " + i);
      unique(in, modePages.add(page), pAt, "page of page share mode " + i, page);
      b.shareMode(page, in.enumValue(ShareMode.class, "page share mode " + i));
    }
    int groupModes = in.count("count of group share modes", PAIR);
    Set<String> modeGroups = new HashSet<>();
    for (int i = 0; i < groupModes; i++) {
      int gAt = in.offset();
      String group = in.string("group of group share mode " + i);
      unique(in, modeGroups.add(group), gAt, "group of group share mode " + i, group);
      ShareMode shareMode = in.enumValue(ShareMode.class, "group share mode " + i);
      in.build(gAt, "group share mode " + i, () -> b.shareMode(group, shareMode));
    }
    int qAt = in.offset();
    Duration maxWait = in.duration("max queue wait");
    in.build(qAt, "max queue wait", () -> b.maxQueueWait(maxWait));
    int lAt = in.offset();
    int maxLength = in.int32("max queue length");
    in.build(lAt, "max queue length", () -> b.maxQueueLength(maxLength));
    return in.build(at, "settings", b::build);
  }

  private static AgentGroup readGroup(SnapshotInput in) {
    int at = in.offset();
    String name = in.string("name");
    int ns = in.count("count of order statuses", STRING);
    EnumSet<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
    for (int i = 0; i < ns; i++) {
      int sAt = in.offset();
      OrderStatus s = in.enumValue(OrderStatus.class, "order status " + i);
      unique(in, statuses.add(s), sAt, "order status " + i, s);
    }
    int nm = in.count("count of members", MEMBER);
    List<GroupMember> members = new ArrayList<>(nm);
    for (int i = 0; i < nm; i++) {
      int mAt = in.offset();
      String agent = in.string("agent of member " + i);
      int weight = in.int32("weight of member " + i);
      members.add(in.build(mAt, "member " + i, () -> new GroupMember(AccountId.of(agent), weight)));
    }
    return in.build(at, "group", () -> new AgentGroup(name, statuses, members));
  }

  private static Set<AccountId> readIds(SnapshotInput in, String what) {
    int n = in.count("count of " + what, STRING);
    Set<AccountId> ids = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      int at = in.offset();
      AccountId id = accountId(in, what + " " + i);
      unique(in, ids.add(id), at, what + " " + i, id);
    }
    return ids;
  }

  private static LiveState readLive(SnapshotInput in, SnapshotCodec.Decisions factory) {
    in.context("the live state");
    int at = in.offset();
    int np = in.count("count of presences", PAIR);
    Map<AccountId, Presence> presence = new LinkedHashMap<>();
    for (int i = 0; i < np; i++) {
      int pAt = in.offset();
      AccountId agent = accountId(in, "agent of presence " + i);
      Presence p = in.enumValue(Presence.class, "presence " + i);
      unique(in, presence.put(agent, p) == null, pAt, "agent of presence " + i, agent);
    }
    int nt = in.count("count of presence times", TIMED);
    Map<AccountId, Instant> changedAt = new LinkedHashMap<>();
    for (int i = 0; i < nt; i++) {
      int tAt = in.offset();
      AccountId agent = accountId(in, "agent of presence time " + i);
      Instant t = in.instant("presence time " + i);
      unique(in, changedAt.put(agent, t) == null, tAt, "agent of presence time " + i, agent);
    }
    int no = in.count("count of open consultations", OPEN);
    List<OpenConsultation> open = new ArrayList<>(no);
    for (int i = 0; i < no; i++) {
      in.context("open consultation " + i);
      int oAt = in.offset();
      String id = in.string("id");
      String buyer = in.string("buyer");
      String agent = in.string("agent");
      Instant seatedAt = in.instant("seated at");
      open.add(in.build(oAt, "open consultation", () -> new OpenConsultation(ConsultationId.of(id),
          BuyerId.of(buyer), AccountId.of(agent), seatedAt)));
    }
    in.context("the live state");
    int nw = in.count("count of waiting consultations", WAITING);
    List<WaitingConsultation> waiting = new ArrayList<>(nw);
    for (int i = 0; i < nw; i++) {
      in.context("waiting consultation " + i);
      waiting.add(readWaiting(in));
    }
    in.context("the live state");
    int odAt = in.offset();
    int nd = in.count("count of open decisions", DECIDED);
    Map<ConsultationId, RoutingDecision> decided = new LinkedHashMap<>();
    for (int i = 0; i < nd; i++) {
      in.context("open decision " + i);
      int kAt = in.offset();
      String id = in.string("consultation id");
      ConsultationId key = in.build(kAt, "consultation id", () -> ConsultationId.of(id));
      RoutingDecision d = readDecision(in, factory);
      unique(in, decided.put(key, d) == null, kAt, "consultation id", key);
    }
    in.context("the live state");
    int dAt = in.offset();
    long decisions = in.int64("decisions");
    Optional<Instant> time = in.present("time") ? Optional.of(in.instant("time")) : Optional.empty();
    LiveState base = in.build(at, "live state", () -> LiveState.of(presence, changedAt, open, waiting));
    LiveState withDecided = in.build(odAt, "open decisions", () -> base.withOpenDecisions(decided));
    LiveState counted = in.build(dAt, "decisions", () -> withDecided.withDecisions(decisions));
    return time.map(counted::withTime).orElse(counted);
  }

  private static RoutingDecision readDecision(SnapshotInput in, SnapshotCodec.Decisions factory) {
    int at = in.offset();
    Optional<AccountId> agent = in.present("agent") ? Optional.of(accountId(in, "agent")) : Optional.empty();
    RoutingStep step = in.enumValue(RoutingStep.class, "step");
    String reason = in.string("reason");
    int position = in.int32("queue position");
    boolean repeat = in.bool("repeat");
    return in.build(at, "decision", () -> factory.decision(agent, step, reason, position, repeat));
  }

  private static WaitingConsultation readWaiting(SnapshotInput in) {
    int at = in.offset();
    String id = in.string("id");
    String buyer = in.string("buyer");
    EntryPage page = in.enumValue(EntryPage.class, "entry page");
    OrderStatus status = in.enumValue(OrderStatus.class, "order status");
    Optional<Instant> arrived = in.present("arrived at") ? Optional.of(in.instant("arrived at")) : Optional.empty();
    Optional<RecentContact> recent = Optional.empty();
    if (in.present("recent contact")) {
      int rAt = in.offset();
      AccountId agent = accountId(in, "recent contact's agent");
      Instant when = in.instant("recent contact's time");
      recent = Optional.of(in.build(rAt, "recent contact", () -> new RecentContact(agent, when)));
    }
    Optional<AccountId> follower = in.present("exclusive follower")
        ? Optional.of(accountId(in, "exclusive follower")) : Optional.empty();
    Instant since = in.instant("waiting since");
    Optional<RecentContact> r = recent;
    Consultation c = in.build(at, "consultation", () -> new Consultation(ConsultationId.of(id), BuyerId.of(buyer),
        page, status, arrived, r, follower));
    return in.build(at, "waiting consultation", () -> new WaitingConsultation(c, since));
  }

  private static AccountId accountId(SnapshotInput in, String what) {
    int at = in.offset();
    String value = in.string(what);
    return in.build(at, what, () -> AccountId.of(value));
  }

  /** Refuses an element written twice: the writer writes each once, so a repeat is corruption. */
  private static void unique(SnapshotInput in, boolean added, int at, String what, Object value) {
    if (!added) {
      throw in.corrupt(at, what, "'" + value + "' is written twice");
    }
  }
}
