package io.fenliu.jackson3;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The Jackson 3 serializers and deserializers that hand Fenliu values to fenliu-jackson's Jackson 2 mapper and copy
 * the JSON tree across ({@link Trees}). Nothing here knows a Fenliu type: the shape is all fenliu-jackson's.
 */
final class Bridge {
  private Bridge() {}

  /** Writes a value as the tree fenliu-jackson builds for it. */
  static final class Writer<T> extends StdSerializer<T> {
    private final ObjectMapper shapes;

    Writer(Class<T> type, ObjectMapper shapes) {
      super(type);
      this.shapes = shapes;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializationContext provider) {
      com.fasterxml.jackson.databind.JsonNode tree;
      try {
        tree = shapes.valueToTree(value);
      } catch (IllegalArgumentException e) {
        throw DatabindException.from(gen, String.valueOf(e.getMessage()), e);
      }
      Trees.write(tree, gen);
    }
  }

  /**
   * Reads the whole JSON value first (as fenliu-jackson does, so the library sees only complete values), then lets
   * fenliu-jackson build the Fenliu value from it, and turns its Jackson 2 exception into the Jackson 3 one of the
   * same kind.
   */
  static final class Reader<T> extends StdDeserializer<T> {
    private final Class<T> type;
    private final ObjectMapper strict;
    private final ObjectMapper lenient;

    Reader(Class<T> type, ObjectMapper strict, ObjectMapper lenient) {
      super(type);
      this.type = type;
      this.strict = strict;
      this.lenient = lenient;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonNode tree = ctxt.readTree(p);
      ObjectMapper shapes = ctxt.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) ? strict : lenient;
      try {
        return shapes.readerFor(type).readValue(Trees.toJackson2(tree));
      } catch (JsonMappingException e) {
        throw translate(e, p, ctxt, type);
      } catch (IOException e) {
        throw DatabindException.from(p, String.valueOf(e.getMessage()), e);
      }
    }
  }

  /** An id as a map key: its plain string, as fenliu-jackson writes the id itself. */
  static final class KeyWriter<T> extends StdSerializer<T> {
    private final ObjectMapper shapes;

    KeyWriter(Class<T> type, ObjectMapper shapes) {
      super(type);
      this.shapes = shapes;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializationContext provider) {
      gen.writeName(shapes.valueToTree(value).asText());
    }
  }

  /** A map key read as an id through fenliu-jackson, so a blank key is refused with the library's message. */
  static final class KeyReader extends KeyDeserializer {
    private final Class<?> type;
    private final ObjectMapper shapes;

    KeyReader(Class<?> type, ObjectMapper shapes) {
      this.type = type;
      this.shapes = shapes;
    }

    @Override
    public @Nullable Object deserializeKey(String key, DeserializationContext ctxt) {
      try {
        return shapes.convertValue(key, type);
      } catch (IllegalArgumentException e) {
        Throwable cause = e.getCause();
        String why = cause instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage();
        return ctxt.handleWeirdKey(type, key, "%s", String.valueOf(why));
      }
    }
  }

  /** The Jackson 3 exception of the same kind as fenliu-jackson's, with its message and the library's cause. */
  static JacksonException translate(JsonMappingException e, JsonParser p, DeserializationContext ctxt,
      Class<?> type) {
    String message = String.valueOf(e.getOriginalMessage());
    if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException) {
      Throwable cause = e.getCause();
      return cause == null
          ? ValueInstantiationException.from(p, message, ctxt.constructType(type))
          : ValueInstantiationException.from(p, message, ctxt.constructType(type), cause);
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) {
      Class<?> target = f.getTargetType();
      return InvalidFormatException.from(p, message, f.getValue(), target == null ? type : target);
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      Collection<Object> known = u.getKnownPropertyIds();
      List<Object> ids = known == null ? List.of() : new ArrayList<>(known);
      return new UnrecognizedPropertyException(p, message, p.currentLocation(), u.getReferringClass(),
          u.getPropertyName(), ids);
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidDefinitionException) {
      return InvalidDefinitionException.from(p, message, ctxt.constructType(type));
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m) {
      Class<?> target = m.getTargetType();
      return MismatchedInputException.from(p, target == null ? type : target, message);
    }
    return DatabindException.from(p, message, e);
  }
}
