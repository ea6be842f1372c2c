package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.internal.Require;
import io.fenliu.routing.RouterSnapshot;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.RoutingStep;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The envelope of a router snapshot's bytes and the choice of payload layout by version, behind {@code
 * io.fenliu.routing.RouterSnapshotCodec}:
 *
 * <pre>
 * offset 0        4 bytes   magic, ASCII "FNLU"
 * offset 4        int       format version (big-endian, as every number)
 * offset 8        ...       payload of that version ({@link SnapshotV1} for version 1)
 * last 4 bytes    int       CRC32 of every byte before it
 * </pre>
 *
 * <h2>Decoding order, and what each step guarantees</h2>
 *
 * <ol>
 *   <li>the magic: bytes that do not start with "FNLU" are not a snapshot;
 *   <li>the version: one this release cannot read is refused at once, naming it and the versions this release
 *       reads; nothing after the version is interpreted, so a later format may change anything past it;
 *   <li>the CRC32: any changed, cut or appended byte is refused before the payload is parsed (CRC32 detects
 *       every error burst of up to 32 bits, and all but one in 2^32 of the others);
 *   <li>the payload, strictly: every read is bounded by the bytes that remain (see {@link SnapshotInput}),
 *       every value passes the domain's own constructors, and the payload must end exactly at the CRC.
 * </ol>
 *
 * Step 4's checks matter for bytes whose CRC was recomputed over a bad payload (a buggy writer, or a
 * deliberate forgery): they too get a clear refusal with an offset, never an {@link java.io.EOFException}, a
 * {@link NegativeArraySizeException} or an {@link OutOfMemoryError}.
 *
 * <h2>Versions</h2>
 *
 * {@link #CURRENT_VERSION} is what {@link #encode} writes; {@link #decode} reads every version in {@code
 * READABLE}. A new layout adds a class beside {@link SnapshotV1} and a case to {@link #decode}; version 1's
 * reader stays for as long as its bytes may exist, and its golden file keeps it honest.
 *
 * <p>Stateless: every method may be called from any thread.
 */
public final class SnapshotCodec {
  /** The format version {@link #encode} writes. */
  public static final int CURRENT_VERSION = 1;

  /** The versions {@link #decode} reads, ascending. */
  private static final int[] READABLE = {1};

  private static final byte[] MAGIC = "FNLU".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + 4;
  private static final int CRC = 4;

  private SnapshotCodec() {}

  /** The snapshot's bytes, in {@link #CURRENT_VERSION}. */
  public static byte[] encode(RouterSnapshot snapshot) {
    Require.notNull(snapshot, "snapshot");
    SnapshotOutput out = new SnapshotOutput();
    out.bytes(MAGIC);
    out.int32(CURRENT_VERSION);
    SnapshotV1.write(out, snapshot);
    return out.sealed();
  }

  /**
   * Makes a {@link RoutingDecision} exactly as it was written: its agent, step, reason text, queue position and
   * repetition (R19). Given by {@code io.fenliu.routing}, the one package that can make every decision a router
   * makes, repeats included; it refuses, with an {@link IllegalArgumentException}, a combination no router makes
   * (an agent for a QUEUED decision, a queue position for another step…).
   */
  @FunctionalInterface
  public interface Decisions {
    /** The decision; see the interface. */
    RoutingDecision decision(Optional<AccountId> agent, RoutingStep step, String reason, int queuePosition,
        boolean repeat);
  }

  /** The snapshot {@code bytes} hold, of any readable version; {@code decisions} makes its decisions. */
  public static RouterSnapshot decode(byte[] bytes, Decisions decisions) {
    int version = version(bytes);
    if (Arrays.binarySearch(READABLE, version) < 0) {
      throw unknownVersion(version);
    }
    if (bytes.length < HEADER + CRC) {
      throw SnapshotInput.corruptAt(HEADER, "the CRC32: truncated: " + bytes.length + " bytes, and the header and"
          + " the CRC32 alone take " + (HEADER + CRC));
    }
    int crcAt = bytes.length - CRC;
    int stored = (bytes[crcAt] & 0xFF) << 24 | (bytes[crcAt + 1] & 0xFF) << 16 | (bytes[crcAt + 2] & 0xFF) << 8
        | (bytes[crcAt + 3] & 0xFF);
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, crcAt);
    int computed = (int) crc.getValue();
    if (stored != computed) {
      throw SnapshotInput.corruptAt(crcAt, "the CRC32: the bytes say " + hex(stored) + " but the " + crcAt
          + " bytes before it give " + hex(computed) + ": they were changed, cut off or extended");
    }
    SnapshotInput in = new SnapshotInput(bytes, HEADER, crcAt);
    RouterSnapshot snapshot = SnapshotV1.read(in, decisions);
    if (in.remaining() != 0) {
      throw SnapshotInput.corruptAt(in.offset(), "the payload: " + in.remaining()
          + (in.remaining() == 1 ? " byte follows" : " bytes follow") + " the snapshot before the CRC32");
    }
    return snapshot;
  }

  /**
   * The format version written in {@code bytes}' header, whether or not this release reads it; the rest is not
   * looked at.
   */
  public static int version(byte[] bytes) {
    Require.notNull(bytes, "bytes");
    for (int i = 0; i < MAGIC.length; i++) {
      if (i >= bytes.length) {
        throw SnapshotInput.corruptAt(bytes.length, "the header: truncated: " + bytes.length
            + " bytes, and a snapshot starts with the 4-byte magic 'FNLU' and a 4-byte version");
      }
      if (bytes[i] != MAGIC[i]) {
        throw SnapshotInput.corruptAt(i, "the header: not a Fenliu router snapshot: its magic is "
            + hex(bytes, 0, Math.min(MAGIC.length, bytes.length)) + ", not 'FNLU' (46 4E 4C 55)");
      }
    }
    if (bytes.length < HEADER) {
      throw SnapshotInput.corruptAt(bytes.length, "the header: truncated: " + bytes.length
          + " bytes, and a snapshot starts with the 4-byte magic 'FNLU' and a 4-byte version");
    }
    return (bytes[4] & 0xFF) << 24 | (bytes[5] & 0xFF) << 16 | (bytes[6] & 0xFF) << 8 | (bytes[7] & 0xFF);
  }

  private static InvalidValueException unknownVersion(int version) {
    return new InvalidValueException("bytes", "R25", "these router snapshot bytes are of format version " + version
        + ", which this release of Fenliu cannot read: it reads version" + (READABLE.length == 1 ? " " : "s ")
        + Arrays.toString(READABLE).replaceAll("[\\[\\]]", "") + " (R25). Decode them with a release that reads"
        + " version " + version + "; this one does not guess at a layout it does not know");
  }

  private static String hex(int value) {
    return String.format("%08X", value);
  }

  private static String hex(byte[] b, int from, int to) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i < to; i++) {
      s.append(i > from ? " " : "").append(String.format("%02X", b[i] & 0xFF));
    }
    return s.toString();
  }
}
