package io.fenliu.routing.internal;

import io.fenliu.core.InvalidValueException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Reads the primitives {@link SnapshotOutput} writes, from a byte array through a {@link DataInputStream}, and
 * refuses anything else with an {@link InvalidValueException} (argument "bytes", rule R25) that says what was
 * wrong, in which part of the snapshot and at which offset of the array.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>Nothing is read past {@code end} (the start of the CRC): every read first checks that its bytes remain,
 *       so a truncated input is reported as such, never as an {@link java.io.EOFException}.
 *   <li>Nothing is allocated from a count or a length until it is bounded by the bytes that remain: a count
 *       of elements each taking at least {@code k} bytes may not exceed {@code remaining / k}, a string's
 *       length may not exceed {@code remaining}. A corrupt count therefore costs at most a few times the
 *       input's size, never gigabytes.
 *   <li>Only canonical encodings are read: booleans and presence bytes are 0 or 1, nanoseconds lie in
 *       [0, 999,999,999], strings are well-formed WTF-8 (no overlong form, no surrogate pair written as two
 *       sequences, nothing above U+10FFFF), enum names name a constant of this release.
 * </ul>
 *
 * <p>One reader per decoding, on one thread.
 */
final class SnapshotInput {
  /** A {@link ByteArrayInputStream} that tells its position: the offset every message reports. */
  private static final class Source extends ByteArrayInputStream {
    Source(byte[] bytes, int from, int length) {
      super(bytes, from, length);
    }

    int position() {
      return pos;
    }

    int end() {
      return count;
    }
  }

  private final Source source;
  private final DataInputStream in;
  private String context = "the snapshot";

  /** Reads {@code bytes[from, end)}. */
  SnapshotInput(byte[] bytes, int from, int end) {
    this.source = new Source(bytes, from, end - from);
    this.in = new DataInputStream(source);
  }

  /** Names the part being read ("sub-account 3"), for the messages of what follows. */
  void context(String where) {
    this.context = where;
  }

  /** The offset of the next byte, from the start of the whole array. */
  int offset() {
    return source.position();
  }

  /** How many bytes remain before the CRC. */
  int remaining() {
    return source.end() - source.position();
  }

  int int32(String what) {
    need(4, what);
    try {
      return in.readInt();
    } catch (IOException e) {
      throw unexpected(what, e);
    }
  }

  long int64(String what) {
    need(8, what);
    try {
      return in.readLong();
    } catch (IOException e) {
      throw unexpected(what, e);
    }
  }

  boolean bool(String what) {
    int at = offset();
    need(1, what);
    int b;
    try {
      b = in.readUnsignedByte();
    } catch (IOException e) {
      throw unexpected(what, e);
    }
    if (b > 1) {
      throw corrupt(at, what, "a boolean or presence byte must be 0 or 1, not " + b);
    }
    return b == 1;
  }

  /** The presence byte of an optional value. */
  boolean present(String what) {
    return bool(what + " (presence)");
  }

  /**
   * A count of elements that take at least {@code minBytesEach} bytes each; refused when negative or when
   * the bytes that remain cannot hold that many.
   */
  int count(String what, int minBytesEach) {
    int at = offset();
    int n = int32(what);
    if (n < 0) {
      throw corrupt(at, what, "a count cannot be negative: " + n);
    }
    long needed = (long) n * minBytesEach;
    if (needed > remaining()) {
      throw corrupt(at, what, "the count " + n + " needs at least " + needed + " bytes, and only " + remaining()
          + " remain");
    }
    return n;
  }

  String string(String what) {
    int at = offset();
    int length = int32(what + " (length)");
    if (length < 0) {
      throw corrupt(at, what, "a string's length cannot be negative: " + length);
    }
    if (length > remaining()) {
      throw corrupt(at, what, "truncated: a string of " + length + " bytes, and only " + remaining() + " remain");
    }
    int start = offset();
    byte[] b = new byte[length];
    try {
      in.readFully(b);
    } catch (IOException e) {
      throw unexpected(what, e);
    }
    return wtf8(b, start, what);
  }

  <E extends Enum<E>> E enumValue(Class<E> type, String what) {
    int at = offset();
    String name = string(what);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw corrupt(at, what, "no " + type.getSimpleName() + " is named '" + name + "'; this release knows "
          + Arrays.toString(type.getEnumConstants()));
    }
  }

  Instant instant(String what) {
    int at = offset();
    long seconds = int64(what + " (seconds)");
    int nanos = nanos(what);
    if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
      throw corrupt(at, what, "an instant's seconds must be in [" + Instant.MIN.getEpochSecond() + ", "
          + Instant.MAX.getEpochSecond() + "]: " + seconds);
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  Duration duration(String what) {
    long seconds = int64(what + " (seconds)");
    return Duration.ofSeconds(seconds, nanos(what));
  }

  private int nanos(String what) {
    int at = offset();
    int nanos = int32(what + " (nanoseconds)");
    if (nanos < 0 || nanos > 999_999_999) {
      throw corrupt(at, what, "nanoseconds must be in [0, 999999999]: " + nanos);
    }
    return nanos;
  }

  /**
   * {@code make}'s value; a refusal by a domain constructor or builder (a blank id, a weight out of range, an
   * order status bound to two groups…) becomes a refusal of the bytes, naming the part that began at {@code
   * at} and keeping the domain's message and exception as its cause. Any run-time exception counts as a
   * refusal, not only the documented {@link IllegalArgumentException} and {@link IllegalStateException}: bytes
   * that make a constructor fail in an undocumented way are still bad bytes, and the cause says how.
   */
  <T> T build(int at, String what, Supplier<T> make) {
    try {
      return make.get();
    } catch (RuntimeException e) {
      InvalidValueException refused = corrupt(at, what, "the value read is refused: " + e.getMessage());
      refused.initCause(e);
      throw refused;
    }
  }

  /** A refusal of the bytes: what was wrong, in which part, at which offset. */
  InvalidValueException corrupt(int at, String what, String problem) {
    return corruptAt(at, context + ", " + what + ": " + problem);
  }

  /** A refusal naming the offset and the whole problem. */
  static InvalidValueException corruptAt(int at, String problem) {
    return new InvalidValueException("bytes", "R25", "corrupt router snapshot at offset " + at + ", in " + problem
        + " (R25)");
  }

  private void need(int n, String what) {
    if (remaining() < n) {
      throw corrupt(offset(), what, "truncated: " + n + " bytes needed, " + remaining() + " remain");
    }
  }

  private InvalidValueException unexpected(String what, IOException e) {
    // need() has checked the bytes are there; a ByteArrayInputStream raises nothing else.
    InvalidValueException refused = corrupt(offset(), what, "unreadable: " + e);
    refused.initCause(e);
    return refused;
  }

  /**
   * Decodes well-formed WTF-8 (UTF-8 that also carries unpaired surrogates as their three-byte sequences);
   * {@code start} is the offset of {@code b[0]} in the whole array, for messages.
   */
  private String wtf8(byte[] b, int start, String what) {
    StringBuilder s = new StringBuilder(b.length);
    boolean lastWasThreeByteHighSurrogate = false;
    int i = 0;
    while (i < b.length) {
      int b0 = b[i] & 0xFF;
      int cp;
      int size;
      if (b0 < 0x80) {
        cp = b0;
        size = 1;
      } else if (b0 >= 0xC2 && b0 <= 0xDF) {
        size = 2;
        cp = b0 & 0x1F;
      } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        size = 3;
        cp = b0 & 0x0F;
      } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        size = 4;
        cp = b0 & 0x07;
      } else {
        throw corrupt(start + i, what, "not UTF-8: byte 0x" + Integer.toHexString(b0) + " cannot start a character");
      }
      if (i + size > b.length) {
        throw corrupt(start + i, what, "not UTF-8: a " + size + "-byte character is cut off by the string's end");
      }
      for (int k = 1; k < size; k++) {
        int bk = b[i + k] & 0xFF;
        if ((bk & 0xC0) != 0x80) {
          throw corrupt(start + i + k, what, "not UTF-8: byte 0x" + Integer.toHexString(bk)
              + " should continue a character");
        }
        cp = cp << 6 | (bk & 0x3F);
      }
      if ((size == 3 && cp < 0x800) || (size == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        throw corrupt(start + i, what, "not UTF-8: U+" + Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT)
            + " written in " + size + " bytes");
      }
      boolean lowSurrogate = size == 3 && Character.isLowSurrogate((char) cp);
      if (lowSurrogate && lastWasThreeByteHighSurrogate) {
        throw corrupt(start + i, what, "a surrogate pair written as two three-byte sequences instead of four bytes");
      }
      lastWasThreeByteHighSurrogate = size == 3 && Character.isHighSurrogate((char) cp);
      s.appendCodePoint(cp);
      i += size;
    }
    return s.toString();
  }
}
