package io.fenliu.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.ShopId;
import io.fenliu.flink.internal.RecordTypeInfo;
import io.fenliu.routing.ShopEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * No Kryo anywhere (R25, the job's settings): every record type has its own type information and serializer, every
 * kind of event and outcome round-trips through them with generic types disabled, and every serializer of the
 * router job's graph — records in and out, keys, side outputs — is one of Flink's own or Fenliu's, never Kryo.
 */
class NoKryoTest {
  @Test
  void everyEventAndOutcomeRoundTripsWithGenericTypesDisabled() throws IOException {
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false);
    Platform p = Platform.generate(7, 5, 200, Duration.ofHours(2), 0);
    Set<Class<?>> kinds = new HashSet<>();
    TypeSerializer<SequencedEvent> in = serializer(SequencedEvent.class, config);
    for (SequencedEvent e : p.log) {
      assertEquals(e, roundTrip(in, e));
      kinds.add(io.fenliu.flink.internal.Json.readEvent(e.json()).getClass());
    }
    assertEquals(Set.of(ShopEvent.Arrived.class, ShopEvent.Ended.class, ShopEvent.Withdrawn.class,
        ShopEvent.SeatedByHost.class, ShopEvent.PresenceChanged.class, ShopEvent.AccountChanged.class,
        ShopEvent.SettingsChanged.class, ShopEvent.TimeAdvanced.class), kinds, "the log has every kind but Restored");

    Platform.Expected x = p.replay();
    TypeSerializer<RouterOutput> out = serializer(RouterOutput.class, config);
    int messages = 0;
    for (var m : List.of(x.outcomes, x.refused, x.exits)) {
      for (var entry : m.entrySet()) {
        String[] key = entry.getKey().split("[#/]", 2);
        boolean exit = m == x.exits;
        RouterOutput o = RouterOutput.of(exit ? RouterOutput.Kind.QUEUE_EXIT : RouterOutput.Kind.OUTCOME,
            ShopId.of(key[0]), exit ? 0 : Long.parseLong(key[1]),
            exit ? Optional.of(io.fenliu.core.ConsultationId.of(key[1])) : Optional.empty(), entry.getValue());
        assertEquals(o, roundTrip(out, o));
        messages++;
      }
    }
    assertTrue(messages > 500 && !x.exits.isEmpty() && !x.refused.isEmpty(), "outcomes of every kind: " + messages);

    TypeSerializer<Diagnostic> d = serializer(Diagnostic.class, config);
    for (Diagnostic.Kind k : Diagnostic.Kind.values()) {
      Diagnostic diagnostic = Diagnostic.of(k, ShopId.of("s"), 3, "why");
      assertEquals(diagnostic, roundTrip(d, diagnostic));
    }
  }

  @Test
  void theAnomalyReportJobsRecordsRoundTripWithGenericTypesDisabled() throws IOException {
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false);
    TypeSerializer<ShopRelationship> rel = serializer(ShopRelationship.class, config);
    for (io.fenliu.core.ExclusiveRelationship r : List.of(
        io.fenliu.core.ExclusiveRelationship.of(io.fenliu.core.BuyerId.of("b"), io.fenliu.core.AccountId.of("a")),
        io.fenliu.core.ExclusiveRelationship.withoutFollower(io.fenliu.core.BuyerId.of("c")))) {
      ShopRelationship value = ShopRelationship.of(ShopId.of("s"), r);
      assertEquals(value, roundTrip(rel, value));
    }
    ShopReport report = ShopReport.of(ShopId.of("s"), "{\"scanned\":3}");
    assertEquals(report, roundTrip(serializer(ShopReport.class, config), report));
  }

  @Test
  void noSerializerOfTheJobGraphIsKryo() {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(RouterJobSettings.configuration(128));
    Platform p = Platform.generate(1, 2, 10, Duration.ofMinutes(5), 0);
    RouterJob.Streams s = RouterJob.attach(env.fromData(p.log),
        p.loader());
    s.outcomes().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
    s.refused().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
    s.diagnostics().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
    StreamGraph graph = env.getStreamGraph();
    int checked = 0;
    for (StreamNode node : graph.getStreamNodes()) {
      for (TypeSerializer<?> t : node.getTypeSerializersIn()) {
        assertFalse(t instanceof KryoSerializer, node + " reads with Kryo");
        checked++;
      }
      if (node.getTypeSerializerOut() != null) {
        assertFalse(node.getTypeSerializerOut() instanceof KryoSerializer, node + " writes with Kryo");
        checked++;
      }
    }
    assertTrue(checked >= 5, "serializers checked: " + checked);
  }

  @Test
  void theHealthJobsRecordsRoundTripWithGenericTypesDisabled() throws IOException {
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false);
    ShopId shop = ShopId.of("s");
    io.fenliu.core.AccountId agent = io.fenliu.core.AccountId.of("a");
    Set<io.fenliu.core.AnomalyKind> all = Set.of(io.fenliu.core.AnomalyKind.values());
    VerdictChange v = VerdictChange.of(shop, agent, Set.of(), all, 7, 1_000);
    assertEquals(v, roundTrip(serializer(VerdictChange.class, config), v));
    TypeSerializer<RelationshipHealthUpdate> u = serializer(RelationshipHealthUpdate.class, config);
    io.fenliu.anomaly.HealthChange c = new io.fenliu.anomaly.HealthChange(
        io.fenliu.core.ExclusiveRelationship.of(io.fenliu.core.BuyerId.of("b"), agent).movedTo(agent),
        Set.of(io.fenliu.core.AnomalyKind.AGENT_NOT_ROUTING), Set.of());
    for (RelationshipHealthUpdate value : List.of(
        RelationshipHealthUpdate.of(shop, 7, 1_000, c, Optional.empty(), Optional.empty()),
        RelationshipHealthUpdate.of(shop, 7, 1_000, c, Optional.of(io.fenliu.core.AccountId.of("t")),
            Optional.empty()),
        RelationshipHealthUpdate.of(shop, 7, 1_000, c, Optional.empty(), Optional.of("refused (R3)")))) {
      assertEquals(value, roundTrip(u, value));
    }
  }

  @Test
  void noSerializerOfTheHealthJobGraphIsKryo() {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(RouterJobSettings.configuration(128));
    HealthWorld w = HealthWorld.generate(1, 1);
    HealthJob.Streams s = HealthJob.builder(w.rosterLoader(), HealthWorld.relationshipLookup())
        .targets(w.targetsLookup()).attach(env.fromData(w.log));
    s.verdicts().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
    s.updates().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
    s.diagnostics().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
    int checked = 0;
    for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
      for (TypeSerializer<?> t : node.getTypeSerializersIn()) {
        assertFalse(t instanceof KryoSerializer, node + " reads with Kryo");
        checked++;
      }
      if (node.getTypeSerializerOut() != null) {
        assertFalse(node.getTypeSerializerOut() instanceof KryoSerializer, node + " writes with Kryo");
        checked++;
      }
      if (node.getStateKeySerializer() != null) {
        assertFalse(node.getStateKeySerializer() instanceof KryoSerializer, node + " keys with Kryo");
      }
    }
    assertTrue(checked >= 7, "serializers checked: " + checked);
  }

  private static <T> TypeSerializer<T> serializer(Class<T> type, SerializerConfigImpl config) {
    TypeInformation<T> info = TypeInformation.of(type);
    assertTrue(info instanceof RecordTypeInfo, type + " has its own type information: " + info);
    TypeSerializer<T> s = info.createSerializer(config);
    assertFalse(s instanceof KryoSerializer);
    return s;
  }

  private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(128);
    s.serialize(value, out);
    return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
