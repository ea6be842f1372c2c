package io.fenliu.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tests run on the module path; only the API package is exported, and Jackson is a transitive requirement. */
class ModuleDescriptorTest {
  @Test
  void jacksonExportsOnlyItsApi() {
    Module module = FenliuModule.class.getModule();
    assertEquals("io.fenliu.jackson", module.getName());
    ModuleDescriptor d = module.getDescriptor();
    assertEquals(Set.of("io.fenliu.jackson"), d.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet()));
    assertTrue(d.packages().contains("io.fenliu.jackson.internal"));
    assertTrue(d.opens().isEmpty(), "nothing is opened to reflection: the module reads and writes by hand");
    assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("com.fasterxml.jackson.databind")
        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
        "FenliuModule extends a Jackson type, so hosts read databind through it");
  }
}
