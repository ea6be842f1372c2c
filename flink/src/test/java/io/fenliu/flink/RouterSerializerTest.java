package io.fenliu.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.flink.internal.RouterSerializer;
import io.fenliu.flink.internal.RouterSerializerSnapshot;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The router's state serializer (R25): a round trip keeps everything a router decides from; a copy is deep (the heap
 * backend's copy-on-write depends on it); state and serializer snapshot written by format version 1 — committed
 * bytes — restore; corrupt bytes and versions this release does not know are refused with a message naming them.
 */
class RouterSerializerTest {
  private static final ShopId SHOP = ShopId.of("golden");
  private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
  private static final String GOLDEN = "router-state-v1.bin";

  /** A shop with an open consultation and one waiting, built the same way every time. */
  static Router fixture() {
    Shop shop = Shop.of(SHOP, "golden shop", new MainAccount(AccountId.of("owner"), "owner"), List.of(
        SubAccount.builder(AccountId.of("a0"), "agent 0").exclusiveAgent().concurrentLimit(1).build(),
        SubAccount.builder(AccountId.of("a1"), "agent 1").exclusiveAgent().concurrentLimit(1).build()));
    RoutingSettings settings = RoutingSettings.builder().maxQueueWait(Duration.ofMinutes(2)).maxQueueLength(3)
        .offlineReceivers(List.of(AccountId.of("a1"))).build();
    Router r = RouterSerializer.router(Router.builder(shop, settings).seed(42).build().snapshot());
    r.apply(ShopEvent.presenceChanged(SHOP, AccountId.of("a0"), Presence.ONLINE).at(T0));
    r.apply(ShopEvent.arrived(SHOP, consultation("c1", T0.plusSeconds(1))));
    r.apply(ShopEvent.arrived(SHOP, consultation("c2", T0.plusSeconds(2))));
    return r;
  }

  static Consultation consultation(String id, Instant at) {
    return Consultation.of(ConsultationId.of(id), BuyerId.of("b-" + id), EntryPage.PRODUCT_DETAIL,
        OrderStatus.NO_ORDER).arrivedAt(at);
  }

  private static final List<ShopEvent> NEXT = List.of(
      ShopEvent.arrived(SHOP, consultation("c3", T0.plusSeconds(3))),
      ShopEvent.ended(SHOP, ConsultationId.of("c1")).at(T0.plusSeconds(4)),
      ShopEvent.timeAdvanced(SHOP, T0.plusSeconds(400)));

  @Test
  void roundTripKeepsWhatTheRouterDecidesFrom() throws IOException {
    Router original = fixture();
    assertEquals(1, original.queueLength(), "the fixture has a waiting consultation");
    Router back = roundTrip(original);
    assertEquals(original.snapshot(), back.snapshot());
    for (ShopEvent e : NEXT) {
      assertEquals(original.apply(e), back.apply(e), "R25: the restored router decides as the original: " + e);
    }
  }

  @Test
  void copyIsDeep() {
    Router original = fixture();
    RouterSnapshot before = original.snapshot();
    Router copy = RouterSerializer.INSTANCE.copy(original);
    assertNotSame(original, copy);
    assertEquals(before, copy.snapshot());
    for (ShopEvent e : NEXT) {
      copy.apply(e);
    }
    assertNotEquals(before, copy.snapshot(), "the copy changed");
    assertEquals(before, original.snapshot(), "the original is unchanged by changes to its copy");
    original.apply(ShopEvent.presenceChanged(SHOP, AccountId.of("a1"), Presence.ONLINE).at(T0.plusSeconds(5)));
    assertNotEquals(original.snapshot(), copy.snapshot());
  }

  @Test
  void restoresStateAndSerializerSnapshotWrittenByFormatVersion1() throws IOException {
    byte[] golden;
    try (InputStream in = RouterSerializerTest.class.getResourceAsStream(GOLDEN)) {
      assertTrue(in != null, GOLDEN + " is committed beside this test");
      golden = in.readAllBytes();
    }
    DataInputDeserializer in = new DataInputDeserializer(golden);
    TypeSerializerSnapshot<Router> old =
        TypeSerializerSnapshot.readVersionedSnapshot(in, RouterSerializerTest.class.getClassLoader());
    assertEquals(1, ((RouterSerializerSnapshot) old).codecVersion());
    TypeSerializerSchemaCompatibility<Router> compatibility =
        RouterSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old);
    assertTrue(compatibility.isCompatibleAsIs(), "version 1 state is read as is by this release");
    Router restored = old.restoreSerializer().deserialize(in);
    Router expected = fixture();
    assertEquals(expected.snapshot(), restored.snapshot());
    for (ShopEvent e : NEXT) {
      assertEquals(expected.apply(e), restored.apply(e));
    }
  }

  @Test
  void corruptStateIsRefusedNamingWhatIsWrong() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    RouterSerializer.INSTANCE.serialize(fixture(), out);
    byte[] bytes = out.getCopyOfBuffer();
    bytes[bytes.length / 2] ^= 0x5A;
    IOException e = assertThrows(IOException.class,
        () -> RouterSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes)));
    assertTrue(e.getMessage().contains("R25") && e.getMessage().contains("CRC"), e.getMessage());

    byte[] cut = {0, 0, 0, 3, 'F', 'N', 'L'};
    IOException shortState = assertThrows(IOException.class,
        () -> RouterSerializer.INSTANCE.deserialize(new DataInputDeserializer(cut)));
    assertTrue(shortState.getMessage().contains("header"), shortState.getMessage());
  }

  @Test
  void stateOfACodecVersionThisReleaseDoesNotKnowStopsTheRestoreWithAClearMessage() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    out.writeUTF(RouterSerializerSnapshot.class.getName());
    out.writeInt(RouterSerializerSnapshot.VERSION);
    out.writeInt(2);
    TypeSerializerSnapshot<Router> fromLater = TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RouterSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(fromLater));
    assertTrue(e.getMessage().contains("version 2") && e.getMessage().contains("versions 1 to 1"), e.getMessage());

    DataOutputSerializer laterFormat = new DataOutputSerializer(64);
    laterFormat.writeUTF(RouterSerializerSnapshot.class.getName());
    laterFormat.writeInt(RouterSerializerSnapshot.VERSION + 1);
    laterFormat.writeInt(1);
    IOException f = assertThrows(IOException.class, () -> TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(laterFormat.getCopyOfBuffer()), getClass().getClassLoader()));
    assertTrue(f.getMessage().contains("format version 2"), f.getMessage());
  }

  @Test
  void theSerializerIsStatelessAndItsSnapshotRestoresIt() {
    TypeSerializer<Router> s = RouterSerializer.INSTANCE;
    assertEquals(s, s.duplicate());
    assertEquals(s, s.snapshotConfiguration().restoreSerializer());
  }

  /**
   * Writes the golden file; run once per new format version, never to make a failing restore pass:
   * {@code ./mvnw -pl flink test -Dtest=RouterSerializerTest#writeGolden -Dfenliu.flink.golden=<dir>}.
   */
  @Test
  void writeGolden() throws IOException {
    String dir = System.getProperty("fenliu.flink.golden");
    if (dir == null) {
      return;
    }
    DataOutputSerializer out = new DataOutputSerializer(512);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, RouterSerializer.INSTANCE.snapshotConfiguration());
    RouterSerializer.INSTANCE.serialize(fixture(), out);
    Files.write(Path.of(dir, GOLDEN), out.getCopyOfBuffer());
  }

  private static Router roundTrip(Router r) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    RouterSerializer.INSTANCE.serialize(r, out);
    DataOutputSerializer copied = new DataOutputSerializer(256);
    RouterSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    return RouterSerializer.INSTANCE.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));
  }

}
