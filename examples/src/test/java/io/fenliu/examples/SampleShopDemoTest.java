package io.fenliu.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.routing.RoutingStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo is part of the product: it must keep showing what it claims. */
class SampleShopDemoTest {

  @Test
  void theDemoWalksTheWholeMissionAndEndsWithItsSummary() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SampleShopDemo.Summary s = SampleShopDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String report = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(Math.abs(s.ratioAtoB() - 5) < 0.3, "A:B = " + s.ratioAtoB());
    assertEquals(Map.of(RoutingStep.OFFLINE_RECEIVER, SampleShopDemo.CONSULTATIONS), s.lastPhaseSteps());
    assertTrue(s.anomaliesBefore() > 0);
    assertEquals(0, s.anomaliesAfter());
    assertTrue(s.refusal().contains("at most 300") && s.refusal().contains("301"), s.refusal());
    assertTrue(report.contains("[3/3]") && report.lines().reduce((a, b) -> b).orElseThrow().startsWith("Summary:"), report);
    assertTrue(report.contains("UNGROUPED"), "ungrouped agents take over when the groups are offline");
  }
}
