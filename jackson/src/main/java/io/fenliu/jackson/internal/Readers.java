package io.fenliu.jackson.internal;

import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.InvitationSettings;
import io.fenliu.anomaly.Selection;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusivePermission;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.RecentContact;
import io.fenliu.core.Role;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.Applied;
import io.fenliu.routing.GroupMember;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareMode;
import io.fenliu.routing.ShopEvent;
import io.fenliu.routing.WaitingConsultation;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads each input value from a tree, only through the library's public factories and builders, so that every
 * rule is checked by the library and nothing here restates one. The shape is the one {@link Writers} writes and
 * {@code jackson/README.md} documents.
 *
 * <p>A field is required exactly when the library's factory takes it as an argument; every other field is
 * optional and defaults to what the library's builder defaults to. A failing factory is blamed on the field only
 * it checks (a weight out of range on {@code weight}, a duplicate agent on the member), otherwise on the object.
 */
final class Readers {
  private Readers() {}

  // ---- core ----------------------------------------------------------------------------------------------------

  static AccountId accountId(In in) {
    String text = in.text();
    return in.build(AccountId.class, () -> AccountId.of(text));
  }

  static BuyerId buyerId(In in) {
    String text = in.text();
    return in.build(BuyerId.class, () -> BuyerId.of(text));
  }

  static ShopId shopId(In in) {
    String text = in.text();
    return in.build(ShopId.class, () -> ShopId.of(text));
  }

  static ConsultationId consultationId(In in) {
    String text = in.text();
    return in.build(ConsultationId.class, () -> ConsultationId.of(text));
  }

  static Role role(In in) {
    String text = in.text();
    return in.build(Role.class, () -> Role.of(text));
  }

  static MainAccount mainAccount(In in) {
    in.object(MainAccount.class, "id", "name");
    AccountId id = accountId(in.required("id", MainAccount.class));
    String name = in.required("name", MainAccount.class).text();
    return in.buildField("name", MainAccount.class, () -> new MainAccount(id, name));
  }

  static SubAccount subAccount(In in) {
    in.object(SubAccount.class, "id", "name", "status", "permissions", "participatesInRouting", "roles",
        "concurrentLimit");
    AccountId id = accountId(in.required("id", SubAccount.class));
    String name = in.required("name", SubAccount.class).text();
    Optional<AccountStatus> status = in.optional("status").map(s -> s.enumValue(AccountStatus.class));
    List<ExclusivePermission> permissions = in.optional("permissions")
        .map(p -> p.list(e -> e.enumValue(ExclusivePermission.class))).orElse(List.of());
    Optional<Boolean> routing = in.optional("participatesInRouting").map(In::bool);
    List<Role> roles = in.optional("roles").map(r -> r.list(Readers::role)).orElse(List.of());
    Optional<In> limitNode = in.optional("concurrentLimit");
    limitNode.ifPresent(In::intValue);
    SubAccount.Builder b = in.buildField("name", SubAccount.class, () -> SubAccount.builder(id, name));
    status.ifPresent(b::status);
    b.permissions(permissions.toArray(new ExclusivePermission[0]));
    routing.ifPresent(b::participatesInRouting);
    b.roles(roles);
    // The limit is checked by the builder (at least 1, R20), blamed on the field.
    limitNode.ifPresent(l -> {
      int limit = l.intValue();
      l.build(SubAccount.class, () -> b.concurrentLimit(limit));
    });
    return in.build(SubAccount.class, b::build);
  }

  static Shop shop(In in) {
    in.object(Shop.class, "id", "name", "mainAccount", "subAccounts");
    ShopId id = shopId(in.required("id", Shop.class));
    String name = in.required("name", Shop.class).text();
    MainAccount main = mainAccount(in.required("mainAccount", Shop.class));
    In subsNode = in.required("subAccounts", Shop.class);
    List<SubAccount> subs = subsNode.list(Readers::subAccount);
    // Shop.of checks the name (blank) and the roster (duplicate ids, the main account listed as a sub-account).
    if (name.isBlank()) {
      return in.buildField("name", Shop.class, () -> Shop.of(id, name, main, subs));
    }
    return subsNode.build(Shop.class, () -> Shop.of(id, name, main, subs));
  }

  static RecentContact recentContact(In in) {
    in.object(RecentContact.class, "agent", "at");
    AccountId agent = accountId(in.required("agent", RecentContact.class));
    Instant at = in.required("at", RecentContact.class).instant();
    return in.build(RecentContact.class, () -> new RecentContact(agent, at));
  }

  static ExclusiveRelationship relationship(In in) {
    in.object(ExclusiveRelationship.class, "buyer", "follower", "version");
    BuyerId buyer = buyerId(in.required("buyer", ExclusiveRelationship.class));
    Optional<AccountId> follower = in.optional("follower").map(Readers::accountId);
    long version = in.optional("version").map(In::longValue).orElse(0L);
    return in.buildField("version", ExclusiveRelationship.class,
        () -> new ExclusiveRelationship(buyer, follower, version));
  }

  static Consultation consultation(In in) {
    in.object(Consultation.class, "id", "buyer", "entryPage", "orderStatus", "arrivedAt", "recentContact",
        "exclusiveFollower");
    ConsultationId id = consultationId(in.required("id", Consultation.class));
    BuyerId buyer = buyerId(in.required("buyer", Consultation.class));
    EntryPage page = in.required("entryPage", Consultation.class).enumValue(EntryPage.class);
    OrderStatus status = in.required("orderStatus", Consultation.class).enumValue(OrderStatus.class);
    Optional<Instant> arrivedAt = in.optional("arrivedAt").map(In::instant);
    Optional<RecentContact> recent = in.optional("recentContact").map(Readers::recentContact);
    Optional<AccountId> follower = in.optional("exclusiveFollower").map(Readers::accountId);
    return in.build(Consultation.class, () -> new Consultation(id, buyer, page, status, arrivedAt, recent, follower));
  }

  // ---- routing -------------------------------------------------------------------------------------------------

  static GroupMember groupMember(In in) {
    in.object(GroupMember.class, "agent", "weight");
    AccountId agent = accountId(in.required("agent", GroupMember.class));
    int weight = in.required("weight", GroupMember.class).intValue();
    // The agent is already a valid id: the weight's range (R13) is all the constructor has left to check.
    return in.buildField("weight", GroupMember.class, () -> new GroupMember(agent, weight));
  }

  static AgentGroup agentGroup(In in) {
    in.object(AgentGroup.class, "name", "orderStatuses", "members");
    String name = in.required("name", AgentGroup.class).text();
    List<OrderStatus> statuses = in.optional("orderStatuses")
        .map(s -> s.list(e -> e.enumValue(OrderStatus.class))).orElse(List.of());
    AgentGroup.Builder b = in.buildField("name", AgentGroup.class, () -> AgentGroup.builder(name));
    b.boundTo(statuses.toArray(new OrderStatus[0]));
    in.optional("members").ifPresent(members -> members.list(m -> {
      GroupMember member = groupMember(m);
      // A second entry for the same agent is refused here (R13), blamed on that entry.
      return m.build(AgentGroup.class, () -> b.member(member.agent(), member.weight()));
    }));
    return in.build(AgentGroup.class, b::build);
  }

  static RoutingSettings routingSettings(In in) {
    in.object(RoutingSettings.class, "mode", "pageAgents", "groups", "offlineReceivers", "recentAgentWindow",
        "suspendedRecentWindow", "connectToExclusiveAgent", "shareMode", "pageShareModes", "groupShareModes",
        "maxQueueWait", "maxQueueLength");
    RoutingSettings.Builder b = RoutingSettings.builder();
    in.optional("mode").map(m -> m.enumValue(RoutingMode.class)).ifPresent(b::mode);
    in.optional("pageAgents").ifPresent(pages -> pages.map(k -> k.enumValue(EntryPage.class), v -> v)
        .forEach((page, agents) -> {
          List<AccountId> ids = agents.list(Readers::accountId);
          agents.build(RoutingSettings.class, () -> b.page(page, ids));
        }));
    in.optional("groups").ifPresent(groups -> groups.list(g -> {
      AgentGroup group = agentGroup(g);
      // A status bound to two groups is refused here (R12), blamed on the second group.
      return g.build(RoutingSettings.class, () -> b.group(group));
    }));
    in.optional("offlineReceivers").ifPresent(r -> {
      List<AccountId> ids = r.list(Readers::accountId);
      r.build(RoutingSettings.class, () -> b.offlineReceivers(ids));
    });
    Optional<Duration> window = in.optional("recentAgentWindow").map(w -> {
      Duration d = w.duration();
      return w.build(RoutingSettings.class, () -> {
        b.recentAgentWindow(d);
        return d;
      });
    });
    in.optional("suspendedRecentWindow").ifPresent(w -> {
      Duration d = w.duration();
      Duration recent = window.orElse(RoutingSettings.DEFAULT_RECENT_AGENT_WINDOW);
      Duration defaulted = RoutingSettings.DEFAULT_SUSPENDED_RECENT_WINDOW.compareTo(recent) <= 0
          ? RoutingSettings.DEFAULT_SUSPENDED_RECENT_WINDOW : recent;
      // The writer cannot tell a window set to the default from one that follows it: the default value is read
      // back as "follows the default", so a later change of the recent-agent window still carries it along (R21).
      if (!d.equals(defaulted)) {
        w.build(RoutingSettings.class, () -> b.suspendedRecentWindow(d));
      }
    });
    in.optional("connectToExclusiveAgent").map(In::bool).ifPresent(b::connectToExclusiveAgent);
    in.optional("shareMode").map(s -> s.enumValue(ShareMode.class)).ifPresent(b::shareMode);
    in.optional("pageShareModes").ifPresent(m -> m.map(k -> k.enumValue(EntryPage.class),
        v -> v.enumValue(ShareMode.class)).forEach(b::shareMode));
    in.optional("groupShareModes").ifPresent(m -> m.map(In::text, v -> v.enumValue(ShareMode.class))
        .forEach((group, mode) -> m.build(RoutingSettings.class, () -> b.shareMode(group, mode))));
    in.optional("maxQueueWait").ifPresent(w -> {
      Duration d = w.duration();
      w.build(RoutingSettings.class, () -> b.maxQueueWait(d));
    });
    in.optional("maxQueueLength").ifPresent(l -> {
      int n = l.intValue();
      l.build(RoutingSettings.class, () -> b.maxQueueLength(n));
    });
    try {
      return b.build();
    } catch (RuleRefusedException e) {
      // R15: BASIC mode while groups still have members; the mode is what the document asks to change.
      throw BadJson.refused(in.path().field("mode"), RoutingSettings.class, e);
    } catch (InvalidValueException e) {
      String field = switch (e.argument()) {
        case "suspended recent window" -> "suspendedRecentWindow";
        case "group share mode" -> "groupShareModes";
        default -> "";
      };
      throw BadJson.refused(field.isEmpty() ? in.path() : in.path().field(field), RoutingSettings.class, e);
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw BadJson.refused(in.path(), RoutingSettings.class, e);
    }
  }

  static OpenConsultation openConsultation(In in) {
    in.object(OpenConsultation.class, "id", "buyer", "agent", "seatedAt");
    ConsultationId id = consultationId(in.required("id", OpenConsultation.class));
    BuyerId buyer = buyerId(in.required("buyer", OpenConsultation.class));
    AccountId agent = accountId(in.required("agent", OpenConsultation.class));
    Instant at = in.required("seatedAt", OpenConsultation.class).instant();
    return in.build(OpenConsultation.class, () -> new OpenConsultation(id, buyer, agent, at));
  }

  static WaitingConsultation waitingConsultation(In in) {
    in.object(WaitingConsultation.class, "consultation", "since");
    Consultation c = consultation(in.required("consultation", WaitingConsultation.class));
    Instant since = in.required("since", WaitingConsultation.class).instant();
    return in.build(WaitingConsultation.class, () -> new WaitingConsultation(c, since));
  }

  static LiveState liveState(In in) {
    in.object(LiveState.class, "presence", "presenceChangedAt", "open", "waiting", "openDecisions", "decisions",
        "time");
    Map<AccountId, Presence> presence = in.optional("presence")
        .map(p -> p.map(Readers::accountId, v -> v.enumValue(Presence.class))).orElse(Map.of());
    Map<AccountId, Instant> changedAt = in.optional("presenceChangedAt")
        .map(p -> p.map(Readers::accountId, In::instant)).orElse(Map.of());
    List<OpenConsultation> open = in.optional("open").map(o -> o.list(Readers::openConsultation)).orElse(List.of());
    List<WaitingConsultation> waiting = in.optional("waiting").map(w -> w.list(Readers::waitingConsultation))
        .orElse(List.of());
    Map<ConsultationId, RoutingDecision> openDecisions = in.optional("openDecisions")
        .map(d -> d.map(Readers::consultationId, Readers::routingDecision)).orElse(Map.of());
    long decisions = in.optional("decisions").map(In::longValue).orElse(0L);
    Optional<Instant> time = in.optional("time").map(In::instant);
    try {
      LiveState s = LiveState.of(presence, changedAt, open, waiting).withDecisions(decisions)
          .withOpenDecisions(openDecisions);
      return time.isPresent() ? s.withTime(time.get()) : s;
    } catch (InvalidValueException e) {
      // A consultation listed twice (R20, R22): blamed on the list where the repeat was found.
      String field = e.argument().startsWith("waiting") ? "waiting" : "open";
      throw BadJson.refused(in.path().field(field), LiveState.class, e);
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw BadJson.refused(in.path(), LiveState.class, e);
    }
  }

  /**
   * A decision, through {@link RoutingDecision#queued} for QUEUED and {@link RoutingDecision#of} otherwise. The
   * {@code repeat} flag is accepted and not restored: it says how the router answered one call (R20), and the
   * library has no public factory for it.
   */
  static RoutingDecision routingDecision(In in) {
    in.object(RoutingDecision.class, "step", "agent", "reason", "queuePosition", "repeat");
    RoutingStep step = in.required("step", RoutingDecision.class).enumValue(RoutingStep.class);
    Optional<AccountId> agent = in.optional("agent").map(Readers::accountId);
    String reason = in.required("reason", RoutingDecision.class).text();
    Optional<In> positionNode = in.optional("queuePosition");
    Optional<Integer> position = positionNode.map(In::intValue);
    in.optional("repeat").ifPresent(In::bool);
    if (step == RoutingStep.QUEUED) {
      if (agent.isPresent()) {
        return in.buildField("agent", RoutingDecision.class, () -> RoutingDecision.of(agent, step, reason));
      }
      if (position.isEmpty()) {
        // RoutingDecision.of refuses QUEUED without a position, in the library's words (R22).
        return in.buildField("queuePosition", RoutingDecision.class, () -> RoutingDecision.of(agent, step, reason));
      }
      int p = position.get();
      return in.buildField("queuePosition", RoutingDecision.class, () -> RoutingDecision.queued(p, reason));
    }
    if (positionNode.isPresent()) {
      throw BadJson.refused(positionNode.get().path(), RoutingDecision.class, new InvalidValueException(
          "queue position", "R22", "only a QUEUED decision has a queue position (R22): " + step));
    }
    return in.buildField("agent", RoutingDecision.class, () -> RoutingDecision.of(agent, step, reason));
  }

  // ---- event log (R25) -----------------------------------------------------------------------------------------

  /** An event of any kind, by its {@code type} field; each kind allows only its own fields. */
  static ShopEvent shopEvent(In in) {
    return shopEvent(in, ShopEvent.class);
  }

  /**
   * An event read as {@code expected}: {@link ShopEvent} for any kind, or one kind's record class, which refuses a
   * document of another kind at its {@code type}. The record's own constructor and {@link ShopEvent#at} build it;
   * {@code time}, when present, is the event's stated time (required for {@code TIME_ADVANCED}).
   */
  static <E extends ShopEvent> E shopEvent(In in, Class<E> expected) {
    // Fields no kind has fail here; a field of another kind fails below, with the kind's own list.
    in.object(ShopEvent.class, EventKind.allFields());
    In typeNode = in.required("type", expected);
    String name = typeNode.text();
    EventKind kind = Arrays.stream(EventKind.values()).filter(k -> k.name().equals(name)).findFirst()
        .orElseThrow(() -> BadJson.badFormat(typeNode.path(), "'" + name + "' is not a ShopEvent type; expected one"
            + " of " + Arrays.toString(EventKind.values()), expected, name));
    if (!expected.isAssignableFrom(kind.type())) {
      throw BadJson.badFormat(typeNode.path(), "'" + name + "' is not the type of " + expected.getSimpleName()
          + "; expected " + EventKind.of(expected), expected, name);
    }
    Class<? extends ShopEvent> owner = kind.type();
    in.object(owner, kind.fields());
    ShopId shop = shopId(in.required("shop", owner));
    Optional<In> timeNode = in.optional("time");
    Optional<Instant> time = timeNode.map(In::instant);
    ShopEvent event = switch (kind) {
      case ARRIVED -> arrived(in, shop, timeNode, time);
      case ENDED -> {
        ConsultationId id = consultationId(in.required("consultation", owner));
        yield in.build(owner, () -> new ShopEvent.Ended(shop, id, time));
      }
      case WITHDRAWN -> {
        ConsultationId id = consultationId(in.required("consultation", owner));
        yield in.build(owner, () -> new ShopEvent.Withdrawn(shop, id, time));
      }
      case SEATED_BY_HOST -> {
        ConsultationId id = consultationId(in.required("consultation", owner));
        BuyerId buyer = buyerId(in.required("buyer", owner));
        AccountId agent = accountId(in.required("agent", owner));
        yield in.build(owner, () -> new ShopEvent.SeatedByHost(shop, id, buyer, agent, time));
      }
      case RESTORED -> {
        List<OpenConsultation> open = in.required("open", owner).list(Readers::openConsultation);
        yield in.build(owner, () -> new ShopEvent.Restored(shop, open, time));
      }
      case PRESENCE_CHANGED -> {
        AccountId agent = accountId(in.required("agent", owner));
        Presence presence = in.required("presence", owner).enumValue(Presence.class);
        yield in.build(owner, () -> new ShopEvent.PresenceChanged(shop, agent, presence, time));
      }
      case ACCOUNT_CHANGED -> {
        SubAccount account = subAccount(in.required("account", owner));
        yield in.build(owner, () -> new ShopEvent.AccountChanged(shop, account, time));
      }
      case ACCOUNT_REMOVED -> {
        AccountId agent = accountId(in.required("agent", owner));
        yield in.build(owner, () -> new ShopEvent.AccountRemoved(shop, agent, time));
      }
      case SETTINGS_CHANGED -> {
        RoutingSettings settings = routingSettings(in.required("settings", owner));
        yield in.build(owner, () -> new ShopEvent.SettingsChanged(shop, settings, time));
      }
      case TIME_ADVANCED -> {
        Instant at = in.required("time", owner).instant();
        yield in.build(owner, () -> new ShopEvent.TimeAdvanced(shop, at));
      }
    };
    return expected.cast(event);
  }

  /**
   * An arrival: its time is its consultation's {@code arrivedAt}. A top-level {@code time} (which the writer adds
   * for the log's consumers) stamps a consultation that states none; one that contradicts the consultation's own
   * is refused, since the event can have only one time (R25).
   */
  private static ShopEvent.Arrived arrived(In in, ShopId shop, Optional<In> timeNode, Optional<Instant> time) {
    Consultation c = consultation(in.required("consultation", ShopEvent.Arrived.class));
    if (time.isPresent() && c.arrivedAt().isPresent() && !time.get().equals(c.arrivedAt().get())) {
      throw BadJson.refused(timeNode.orElseThrow().path(), ShopEvent.Arrived.class, new InvalidValueException("time",
          "R25", "an arrival's time is its consultation's arrivedAt (R25): time " + time.get()
          + " differs from arrivedAt " + c.arrivedAt().get()));
    }
    ShopEvent.Arrived arrived = in.build(ShopEvent.Arrived.class, () -> ShopEvent.arrived(shop, c));
    return time.isPresent() ? arrived.at(time.get()) : arrived;
  }

  /** A refusal, through {@link Applied.Refusal#of}; {@code rule} optional, {@code message} required. */
  static Applied.Refusal refusal(In in) {
    in.object(Applied.Refusal.class, "rule", "message");
    String rule = in.optional("rule").map(In::text).orElse(null);
    String message = in.required("message", Applied.Refusal.class).text();
    return in.build(Applied.Refusal.class, () -> Applied.Refusal.of(rule, message));
  }

  /**
   * A snapshot, through {@link RouterSnapshot#of}: every part required. As {@code of} does, reading checks each
   * part on its own; the parts are checked against each other when a router is built from the snapshot.
   */
  static RouterSnapshot routerSnapshot(In in) {
    in.object(RouterSnapshot.class, "shop", "settings", "liveState", "seed");
    Shop shop = shop(in.required("shop", RouterSnapshot.class));
    RoutingSettings settings = routingSettings(in.required("settings", RouterSnapshot.class));
    LiveState live = liveState(in.required("liveState", RouterSnapshot.class));
    long seed = in.required("seed", RouterSnapshot.class).longValue();
    return in.build(RouterSnapshot.class, () -> RouterSnapshot.of(shop, settings, live, seed));
  }

  // ---- anomaly -------------------------------------------------------------------------------------------------

  /** The selection's variant, by the {@code type} field; each variant allows only its own fields (R6). */
  static Selection selection(In in) {
    in.object(Selection.class, "type", "kind", "follower", "buyers");
    String type = in.required("type", Selection.class).text();
    switch (type) {
      case "ALL_ANOMALOUS" -> {
        in.object(Selection.class, "type");
        return Selection.allAnomalous();
      }
      case "OF_KIND" -> {
        in.object(Selection.class, "type", "kind");
        AnomalyKind kind = in.required("kind", Selection.class).enumValue(AnomalyKind.class);
        return in.build(Selection.class, () -> Selection.ofKind(kind));
      }
      case "FROM_FOLLOWER" -> {
        in.object(Selection.class, "type", "follower");
        AccountId follower = accountId(in.required("follower", Selection.class));
        return in.build(Selection.class, () -> Selection.fromFollower(follower));
      }
      case "BUYERS" -> {
        in.object(Selection.class, "type", "buyers");
        In buyersNode = in.required("buyers", Selection.class);
        List<BuyerId> buyers = buyersNode.list(Readers::buyerId);
        // At least one buyer, each once (R6, R8): Selection.buyers' own checks.
        return buyersNode.build(Selection.class, () -> Selection.buyers(buyers));
      }
      default -> throw BadJson.badFormat(in.path().field("type"), "'" + type + "' is not a selection type; expected"
          + " one of [ALL_ANOMALOUS, OF_KIND, FROM_FOLLOWER, BUYERS]", Selection.class, type);
    }
  }

  /** The distribution's variant, by the {@code type} field (R6). */
  static Distribution distribution(In in) {
    in.object(Distribution.class, "type", "weights");
    String type = in.required("type", Distribution.class).text();
    switch (type) {
      case "EVEN" -> {
        in.object(Distribution.class, "type");
        return Distribution.even();
      }
      case "LOAD_BALANCING" -> {
        in.object(Distribution.class, "type");
        return Distribution.loadBalancing();
      }
      case "WEIGHTED" -> {
        In weightsNode = in.required("weights", Distribution.class);
        List<Long> weights = weightsNode.list(In::longValue);
        // Each weight at least 1, and a sum that fits a long (R6): Distribution.weighted's own checks.
        return weightsNode.build(Distribution.class, () -> Distribution.weighted(weights));
      }
      default -> throw BadJson.badFormat(in.path().field("type"), "'" + type + "' is not a distribution type;"
          + " expected one of [EVEN, WEIGHTED, LOAD_BALANCING]", Distribution.class, type);
    }
  }

  static InvitationSettings invitationSettings(In in) {
    in.object(InvitationSettings.class, "allowedSenders");
    List<AccountId> senders = in.optional("allowedSenders").map(s -> s.list(Readers::accountId)).orElse(List.of());
    return in.build(InvitationSettings.class, () -> new InvitationSettings(new LinkedHashSet<>(senders)));
  }
}
