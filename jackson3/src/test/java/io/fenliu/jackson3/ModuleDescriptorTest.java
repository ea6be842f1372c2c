package io.fenliu.jackson3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the module path; only the API package is exported, nothing is opened, and both Jackson lines
 * reach hosts through it (the module is a Jackson 3 type built on fenliu-jackson).
 */
class ModuleDescriptorTest {
  @Test
  void jackson3ExportsOnlyItsApi() {
    Module module = FenliuJackson3Module.class.getModule();
    assertEquals("io.fenliu.jackson3", module.getName());
    ModuleDescriptor d = module.getDescriptor();
    assertEquals(Set.of("io.fenliu.jackson3"), d.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet()));
    assertTrue(d.opens().isEmpty(), "nothing is opened to reflection");
    for (String required : Set.of("tools.jackson.databind", "io.fenliu.jackson")) {
      assertTrue(d.requires().stream().anyMatch(r -> r.name().equals(required)
          && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)), required);
    }
  }
}
