package io.fenliu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.routing.AgentShare;
import io.fenliu.routing.ShareLedger;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The HTML page carries the report's figures, and nothing from the network. */
class HtmlReportTest {
  static final Comparison SAMPLE = Simulation.compare(SampleDay.shop(), SampleDay.settings(), SampleDay.whatIf(),
      SampleDay.workload(), 2026);

  static String samplePage() {
    Workload w = SampleDay.workload();
    return HtmlReport.of("What if? <sample>", SettingsLinter.lint(SampleDay.shop(), SampleDay.settings(), w),
        SettingsLinter.lint(SampleDay.shop(), SampleDay.whatIf(), w), SAMPLE, "weight 500", "weight 200");
  }

  /** What each share bar must say about {@code s} of {@code ledger}. */
  static String shareBar(ShareLedger ledger, AgentShare s) {
    return String.format(Locale.ROOT, "data-agent=\"%s\" data-observed=\"%.4f\" data-configured=\"%.4f\""
        + " data-expected=\"%.4f\" data-verdict=\"%s\"", s.agent(), s.observedShare(), s.configuredShare(),
        Math.min(1, s.expected() / ledger.decisions()), s.verdict());
  }

  @Test
  void thePageCarriesEveryShareAndFigure() {
    String html = samplePage();
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("What if? &lt;sample&gt;"), "the title is escaped");
    for (SimulationReport r : List.of(SAMPLE.a(), SAMPLE.b())) {
      for (ShareLedger l : r.ledger()) {
        for (AgentShare s : l.shares()) {
          assertTrue(html.contains(shareBar(l, s)), s.toString());
          assertTrue(html.contains(String.format(Locale.ROOT, "%.1f %%", 100 * s.observedShare())));
        }
      }
      assertTrue(html.contains("data-figure=\"" + r.waitP90().toMillis() + "\""));
      assertTrue(html.contains("data-figure=\"" + r.offlineWhileOnline() + "\""));
      r.decisionsByStep().forEach((step, n) -> assertTrue(n == 0
          || html.contains("data-step=\"" + step + "\" data-count=\"" + n + "\""), step + " " + n));
    }
    assertTrue(html.contains("data-check=\"SEATS_BELOW_PEAK\""), "the linter's finding on the busy sample hour");
    assertEquals(2 * SAMPLE.a().buckets().size() * 4, count(html, "data-bucket="), "four charts a side");
    assertFalse(html.contains("NaN"));
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains("@import")
        || html.contains("url("), "nothing from the network");
  }

  @Test
  void aSingleReportPage() {
    SimulationReport r = SAMPLE.a();
    String html = HtmlReport.of("One day", List.of(), r);
    assertTrue(html.contains("data-findings=\"0\""));
    assertTrue(html.contains(String.format(Locale.ROOT, "%,d", r.consultations())));
    assertEquals(r.buckets().size() * 4, count(html, "data-bucket="));
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
