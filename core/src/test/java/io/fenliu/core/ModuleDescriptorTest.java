package io.fenliu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tests run on the module path, and the module exports its API package only. */
class ModuleDescriptorTest {
  @Test
  void coreIsANamedModuleExportingOnlyItsApi() {
    Module module = Shop.class.getModule();
    assertEquals("io.fenliu.core", module.getName());
    Set<String> exported = module.getDescriptor().exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertEquals(Set.of("io.fenliu.core", "io.fenliu.core.internal"), exported);
    // The JSpecify annotations are read at compile time only (requires static): nothing is needed at run time.
    assertEquals(Set.of("java.base"), module.getDescriptor().requires().stream()
        .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
        .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()), "core has no run-time dependencies");
  }
}
