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
    RushHour.Result rush = s.rushHour();
    assertTrue(rush.peakQueue() > 0 && rush.seatedFromQueue() > 0, "a queue forms and drains (R22): " + rush);
    assertEquals(0, rush.expired(), "nobody waits past the maximum: " + rush);
    assertEquals(0, rush.toReceiversWhileOnline(), "nobody goes to the night shift while agents are online: " + rush);
    double ratio = rush.seniorLoad() / rush.juniorLoad();
    assertTrue(ratio > 1.8 && ratio < 2.2, "least busy first keeps load proportional to weight 2 : 1 (R23): " + rush);
    assertTrue(s.anomaliesBefore() > 0);
    assertEquals(0, s.anomaliesAfter());
    assertTrue(s.refusal().contains("at most 300") && s.refusal().contains("301"), s.refusal());
    assertTrue(report.contains("[4/4]") && report.lines().reduce((a, b) -> b).orElseThrow().startsWith("Summary:"), report);
    assertTrue(report.contains("UNGROUPED"), "ungrouped agents take over when the groups are offline");
  }
}
