package io.fenliu.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tests run on the module path; only the API package is exported, and Micrometer comes with it. */
class ModuleDescriptorTest {
  @Test
  void micrometerExportsOnlyItsApiAndRequiresMicrometerTransitively() {
    Module module = RouterMetrics.class.getModule();
    assertEquals("io.fenliu.micrometer", module.getName());
    ModuleDescriptor descriptor = module.getDescriptor();
    assertEquals(Set.of("io.fenliu.micrometer"), descriptor.exports().stream()
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    Set<String> transitive = descriptor.requires().stream()
        .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
        .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    assertTrue(transitive.containsAll(Set.of("io.fenliu.routing", "micrometer.core")), transitive::toString);
    assertTrue(descriptor.requires().stream().noneMatch(r -> r.name().startsWith("io.fenliu.anomaly")),
        "integrations depend on the engine they bind, nothing else");
    assertTrue(module.getLayer() != null && module.getLayer().findModule("micrometer.core").isPresent());
  }
}
