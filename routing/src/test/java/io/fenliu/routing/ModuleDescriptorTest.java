package io.fenliu.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tests run on the module path; the internals are not exported. */
class ModuleDescriptorTest {
  @Test
  void routingExportsOnlyItsApi() {
    Module module = Router.class.getModule();
    assertEquals("io.fenliu.routing", module.getName());
    assertEquals(Set.of("io.fenliu.routing"), module.getDescriptor().exports().stream()
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    assertTrue(module.getDescriptor().packages().contains("io.fenliu.routing.internal"));
    assertTrue(module.getDescriptor().requires().stream().noneMatch(r -> r.name().startsWith("io.fenliu.anomaly")),
        "routing never depends on anomaly");
  }
}
