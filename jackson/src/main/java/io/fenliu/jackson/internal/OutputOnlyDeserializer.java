package io.fenliu.jackson.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import java.io.IOException;

/**
 * Refuses to read a value the library only ever produces (a transfer plan, a scan report, a transfer result): a
 * plan read from JSON would be a plan the planner never checked (R3, R8). Without this, Jackson would try its own
 * bean deserializer and fail with a message about missing creators.
 */
final class OutputOnlyDeserializer<T> extends StdDeserializer<T> {
  private static final long serialVersionUID = 1L;

  private final String why;

  OutputOnlyDeserializer(Class<T> type, String why) {
    super(type);
    this.why = why;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    Path at = Path.at(p.getParsingContext(), p.currentToken());
    throw InvalidDefinitionException.from(p, at + ": " + handledType().getSimpleName()
        + " is written by fenliu-jackson but never read: " + why, ctxt.constructType(handledType()));
  }
}
