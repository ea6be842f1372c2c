package io.fenliu.anomaly;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * A versioned binary form of a {@link TransferPlan} (R8), so that a plan can be saved (a database row, a file, a
 * message) and applied, or resumed, by another process after a restart. {@code decode(encode(p))} has the same
 * shop, moves and unmatched buyers as {@code p}, in the same order.
 *
 * <pre>{@code
 * byte[] saved = TransferPlanCodec.encode(plan);
 * // ... later, in this process or another, with this release or a later one:
 * TransferResult result = TransferPlanCodec.decode(saved).applyTo(shopNow, store);
 * }</pre>
 *
 * <h2>Why decoded plans are safe</h2>
 *
 * Only {@link TransferPlanner} makes plans, so a plan always carries what the planner read and a target that was
 * valid when planned. Decoding is the one other way to get a plan, and the bytes may have been changed on their
 * way. That cannot break a rule: {@link TransferPlan#applyTo} checks R3 against the roster it is given at write
 * time, and writes each move only by compare-and-set on the version and follower the move names (R8). So a move
 * forged to a resigned agent, the main account or another shop's agent ends TARGET_INVALID, and a move naming a
 * version or a follower the relationship does not have ends CONFLICT, nothing written either way; a forged plan
 * of another shop is refused by {@code applyTo} as a whole. What a tampered plan can do is what any caller of the
 * planner could do: move relationships it names, at their current version, to valid agents of the shop.
 *
 * <h2>The format</h2>
 *
 * Big-endian, written with {@link DataOutputStream}:
 *
 * <ul>
 *   <li>the magic bytes {@code "FLTP"} (46 4C 54 50), then the format version as one byte ({@value
 *       #CURRENT_VERSION});
 *   <li>version 1's payload: the shop id; the number of moves ({@code int}), then each move: the buyer id, a byte
 *       saying whether it has a planned follower (0 or 1) and then that follower's id, the target's id, the
 *       expected version ({@code long}); the number of unmatched buyers ({@code int}), then their ids;
 *   <li>a CRC32 of every byte before it, as an {@code int}.
 * </ul>
 *
 * An id is written with {@link DataOutputStream#writeUTF}: its length in bytes as an unsigned 16-bit number and
 * its modified UTF-8 (so every Java string, an unpaired surrogate included, reads back equal; ids are at most 128
 * characters, 384 bytes).
 *
 * <h2>What a version promises</h2>
 *
 * Bytes written by this release are read by every later release: a format change is a new version, and the
 * reader of the old one stays (a golden file of version 1 is read by the build). A release that meets a version
 * it does not know, one written by a later release, refuses it, naming the version found and those it reads.
 *
 * <h2>Bad bytes</h2>
 *
 * {@link #decode} refuses with an {@link InvalidValueException} whose {@linkplain InvalidValueException#argument()
 * argument} is {@code "bytes"} and whose {@linkplain InvalidValueException#rule() rule} is R8, with a message that
 * says what was wrong and at which offset: bytes too short for a header, another magic, an unknown version, bytes
 * changed, cut off or extended (the CRC32, checked before anything else is read); and, for bytes whose CRC matches
 * a bad payload, a field cut short, a negative count or one larger than the bytes left can hold (refused before
 * anything is allocated), a flag other than 0 or 1, an id the domain refuses (blank, over 128 characters: the
 * domain's exception is the cause), a negative expected version, a buyer named twice, or bytes left over. It never
 * throws an {@link java.io.EOFException} or another {@link IOException}.
 *
 * <p>Stateless: every method may be called from any number of threads at once.
 */
public final class TransferPlanCodec {
  /** The format version {@link #encode} writes: 1. */
  public static final int CURRENT_VERSION = 1;

  private static final byte[] MAGIC = {'F', 'L', 'T', 'P'};
  private static final int HEADER = MAGIC.length + 1;
  private static final int CRC = 4;
  /** The fewest bytes a move takes: three empty-length ids' lengths, the flag, the version. */
  private static final int MIN_MOVE = 2 + 1 + 2 + 8;
  /** The fewest bytes an unmatched buyer takes: its id's length. */
  private static final int MIN_ID = 2;

  private TransferPlanCodec() {}

  /**
   * The plan's bytes, in format {@link #CURRENT_VERSION}.
   *
   * @throws NullPointerException if {@code plan} is null
   */
  public static byte[] encode(TransferPlan plan) {
    Require.notNull(plan, "plan");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + plan.moves().size() * 48);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(CURRENT_VERSION);
      out.writeUTF(plan.shop().value());
      out.writeInt(plan.moves().size());
      for (PlannedMove m : plan.moves()) {
        out.writeUTF(m.buyer().value());
        Optional<AccountId> from = m.from();
        out.writeByte(from.isPresent() ? 1 : 0);
        if (from.isPresent()) {
          out.writeUTF(from.get().value());
        }
        out.writeUTF(m.to().value());
        out.writeLong(m.expectedVersion());
      }
      out.writeInt(plan.unmatched().size());
      for (BuyerId b : plan.unmatched()) {
        out.writeUTF(b.value());
      }
      CRC32 crc = new CRC32();
      byte[] body = bytes.toByteArray();
      crc.update(body);
      out.writeInt((int) crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e); // a ByteArrayOutputStream never throws
    }
    return bytes.toByteArray();
  }

  /**
   * The plan {@code bytes} hold, in any format version this release reads.
   *
   * @throws InvalidValueException for bytes that are not a plan this release reads, as the class documentation
   *     says (argument "bytes", rule R8)
   * @throws NullPointerException if {@code bytes} is null
   */
  public static TransferPlan decode(byte[] bytes) {
    Require.notNull(bytes, "bytes");
    int version = version(bytes);
    if (version != 1) {
      throw bad("format version " + version + " is not one this release reads (it reads version "
          + CURRENT_VERSION + ")" + (version > CURRENT_VERSION
              ? "; the bytes were written by a later release: decode them with that release"
              : "; no release writes version 0"), 4);
    }
    if (bytes.length < HEADER + CRC) {
      throw bad(bytes.length + " bytes are too few for a transfer plan (a header and a CRC32 take "
          + (HEADER + CRC) + "): they were cut off", bytes.length);
    }
    int end = bytes.length - CRC;
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, end);
    int stored = ((bytes[end] & 0xFF) << 24) | ((bytes[end + 1] & 0xFF) << 16) | ((bytes[end + 2] & 0xFF) << 8)
        | (bytes[end + 3] & 0xFF);
    if (stored != (int) crc.getValue()) {
      throw bad("the CRC32 does not match: the bytes were changed, cut off or extended since they were written",
          end);
    }
    return new Reader(bytes, HEADER, end).planV1();
  }

  /**
   * The format version written in {@code bytes}' header, whether or not this release reads it. Only the header is
   * looked at: a version returned here does not mean the rest is intact.
   *
   * @throws InvalidValueException if the bytes are shorter than the 5-byte header or do not start with the magic
   *     {@code "FLTP"} (argument "bytes", rule R8)
   * @throws NullPointerException if {@code bytes} is null
   */
  public static int version(byte[] bytes) {
    Require.notNull(bytes, "bytes");
    if (bytes.length < HEADER) {
      throw bad(bytes.length + " bytes are too few for a transfer plan's header (magic \"FLTP\" and a version"
          + " byte): they were cut off, or are not a plan", bytes.length);
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw bad("the bytes do not start with \"FLTP\": they are not a transfer plan", i);
      }
    }
    return bytes[MAGIC.length] & 0xFF;
  }

  private static InvalidValueException bad(String what, int offset) {
    return new InvalidValueException("bytes", "R8", "not a readable transfer plan (R8): " + what + " (at offset "
        + offset + "); nothing was applied: save the plan again from its planner");
  }

  /** Reads a payload between {@code pos} and {@code end} (the CRC), every count and length checked first. */
  private static final class Reader {
    private final byte[] bytes;
    private final int end;
    private int pos;

    Reader(byte[] bytes, int pos, int end) {
      this.bytes = bytes;
      this.pos = pos;
      this.end = end;
    }

    TransferPlan planV1() {
      ShopId shop = id(ShopId::of, "shop id");
      int moveCount = count("moves", MIN_MOVE);
      List<PlannedMove> moves = new ArrayList<>(moveCount);
      Set<BuyerId> seen = new HashSet<>();
      for (int i = 0; i < moveCount; i++) {
        int at = pos;
        BuyerId buyer = id(BuyerId::of, "buyer id");
        int flag = u8();
        if (flag > 1) {
          throw bad("move " + i + "'s follower flag is " + flag + ", not 0 or 1", pos - 1);
        }
        Optional<AccountId> from = flag == 1 ? Optional.of(id(AccountId::of, "follower id")) : Optional.empty();
        AccountId to = id(AccountId::of, "target id");
        long version = s64();
        if (version < 0) {
          throw bad("move " + i + " expects the negative version " + version, pos - 8);
        }
        if (!seen.add(buyer)) {
          throw bad("buyer " + buyer + " is moved twice; a plan moves each buyer once", at);
        }
        moves.add(new PlannedMove(buyer, from, to, version));
      }
      int unmatchedCount = count("unmatched buyers", MIN_ID);
      List<BuyerId> unmatched = new ArrayList<>(unmatchedCount);
      for (int i = 0; i < unmatchedCount; i++) {
        int at = pos;
        BuyerId buyer = id(BuyerId::of, "buyer id");
        if (!seen.add(buyer)) {
          throw bad("unmatched buyer " + buyer + " is named twice, or also moved", at);
        }
        unmatched.add(buyer);
      }
      if (pos != end) {
        throw bad((end - pos) + " bytes are left over after the plan", pos);
      }
      return new TransferPlan(shop, moves, unmatched);
    }

    private void need(int n, String what) {
      if (end - pos < n) {
        throw bad(what + " needs " + n + " bytes but only " + (end - pos) + " are left: the plan was cut short",
            pos);
      }
    }

    private int u8() {
      need(1, "a flag");
      return bytes[pos++] & 0xFF;
    }

    private int s32(String what) {
      need(4, what);
      int v = ((bytes[pos] & 0xFF) << 24) | ((bytes[pos + 1] & 0xFF) << 16) | ((bytes[pos + 2] & 0xFF) << 8)
          | (bytes[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }

    private long s64() {
      need(8, "an expected version");
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (bytes[pos + i] & 0xFF);
      }
      pos += 8;
      return v;
    }

    /** A count of elements of at least {@code minSize} bytes each, refused before anything is allocated. */
    private int count(String what, int minSize) {
      int at = pos;
      int n = s32("the number of " + what);
      if (n < 0 || (long) n * minSize > end - pos) {
        throw bad("the number of " + what + " is " + n + ", which the " + (end - pos) + " bytes left cannot hold",
            at);
      }
      return n;
    }

    private <T> T id(Function<String, T> make, String what) {
      int at = pos;
      need(2, "the length of a " + what);
      int length = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
      need(2 + length, "a " + what);
      String text;
      try {
        text = new DataInputStream(new ByteArrayInputStream(bytes, pos, 2 + length)).readUTF();
      } catch (IOException e) {
        throw bad("a " + what + " is not modified UTF-8 (" + e.getMessage() + ")", at);
      }
      pos += 2 + length;
      try {
        return make.apply(text);
      } catch (IllegalArgumentException e) {
        InvalidValueException x = bad("the " + what + " is refused: " + e.getMessage(), at);
        x.initCause(e);
        throw x;
      }
    }
  }
}
