package io.fenliu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.routing.AgentShare;
import io.fenliu.routing.ShareLedger;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The report in a real browser: headless Chromium (Debian's {@code chromium} package; .ci/run installs it) loads the
 * sample comparison from a file, and the DOM it built must carry the report's figures — each agent's share bar with
 * its observed, configured and expected shares and its verdict, the share text, the step bars — and no
 * placeholder. It also writes a screenshot to {@code target/report-screenshot.png} for a person to look at.
 * Skipped, saying so, where no Chromium is installed (set {@code -Dfenliu.chromium=/path} to name one).
 */
class BrowserRenderTest {
  private static Optional<Path> chromium() {
    String named = System.getProperty("fenliu.chromium");
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    for (String dir : Pattern.compile(Pattern.quote(File.pathSeparator))
        .split(System.getenv().getOrDefault("PATH", ""), -1)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  private static String runChromium(Path chromium, Path profile, String... extra) throws IOException,
      InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--window-size=1200,2000"));
    cmd.addAll(List.of(extra));
    Path out = Files.createTempFile("chromium", ".out");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + cmd);
    }
    assertEquals(0, p.exitValue(), "chromium's exit status for " + cmd);
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void chromiumRendersTheReportWithItsFigures() throws Exception {
    Optional<Path> chromium = chromium();
    Assumptions.assumeTrue(chromium.isPresent(), "SKIPPED: no chromium on the PATH (apt-get install -y chromium;"
        + " .ci/run installs it), so the report was not rendered in a browser");
    Path dir = Path.of("target");
    Files.createDirectories(dir);
    Path page = dir.resolve("report-under-test.html").toAbsolutePath();
    Files.writeString(page, HtmlReportTest.samplePage(), StandardCharsets.UTF_8);
    Path profile = Files.createTempDirectory("chromium-profile");
    String dom = runChromium(chromium.get(), profile, "--dump-dom", page.toUri().toString());
    assertTrue(dom.contains("<svg"), "the DOM has the charts");
    int bars = 0;
    for (SimulationReport r : List.of(HtmlReportTest.SAMPLE.a(), HtmlReportTest.SAMPLE.b())) {
      for (ShareLedger l : r.ledger()) {
        for (AgentShare s : l.shares()) {
          assertTrue(dom.contains(HtmlReportTest.shareBar(l, s)), "the DOM's bar for " + s.agent());
          bars++;
        }
      }
    }
    Matcher m = Pattern.compile("<g class=\"share\" data-agent=\"[^\"]+\" data-observed=\"(\\d\\.\\d{4})\"").matcher(dom);
    int seen = 0;
    while (m.find()) {
      seen++;
    }
    assertEquals(bars, seen, "one bar per agent and side, each with a number");
    assertFalse(dom.contains("NaN") || dom.contains("undefined") || dom.contains("TODO"), "no placeholder");
    Path shot = dir.resolve("report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    runChromium(chromium.get(), Files.createTempDirectory("chromium-profile"), "--screenshot=" + shot,
        page.toUri().toString());
    assertTrue(Files.size(shot) > 20_000, "a screenshot with something on it: " + Files.size(shot) + " bytes");
  }
}
