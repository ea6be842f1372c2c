package io.fenliu.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * IDEs complete every {@code fenliu.*} property from the metadata the build writes, each with a description and,
 * where the starter has one, its default (R18's 3-day window, R22's queue limits).
 */
class ConfigurationMetadataTest {
  @Test
  void everyPropertyHasADescriptionAndTheDocumentedDefaults() throws Exception {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor wrote the metadata").isNotNull();
      metadata = JsonMapper.builder().build().readTree(in);
    }
    Map<String, String> defaults = new TreeMap<>();
    for (JsonNode p : metadata.get("properties")) {
      String name = p.get("name").stringValue();
      if (!name.startsWith("fenliu.")) {
        continue;
      }
      assertThat(p.path("description").asString("")).as(name).isNotBlank();
      defaults.put(name, p.has("defaultValue") ? p.get("defaultValue").asString() : null);
    }
    assertThat(defaults).hasSize(16)
        .containsEntry("fenliu.durable.enabled", "false")
        .containsEntry("fenliu.durable.initialize-schema", "true")
        .containsEntry("fenliu.routing.recent-agent-window", "3d")
        .containsEntry("fenliu.routing.max-queue-wait", "10m")
        .containsEntry("fenliu.routing.max-queue-length", "1000")
        .containsEntry("fenliu.registry.record-stats", "true")
        .containsEntry("fenliu.metrics.per-agent", "false");
  }
}
