package io.fenliu.jackson.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleKeyDeserializers;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import io.fenliu.anomaly.AnomalousRelationship;
import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.anomaly.CampaignAudience;
import io.fenliu.anomaly.CampaignKind;
import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.HealthChange;
import io.fenliu.anomaly.HealthChanges;
import io.fenliu.anomaly.InvitationSettings;
import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TargetCheck;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.AnomalyKind;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusivePermission;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.RecentContact;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.routing.AgentGroup;
import io.fenliu.routing.Applied;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.GroupMember;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.QueueStatus;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.RestoreReport;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.ShareLedger;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingMode;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareMode;
import io.fenliu.routing.ShopEvent;
import io.fenliu.routing.WaitingConsultation;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The table of every type fenliu-jackson handles, built once per module registration: its writer, and its reader
 * or a refusal for values only the library produces. {@link #readable()} and {@link #writable()} list the table
 * so that the tests can check that every value has its round trip.
 */
public final class Codecs {
  private final SimpleSerializers serializers = new SimpleSerializers();
  private final SimpleDeserializers deserializers = new SimpleDeserializers();
  private final SimpleSerializers keySerializers = new SimpleSerializers();
  private final SimpleKeyDeserializers keyDeserializers = new SimpleKeyDeserializers();
  private final Set<Class<?>> readable = new LinkedHashSet<>();
  private final Set<Class<?>> writable = new LinkedHashSet<>();
  private final Set<Class<?>> keys = new LinkedHashSet<>();

  private Codecs() {}

  /** Every Fenliu value's serializer and deserializer. */
  public static Codecs create() {
    Codecs c = new Codecs();
    c.id(AccountId.class, Readers::accountId, AccountId::of);
    c.id(BuyerId.class, Readers::buyerId, BuyerId::of);
    c.id(ShopId.class, Readers::shopId, ShopId::of);
    c.id(ConsultationId.class, Readers::consultationId, ConsultationId::of);
    c.both(Role.class, r -> Writers.text(r.name()), Readers::role);
    c.enumType(AccountStatus.class);
    c.enumType(AnomalyKind.class);
    c.enumType(EntryPage.class);
    c.enumType(ExclusivePermission.class);
    c.enumType(OrderStatus.class);
    c.enumType(Presence.class);
    c.enumType(RoutingMode.class);
    c.enumType(ShareMode.class);
    c.enumType(RoutingStep.class);
    c.enumType(EndResult.Outcome.class);
    c.enumType(CampaignKind.class);
    c.enumType(HealthChange.Direction.class);
    c.enumType(MoveOutcome.Status.class);

    c.both(MainAccount.class, Writers::mainAccount, Readers::mainAccount);
    c.both(SubAccount.class, Writers::subAccount, Readers::subAccount);
    c.both(Shop.class, Writers::shop, Readers::shop);
    c.both(RecentContact.class, Writers::recentContact, Readers::recentContact);
    c.both(ExclusiveRelationship.class, Writers::relationship, Readers::relationship);
    c.both(Consultation.class, Writers::consultation, Readers::consultation);

    c.both(GroupMember.class, Writers::groupMember, Readers::groupMember);
    c.both(AgentGroup.class, Writers::agentGroup, Readers::agentGroup);
    c.both(RoutingSettings.class, Writers::routingSettings, Readers::routingSettings);
    c.both(OpenConsultation.class, Writers::openConsultation, Readers::openConsultation);
    c.both(WaitingConsultation.class, Writers::waitingConsultation, Readers::waitingConsultation);
    c.both(LiveState.class, Writers::liveState, Readers::liveState);
    c.both(RoutingDecision.class, Writers::routingDecision, Readers::routingDecision);
    String routerReports = "it reports what a router did; a router makes it, a host only reads it";
    c.writeOnly(QueueStatus.class, Writers::queueStatus, routerReports);
    c.writeOnly(QueueExit.class, Writers::queueExit, routerReports);
    c.writeOnly(EndResult.class, Writers::endResult, routerReports);
    c.writeOnly(RestoreReport.class, Writers::restoreReport, routerReports);
    c.writeOnly(RouterStats.class, Writers::routerStats, routerReports);
    c.writeOnly(ShareLedger.class, Writers::shareLedger, routerReports);
    c.writeOnly(AgentShare.class, Writers::agentShare, routerReports);

    // The event log (R25): every kind read as ShopEvent by its type, or as its own record class.
    c.both(ShopEvent.class, Writers::shopEvent, Readers::shopEvent);
    for (EventKind kind : EventKind.values()) {
      c.event(kind.type());
    }
    c.writeOnly(Applied.class, Writers::applied, "it is what Router.apply did (R25); apply the logged event to a"
        + " router rebuilt from its snapshot to get it again");
    c.both(Applied.Refusal.class, Writers::refusal, Readers::refusal);
    c.both(RouterSnapshot.class, Writers::routerSnapshot, Readers::routerSnapshot);

    c.both(InvitationSettings.class, Writers::invitationSettings, Readers::invitationSettings);
    c.both(Selection.class, Writers::selection, Readers::selection);
    c.both(Distribution.class, Writers::distribution, Readers::distribution);
    String scanned = "it is the result of a scan of a shop's relationships (R1, R2, R9); scan again to get one";
    c.writeOnly(AnomalousRelationship.class, Writers::anomalousRelationship, scanned);
    c.writeOnly(AnomalyReport.class, Writers::anomalyReport, scanned);
    c.writeOnly(CampaignAudience.class, Writers::campaignAudience, scanned);
    c.writeOnly(CampaignAudience.Excluded.class, Writers::excluded, scanned);
    c.writeOnly(HealthChange.class, Writers::healthChange, scanned);
    c.writeOnly(HealthChanges.class, Writers::healthChanges, scanned);
    c.writeOnly(TargetCheck.class, Writers::targetCheck, "it is TargetCheck.of's verdict on a roster (R3)");
    String planned = "a plan is made and checked by TransferPlanner.plan only, and re-checked when applied (R3, R8);"
        + " a plan read from JSON would be a plan nobody checked";
    c.writeOnly(TransferPlan.class, Writers::transferPlan, planned);
    c.writeOnly(PlannedMove.class, Writers::plannedMove, planned);
    c.writeOnly(MoveOutcome.class, Writers::moveOutcome, "it is what applying a plan did (R8)");
    c.writeOnly(TransferResult.class, Writers::transferResult, "it is what applying a plan did (R8)");
    return c;
  }

  private <T> void both(Class<T> type, Function<T, ? extends JsonNode> writer, Function<In, T> reader) {
    serializers.addSerializer(type, new NodeSerializer<>(type, writer));
    deserializers.addDeserializer(type, new NodeDeserializer<>(type, reader));
    writable.add(type);
    readable.add(type);
  }

  private <T> void writeOnly(Class<T> type, Function<T, ? extends JsonNode> writer, String why) {
    serializers.addSerializer(type, new NodeSerializer<>(type, writer));
    deserializers.addDeserializer(type, new OutputOnlyDeserializer<>(type, why));
    writable.add(type);
  }

  private <E extends ShopEvent> void event(Class<E> kind) {
    both(kind, Writers::shopEvent, in -> Readers.shopEvent(in, kind));
  }

  private <T> void id(Class<T> type, Function<In, T> reader, Function<String, T> factory) {
    both(type, Writers::text, reader);
    keySerializers.addSerializer(type, new IdKeys.Writer<>(type));
    keyDeserializers.addDeserializer(type, new IdKeys.Reader(type, factory));
    keys.add(type);
  }

  private <E extends Enum<E>> void enumType(Class<E> type) {
    both(type, Writers::name, in -> in.enumValue(type));
  }

  /** The serializers. */
  public SimpleSerializers serializers() {
    return serializers;
  }

  /** The deserializers, refusals included. */
  public SimpleDeserializers deserializers() {
    return deserializers;
  }

  /** The serializers of ids used as map keys. */
  public SimpleSerializers keySerializers() {
    return keySerializers;
  }

  /** The deserializers of ids used as map keys. */
  public SimpleKeyDeserializers keyDeserializers() {
    return keyDeserializers;
  }

  /** The types read back, in registration order; unmodifiable. */
  public Set<Class<?>> readable() {
    return Collections.unmodifiableSet(readable);
  }

  /** The types written, in registration order; unmodifiable. */
  public Set<Class<?>> writable() {
    return Collections.unmodifiableSet(writable);
  }

  /** The types also read and written as map keys (the ids), in registration order; unmodifiable. */
  public Set<Class<?>> keys() {
    return Collections.unmodifiableSet(keys);
  }
}
