package io.fenliu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenliu.core.Shop;
import io.fenliu.jackson.FenliuModule;
import io.fenliu.routing.RoutingSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one command: the bundled sample, a host's own JSON, a recorded log, and bad arguments. */
class SimulatorMainTest {
  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(FenliuModule.create());

  private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) throws Exception {
    return SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theBundledSampleIsTheSampleDay() throws Exception {
    assertEquals(SampleDay.shop(), MAPPER.readValue(SimulatorMain.class.getResourceAsStream("sample-shop.json"),
        Shop.class));
    assertEquals(SampleDay.settings(), MAPPER.readValue(
        SimulatorMain.class.getResourceAsStream("sample-settings.json"), RoutingSettings.class));
    assertEquals(SampleDay.whatIf(), MAPPER.readValue(
        SimulatorMain.class.getResourceAsStream("sample-settings-what-if.json"), RoutingSettings.class));
  }

  @Test
  void theSampleRunsWithAProgressLineAndWritesTheReport(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path report = dir.resolve("report.html");
    assertEquals(0, run(out, err, "--out", report.toString()), err.toString(StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("\rsimulating settings: 100 %") && text.contains("\rsimulating what-if: 100 %"), text);
    assertTrue(text.contains("report written to"), text);
    String html = Files.readString(report);
    assertTrue(html.contains("data-agent=\"xiaomei\""));
  }

  @Test
  void aHostsOwnJsonAndARecordedLog(@TempDir Path dir) throws Exception {
    Shop shop = Fixtures.shop(3, 2);
    RoutingSettings settings = RoutingSettings.builder().offlineReceivers(List.of(Fixtures.agent(0))).build();
    Path shopFile = dir.resolve("shop.json");
    Path settingsFile = dir.resolve("settings.json");
    MAPPER.writeValue(shopFile.toFile(), shop);
    MAPPER.writeValue(settingsFile.toFile(), settings);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(0, run(out, err, "--shop", shopFile.toString(), "--settings", settingsFile.toString(), "--out",
        dir.resolve("own.html").toString()), err.toString(StandardCharsets.UTF_8));
    Simulation.Recording rec = Simulation.record(shop, settings, Workload.builder().arrivalsPerHour(30)
        .duration(Duration.ofHours(2)).build(), 4);
    Path log = dir.resolve("log.json");
    MAPPER.writeValue(log.toFile(), rec.log());
    assertEquals(0, run(out, err, "--shop", shopFile.toString(), "--settings", settingsFile.toString(), "--log",
        log.toString(), "--seed", "4", "--out", dir.resolve("log.html").toString()), err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.readString(dir.resolve("log.html")).contains(String.format(java.util.Locale.ROOT, "%,d consultations",
        rec.report().consultations())));
  }

  @Test
  void badArgumentsExitWithTwoAndSayWhy(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(2, run(out, err, "--shop", "x.json", "--out", "r.html"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--shop and --settings go together"));
    assertEquals(2, run(out, err, "--bogus", "1"));
    assertEquals(2, run(out, err));
    Path ghost = dir.resolve("ghost.json");
    Files.writeString(ghost, "{\"mode\":\"ADVANCED\",\"groups\":[{\"name\":\"g\",\"orderStatuses\":[\"NO_ORDER\"],"
        + "\"members\":[{\"agent\":\"ghost\",\"weight\":1}]}]}");
    Path shopFile = dir.resolve("shop.json");
    MAPPER.writeValue(shopFile.toFile(), Fixtures.shop(2, 0));
    ByteArrayOutputStream err2 = new ByteArrayOutputStream();
    assertEquals(2, run(out, err2, "--shop", shopFile.toString(), "--settings", ghost.toString(), "--out",
        dir.resolve("r.html").toString()));
    assertTrue(err2.toString(StandardCharsets.UTF_8).contains("rule: R17"), err2.toString(StandardCharsets.UTF_8));
  }
}
