package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.internal.Require;
import io.fenliu.routing.internal.Reason;
import io.fenliu.routing.internal.SnapshotCodec;
import java.util.Optional;

/**
 * A versioned binary form of a shop's whole router state, a {@link RouterSnapshot} (R25): the roster, the
 * settings, the live state (presence and its times, open consultations and the decisions that seated them, the
 * queue, the decision count and the shop's time) and the seed — everything a router decides from. A host writes it as a checkpoint, a database
 * row or a hand-over to another node, and {@code Router.builder(RouterSnapshotCodec.decode(bytes)).build()}
 * continues exactly where the router that took the snapshot was: fed the events that followed, it gives the
 * same outcomes. {@code decode(encode(s)).equals(s)} for every snapshot.
 *
 * <pre>{@code
 * byte[] checkpoint = RouterSnapshotCodec.encode(router.snapshot());
 * // ... later, on this node or another, with this release or a later one:
 * Router restored = Router.builder(RouterSnapshotCodec.decode(checkpoint)).build();
 * }</pre>
 *
 * <h2>The format</h2>
 *
 * Big-endian, written with {@link java.io.DataOutputStream}:
 *
 * <ul>
 *   <li>the magic bytes {@code "FNLU"} (46 4E 4C 55), then the format version as an {@code int};
 *   <li>the payload of that version: the shop, the settings, the live state, the seed, field by field;
 *   <li>a CRC32 of every byte before it, as an {@code int}.
 * </ul>
 *
 * In the payload, a string is its length in bytes (an {@code int}, so strings over 64 KiB are fine) followed
 * by its UTF-8 bytes (WTF-8 where a Java string holds an unpaired surrogate, so that every string reads back
 * equal); an enum constant is written by its <em>name</em>, never its ordinal, so reordering or adding
 * constants in a later release never changes what old bytes mean; an instant or a duration is its seconds
 * ({@code long}) and nanoseconds ({@code int}); an optional value or a boolean is a byte, 0 or 1, followed by
 * the value when present; a collection is its count ({@code int}) followed by its elements, in order. Version
 * 1's field order is documented in the source of {@code io.fenliu.routing.internal.SnapshotV1}.
 *
 * <h2>What a version promises</h2>
 *
 * Bytes written by this release are read by every later release: a format change is a new version, written
 * beside the old, and the old version's reader stays (a golden file of version 1 is read by the build, so a
 * release that could not read it would not build). A release that cannot read a version — one written by a
 * later release — fails with a clear message naming the version found and the versions it reads, rather than
 * guessing. What is read back is the state; how a later release <em>decides</em> from it may differ (a new
 * step, a new sampler): see the release notes before replaying a recorded day on another release.
 *
 * <h2>Bad bytes (R25)</h2>
 *
 * {@link #decode} refuses with an {@link io.fenliu.core.InvalidValueException} whose {@linkplain
 * io.fenliu.core.InvalidValueException#argument() argument} is {@code "bytes"} and whose {@linkplain
 * io.fenliu.core.InvalidValueException#rule() rule} is R25, and whose message says what was wrong and at
 * which offset: an unknown version; bytes that are not a snapshot (another magic); bytes changed, cut off or
 * extended (the CRC32); and, for bytes whose CRC matches a bad payload, a truncated field, a negative count, a
 * count or length larger than the bytes that remain (refused before anything is allocated, so a corrupt count
 * cannot allocate gigabytes), an enum name this release does not know, an element written twice, or a value the
 * domain refuses (a blank id, a weight out of range, an order status bound to two groups…; the domain's
 * exception is the cause). It never throws an {@link java.io.EOFException}, another {@link java.io.IOException}
 * or a {@link NegativeArraySizeException}.
 *
 * <h2>Threads</h2>
 *
 * Stateless: every method may be called from any number of threads at once. Snapshots are immutable values,
 * so a decoded snapshot shares nothing mutable with anything, and no copy method is needed.
 */
public final class RouterSnapshotCodec {
  /** The format version {@link #encode} writes: 1. */
  public static final int CURRENT_VERSION = SnapshotCodec.CURRENT_VERSION;

  private RouterSnapshotCodec() {}

  /**
   * The snapshot's bytes, in format {@link #CURRENT_VERSION}.
   *
   * @throws NullPointerException if {@code snapshot} is null
   */
  public static byte[] encode(RouterSnapshot snapshot) {
    return SnapshotCodec.encode(snapshot);
  }

  /**
   * The snapshot {@code bytes} hold, in any format version this release reads; equal to the one encoded.
   *
   * @throws io.fenliu.core.InvalidValueException for an unknown version or corrupt bytes, as the class
   *     documentation says (argument "bytes", rule R25)
   * @throws NullPointerException if {@code bytes} is null
   */
  public static RouterSnapshot decode(byte[] bytes) {
    return SnapshotCodec.decode(bytes, RouterSnapshotCodec::decision);
  }

  /**
   * A decision read back exactly as written (R19, R25): the agent, the step, the reason's very text (the
   * template {@code "{context}"} formats to it whatever braces it holds), the queue position and the repetition,
   * so that it equals the router's own. Refuses what no router makes, as {@link RoutingDecision#of} does.
   */
  private static RoutingDecision decision(Optional<AccountId> agent, RoutingStep step, String reason, int position,
      boolean repeat) {
    boolean names = step != RoutingStep.NO_AGENT && step != RoutingStep.QUEUED;
    Require.argument(agent.isPresent() == names, "agent", "R19",
        "a decision names an agent exactly when its step is not QUEUED or NO_AGENT: %s", step);
    if (step == RoutingStep.QUEUED) {
      Require.positive(position, "queue position", "R22");
    } else {
      Require.argument(position == 0, "queue position", "R22", "only a QUEUED decision has a queue position: %s",
          position);
    }
    return new RoutingDecision(agent.orElse(null), new Reason(step, "{context}", reason), position, repeat);
  }

  /**
   * The format version written in {@code bytes}' header, whether or not this release reads it, e.g. to send
   * bytes of a newer version to a node that runs a newer release. Only the header (magic and version) is
   * looked at: a version returned here does not mean the rest is intact.
   *
   * @throws io.fenliu.core.InvalidValueException if the bytes are shorter than the 8-byte header or do not start
   *     with the magic {@code "FNLU"} (argument "bytes", rule R25)
   * @throws NullPointerException if {@code bytes} is null
   */
  public static int version(byte[] bytes) {
    return SnapshotCodec.version(bytes);
  }
}
