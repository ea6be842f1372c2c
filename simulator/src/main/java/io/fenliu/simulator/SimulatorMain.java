package io.fenliu.simulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.Shop;
import io.fenliu.jackson.FenliuModule;
import io.fenliu.routing.RoutingSettings;
import io.fenliu.routing.ShopEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The simulator from the command line (issue 21's one command):
 *
 * <pre>
 * java -cp simulator/target/simulator.jar io.fenliu.simulator.SimulatorMain [--shop shop.json --settings settings.json]
 *     [--what-if other-settings.json] [--log events.json] [--seed 2026] --out report.html
 * </pre>
 *
 * <p>Without {@code --shop}, it runs the bundled sample ({@link SampleDay}: its shop, settings and what-if from the
 * jar's resources, in fenliu-jackson's JSON) and compares the what-if. With a host's own {@code --shop} and {@code
 * --settings} (fenliu-jackson's shapes), it simulates {@link SampleDay#workloadFor the generic day} for that shop, or
 * replays {@code --log} (a JSON array of {@code ShopEvent}s, R25); {@code --what-if} adds a comparison. It lints
 * the settings, prints a progress line while it runs, writes the HTML page ({@link HtmlReport}) and prints a
 * summary. Exit status 0 on success, 2 for bad arguments or input (the message names the field and the rule).
 */
public final class SimulatorMain {
  private SimulatorMain() {}

  /** Runs the command; see the class comment. */
  public static void main(String[] args) throws IOException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command, writing to {@code out} and {@code err}; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    @Nullable String shopFile = null;
    @Nullable String settingsFile = null;
    @Nullable String whatIfFile = null;
    @Nullable String logFile = null;
    @Nullable String outFile = null;
    long seed = 2026;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--help") || a.equals("-h")) {
          out.println(usage());
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + a);
        }
        String v = args[++i];
        switch (a) {
          case "--shop" -> shopFile = v;
          case "--settings" -> settingsFile = v;
          case "--what-if" -> whatIfFile = v;
          case "--log" -> logFile = v;
          case "--out" -> outFile = v;
          case "--seed" -> seed = Long.parseLong(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if ((shopFile == null) != (settingsFile == null)) {
        throw new IllegalArgumentException("--shop and --settings go together");
      }
      if (outFile == null) {
        throw new IllegalArgumentException("--out report.html is required");
      }
      ObjectMapper mapper = new ObjectMapper().registerModule(FenliuModule.create());
      Shop shop;
      RoutingSettings settings;
      @Nullable RoutingSettings whatIf = null;
      Workload workload;
      String title;
      if (shopFile == null || settingsFile == null) {
        shop = mapper.readValue(resource("sample-shop.json"), Shop.class);
        settings = mapper.readValue(resource("sample-settings.json"), RoutingSettings.class);
        whatIf = mapper.readValue(resource("sample-settings-what-if.json"), RoutingSettings.class);
        workload = SampleDay.workload();
        title = "What if? The sample shop's day, xiaomei's weight 500 vs 200";
      } else {
        shop = mapper.readValue(Path.of(shopFile).toFile(), Shop.class);
        settings = mapper.readValue(Path.of(settingsFile).toFile(), RoutingSettings.class);
        workload = SampleDay.workloadFor(shop);
        title = "Simulated day of shop " + shop.id();
      }
      if (whatIfFile != null) {
        whatIf = mapper.readValue(Path.of(whatIfFile).toFile(), RoutingSettings.class);
      }
      if (logFile != null) {
        List<ShopEvent> log = mapper.readValue(Path.of(logFile).toFile(), new TypeReference<List<ShopEvent>>() {});
        workload = Workload.recorded(log);
        title = "Replayed log of shop " + shop.id();
      }
      List<Finding> findings = SettingsLinter.lint(shop, settings, workload);
      String html;
      if (whatIf == null) {
        SimulationReport report = Simulation.run(shop, settings, workload, seed, progress(out, "settings"));
        out.println();
        summary(out, "settings", report);
        html = HtmlReport.of(title, findings, report);
      } else {
        List<Finding> findingsB = SettingsLinter.lint(shop, whatIf, workload);
        SimulationReport a = Simulation.run(shop, settings, workload, seed, progress(out, "settings"));
        out.println();
        SimulationReport b = Simulation.run(shop, whatIf, workload, seed, progress(out, "what-if"));
        out.println();
        summary(out, "settings", a);
        summary(out, "what-if", b);
        html = HtmlReport.of(title, findings, findingsB, new Comparison(a, b), "settings", "what-if");
      }
      for (Finding f : findings) {
        out.println("lint: " + f);
      }
      Path target = Path.of(outFile);
      Files.writeString(target, html, StandardCharsets.UTF_8);
      out.println("report written to " + target.toAbsolutePath());
      return 0;
    } catch (InvalidValueException e) {
      err.println("refused: " + e.getMessage() + " [field: " + e.argument() + e.rule().map(r -> ", rule: " + r)
          .orElse("") + "]");
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(usage());
      return 2;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = SimulatorMain.class.getResourceAsStream(name);
    if (in == null) {
      throw new IOException("the bundled sample " + name + " is missing from the class path");
    }
    return in;
  }

  private static DoubleConsumer progress(PrintStream out, String label) {
    return f -> {
      out.print(String.format(Locale.ROOT, "\rsimulating %s: %3.0f %%", label, 100 * f));
      out.flush();
    };
  }

  private static void summary(PrintStream out, String label, SimulationReport r) {
    out.println(String.format(Locale.ROOT, "%s: %,d consultations, wait p50/p90/p99 %d/%d/%d ms, %,d queued, %,d"
        + " expired, %,d offline messages while agents were online", label, r.consultations(), r.waitP50().toMillis(),
        r.waitP90().toMillis(), r.waitP99().toMillis(), r.queued(), r.expiredFromQueue(), r.offlineWhileOnline()));
  }

  private static String usage() {
    return "usage: SimulatorMain [--shop shop.json --settings settings.json] [--what-if settings.json]"
        + " [--log events.json] [--seed N] --out report.html";
  }
}
