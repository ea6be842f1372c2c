package io.fenliu.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tests run on the module path; the internals are not exported. */
class ModuleDescriptorTest {
  @Test
  void anomalyExportsOnlyItsApi() {
    Module module = AnomalyScanner.class.getModule();
    assertEquals("io.fenliu.anomaly", module.getName());
    assertEquals(Set.of("io.fenliu.anomaly"), module.getDescriptor().exports().stream()
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    assertTrue(module.getDescriptor().requires().stream().noneMatch(r -> r.name().startsWith("io.fenliu.routing")),
        "anomaly never depends on routing");
  }
}
