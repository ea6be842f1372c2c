package io.fenliu.flink.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenliu.anomaly.AnomalyReport;
import io.fenliu.jackson.FenliuModule;
import io.fenliu.routing.Applied;
import io.fenliu.routing.QueueExit;
import io.fenliu.routing.ShopEvent;
import java.io.UncheckedIOException;

/**
 * The wire shapes of the router job's records: fenliu-jackson's JSON (R25).
 *
 * <p>Invariant: one mapper for the JVM, configured once here and never changed after, which is what makes an
 * {@link ObjectMapper} safe to share between threads; the documented shape does not depend on its features.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(FenliuModule.create());

  private Json() {}

  /** The event's JSON. */
  public static String write(ShopEvent event) {
    return text(MAPPER.valueToTree(event));
  }

  /**
   * The event {@code json} holds.
   *
   * @throws JsonProcessingException with the JSON path and the library's message when it is not a valid event
   */
  public static ShopEvent readEvent(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, ShopEvent.class);
  }

  /**
   * What applying an event did, without what depends on whether a deadline timer fired before it: its queue exits
   * (the event's {@code exits} and its end's {@code queueExits}; they are messages of their own, and a timer may
   * have sent some of them already) and, for a {@code TIME_ADVANCED} event, {@code changed} (true only when it let
   * someone out, which a timer may have done first).
   */
  public static String outcome(Applied applied) {
    ObjectNode node = MAPPER.valueToTree(applied);
    node.remove("exits");
    if (node.get("end") instanceof ObjectNode end) {
      end.remove("queueExits");
    }
    if (applied.event() instanceof ShopEvent.TimeAdvanced) {
      node.remove("changed");
    }
    return text(node);
  }

  /** One consultation's exit from the queue (R22). */
  public static String exit(QueueExit exit) {
    return text(MAPPER.valueToTree(exit));
  }

  /** A shop's anomaly report (R1). */
  public static String report(AnomalyReport report) {
    return text(MAPPER.valueToTree(report));
  }

  private static String text(Object node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree of the module's own making always writes; this is a defect, not bad input.
      throw new UncheckedIOException(e);
    }
  }
}
