package io.fenliu.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fenliu.core.AccountId;
import io.fenliu.core.AccountStatus;
import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.ExclusivePermission;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.MainAccount;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Role;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * R25: {@link RouterSnapshotCodec} reads back every snapshot it writes, reads the committed bytes of format
 * version 1, and refuses unknown versions and corrupt or truncated bytes with an {@link InvalidValueException}
 * (argument "bytes", rule R25) that says what was wrong and where — never an EOFException, a
 * NegativeArraySizeException or an allocation sized by a corrupt count.
 *
 * <h2>The golden file</h2>
 *
 * {@code src/test/resources/io/fenliu/routing/snapshot-v1.bin} holds {@link #goldenV1()} as written by the
 * first release of format version 1. It was produced once, on 2026-12-02, by {@link #writeTheVersion1GoldenFile()}:
 *
 * <pre>
 * ./mvnw -B -o test -pl routing -Djacoco.skip=true -Dtest='RouterSnapshotCodecTest#writeTheVersion1GoldenFile' \
 *     -Dfenliu.codec.writeGolden=v1
 * </pre>
 *
 * <strong>Never regenerate it, and never change {@link #goldenV1()}</strong>: the file stands for the bytes
 * already stored in checkpoints and database rows, and {@link #theVersion1GoldenFileReadsBackAsTheSnapshotItWasWrittenFrom()}
 * proves that this release still reads them. A new format version adds {@code snapshot-v2.bin} beside it (and
 * a {@code goldenV2()}), and both tests stay.
 */
class RouterSnapshotCodecTest {
  private static final String GOLDEN_V1 = "snapshot-v1.bin";
  private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");

  // ---------------------------------------------------------------------------------------------------------
  // Round trips

  /** Every snapshot reads back equal, and its bytes are stable: encoding the decoded value gives them again. */
  @Test
  void everySnapshotReadsBackEqual() {
    qt().withFixedSeed(20261202L).withExamples(400).withShrinkCycles(0)
        .forAll(longs().all())
        .checkAssert(seed -> {
          RouterSnapshot s = Snapshots.random(new SplittableRandom(seed));
          byte[] bytes = RouterSnapshotCodec.encode(s);
          RouterSnapshot back = RouterSnapshotCodec.decode(bytes);
          assertEquals(s, back, () -> "seed " + seed);
          assertEquals(s.settings().suspendedRecentWindow(), back.settings().suspendedRecentWindow());
          assertArrayEquals(bytes, RouterSnapshotCodec.encode(back), () -> "seed " + seed + ": unstable bytes");
          assertEquals(RouterSnapshotCodec.CURRENT_VERSION, RouterSnapshotCodec.version(bytes));
        });
  }

  /** Strings past writeUTF's 64 KiB limit, characters of every UTF-8 length, and unpaired surrogates. */
  @Test
  void longStringsAndEveryKindOfCharacterReadBackEqual() {
    String big = "客".repeat(70_000) + "😀".repeat(10_000) + "x"; // 250,001 bytes of UTF-8
    String odd = "a\uD800b\uDC00c\uDBFF\uDFFF\uDC00\uD800é\u0000";
    Shop shop = Shop.of(ShopId.of(odd), big, new MainAccount(AccountId.of(odd + "main"), big),
        List.of(SubAccount.builder(AccountId.of("\uD83D"), "\uDE00").roles(Role.of(big)).build()));
    RouterSnapshot s = RouterSnapshot.of(shop, RoutingSettings.builder().build(), LiveState.empty(), 1L);
    byte[] bytes = RouterSnapshotCodec.encode(s);
    assertTrue(bytes.length > 3 * 250_000, "the long strings are all there: " + bytes.length);
    RouterSnapshot back = RouterSnapshotCodec.decode(bytes);
    assertEquals(s, back);
    assertEquals(big, back.shop().name());
    assertEquals(odd, back.shop().id().value());
  }

  /**
   * A real router's state: routed, seated, queued, with presence times and a decision count. The router built
   * from the decoded snapshot has the same snapshot, and, fed the same events, gives the same outcomes (R25).
   */
  @Test
  void aRealRoutersSnapshotRestoresARouterThatDecidesTheSame() {
    AccountId a = AccountId.of("a");
    AccountId b = AccountId.of("b");
    AccountId c = AccountId.of("c");
    Shop shop = Shop.of(ShopId.of("real"), "Real shop", new MainAccount(AccountId.of("owner"), "Owner"), List.of(
        SubAccount.builder(a, "Agent A").exclusiveAgent().concurrentLimit(2).build(),
        SubAccount.builder(b, "Agent B").exclusiveAgent().concurrentLimit(1).build(),
        SubAccount.builder(c, "Agent C").concurrentLimit(3).build(),
        SubAccount.builder(AccountId.of("r"), "Receiver").roles(Role.AFTER_SALE).build()));
    RoutingSettings settings = RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(AgentGroup.builder("presale").boundTo(OrderStatus.NO_ORDER).member(a, 3).member(b, 1).build())
        .group(AgentGroup.builder("aftersale").boundTo(OrderStatus.REFUNDING).member(c, 1).build())
        .offlineReceivers(List.of(AccountId.of("r"))).connectToExclusiveAgent(true).build();
    Clock clock = Clock.fixed(T0.plusSeconds(3_600), ZoneOffset.UTC);
    Router router = Router.builder(shop, settings).seed(7).clock(clock).build();
    router.apply(ShopEvent.presenceChanged(shop.id(), a, Presence.ONLINE).at(T0));
    router.apply(ShopEvent.presenceChanged(shop.id(), b, Presence.ONLINE).at(T0.plusMillis(1)));
    router.apply(ShopEvent.presenceChanged(shop.id(), c, Presence.SUSPENDED).at(T0.plusMillis(2)));
    for (int i = 0; i < 6; i++) {
      router.apply(ShopEvent.arrived(shop.id(), consultation("c" + i, i).arrivedAt(T0.plusSeconds(10 + i))));
    }
    router.apply(ShopEvent.ended(shop.id(), ConsultationId.of("c0")).at(T0.plusSeconds(30)));

    RouterSnapshot original = router.snapshot();
    assertFalse(original.liveState().open().isEmpty(), "seats are held");
    assertFalse(original.liveState().waiting().isEmpty(), "consultations wait");
    assertTrue(original.liveState().decisions() > 0, "decisions were counted");
    RouterSnapshot decoded = RouterSnapshotCodec.decode(RouterSnapshotCodec.encode(original));
    assertEquals(original, decoded);
    Router restored = Router.builder(decoded).clock(clock).build();
    assertEquals(original, restored.snapshot(), "the restored router is where the original was");

    List<ShopEvent> next = new ArrayList<>();
    for (int i = 6; i < 12; i++) {
      next.add(ShopEvent.arrived(shop.id(), consultation("c" + i, i).arrivedAt(T0.plusSeconds(40 + i))));
    }
    next.add(ShopEvent.ended(shop.id(), ConsultationId.of("c1")).at(T0.plusSeconds(60)));
    next.add(ShopEvent.presenceChanged(shop.id(), c, Presence.ONLINE).at(T0.plusSeconds(61)));
    next.add(ShopEvent.timeAdvanced(shop.id(), T0.plusSeconds(3_000)));
    for (ShopEvent e : next) {
      assertEquals(router.apply(e), restored.apply(e), () -> "R25: the restored router decided otherwise on " + e);
    }
    assertEquals(router.snapshot(), restored.snapshot());
  }

  private static Consultation consultation(String id, int i) {
    Consultation c = Consultation.of(ConsultationId.of(id), BuyerId.of("buyer-" + id), EntryPage.values()[i % 5],
        i % 3 == 0 ? OrderStatus.REFUNDING : OrderStatus.NO_ORDER);
    if (i % 4 == 1) {
      c = c.withRecentContact(AccountId.of("b"), T0);
    }
    return i % 4 == 2 ? c.withExclusiveFollower(AccountId.of("a")) : c;
  }

  // ---------------------------------------------------------------------------------------------------------
  // The golden file of version 1

  /** The committed bytes of version 1 read back as the snapshot they were written from: old bytes stay readable. */
  @Test
  void theVersion1GoldenFileReadsBackAsTheSnapshotItWasWrittenFrom() throws IOException {
    byte[] golden = golden(GOLDEN_V1);
    assertEquals(1, RouterSnapshotCodec.version(golden));
    assertEquals(goldenV1(), RouterSnapshotCodec.decode(golden));
  }

  /**
   * While this release writes version 1, it writes it byte for byte as the golden file: a change of layout
   * without a new version number fails here. (When CURRENT_VERSION moves on, this test is for the golden file
   * of the new version.)
   */
  @Test
  void thisReleaseWritesVersion1ByteForByteAsTheGoldenFile() throws IOException {
    assertEquals(1, RouterSnapshotCodec.CURRENT_VERSION, "a new version: point this test at its own golden file");
    assertArrayEquals(golden(GOLDEN_V1), RouterSnapshotCodec.encode(goldenV1()));
  }

  /**
   * Writes the golden file of version 1. Ran once, when version 1 was made (see the class comment); it refuses
   * to overwrite the file, and runs only when asked with {@code -Dfenliu.codec.writeGolden=v1}.
   */
  @Test
  @EnabledIfSystemProperty(named = "fenliu.codec.writeGolden", matches = "v1")
  void writeTheVersion1GoldenFile() throws IOException {
    Path file = Path.of(System.getProperty("basedir", "."), "src/test/resources/io/fenliu/routing", GOLDEN_V1);
    assertFalse(Files.exists(file), file + " exists: a golden file is never regenerated; a new version adds its own");
    Files.createDirectories(file.getParent());
    Files.write(file, RouterSnapshotCodec.encode(goldenV1()), StandardOpenOption.CREATE_NEW);
  }

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = RouterSnapshotCodecTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name + " is on the test class path");
      return in.readAllBytes();
    }
  }

  /**
   * The snapshot in the version-1 golden file, built by hand to cover every field: agents of every status,
   * with and without permissions, roles and limits; advanced settings with two groups, page sets, offline
   * receivers, both windows, share modes per shop, page and group, queue bounds; presence with times, open
   * consultations (one of an agent that left) with the decisions that seated three of them, a waiting
   * consultation with every optional fact and one with none, 42 decisions, the shop's time and a seed. A state a router rests in: when the file was made, {@code
   * Router.builder(goldenV1()).build().snapshot()} gave it back unchanged. <strong>Never change it</strong> (see
   * the class comment).
   */
  static RouterSnapshot goldenV1() {
    AccountId mei = AccountId.of("mei");
    AccountId lan = AccountId.of("lan");
    AccountId rex = AccountId.of("rex");
    Shop shop = Shop.of(ShopId.of("golden-shop"), "金牌小店 Golden Shop", new MainAccount(AccountId.of("boss"), "老板 Boss"),
        List.of(
            SubAccount.builder(mei, "小美 Mei").exclusiveAgent().roles(Role.PRE_SALE).concurrentLimit(2).build(),
            SubAccount.builder(lan, "阿兰 Lan").permissions(ExclusivePermission.EXCLUSIVE_AGENT,
                ExclusivePermission.EXCLUSIVE_SUPERVISOR).roles(Role.AFTER_SALE, Role.of("vip 贵宾")).build(),
            SubAccount.builder(AccountId.of("kai"), "Kai").status(AccountStatus.RESIGNED)
                .participatesInRouting(false).concurrentLimit(1).build(),
            SubAccount.builder(AccountId.of("dev"), "Dev").status(AccountStatus.DISABLED)
                .permissions(ExclusivePermission.EXCLUSIVE_SUPERVISOR).concurrentLimit(5).build(),
            SubAccount.builder(AccountId.of("ice"), "Ice").status(AccountStatus.FROZEN).roles(Role.PRE_SALE).build(),
            SubAccount.builder(rex, "Rex 留言").roles(Role.AFTER_SALE).concurrentLimit(20).build()));
    RoutingSettings settings = RoutingSettings.builder()
        .mode(RoutingMode.ADVANCED)
        .page(EntryPage.SHOP_HOME, List.of(mei, lan))
        .page(EntryPage.REFUND_DETAIL, List.of(lan, rex))
        .group(AgentGroup.builder("售前 pre-sale")
            .boundTo(OrderStatus.NO_ORDER, OrderStatus.UNPAID, OrderStatus.GROUP_BUY_PENDING)
            .member(mei, 500).member(lan, 100).build())
        .group(AgentGroup.builder("售后 after-sale")
            .boundTo(OrderStatus.REFUNDING, OrderStatus.AFTER_SALE, OrderStatus.DELIVERED)
            .member(lan, 1).member(rex, 1_000_000).build())
        .offlineReceivers(List.of(rex, mei))
        .recentAgentWindow(Duration.ofDays(2))
        .suspendedRecentWindow(Duration.ofHours(6))
        .connectToExclusiveAgent(true)
        .shareMode(ShareMode.LEAST_BUSY)
        .shareMode(EntryPage.SHOP_HOME, ShareMode.WEIGHTED_RANDOM)
        .shareMode(EntryPage.REFUND_DETAIL, ShareMode.LEAST_BUSY)
        .shareMode("售前 pre-sale", ShareMode.WEIGHTED_RANDOM)
        .maxQueueWait(Duration.ofSeconds(330, 500_000_000))
        .maxQueueLength(50)
        .build();
    Map<AccountId, Presence> presence = new LinkedHashMap<>();
    presence.put(mei, Presence.ONLINE);
    presence.put(lan, Presence.SUSPENDED);
    presence.put(AccountId.of("kai"), Presence.OFFLINE);
    presence.put(AccountId.of("dev"), Presence.OFFLINE);
    presence.put(AccountId.of("ice"), Presence.OFFLINE);
    presence.put(rex, Presence.OFFLINE);
    Map<AccountId, Instant> changedAt = new LinkedHashMap<>();
    changedAt.put(mei, T0.minusSeconds(60));
    changedAt.put(lan, T0.minusSeconds(30).plusNanos(123_456_789));
    List<OpenConsultation> open = List.of(
        new OpenConsultation(ConsultationId.of("c-4"), BuyerId.of("b-4"), AccountId.of("left"), T0.minusSeconds(3_600)),
        new OpenConsultation(ConsultationId.of("c-1"), BuyerId.of("b-1"), mei, T0),
        new OpenConsultation(ConsultationId.of("c-2"), BuyerId.of("b-2"), mei, T0.plusSeconds(1)),
        new OpenConsultation(ConsultationId.of("c-3"), BuyerId.of("b-3"), lan, T0.plusMillis(2_500)));
    List<WaitingConsultation> waiting = List.of(
        new WaitingConsultation(Consultation.of(ConsultationId.of("w-1"), BuyerId.of("b-5"), EntryPage.PRODUCT_DETAIL,
            OrderStatus.UNPAID).arrivedAt(T0.plusSeconds(5)).withRecentContact(lan, T0.minusSeconds(43_200))
            .withExclusiveFollower(mei), T0.plusSeconds(5)),
        new WaitingConsultation(Consultation.of(ConsultationId.of("w-2"), BuyerId.of("b-6"), EntryPage.ORDER_DETAIL,
            OrderStatus.SHIPPED), T0.plusSeconds(6)));
    Map<ConsultationId, RoutingDecision> decided = new LinkedHashMap<>();
    decided.put(ConsultationId.of("c-1"), RoutingDecision.of(Optional.of(mei), RoutingStep.MATCHED_GROUP,
        "order status NO_ORDER is bound to group '售前 pre-sale' (R12)"));
    decided.put(ConsultationId.of("c-2"), RoutingDecision.of(Optional.of(mei), RoutingStep.EXCLUSIVE_FOLLOWER,
        "the buyer's exclusive agent mei is online (R18)"));
    decided.put(ConsultationId.of("c-3"), RoutingDecision.of(Optional.of(lan), RoutingStep.ASSIGNED_BY_HOST,
        "seated by the host (R20)"));
    LiveState live = LiveState.of(presence, changedAt, open, waiting).withOpenDecisions(decided).withDecisions(42)
        .withTime(T0.plusSeconds(10));
    return RouterSnapshot.of(shop, settings, live, 0x5EEDF00DCAFEBEEFL);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Versions and headers

  /** R25: a version this release does not read is refused, naming it and the versions this release reads. */
  @Test
  void anUnknownVersionIsRefusedNamingItAndTheVersionsThisReleaseReads() {
    byte[] valid = RouterSnapshotCodec.encode(goldenV1());
    for (int version : new int[] {2, 0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      byte[] bytes = valid.clone();
      ByteBuffer.wrap(bytes).putInt(4, version);
      reseal(bytes);
      assertEquals(version, RouterSnapshotCodec.version(bytes), "version() reads the header whatever it says");
      InvalidValueException e = refused(bytes);
      assertContains(e, "format version " + version, "cannot read", "reads version 1");
    }
  }

  /** Bytes that are not a snapshot at all, or too short for its header. */
  @Test
  void bytesThatAreNotASnapshotAreRefusedByTheirHeader() {
    assertContains(refused("FNLX\0\0\0\1".getBytes(StandardCharsets.ISO_8859_1)), "offset 3", "not a Fenliu router"
        + " snapshot", "46 4E 4C 58");
    assertContains(refused("{\"shop\":1}".getBytes(StandardCharsets.UTF_8)), "offset 0", "magic");
    for (int n = 0; n < 8; n++) {
      byte[] header = Arrays.copyOf(RouterSnapshotCodec.encode(goldenV1()), n);
      assertContains(refused(header), "truncated", "offset " + n);
      assertThrows(InvalidValueException.class, () -> RouterSnapshotCodec.version(header));
    }
    assertThrows(NullPointerException.class, () -> RouterSnapshotCodec.decode(null));
    assertThrows(NullPointerException.class, () -> RouterSnapshotCodec.encode(null));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Corrupt and truncated bytes

  /** Every truncation of a valid encoding, by any number of bytes, is refused: the header, or the CRC32. */
  @Test
  void everyTruncationIsRefused() {
    byte[] valid = RouterSnapshotCodec.encode(goldenV1());
    for (int n = 0; n < valid.length; n++) {
      InvalidValueException e = refused(Arrays.copyOf(valid, n));
      assertContains(e, "offset", n < 12 ? "truncated" : "CRC32");
    }
  }

  /**
   * The same truncations behind a recomputed CRC (a buggy writer, a forgery): the payload's own bounds refuse
   * each one, naming the part and offset, never with an EOFException.
   */
  @Test
  void everyTruncationBehindAValidCrcIsRefusedAtItsOffset() {
    byte[] valid = RouterSnapshotCodec.encode(goldenV1());
    for (int n = 8; n < valid.length - 4; n++) {
      byte[] cut = Arrays.copyOf(valid, n + 4);
      reseal(cut);
      InvalidValueException e = refused(cut);
      assertContains(e, "corrupt router snapshot at offset ");
      assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("remain"), e.getMessage());
    }
  }

  /** Any byte changed, anywhere, is refused: in the header by the magic or the version, elsewhere by the CRC32. */
  @Test
  void everySingleByteFlipIsRefused() {
    byte[] valid = RouterSnapshotCodec.encode(goldenV1());
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < valid.length; i++) {
      for (int mask : new int[] {0x01, 0x80, 0xFF, 1 + random.nextInt(255)}) {
        byte[] bytes = valid.clone();
        bytes[i] ^= (byte) mask;
        InvalidValueException e = refused(bytes);
        assertContains(e, i < 4 ? "magic" : i < 8 ? "format version" : "CRC32");
      }
    }
  }

  /** Random damage — several bytes changed at once — is refused too. */
  @Test
  void randomDamageIsRefused() {
    byte[] valid = RouterSnapshotCodec.encode(goldenV1());
    qt().withFixedSeed(7L).withExamples(2_000).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom random = new SplittableRandom(seed);
      byte[] bytes = valid.clone();
      int flips = 1 + random.nextInt(8);
      for (int k = 0; k < flips; k++) {
        bytes[8 + random.nextInt(bytes.length - 8)] ^= (byte) (1 + random.nextInt(255));
      }
      if (!Arrays.equals(bytes, valid)) {
        assertContains(refused(bytes), "CRC32");
      }
    });
  }

  /**
   * Random damage behind a recomputed CRC (a fuzzer's view): every result is a snapshot (a changed letter of a
   * name is still a name) or an InvalidValueException naming an offset, never another exception.
   */
  @Test
  void randomDamageBehindAValidCrcIsReadOrRefusedNeverThrownAsAnotherException() {
    byte[] valid = RouterSnapshotCodec.encode(goldenV1());
    qt().withFixedSeed(11L).withExamples(3_000).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom random = new SplittableRandom(seed);
      byte[] bytes = valid.clone();
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        int at = 8 + random.nextInt(bytes.length - 12);
        bytes[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (random.nextBoolean() ? 0xFF : 0);
      }
      reseal(bytes);
      try {
        assertNotNull(RouterSnapshotCodec.decode(bytes));
      } catch (InvalidValueException e) {
        assertEquals("bytes", e.argument());
        assertContains(e, "offset", "(R25)");
      } catch (RuntimeException | Error e) {
        throw new AssertionError("seed " + seed + ": refused with " + e, e);
      }
    });
  }

  /**
   * A count or a string length of 100 MiB, behind a valid CRC, is refused before anything is allocated for it:
   * the count is bounded by the bytes that remain.
   */
  @Test
  void aHundredMebibyteCountAllocatesNothing() {
    byte[] valid = RouterSnapshotCodec.encode(small());
    int hundredMiB = 100 * 1024 * 1024;
    byte[] count = valid.clone();
    ByteBuffer.wrap(count).putInt(SUB_ACCOUNT_COUNT, hundredMiB);
    reseal(count);
    byte[] length = valid.clone();
    ByteBuffer.wrap(length).putInt(8, hundredMiB);
    reseal(length);

    long before = allocatedBytes();
    InvalidValueException byCount = refused(count);
    InvalidValueException byLength = refused(length);
    long allocated = allocatedBytes() - before;
    assertContains(byCount, "offset " + SUB_ACCOUNT_COUNT, "count of sub-accounts", "count " + hundredMiB, "remain");
    assertContains(byLength, "offset 8", "shop id", "string of " + hundredMiB + " bytes", "remain");
    if (before >= 0) {
      assertTrue(allocated < 4 * 1024 * 1024, "refusing allocated " + allocated + " bytes");
    }
  }

  /** Payloads behind a valid CRC that the writer never writes are refused, each saying what and where. */
  @Test
  void badPayloadsBehindAValidCrcAreRefusedSayingWhatAndWhere() {
    byte[] valid = RouterSnapshotCodec.encode(small());

    byte[] negative = valid.clone();
    ByteBuffer.wrap(negative).putInt(SUB_ACCOUNT_COUNT, -1);
    assertContains(refused(reseal(negative)), "offset " + SUB_ACCOUNT_COUNT, "count of sub-accounts",
        "cannot be negative: -1");

    byte[] enumName = replace(valid, "ACTIVE", "ACTIVX");
    assertContains(refused(enumName), "sub-account 0, status", "no AccountStatus is named 'ACTIVX'", "ACTIVE");

    byte[] blank = replace(valid, "shop-x", "      ");
    InvalidValueException domain = refused(blank);
    assertContains(domain, "offset 8", "the shop", "refused", "shop id must not be blank");
    assertInstanceOf(InvalidValueException.class, domain.getCause(), "the domain's refusal is the cause");

    byte[] weight = valid.clone();
    int weightAt = indexOf(valid, "agent-1".getBytes(StandardCharsets.UTF_8), indexOf(valid,
        "grp".getBytes(StandardCharsets.UTF_8), 0)) + "agent-1".length();
    ByteBuffer.wrap(weight).putInt(weightAt, 0);
    assertContains(refused(reseal(weight)), "group 0", "member 0", "weight of agent-1 must be in [1, 1000000]");

    byte[] bool = valid.clone();
    int timePresence = valid.length - 4 - 8 - 1; // the seed and the CRC follow the time's presence byte
    bool[timePresence] = 2;
    assertContains(refused(reseal(bool)), "offset " + timePresence, "time", "must be 0 or 1, not 2");

    byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
    System.arraycopy(valid, valid.length - 4, trailing, valid.length - 3, 4);
    trailing[valid.length - 4] = 0;
    assertContains(refused(reseal(trailing)), "offset " + (valid.length - 4), "1 byte follows the snapshot");

    byte[] utf8 = valid.clone();
    utf8[indexOf(valid, "shop-x".getBytes(StandardCharsets.UTF_8), 0)] = (byte) 0xC0;
    assertContains(refused(reseal(utf8)), "offset 12", "not UTF-8");

    byte[] twice = replace(valid, "agent-1", "agent-0");
    assertContains(refused(twice), "refused", "agent-0");
  }

  /** The snapshot the byte-level tests edit: ASCII names whose offsets the format's layout gives. */
  private static RouterSnapshot small() {
    Shop shop = Shop.of(ShopId.of("shop-x"), "n", new MainAccount(AccountId.of("m"), "o"), List.of(
        SubAccount.builder(AccountId.of("agent-0"), "zero").build(),
        SubAccount.builder(AccountId.of("agent-1"), "one").build()));
    RoutingSettings settings = RoutingSettings.builder().mode(RoutingMode.ADVANCED)
        .group(AgentGroup.builder("grp").boundTo(OrderStatus.NO_ORDER).member(AccountId.of("agent-1"), 5).build())
        .build();
    return RouterSnapshot.of(shop, settings, LiveState.empty(), 3L);
  }

  /** Magic and version (8), then four strings of 6, 1, 1 and 1 bytes, each after its 4-byte length. */
  private static final int SUB_ACCOUNT_COUNT = 8 + (4 + 6) + (4 + 1) + (4 + 1) + (4 + 1);

  // ---------------------------------------------------------------------------------------------------------
  // Helpers

  private static InvalidValueException refused(byte[] bytes) {
    try {
      RouterSnapshot s = RouterSnapshotCodec.decode(bytes);
      return fail("decoded instead of refused: " + s);
    } catch (InvalidValueException e) {
      assertEquals("bytes", e.argument());
      assertEquals("R25", e.rule().orElse(null));
      assertTrue(e.getMessage().contains("(R25)"), e.getMessage());
      return e;
    } catch (RuntimeException | Error e) {
      throw new AssertionError("refused with " + e + " instead of an InvalidValueException", e);
    }
  }

  private static void assertContains(InvalidValueException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + e.getMessage());
    }
  }

  /** Recomputes the trailing CRC32 over the bytes before it, as a writer of bad payloads would. */
  private static byte[] reseal(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  /** {@code bytes} with the first occurrence of {@code from} replaced by {@code to} (same length), resealed. */
  private static byte[] replace(byte[] bytes, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.UTF_8);
    byte[] t = to.getBytes(StandardCharsets.UTF_8);
    assertEquals(f.length, t.length);
    byte[] copy = bytes.clone();
    System.arraycopy(t, 0, copy, indexOf(bytes, f, 0), t.length);
    return reseal(copy);
  }

  private static int indexOf(byte[] bytes, byte[] part, int from) {
    for (int i = from; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found: " + new String(part, StandardCharsets.UTF_8));
  }

  /**
   * This thread's allocated bytes so far (HotSpot's com.sun.management.ThreadMXBean), or -1 where the JVM does
   * not say. Reflective: the routing module does not read java.management, and reflection needs no read edge.
   */
  private static long allocatedBytes() {
    try {
      Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      Object bytes = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
          .invoke(bean);
      return (Long) bytes;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Random snapshots (routing cannot depend on fenliu-testing; these cover what the codec writes)

  /** Snapshots drawn from a {@link SplittableRandom}: every field, edge values and awkward strings included. */
  static final class Snapshots {
    /** The steps that name an agent, as the decision that seated an open consultation does. */
    private static final RoutingStep[] SEATING_STEPS = Arrays.stream(RoutingStep.values())
        .filter(st -> st != RoutingStep.QUEUED && st != RoutingStep.NO_AGENT).toArray(RoutingStep[]::new);

    private Snapshots() {}

    static RouterSnapshot random(SplittableRandom r) {
      int agents = r.nextInt(7);
      List<AccountId> ids = new ArrayList<>();
      List<SubAccount> subs = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        AccountId id = AccountId.of(text(r) + "#" + i);
        ids.add(id);
        subs.add(subAccount(r, id));
      }
      Shop shop = Shop.of(ShopId.of(text(r)), text(r), new MainAccount(AccountId.of(text(r) + "#main"), text(r)),
          subs);
      for (int i = r.nextInt(3); i > 0; i--) {
        ids.add(AccountId.of(text(r) + "#gone" + i)); // ids the roster does not know: a snapshot is a plain value
      }
      return RouterSnapshot.of(shop, settings(r, ids), live(r, ids), r.nextLong());
    }

    private static SubAccount subAccount(SplittableRandom r, AccountId id) {
      SubAccount.Builder b = SubAccount.builder(id, text(r))
          .status(pick(r, AccountStatus.values()))
          .participatesInRouting(r.nextBoolean());
      for (ExclusivePermission p : ExclusivePermission.values()) {
        if (r.nextBoolean()) {
          b.permissions(p);
        }
      }
      for (int i = r.nextInt(4); i > 0; i--) {
        b.roles(r.nextBoolean() ? Role.PRE_SALE : Role.of(text(r)));
      }
      if (r.nextBoolean()) {
        b.concurrentLimit(r.nextBoolean() ? 1 + r.nextInt(10) : 1 + r.nextInt(Integer.MAX_VALUE));
      }
      return b.build();
    }

    private static RoutingSettings settings(SplittableRandom r, List<AccountId> ids) {
      RoutingMode mode = pick(r, RoutingMode.values());
      RoutingSettings.Builder b = RoutingSettings.builder().mode(mode);
      for (EntryPage page : EntryPage.values()) {
        if (!ids.isEmpty() && r.nextInt(3) == 0) {
          b.page(page, some(r, ids, 1));
        }
        if (r.nextInt(4) == 0) {
          b.shareMode(page, pick(r, ShareMode.values()));
        }
      }
      List<OrderStatus> statuses = new ArrayList<>(List.of(OrderStatus.values()));
      shuffle(r, statuses);
      int groups = r.nextInt(4);
      for (int g = 0; g < groups; g++) {
        String name = text(r) + "#g" + g;
        AgentGroup.Builder group = AgentGroup.builder(name);
        for (int k = 1 + r.nextInt(3); k > 0 && !statuses.isEmpty(); k--) {
          group.boundTo(statuses.remove(statuses.size() - 1));
        }
        if (mode == RoutingMode.ADVANCED) {
          for (AccountId m : some(r, ids, 0)) {
            group.member(m, r.nextBoolean() ? 1 + r.nextInt(1_000) : 1 + r.nextInt(GroupMember.MAX_WEIGHT));
          }
        }
        b.group(group.build());
        if (r.nextBoolean()) {
          b.shareMode(name, pick(r, ShareMode.values()));
        }
      }
      b.offlineReceivers(some(r, ids, 0));
      Duration window = duration(r, false);
      b.recentAgentWindow(window);
      if (r.nextBoolean()) {
        long nanos = window.toNanos();
        b.suspendedRecentWindow(Duration.ofNanos(r.nextLong(nanos == Long.MAX_VALUE ? nanos : nanos + 1)));
      }
      b.connectToExclusiveAgent(r.nextBoolean());
      b.shareMode(pick(r, ShareMode.values()));
      b.maxQueueWait(duration(r, true));
      b.maxQueueLength(r.nextBoolean() ? 1 + r.nextInt(1_000) : 1 + r.nextInt(Integer.MAX_VALUE));
      return b.build();
    }

    private static LiveState live(SplittableRandom r, List<AccountId> ids) {
      Map<AccountId, Presence> presence = new LinkedHashMap<>();
      Map<AccountId, Instant> changedAt = new LinkedHashMap<>();
      for (AccountId id : some(r, ids, 0)) {
        presence.put(id, pick(r, Presence.values()));
      }
      for (AccountId id : some(r, ids, 0)) {
        changedAt.put(id, instant(r));
      }
      List<OpenConsultation> open = new ArrayList<>();
      for (int i = r.nextInt(5); i > 0; i--) {
        open.add(new OpenConsultation(ConsultationId.of(text(r) + "#o" + i), BuyerId.of(text(r)),
            ids.isEmpty() ? AccountId.of(text(r)) : pick(r, ids), instant(r)));
      }
      Map<ConsultationId, RoutingDecision> decided = new LinkedHashMap<>();
      for (OpenConsultation o : open) {
        if (r.nextBoolean()) {
          RoutingStep step = pick(r, SEATING_STEPS);
          String reason = text(r) + pick(r, new String[] {"", "{agent}", "{context}", "{"});
          RoutingDecision d = RoutingDecision.of(Optional.of(o.agent()), step, reason);
          decided.put(o.id(), r.nextBoolean() ? d.asRepeat() : d);
        }
      }
      List<WaitingConsultation> waiting = new ArrayList<>();
      for (int i = r.nextInt(5); i > 0; i--) {
        Consultation c = Consultation.of(ConsultationId.of(text(r) + "#w" + i), BuyerId.of(text(r)),
            pick(r, EntryPage.values()), pick(r, OrderStatus.values()));
        if (r.nextBoolean()) {
          c = c.arrivedAt(instant(r));
        }
        if (r.nextBoolean()) {
          c = c.withRecentContact(AccountId.of(text(r)), instant(r));
        }
        if (r.nextBoolean()) {
          c = c.withExclusiveFollower(AccountId.of(text(r)));
        }
        waiting.add(new WaitingConsultation(c, instant(r)));
      }
      LiveState live = LiveState.of(presence, changedAt, open, waiting).withOpenDecisions(decided);
      if (r.nextBoolean()) {
        live = live.withDecisions(r.nextBoolean() ? r.nextInt(1_000) : r.nextLong() & Long.MAX_VALUE);
      }
      return r.nextBoolean() ? live.withTime(instant(r)) : live;
    }

    /** A string that is never blank: ASCII, CJK, emoji, unpaired surrogates, NUL, mixed. */
    static String text(SplittableRandom r) {
      StringBuilder s = new StringBuilder();
      int n = r.nextInt(12);
      for (int i = 0; i < n; i++) {
        switch (r.nextInt(8)) {
          case 0 -> s.append((char) ('a' + r.nextInt(26)));
          case 1 -> s.append((char) (0x80 + r.nextInt(0x780))); // two bytes in UTF-8
          case 2 -> s.append((char) (0x4E00 + r.nextInt(0x5000))); // CJK, three bytes
          case 3 -> s.appendCodePoint(0x10000 + r.nextInt(0x100000)); // four bytes, a surrogate pair
          case 4 -> s.append((char) (0xD800 + r.nextInt(0x800))); // an unpaired (or accidentally paired) surrogate
          case 5 -> s.append(' ');
          case 6 -> s.append('\0');
          default -> s.append((char) r.nextInt(0x10000));
        }
      }
      String value = s.toString();
      return value.isBlank() ? value + "x" : value;
    }

    private static Instant instant(SplittableRandom r) {
      return switch (r.nextInt(6)) {
        case 0 -> Instant.MIN;
        case 1 -> Instant.MAX;
        case 2 -> Instant.EPOCH;
        case 3 -> T0.plusMillis(r.nextInt(1_000_000));
        case 4 -> T0.plusNanos(r.nextLong(1L << 50));
        default -> Instant.ofEpochSecond(r.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
            r.nextInt(1_000_000_000));
      };
    }

    private static Duration duration(SplittableRandom r, boolean positive) {
      return switch (r.nextInt(5)) {
        case 0 -> positive ? Duration.ofNanos(1) : Duration.ZERO;
        case 1 -> Duration.ofNanos(Long.MAX_VALUE);
        case 2 -> Duration.ofDays(3);
        case 3 -> Duration.ofSeconds(1 + r.nextInt(100_000), r.nextInt(1_000_000_000));
        default -> Duration.ofNanos(1 + r.nextLong(Long.MAX_VALUE - 1));
      };
    }

    /** A random subset of {@code ids}, at least {@code min} of them when there are any, in random order. */
    private static List<AccountId> some(SplittableRandom r, List<AccountId> ids, int min) {
      List<AccountId> copy = new ArrayList<>(ids);
      shuffle(r, copy);
      int n = ids.isEmpty() ? 0 : Math.min(ids.size(), min + r.nextInt(ids.size() + 1));
      return copy.subList(0, n);
    }

    private static <T> void shuffle(SplittableRandom r, List<T> list) {
      for (int i = list.size() - 1; i > 0; i--) {
        T t = list.get(i);
        int j = r.nextInt(i + 1);
        list.set(i, list.get(j));
        list.set(j, t);
      }
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
      return values[r.nextInt(values.length)];
    }

    private static <T> T pick(SplittableRandom r, List<T> values) {
      return values.get(r.nextInt(values.size()));
    }
  }
}
