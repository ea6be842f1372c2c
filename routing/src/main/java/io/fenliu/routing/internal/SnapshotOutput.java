package io.fenliu.routing.internal;

import io.fenliu.core.InvalidValueException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * Writes the primitives of the snapshot format ({@link SnapshotCodec}) to a growing byte array, through a
 * {@link DataOutputStream} (big-endian). Each method writes one encoding the format names:
 *
 * <ul>
 *   <li>a string: its length in bytes as an {@code int}, then the bytes: UTF-8, or WTF-8 where a Java string
 *       holds an unpaired surrogate (the surrogate is written as the three-byte sequence of its code point),
 *       so that every string, valid text or not, reads back equal. Lengths up to {@code Integer.MAX_VALUE},
 *       unlike {@link DataOutputStream#writeUTF}'s 65,535;
 *   <li>an enum constant: its name, as a string, so that reordering an enum never changes what old bytes
 *       mean;
 *   <li>an {@link Instant} or a {@link Duration}: seconds as a {@code long}, then nanoseconds as an {@code int}
 *       in [0, 999,999,999];
 *   <li>a boolean, or the presence of an optional value: one byte, 0 or 1;
 *   <li>a collection: its count as an {@code int}, then its elements.
 * </ul>
 *
 * <p>One writer per encoding, on one thread; not reused.
 */
final class SnapshotOutput {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
  private final DataOutputStream out = new DataOutputStream(bytes);

  void bytes(byte[] value) {
    try {
      out.write(value);
    } catch (IOException e) {
      throw impossible(e);
    }
  }

  void int32(int value) {
    try {
      out.writeInt(value);
    } catch (IOException e) {
      throw impossible(e);
    }
  }

  void int64(long value) {
    try {
      out.writeLong(value);
    } catch (IOException e) {
      throw impossible(e);
    }
  }

  void bool(boolean value) {
    try {
      out.writeByte(value ? 1 : 0);
    } catch (IOException e) {
      throw impossible(e);
    }
  }

  /** The presence byte of an optional value; the value follows when present. */
  void present(boolean value) {
    bool(value);
  }

  void count(int value) {
    int32(value);
  }

  void string(String value) {
    long length = wtf8Length(value);
    if (length > Integer.MAX_VALUE) {
      throw new InvalidValueException("snapshot", "R25", "a string of the snapshot is " + length
          + " bytes in UTF-8, more than a snapshot can hold (" + Integer.MAX_VALUE + ") (R25): starts '"
          + value.substring(0, Math.min(40, value.length())) + "…'");
    }
    int32((int) length);
    byte[] encoded = new byte[(int) length];
    int at = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int cp = c;
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        cp = Character.toCodePoint(c, value.charAt(++i));
      }
      at = put(encoded, at, cp);
    }
    bytes(encoded);
  }

  void enumValue(Enum<?> value) {
    string(value.name());
  }

  void instant(Instant value) {
    int64(value.getEpochSecond());
    int32(value.getNano());
  }

  void duration(Duration value) {
    int64(value.getSeconds());
    int32(value.getNano());
  }

  /** Everything written so far, followed by its CRC32 as an {@code int}. */
  byte[] sealed() {
    CRC32 crc = new CRC32();
    byte[] body = bytes.toByteArray();
    crc.update(body, 0, body.length);
    int32((int) crc.getValue());
    return bytes.toByteArray();
  }

  /** The WTF-8 length of {@code s}: a surrogate pair takes four bytes, an unpaired surrogate three. */
  static long wtf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Puts code point {@code cp} (a surrogate code point included) at {@code at}; returns the next index. */
  private static int put(byte[] b, int at, int cp) {
    if (cp < 0x80) {
      b[at] = (byte) cp;
      return at + 1;
    }
    if (cp < 0x800) {
      b[at] = (byte) (0xC0 | cp >>> 6);
      b[at + 1] = (byte) (0x80 | (cp & 0x3F));
      return at + 2;
    }
    if (cp < 0x10000) {
      b[at] = (byte) (0xE0 | cp >>> 12);
      b[at + 1] = (byte) (0x80 | (cp >>> 6 & 0x3F));
      b[at + 2] = (byte) (0x80 | (cp & 0x3F));
      return at + 3;
    }
    b[at] = (byte) (0xF0 | cp >>> 18);
    b[at + 1] = (byte) (0x80 | (cp >>> 12 & 0x3F));
    b[at + 2] = (byte) (0x80 | (cp >>> 6 & 0x3F));
    b[at + 3] = (byte) (0x80 | (cp & 0x3F));
    return at + 4;
  }

  private static UncheckedIOException impossible(IOException e) {
    // A ByteArrayOutputStream does not fail; kept so that a future sink's failure is not swallowed.
    return new UncheckedIOException("writing a snapshot to memory failed", e);
  }
}
