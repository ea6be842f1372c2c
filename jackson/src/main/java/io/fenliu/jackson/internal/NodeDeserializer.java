package io.fenliu.jackson.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads a value by reading the whole JSON value into a tree first, then handing it to one of {@link Readers}'
 * functions: the library sees the value only once it is complete, and a {@link BadJson} becomes the Jackson
 * exception of its kind, with the parser's location. The path starts at the parser's position, so a value nested
 * in a host's document carries the host's path too.
 */
final class NodeDeserializer<T> extends StdDeserializer<T> {
  private static final long serialVersionUID = 1L;

  private final transient Function<In, T> reader;

  NodeDeserializer(Class<T> type, Function<In, T> reader) {
    super(type);
    this.reader = reader;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    Path at = Path.at(p.getParsingContext(), p.currentToken());
    JsonNode tree = ctxt.readTree(p);
    try {
      return reader.apply(new In(tree, at, ctxt.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)));
    } catch (BadJson e) {
      throw e.toJackson(p, ctxt.constructType(handledType()));
    }
  }
}
