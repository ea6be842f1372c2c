package io.fenliu.jackson.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.function.Function;

/** Writes a value by building its tree with one of {@link Writers}' functions and streaming that tree out. */
final class NodeSerializer<T> extends StdSerializer<T> {
  private static final long serialVersionUID = 1L;

  private final transient Function<T, ? extends JsonNode> writer;

  NodeSerializer(Class<T> type, Function<T, ? extends JsonNode> writer) {
    super(type);
    this.writer = writer;
  }

  @Override
  public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    writer.apply(value).serialize(gen, provider);
  }
}
