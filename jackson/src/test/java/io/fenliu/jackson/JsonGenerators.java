package io.fenliu.jackson;

import static io.fenliu.testing.FenliuGenerators.draw;

import io.fenliu.anomaly.InvitationSettings;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.testing.FenliuGenerators;
import io.fenliu.routing.AgentGroup;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Valid Fenliu values of every input type, over the core generators' shops, drawn through the library's own
 * factories and builders. Instants and durations carry nanoseconds, so a round trip that lost precision fails.
 */
final class JsonGenerators {
  private static final List<String> REASONS = List.of("routed to alice (R13)", "排队中 (R22)",
      "no agent online; kept for the offline receivers (R16)", "quote \" and backslash \\ survive");

  private JsonGenerators() {}

  static Gen<Shop> shops() {
    return FenliuGenerators.shops(1, 8);
  }

  static Instant instant(RandomnessSource in) {
    return Instant.ofEpochSecond(1_700_000_000L + draw(in, 0, 100_000_000), draw(in, 0, 999_999_999));
  }

  static Duration duration(RandomnessSource in, int maxSeconds) {
    return Duration.ofSeconds(draw(in, 0, maxSeconds), draw(in, 0, 2) == 0 ? 0 : draw(in, 0, 999_999_999));
  }

  static <T> T pick(RandomnessSource in, List<T> values) {
    return values.get(draw(in, 0, values.size() - 1));
  }

  static <E extends Enum<E>> E pick(RandomnessSource in, Class<E> type) {
    E[] values = type.getEnumConstants();
    return values[draw(in, 0, values.length - 1)];
  }

  /** A random subset of the shop's agents, in roster order. */
  static List<AccountId> agents(RandomnessSource in, Shop shop) {
    List<AccountId> ids = new ArrayList<>();
    for (SubAccount s : shop.subAccounts()) {
      if (draw(in, 0, 2) == 0) {
        ids.add(s.id());
      }
    }
    return ids;
  }

  static Gen<Consultation> consultations(Shop shop) {
    return in -> consultation(in, shop, "c-" + draw(in, 0, 1_000_000));
  }

  static Consultation consultation(RandomnessSource in, Shop shop, String id) {
    Consultation c = Consultation.of(ConsultationId.of(id), FenliuGenerators.buyerId(draw(in, 0, 50)),
        pick(in, EntryPage.class), pick(in, OrderStatus.class));
    if (draw(in, 0, 1) == 1) {
      c = c.arrivedAt(instant(in));
    }
    AccountId someone = shop.subAccounts().get(draw(in, 0, shop.subAccounts().size() - 1)).id();
    if (draw(in, 0, 1) == 1) {
      c = c.withRecentContact(someone, instant(in));
    }
    if (draw(in, 0, 1) == 1) {
      c = c.withExclusiveFollower(someone);
    }
    return c;
  }

  static Gen<AgentGroup> groups(Shop shop) {
    return in -> group(in, shop, "group-" + draw(in, 0, 9), List.of(pick(in, OrderStatus.class)));
  }

  static AgentGroup group(RandomnessSource in, Shop shop, String name, List<OrderStatus> statuses) {
    AgentGroup.Builder b = AgentGroup.builder(name).boundTo(statuses.toArray(new OrderStatus[0]));
    for (AccountId agent : agents(in, shop)) {
      int weight = draw(in, 0, 3) == 0 ? GroupMember.MAX_WEIGHT : draw(in, GroupMember.MIN_WEIGHT, 1000);
      b.member(agent, weight);
    }
    return b.build();
  }

  static Gen<RoutingSettings> settings(Shop shop) {
    return in -> {
      RoutingSettings.Builder b = RoutingSettings.builder();
      RoutingMode mode = pick(in, RoutingMode.class);
      b.mode(mode);
      for (EntryPage page : EntryPage.values()) {
        if (draw(in, 0, 1) == 1) {
          b.page(page, agents(in, shop));
        }
        if (draw(in, 0, 3) == 0) {
          b.shareMode(page, pick(in, ShareMode.class));
        }
      }
      // Up to three groups over disjoint order statuses (R12); members only when advanced routing is on (R15).
      List<OrderStatus> statuses = new ArrayList<>(List.of(OrderStatus.values()));
      int groups = draw(in, 0, 3);
      for (int g = 0; g < groups; g++) {
        List<OrderStatus> bound = new ArrayList<>();
        int k = draw(in, 1, 3);
        for (int i = 0; i < k && !statuses.isEmpty(); i++) {
          bound.add(statuses.remove(draw(in, 0, statuses.size() - 1)));
        }
        AgentGroup group = group(in, shop, "group " + g, bound);
        b.group(mode == RoutingMode.BASIC ? group.withoutMembers() : group);
        if (draw(in, 0, 1) == 1) {
          b.shareMode(group.name(), pick(in, ShareMode.class));
        }
      }
      b.offlineReceivers(agents(in, shop));
      Duration window = duration(in, 10 * 86_400);
      b.recentAgentWindow(window);
      if (draw(in, 0, 1) == 1) {
        b.suspendedRecentWindow(Duration.ofNanos(window.toNanos() / (1 + draw(in, 0, 4))));
      }
      b.connectToExclusiveAgent(draw(in, 0, 1) == 1);
      b.shareMode(pick(in, ShareMode.class));
      b.maxQueueWait(duration(in, 3_600).plusNanos(1));
      b.maxQueueLength(draw(in, 1, 5_000));
      return b.build();
    };
  }

  static Gen<LiveState> liveStates(Shop shop) {
    return in -> {
      Map<AccountId, Presence> presence = new LinkedHashMap<>();
      Map<AccountId, Instant> changedAt = new LinkedHashMap<>();
      for (AccountId a : agents(in, shop)) {
        presence.put(a, pick(in, Presence.class));
        if (draw(in, 0, 1) == 1) {
          changedAt.put(a, instant(in));
        }
      }
      List<OpenConsultation> open = new ArrayList<>();
      int n = draw(in, 0, 4);
      for (int i = 0; i < n; i++) {
        AccountId agent = shop.subAccounts().get(draw(in, 0, shop.subAccounts().size() - 1)).id();
        open.add(new OpenConsultation(ConsultationId.of("open-" + i), FenliuGenerators.buyerId(i), agent,
            instant(in)));
      }
      List<WaitingConsultation> waiting = new ArrayList<>();
      int w = draw(in, 0, 3);
      for (int i = 0; i < w; i++) {
        waiting.add(new WaitingConsultation(consultation(in, shop, "waiting-" + i), instant(in)));
      }
      return LiveState.of(presence, changedAt, open, waiting);
    };
  }

  static Gen<RoutingDecision> decisions(Shop shop) {
    return in -> {
      RoutingStep step = pick(in, RoutingStep.class);
      String reason = pick(in, REASONS);
      if (step == RoutingStep.QUEUED) {
        return RoutingDecision.queued(draw(in, 1, 1_000), reason);
      }
      Optional<AccountId> agent = step == RoutingStep.NO_AGENT ? Optional.empty()
          : Optional.of(shop.subAccounts().get(draw(in, 0, shop.subAccounts().size() - 1)).id());
      return RoutingDecision.of(agent, step, reason);
    };
  }

  static Gen<InvitationSettings> invitationSettings(Shop shop) {
    return in -> {
      Set<AccountId> senders = new LinkedHashSet<>(agents(in, shop));
      return new InvitationSettings(senders);
    };
  }

  /** The number of kinds {@link #events} draws from: every kind of {@link ShopEvent}. */
  static final int EVENT_KINDS = 10;

  /** Events of every kind for the shop, half of them dated (an arrival by its consultation's own arrivedAt). */
  static Gen<ShopEvent> events(Shop shop) {
    return in -> {
      AccountId agent = shop.subAccounts().get(draw(in, 0, shop.subAccounts().size() - 1)).id();
      ConsultationId id = ConsultationId.of("c-" + draw(in, 0, 20));
      ShopEvent e = switch (draw(in, 0, EVENT_KINDS - 1)) {
        case 0 -> ShopEvent.arrived(shop.id(), consultation(in, shop, id.value()));
        case 1 -> ShopEvent.ended(shop.id(), id);
        case 2 -> ShopEvent.withdrawn(shop.id(), id);
        case 3 -> ShopEvent.seatedByHost(shop.id(), id, FenliuGenerators.buyerId(draw(in, 0, 50)), agent);
        case 4 -> {
          List<OpenConsultation> open = new ArrayList<>();
          for (int i = draw(in, 0, 3); i > 0; i--) {
            open.add(new OpenConsultation(ConsultationId.of("open-" + i), FenliuGenerators.buyerId(i), agent,
                instant(in)));
          }
          yield ShopEvent.restored(shop.id(), open);
        }
        case 5 -> ShopEvent.presenceChanged(shop.id(), agent, pick(in, Presence.class));
        case 6 -> ShopEvent.accountChanged(shop.id(), FenliuGenerators.subAccount(in, agent));
        case 7 -> ShopEvent.accountRemoved(shop.id(), agent);
        case 8 -> ShopEvent.settingsChanged(shop.id(), settings(shop).generate(in));
        default -> ShopEvent.timeAdvanced(shop.id(), instant(in));
      };
      return e instanceof ShopEvent.Arrived || draw(in, 0, 1) == 0 ? e : e.at(instant(in));
    };
  }

  /** Snapshots of the shop with generated settings and live state, and seeds over the whole long range. */
  static Gen<RouterSnapshot> snapshots(Shop shop) {
    return in -> {
      long seed = switch (draw(in, 0, 3)) {
        case 0 -> Long.MIN_VALUE;
        case 1 -> Long.MAX_VALUE;
        default -> ((long) draw(in, Integer.MIN_VALUE, Integer.MAX_VALUE) << 32)
            ^ (draw(in, Integer.MIN_VALUE, Integer.MAX_VALUE) & 0xFFFF_FFFFL);
      };
      return RouterSnapshot.of(shop, settings(shop).generate(in), liveStates(shop).generate(in), seed);
    };
  }

  static Gen<BuyerId> buyers() {
    return in -> FenliuGenerators.buyerId(draw(in, 0, 1000));
  }
}
