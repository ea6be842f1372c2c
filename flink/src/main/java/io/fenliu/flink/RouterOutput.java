package io.fenliu.flink;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.ShopId;
import io.fenliu.flink.internal.RouterOutputTypeInfoFactory;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * One message of the router job's output (R19, R22, R25): either what applying one log entry did, or one
 * consultation leaving the queue. Each is a JSON document in fenliu-jackson's shapes.
 *
 * <ul>
 *   <li>{@link Kind#OUTCOME}: the {@code Applied} JSON of the entry with sequence {@link #sequence()} — the event
 *       as applied, its decision (R19), end, restore report or refusal — without its queue exits ({@code exits},
 *       and {@code end.queueExits}), which travel as messages of their own, and for a {@code TIME_ADVANCED} event
 *       without {@code changed}: both depend on whether a deadline timer let those consultations out first. An
 *       outcome whose event was refused goes to the refused side output.
 *   <li>{@link Kind#QUEUE_EXIT}: the {@code QueueExit} JSON of a consultation that left the queue (R22): seated by a
 *       freed seat, or sent to the receivers when it waited its maximum, as of its deadline.
 * </ul>
 *
 * <h2>The contract for the consumer</h2>
 *
 * The job's output is at least once: after a failure the job resumes from its last checkpoint and the messages
 * since then are sent again. Because the router is deterministic (R25), a message sent again is equal to the first
 * one, so the consumer makes it exactly once in effect by keeping the first message of each {@link #dedupKey()}:
 * an outcome by (shop, sequence), a queue exit by (shop, consultation). A queue exit's value does not depend on
 * whether the event or the timer that let it out came first, but which one carried it may differ between a run
 * and its replay: so an exit is keyed by its consultation, never by the sequence it came after.
 */
@TypeInfo(RouterOutputTypeInfoFactory.class)
public final class RouterOutput {
  /** What a message says. */
  public enum Kind {
    /** What applying one log entry did, without its queue exits. */
    OUTCOME,
    /** One consultation left the queue (R22). */
    QUEUE_EXIT
  }

  private final Kind kind;
  private final ShopId shop;
  private final long sequence;
  private final @Nullable ConsultationId consultation;
  private final String json;

  private RouterOutput(Kind kind, ShopId shop, long sequence, @Nullable ConsultationId consultation, String json) {
    this.kind = kind;
    this.shop = shop;
    this.sequence = sequence;
    this.consultation = consultation;
    this.json = json;
  }

  /**
   * A message.
   *
   * @param sequence for an outcome, the sequence of its log entry; for a queue exit, the last one applied when it
   *     left (informative only)
   * @param consultation the consultation the message is about: required for a queue exit, for an outcome the
   *     event's consultation if it names one
   * @throws InvalidValueException if a queue exit names no consultation, or the sequence is negative (R25)
   * @throws NullPointerException if an argument is null
   */
  public static RouterOutput of(Kind kind, ShopId shop, long sequence, Optional<ConsultationId> consultation,
      String json) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(shop, "shop");
    Objects.requireNonNull(consultation, "consultation");
    Objects.requireNonNull(json, "json");
    if (sequence < 0) {
      throw new InvalidValueException("sequence", "R25", "a log entry's sequence number cannot be negative (R25): "
          + sequence);
    }
    if (kind == Kind.QUEUE_EXIT && consultation.isEmpty()) {
      throw new InvalidValueException("consultation", "R22", "a queue exit names its consultation (R22)");
    }
    return new RouterOutput(kind, shop, sequence, consultation.orElse(null), json);
  }

  /** What the message says. */
  public Kind kind() {
    return kind;
  }

  /** The shop. */
  public ShopId shop() {
    return shop;
  }

  /** For an outcome, its entry's sequence; for a queue exit, the last sequence applied when it left. */
  public long sequence() {
    return sequence;
  }

  /** The consultation the message is about, when it names one (always, for a queue exit). */
  public Optional<ConsultationId> consultation() {
    return Optional.ofNullable(consultation);
  }

  /** The document: fenliu-jackson's {@code Applied} (without exits) or {@code QueueExit} JSON. */
  public String json() {
    return json;
  }

  /**
   * What the consumer deduplicates by (R25): {@code "<shop>#<sequence>"} for an outcome, {@code
   * "<shop>/<consultation>"} for a queue exit. Two messages with the same key are equal.
   */
  public String dedupKey() {
    return kind == Kind.OUTCOME ? shop.value() + "#" + sequence : shop.value() + "/" + consultation;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RouterOutput r && kind == r.kind && shop.equals(r.shop) && sequence == r.sequence
        && Objects.equals(consultation, r.consultation) && json.equals(r.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, shop, sequence, consultation, json);
  }

  @Override
  public String toString() {
    return "RouterOutput[" + kind + " " + dedupKey() + " " + json + "]";
  }
}
