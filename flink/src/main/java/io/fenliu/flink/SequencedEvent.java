package io.fenliu.flink;

import io.fenliu.core.InvalidValueException;
import io.fenliu.core.ShopId;
import io.fenliu.flink.internal.Json;
import io.fenliu.flink.internal.SequencedEventTypeInfoFactory;
import io.fenliu.routing.ShopEvent;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a shop's event log on its way into the router job (R25): the shop, the entry's place in that shop's
 * log (its sequence number), the record timestamp the job's watermarks are built from, and the event itself as
 * fenliu-jackson's {@code ShopEvent} JSON, its documented wire shape.
 *
 * <p>The sequence number is what makes redelivery harmless: the job applies an entry only if its sequence is
 * greater than the last one it applied for the shop, and counts and side-outputs the others (a source replaying
 * after a failure, a producer retrying). Sequences need not be contiguous, only increasing within a shop.
 *
 * <p>The event is carried as JSON, not as a decoded {@link ShopEvent}, so that a malformed entry reaches the
 * router's keyed function and is side-output there with its reason, the shop's state unchanged, instead of failing
 * the job where records are decoded. Flink serialises the envelope with a serializer of its own (no Kryo).
 */
@TypeInfo(SequencedEventTypeInfoFactory.class)
public final class SequencedEvent {
  private final ShopId shop;
  private final long sequence;
  private final long timestamp;
  private final String json;

  private SequencedEvent(ShopId shop, long sequence, long timestamp, String json) {
    this.shop = shop;
    this.sequence = sequence;
    this.timestamp = timestamp;
    this.json = json;
  }

  /**
   * An entry for {@code event}, its record timestamp the event's stated time.
   *
   * @throws InvalidValueException if {@code sequence} is negative, or the event states no time (R25): an event
   *     logged for replay carries the time it is to be applied at
   * @throws NullPointerException if {@code event} is null
   */
  public static SequencedEvent of(long sequence, ShopEvent event) {
    Objects.requireNonNull(event, "event");
    checkSequence(sequence);
    if (event.time().isEmpty()) {
      throw new InvalidValueException("event", "R25",
          "an event of a shop's log states its time (R25), so that its replay applies it at the same time: " + event);
    }
    return new SequencedEvent(event.shop(), sequence, event.time().get().toEpochMilli(), Json.write(event));
  }

  /**
   * An entry as it came from a feed: the event's JSON is not read here, so a malformed one travels to the router
   * and is side-output there with its reason (R25).
   *
   * @param timestamp the record timestamp, epoch milliseconds: the event's stated time, or when the feed saw it
   * @throws InvalidValueException if {@code sequence} is negative (R25)
   * @throws NullPointerException if {@code shop} or {@code json} is null
   */
  public static SequencedEvent ofJson(ShopId shop, long sequence, long timestamp, String json) {
    Objects.requireNonNull(shop, "shop");
    Objects.requireNonNull(json, "json");
    checkSequence(sequence);
    return new SequencedEvent(shop, sequence, timestamp, json);
  }

  private static void checkSequence(long sequence) {
    if (sequence < 0) {
      throw new InvalidValueException("sequence", "R25", "a log entry's sequence number cannot be negative (R25): "
          + sequence);
    }
  }

  /** The shop whose log the entry belongs to: the job's key. */
  public ShopId shop() {
    return shop;
  }

  /** The entry's place in the shop's log; increasing, not necessarily contiguous. */
  public long sequence() {
    return sequence;
  }

  /** The record timestamp, epoch milliseconds, for the job's watermarks. */
  public long timestamp() {
    return timestamp;
  }

  /** The event, as fenliu-jackson's {@code ShopEvent} JSON. */
  public String json() {
    return json;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SequencedEvent e && shop.equals(e.shop) && sequence == e.sequence && timestamp == e.timestamp
        && json.equals(e.json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(shop, sequence, timestamp, json);
  }

  @Override
  public String toString() {
    return "SequencedEvent[" + shop + " #" + sequence + " @" + timestamp + " " + json + "]";
  }
}
