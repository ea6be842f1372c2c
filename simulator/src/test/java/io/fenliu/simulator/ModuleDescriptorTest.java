package io.fenliu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The tests run on the module path; only the API package is exported, and routing is a transitive requirement. */
class ModuleDescriptorTest {
  @Test
  void simulatorExportsOnlyItsApi() {
    Module module = Simulation.class.getModule();
    assertEquals("io.fenliu.simulator", module.getName());
    ModuleDescriptor d = module.getDescriptor();
    assertEquals(Set.of("io.fenliu.simulator"), d.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet()));
    assertTrue(d.packages().contains("io.fenliu.simulator.internal"));
    assertTrue(d.opens().isEmpty());
    assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("io.fenliu.routing")
        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
        "Shop, RoutingSettings and the ledger are in the simulator's signatures");
  }
}
