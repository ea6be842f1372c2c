package io.fenliu.jackson.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.function.Function;

/**
 * Ids as map keys in a host's own maps ({@code Map<AccountId, …>}): written as their plain string, read back
 * through the id's factory, so a blank key is refused with the library's message.
 */
final class IdKeys {
  private IdKeys() {}

  /** Writes the id's string form as the field name. */
  static final class Writer<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;

    Writer(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeFieldName(value.toString());
    }
  }

  /** Reads a field name through the id's factory. */
  static final class Reader extends KeyDeserializer {
    private final Class<?> type;
    private final Function<String, ?> factory;

    Reader(Class<?> type, Function<String, ?> factory) {
      this.type = type;
      this.factory = factory;
    }

    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      try {
        return factory.apply(key);
      } catch (IllegalArgumentException | NullPointerException e) {
        return ctxt.handleWeirdKey(type, key, "%s", String.valueOf(e.getMessage()));
      }
    }
  }
}
