package io.fenliu.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.Role;
import io.fenliu.core.ShopId;
import io.fenliu.jackson.internal.Codecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's examples are the shape: every readable example reads and writes back to the same JSON, every
 * output-only example has the fields the module writes, and every object type has an example.
 */
class ReadmeExamplesTest {
  private static final ObjectMapper MAPPER = RoundTripTest.MAPPER;
  private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\w+) -->\\s*```json\\n(.*?)```",
      Pattern.DOTALL);

  static Map<String, String> examples() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(readme);
    while (m.find()) {
      assertEquals(null, out.put(m.group(1), m.group(2)), "two examples of " + m.group(1));
    }
    return out;
  }

  @Test
  void everyExampleIsTheShapeTheModuleReadsAndWrites() throws Exception {
    Codecs codecs = Codecs.create();
    Map<String, Class<?>> bySimpleName = new LinkedHashMap<>();
    codecs.writable().forEach(c -> bySimpleName.put(c.getSimpleName(), c));
    Map<Class<?>, Object> samples = OutputTest.samples();
    Map<String, String> examples = examples();
    Set<Class<?>> documented = new HashSet<>();
    for (Map.Entry<String, String> e : examples.entrySet()) {
      Class<?> type = bySimpleName.get(e.getKey());
      assertTrue(type != null, "no such type: " + e.getKey());
      documented.add(type);
      JsonNode example = MAPPER.readTree(e.getValue());
      if (codecs.readable().contains(type)) {
        Object value = MAPPER.readValue(e.getValue(), type);
        assertEquals(example.toString(), MAPPER.writeValueAsString(value), e.getKey());
      } else {
        assertThrows(InvalidDefinitionException.class, () -> MAPPER.readValue(e.getValue(), type));
        Set<String> written = names(MAPPER.valueToTree(samples.get(type)));
        Set<String> shown = names(example);
        assertTrue(shown.containsAll(written), e.getKey() + ": " + shown + " lacks some of " + written);
        shown.removeAll(written);
        assertTrue(Set.of("estimatedWait").containsAll(shown), e.getKey() + " shows unknown fields " + shown);
      }
    }
    for (Class<?> type : codecs.writable()) {
      boolean bare = type.isEnum() || Set.of(AccountId.class, BuyerId.class, ShopId.class, ConsultationId.class,
          Role.class).contains(type);
      assertTrue(bare || documented.contains(type), "README has no example of " + type.getSimpleName());
    }
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
