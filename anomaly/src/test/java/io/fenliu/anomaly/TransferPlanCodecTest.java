package io.fenliu.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.ShopId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The saved form of a transfer plan (R8): every plan reads back with the same shop, moves and unmatched buyers;
 * the bytes of format version 1 are pinned by a golden file; bad bytes are refused with argument "bytes" and rule
 * R8, never an I/O exception; and a plan decoded from forged bytes still cannot break R3 or R8 when applied, because
 * applying checks the roster and compare-and-sets at write time.
 *
 * <h2>The golden file</h2>
 *
 * {@code src/test/resources/io/fenliu/anomaly/transfer-plan-v1.bin} holds {@link #goldenV1()} in format version 1,
 * written once on 2026-12-03 by {@link #writeTheVersion1GoldenFile()} ({@code -Dfenliu.codec.writeGolden=plan-v1}).
 * It stands for plans already saved in databases: neither the file nor {@link #goldenV1()} is ever changed. A new
 * format version gets a file of its own beside it.
 */
class TransferPlanCodecTest {
  private static final String GOLDEN_V1 = "transfer-plan-v1.bin";
  private static final ShopId SHOP = SeedShop.SHOP.id();

  /** Whatever the ids (emoji, unpaired surrogates, 128 characters), a plan reads back equal, with stable bytes. */
  @Test
  void everyPlanReadsBackWithTheSameShopMovesAndUnmatchedBuyers() {
    qt().withFixedSeed(20261203L).withExamples(300).withShrinkCycles(50)
        .forAll(longs().all(), integers().between(0, 600))
        .checkAssert((seed, size) -> {
          TransferPlan plan = randomPlan(new SplittableRandom(seed), size);
          byte[] bytes = TransferPlanCodec.encode(plan);
          TransferPlan back = TransferPlanCodec.decode(bytes);
          assertSamePlan(plan, back);
          assertArrayEquals(bytes, TransferPlanCodec.encode(back), "stable bytes");
          assertEquals(TransferPlanCodec.CURRENT_VERSION, TransferPlanCodec.version(bytes));
        });
  }

  /** Cutting a valid plan anywhere, or flipping any one of its bits, is refused as bad bytes (R8). */
  @Test
  void everyCutAndEveryFlippedBitIsRefused() {
    qt().withFixedSeed(7L).withExamples(200).withShrinkCycles(0)
        .forAll(longs().all(), integers().between(0, 40), integers().allPositive())
        .checkAssert((seed, size, where) -> {
          byte[] bytes = TransferPlanCodec.encode(randomPlan(new SplittableRandom(seed), size));
          byte[] cut = Arrays.copyOf(bytes, where % bytes.length);
          assertBad(cut, "");
          byte[] flipped = bytes.clone();
          int bit = where % (bytes.length * 8);
          flipped[bit / 8] ^= (byte) (1 << (bit % 8));
          assertBad(flipped, "");
          byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + where % 7);
          assertBad(longer, "");
        });
  }

  @Test
  void theVersion1GoldenFileReadsBackAsThePlanItWasWrittenFrom() throws IOException {
    byte[] golden = golden();
    assertEquals(1, TransferPlanCodec.version(golden));
    assertSamePlan(goldenV1(), TransferPlanCodec.decode(golden));
  }

  /** A change of layout without a new version number fails here. */
  @Test
  void thisReleaseWritesVersion1ByteForByteAsTheGoldenFile() throws IOException {
    assertEquals(1, TransferPlanCodec.CURRENT_VERSION, "a new version: give it a golden file of its own");
    assertArrayEquals(golden(), TransferPlanCodec.encode(goldenV1()));
  }

  /** Writes the golden file once; refuses to overwrite it. Runs only with -Dfenliu.codec.writeGolden=plan-v1. */
  @Test
  @EnabledIfSystemProperty(named = "fenliu.codec.writeGolden", matches = "plan-v1")
  void writeTheVersion1GoldenFile() throws IOException {
    Path file = Path.of(System.getProperty("basedir", "."), "src/test/resources/io/fenliu/anomaly", GOLDEN_V1);
    assertFalse(Files.exists(file), file + " exists: a golden file is never written again");
    Files.createDirectories(file.getParent());
    Files.write(file, TransferPlanCodec.encode(goldenV1()), StandardOpenOption.CREATE_NEW);
  }

  @Test
  void headersThatAreNotAPlanOrOfAnUnknownVersionAreRefusedNamingWhatWasFound() {
    assertBad(new byte[0], "too few");
    assertBad(new byte[] {'F', 'L', 'T'}, "too few");
    assertBad("FNLU\u0001xxxxxxxx".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "\"FLTP\"");
    byte[] later = TransferPlanCodec.encode(goldenV1());
    later[4] = 2;
    InvalidValueException e = assertBad(later, "format version 2");
    assertTrue(e.getMessage().contains("reads version 1"), e.getMessage());
    assertEquals(2, TransferPlanCodec.version(later));
    assertBad(new byte[] {'F', 'L', 'T', 'P', 1, 0, 0}, "too few");
    assertThrows(NullPointerException.class, () -> TransferPlanCodec.decode(null));
    assertThrows(NullPointerException.class, () -> TransferPlanCodec.encode(null));
  }

  /** Payloads whose CRC matches but whose fields are wrong: each refused, with what and where. */
  @Test
  void wellSealedBadPayloadsAreRefusedFieldByField() {
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(Integer.MAX_VALUE);
    }), "number of moves is 2147483647");
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(-1);
    }), "number of moves is -1");
    assertBad(sealed(out -> {
      out.writeUTF(" ");
      out.writeInt(0);
      out.writeInt(0);
    }), "shop id is refused");
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(1);
      move(out, "b", 2, "a", 0);
      out.writeInt(0);
    }), "flag is 2");
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(1);
      move(out, "b", 0, "a", -5);
      out.writeInt(0);
    }), "negative version -5");
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(2);
      move(out, "b", 0, "a", 0);
      move(out, "b", 0, "c", 0);
      out.writeInt(0);
    }), "moved twice");
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(1);
      move(out, "b", 0, "a", 0);
      out.writeInt(1);
      out.writeUTF("b");
    }), "also moved");
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(0);
      out.writeInt(0);
      out.writeByte(9);
    }), "left over");
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(1);
      move(out, "x".repeat(BuyerId.MAX_LENGTH + 1), 0, "a", 0);
      out.writeInt(0);
    }), "buyer id is refused");
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(0);
      out.writeInt(1);
      out.writeShort(3);
      out.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    }), "not modified UTF-8");
    assertBad(sealed(out -> {
      out.writeUTF("s");
      out.writeInt(0);
      out.writeInt(1);
      out.writeShort(50);
      out.write(new byte[] {'x'});
    }), "cut short");
  }

  /**
   * A plan forged in bytes (a resigned agent as target, another version) is decoded, but applying it writes
   * nothing the rules forbid: TARGET_INVALID for the invalid target (R3 at write time), CONFLICT for the wrong
   * version (R8), and the store is as it was.
   */
  @Test
  void aForgedPlanCannotBreakTheRulesWhenApplied() {
    InMemoryRelationshipStore store = InMemoryRelationshipStore.of(SHOP, SeedShop.ALL);
    byte[] forged = sealed(out -> {
      out.writeUTF(SHOP.value());
      out.writeInt(3);
      move(out, SeedShop.HEALTHY.buyer().value(), 1, SeedShop.RESIGNED.value(), 0, SeedShop.CY03.value());
      move(out, SeedShop.ON_RESIGNED.buyer().value(), 1, SeedShop.CY04.value(), 7, SeedShop.RESIGNED.value());
      move(out, SeedShop.ON_MAIN.buyer().value(), 1, SeedShop.OWNER.value(), 0, SeedShop.OWNER.value());
      out.writeInt(0);
    });
    List<ExclusiveRelationship> before = new ArrayList<>();
    store.forEach(before::add);
    TransferResult r = TransferPlanCodec.decode(forged).applyTo(SeedShop.SHOP, store);
    assertEquals(1, r.count(MoveOutcome.Status.TARGET_INVALID), r.toString());
    assertEquals(1, r.count(MoveOutcome.Status.CONFLICT), r.toString());
    assertEquals(1, r.count(MoveOutcome.Status.ALREADY_AT_TARGET), "the owner 'moved' to itself: nothing written");
    assertEquals(0, r.count(MoveOutcome.Status.MOVED));
    List<ExclusiveRelationship> after = new ArrayList<>();
    store.forEach(after::add);
    assertEquals(new java.util.HashSet<>(before), new java.util.HashSet<>(after), "nothing written");
  }

  // ---------------------------------------------------------------------------------------------------------

  private static InvalidValueException assertBad(byte[] bytes, String says) {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> TransferPlanCodec.decode(bytes));
    assertEquals("bytes", e.argument());
    assertEquals(Optional.of("R8"), e.rule());
    assertTrue(e.getMessage().contains(says) && e.getMessage().contains("offset"), e.getMessage());
    if (e.getCause() != null) {
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
    return e;
  }

  @FunctionalInterface
  private interface Payload {
    void write(DataOutputStream out) throws IOException;
  }

  /** A header, {@code payload} and its correct CRC32: bytes only the payload's checks can refuse. */
  private static byte[] sealed(Payload payload) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(new byte[] {'F', 'L', 'T', 'P', 1});
      payload.write(out);
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  private static void move(DataOutputStream out, String buyer, int flag, String to, long version, String... from)
      throws IOException {
    out.writeUTF(buyer);
    out.writeByte(flag);
    if (flag == 1) {
      out.writeUTF(from[0]);
    }
    out.writeUTF(to);
    out.writeLong(version);
  }

  private static void assertSamePlan(TransferPlan expected, TransferPlan actual) {
    assertEquals(expected.shop(), actual.shop());
    assertEquals(expected.moves(), actual.moves());
    assertEquals(expected.unmatched(), actual.unmatched());
  }

  private static byte[] golden() throws IOException {
    try (InputStream in = TransferPlanCodecTest.class.getResourceAsStream(GOLDEN_V1)) {
      assertNotNull(in, GOLDEN_V1 + " is on the test class path");
      return in.readAllBytes();
    }
  }

  /**
   * The plan of the version-1 golden file: a move with a follower and one without (R1.4), ids of 128 characters,
   * emoji and an unpaired surrogate, the largest version a move can expect, and unmatched buyers. Never changed.
   */
  static TransferPlan goldenV1() {
    String longest = "s".repeat(ShopId.MAX_LENGTH);
    List<PlannedMove> moves = List.of(
        new PlannedMove(BuyerId.of("b-resigned"), Optional.of(AccountId.of("03cy001")), AccountId.of("cy03"), 4),
        new PlannedMove(BuyerId.of("b-none"), Optional.empty(), AccountId.of("cy04"), 0),
        new PlannedMove(BuyerId.of("买家\uD83D\uDE00"), Optional.of(AccountId.of("客服\uD800")), AccountId.of("cy03"),
            Long.MAX_VALUE - 1),
        new PlannedMove(BuyerId.of("b".repeat(BuyerId.MAX_LENGTH)), Optional.of(AccountId.of("a".repeat(128))),
            AccountId.of("c".repeat(AccountId.MAX_LENGTH)), 1L << 40));
    return new TransferPlan(ShopId.of(longest), moves, List.of(BuyerId.of("gone-1"), BuyerId.of("gone-2")));
  }

  private static final String[] ALPHABET = {"a", "7", "-", "客", "\uD83D\uDE00", "\uD800", "\uDC00", "é", "\u0000"};

  private static String randomId(SplittableRandom random, String prefix) {
    StringBuilder s = new StringBuilder(prefix);
    int length = random.nextInt(8) == 0 ? 200 : random.nextInt(6);
    for (int i = 0; i < length && s.length() < 100; i++) {
      s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return s.length() > 100 ? s.substring(0, 100) : s.toString();
  }

  static TransferPlan randomPlan(SplittableRandom random, int size) {
    List<PlannedMove> moves = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Optional<AccountId> from = random.nextInt(10) == 0 ? Optional.empty()
          : Optional.of(AccountId.of(randomId(random, "f")));
      long version = random.nextInt(4) == 0 ? random.nextLong(Long.MAX_VALUE) : random.nextInt(5);
      moves.add(new PlannedMove(BuyerId.of("b" + i + "-" + randomId(random, "")), from,
          AccountId.of(randomId(random, "t")), version));
    }
    List<BuyerId> unmatched = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      unmatched.add(BuyerId.of("u" + i + randomId(random, "")));
    }
    return new TransferPlan(ShopId.of(randomId(random, "shop")), moves, unmatched);
  }
}
