package io.fenliu.jackson3;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenliu.jackson.FenliuModule;
import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.module.SimpleDeserializers;
import tools.jackson.databind.module.SimpleKeyDeserializers;
import tools.jackson.databind.module.SimpleSerializers;

/**
 * A Jackson 3 ({@code tools.jackson}) module that reads and writes Fenliu's values in exactly the JSON shape
 * fenliu-jackson's {@link FenliuModule} gives Jackson 2 ({@code jackson/README.md} documents it, with an example
 * of each value). Spring Boot 4 configures Jackson 3 by default; this is the module it needs.
 *
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder().addModule(FenliuJackson3Module.create()).build();
 * String json = mapper.writeValueAsString(settings);
 * RoutingSettings back = mapper.readValue(json, RoutingSettings.class);
 * }</pre>
 *
 * <p><b>One shape, one copy of the mapping.</b> This module holds no reader or writer of its own: each Fenliu value
 * is handed to fenliu-jackson, which builds its JSON tree (writing) or builds the value from a tree through the
 * library's own factories and builders (reading), and the tree is copied token for token between the two Jackson
 * lines. So the two modules cannot drift apart, every rule the library enforces (R1–R26) is checked on reading as
 * with Jackson 2, and output-only values (transfer plans, reports, {@code Applied}; R3, R8, R25) are refused on
 * reading here too. The price is a copy of each Fenliu value's tree, small next to the parsing itself, and
 * jackson-databind 2 on the class path (fenliu-jackson's own dependency).
 *
 * <p><b>Bad JSON</b> fails with the Jackson 3 exception of the same name and kind as fenliu-jackson's —
 * {@code ValueInstantiationException} (the library refused the value; its exception is the cause), {@code
 * InvalidFormatException}, {@code MismatchedInputException}, {@code UnrecognizedPropertyException}, {@code
 * InvalidDefinitionException} (an output-only value) — all {@code tools.jackson.databind.DatabindException}s, with
 * fenliu-jackson's message. The path that starts the message is counted from the Fenliu value being read; where
 * that value sits in the host's own document is in the exception's Jackson path. Unknown fields fail or are skipped
 * as the Jackson 3 mapper's {@code FAIL_ON_UNKNOWN_PROPERTIES} says. Jackson 3 turns it off by default (Jackson 2
 * on), so a misspelt optional field is skipped unless the mapper enables it; a host that wants fenliu-jackson's
 * strictness enables it.
 *
 * <p>Instances hold no state beyond two internal Jackson 2 mappers and may be registered with any number of
 * Jackson 3 mappers.
 */
public final class FenliuJackson3Module extends JacksonModule {
  private final FenliuModule shapes;
  private final ObjectMapper strict;
  private final ObjectMapper lenient;

  private FenliuJackson3Module() {
    this.shapes = FenliuModule.create();
    // Two Jackson 2 mappers, so that each Jackson 3 read follows its own mapper's setting for unknown fields.
    this.strict = new ObjectMapper().registerModule(shapes)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.lenient = new ObjectMapper().registerModule(shapes)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** A module handling every Fenliu value, as {@link FenliuModule#create()} does for Jackson 2. */
  public static FenliuJackson3Module create() {
    return new FenliuJackson3Module();
  }

  /** {@code "fenliu"}, as the Jackson 2 module. */
  @Override
  public String getModuleName() {
    return "fenliu";
  }

  /** Unknown: the module's version is its Maven artifact's. */
  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  /** Adds a serializer and a deserializer for every type {@link FenliuModule#handledTypes()} lists, and the ids as map keys. */
  @Override
  public void setupModule(SetupContext context) {
    SimpleSerializers serializers = new SimpleSerializers();
    SimpleDeserializers deserializers = new SimpleDeserializers();
    for (Class<?> type : shapes.handledTypes()) {
      register(type, serializers, deserializers);
    }
    SimpleSerializers keySerializers = new SimpleSerializers();
    SimpleKeyDeserializers keyDeserializers = new SimpleKeyDeserializers();
    for (Class<?> type : shapes.keyTypes()) {
      registerKey(type, keySerializers, keyDeserializers);
    }
    context.addSerializers(serializers);
    context.addDeserializers(deserializers);
    context.addKeySerializers(keySerializers);
    context.addKeyDeserializers(keyDeserializers);
  }

  private <T> void register(Class<T> type, SimpleSerializers serializers, SimpleDeserializers deserializers) {
    serializers.addSerializer(type, new Bridge.Writer<>(type, strict));
    deserializers.addDeserializer(type, new Bridge.Reader<>(type, strict, lenient));
  }

  private <T> void registerKey(Class<T> type, SimpleSerializers serializers, SimpleKeyDeserializers deserializers) {
    serializers.addSerializer(type, new Bridge.KeyWriter<>(type, strict));
    deserializers.addDeserializer(type, new Bridge.KeyReader(type, strict));
  }

  @Override
  public String toString() {
    return "FenliuJackson3Module";
  }
}
