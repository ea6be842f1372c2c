package io.fenliu.simulator;

import io.fenliu.core.AccountId;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.RoutingStep;
import io.fenliu.routing.ShareLedger;
import io.fenliu.simulator.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page for a merchant (issue 21): inline CSS and inline SVG charts, no script, no font or
 * image from the network, so it opens from a file or an e-mail attachment and prints as it shows. It holds the
 * linter's findings, the day's figures (waits, queue, expiries, offline messages while agents were online, R16,
 * R22), decisions per step (R19), each agent's observed vs configured vs availability-expected share with the
 * fairness ledger's verdict (R13, R23), and the day in 15-minute slices (seats held, queue length, waits); for a
 * {@link Comparison}, both sides next to each other with the differences.
 *
 * <p>Every chart carries its figures as data attributes as well as drawing them ({@code data-agent},
 * {@code data-observed}, {@code data-configured}, {@code data-expected}, {@code data-verdict} on each share bar;
 * {@code data-step}, {@code data-count} on each step bar; {@code data-bucket}, {@code data-value} on each point
 * over the day), so a test — or a curious merchant — can read the numbers a chart shows. Large shops are cut to
 * the first {@value #MAX_AGENTS} agents of each scope in the charts and tables, with a note saying so.
 */
public final class HtmlReport {
  /** The most agents of one scope drawn and listed. */
  public static final int MAX_AGENTS = 60;

  private HtmlReport() {}

  /** The page for one simulated day. */
  public static String of(String title, List<Finding> findings, SimulationReport report) {
    Checks.notNull(title, "title");
    Checks.notNull(findings, "findings");
    Checks.notNull(report, "report");
    StringBuilder b = head(title);
    b.append("<p class=\"sub\">").append(period(report)).append("</p>\n");
    findings(b, findings);
    b.append("<h2>The day in figures</h2>\n<table class=\"figures\"><tr><th>figure</th><th>value</th></tr>\n");
    for (String[] row : figures(report)) {
      b.append("<tr><td>").append(esc(row[0])).append("</td><td class=\"num\" data-figure=\"").append(esc(row[2]))
          .append("\">").append(esc(row[1])).append("</td></tr>\n");
    }
    b.append("</table>\n");
    side(b, report, "");
    return b.append("</body>\n</html>\n").toString();
  }

  /** The page comparing two settings run on the same day ({@link Simulation#compare}). */
  public static String of(String title, List<Finding> findingsA, List<Finding> findingsB, Comparison comparison,
      String labelA, String labelB) {
    Checks.notNull(title, "title");
    Checks.notNull(comparison, "comparison");
    Checks.notNull(labelA, "label A");
    Checks.notNull(labelB, "label B");
    SimulationReport a = comparison.a();
    SimulationReport bb = comparison.b();
    StringBuilder b = head(title);
    b.append("<p class=\"sub\">").append(period(a)).append(". Both settings ran on the same arrivals, service times")
        .append(" and presence with the same seed (R25): every difference below comes from the change.</p>\n");
    b.append("<div class=\"cols\"><div class=\"col\"><h2>").append(esc(labelA)).append("</h2>\n");
    findings(b, Checks.notNull(findingsA, "findings A"));
    b.append("</div><div class=\"col\"><h2>").append(esc(labelB)).append("</h2>\n");
    findings(b, Checks.notNull(findingsB, "findings B"));
    b.append("</div></div>\n<h2>The day in figures</h2>\n<table class=\"figures\"><tr><th>figure</th><th>")
        .append(esc(labelA)).append("</th><th>").append(esc(labelB)).append("</th></tr>\n");
    List<String[]> fa = figures(a);
    List<String[]> fb = figures(bb);
    for (int i = 0; i < fa.size(); i++) {
      boolean differs = !fa.get(i)[1].equals(fb.get(i)[1]);
      b.append("<tr").append(differs ? " class=\"differs\"" : "").append("><td>").append(esc(fa.get(i)[0]))
          .append("</td><td class=\"num\" data-side=\"a\" data-figure=\"").append(esc(fa.get(i)[2])).append("\">")
          .append(esc(fa.get(i)[1])).append("</td><td class=\"num\" data-side=\"b\" data-figure=\"")
          .append(esc(fb.get(i)[2])).append("\">").append(esc(fb.get(i)[1])).append("</td></tr>\n");
    }
    b.append("</table>\n");
    Map<AccountId, Long> shift = comparison.decisionShift();
    b.append("<h2>Who gains, who loses</h2>\n");
    if (shift.isEmpty()) {
      b.append("<p>Every agent got the same consultations under both settings.</p>\n");
    } else {
      b.append("<table><tr><th>agent</th><th>").append(esc(labelA)).append("</th><th>").append(esc(labelB))
          .append("</th><th>change</th></tr>\n");
      shift.forEach((agent, d) -> b.append("<tr data-shift-agent=\"").append(esc(agent.toString()))
          .append("\"><td>").append(esc(agent.toString())).append("</td><td class=\"num\">")
          .append(a.decisionsByAgent().getOrDefault(agent, 0L)).append("</td><td class=\"num\">")
          .append(bb.decisionsByAgent().getOrDefault(agent, 0L)).append("</td><td class=\"num\">")
          .append(d > 0 ? "+" : "").append(d).append("</td></tr>\n"));
      b.append("</table>\n");
    }
    b.append("<div class=\"cols\"><div class=\"col\"><h2>").append(esc(labelA)).append("</h2>\n");
    side(b, a, "a-");
    b.append("</div><div class=\"col\"><h2>").append(esc(labelB)).append("</h2>\n");
    side(b, bb, "b-");
    b.append("</div></div>\n");
    return b.append("</body>\n</html>\n").toString();
  }

  private static StringBuilder head(String title) {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1400px}")
        .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid #ccc}")
        .append("h3{font-size:14px;margin:14px 0 6px}.sub{color:#555;margin:0 0 12px}")
        .append("table{border-collapse:collapse;font-size:13px;margin:4px 0 10px}")
        .append("td,th{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}th{background:#f3f3f3}")
        .append(".num{text-align:right;font-variant-numeric:tabular-nums}.differs td{background:#fff6d6}")
        .append(".ERROR{color:#b00020;font-weight:bold}.WARNING{color:#a65f00;font-weight:bold}.INFO{color:#245}")
        .append(".BEYOND_CHANCE{color:#b00020;font-weight:bold}.WITHIN_CHANCE{color:#1b6e20}.NOT_JUDGED{color:#666}")
        .append(".cols{display:flex;flex-wrap:wrap;gap:24px}.col{flex:1 1 540px;min-width:0;overflow-x:auto}.col table{font-size:11px}.col td,.col th{padding:2px 4px}.ok{color:#1b6e20}")
        .append(".legend span{display:inline-block;margin-right:14px;font-size:12px}")
        .append(".sw{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}")
        .append("svg text{font-family:sans-serif;font-size:11px;fill:#333}\n</style>\n</head>\n<body>\n<h1>")
        .append(esc(title)).append("</h1>\n");
    return b;
  }

  private static String period(SimulationReport r) {
    return esc(String.format(Locale.ROOT, "%,d consultations from %s to %s, seed %d", r.consultations(), r.start(),
        r.end(), r.seed()));
  }

  private static void findings(StringBuilder b, List<Finding> findings) {
    b.append("<h3>Settings linter</h3>\n");
    if (findings.isEmpty()) {
      b.append("<p class=\"ok\" data-findings=\"0\">No findings: the settings route as configured.</p>\n");
      return;
    }
    b.append("<table data-findings=\"").append(findings.size())
        .append("\"><tr><th>severity</th><th>rule</th><th>check</th><th>subject</th><th>finding</th><th>suggested fix</th></tr>\n");
    for (Finding f : findings) {
      b.append("<tr data-check=\"").append(f.check().name()).append("\"><td class=\"").append(f.severity().name())
          .append("\">").append(f.severity().name()).append("</td><td>").append(esc(f.rule())).append("</td><td>")
          .append(f.check().name()).append("</td><td>").append(esc(f.subject())).append("</td><td>")
          .append(esc(f.message())).append("</td><td>").append(esc(f.fix())).append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  /** Rows of (label, shown value, data value). */
  private static List<String[]> figures(SimulationReport r) {
    long online = r.decisionsByStep().entrySet().stream().filter(e -> e.getKey().holdsSeat())
        .mapToLong(Map.Entry::getValue).sum();
    return List.of(
        row("consultations", String.format(Locale.ROOT, "%,d", r.consultations()), r.consultations()),
        row("seated by an agent", String.format(Locale.ROOT, "%,d", r.seated()), r.seated()),
        row("decided by a live agent's step", String.format(Locale.ROOT, "%,d", online), online),
        row("wait p50", dur(r.waitP50()), r.waitP50().toMillis()),
        row("wait p90", dur(r.waitP90()), r.waitP90().toMillis()),
        row("wait p99", dur(r.waitP99()), r.waitP99().toMillis()),
        row("mean wait", dur(r.meanWait()), r.meanWait().toMillis()),
        row("had to queue (R22)", String.format(Locale.ROOT, "%,d", r.queued()), r.queued()),
        row("expired from the queue (R22)", String.format(Locale.ROOT, "%,d", r.expiredFromQueue()),
            r.expiredFromQueue()),
        row("turned away, queue full (R22)", String.format(Locale.ROOT, "%,d", r.turnedAwayQueueFull()),
            r.turnedAwayQueueFull()),
        row("offline-receiver messages (R16)", String.format(Locale.ROOT, "%,d", r.offlineMessages()),
            r.offlineMessages()),
        row("… while agents were online", String.format(Locale.ROOT, "%,d", r.offlineWhileOnline()),
            r.offlineWhileOnline()),
        row("peak seats held (R20)", String.format(Locale.ROOT, "%,d", r.peakSeatsHeld()), r.peakSeatsHeld()),
        row("peak queue length (R22)", String.format(Locale.ROOT, "%,d", r.peakQueueLength()), r.peakQueueLength()));
  }

  private static String[] row(String label, String shown, long value) {
    return new String[] {label, shown, Long.toString(value)};
  }

  private static String dur(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  /** The per-report sections: steps, shares, the day. */
  private static void side(StringBuilder b, SimulationReport r, String idPrefix) {
    b.append("<h3>Decisions per step (R19)</h3>\n");
    stepChart(b, r);
    b.append("<h3>Shares: observed vs configured vs availability-expected (R13, R23)</h3>\n");
    if (r.ledger().isEmpty()) {
      b.append("<p>No page set or group decided consultations itself, so there is no fairness ledger.</p>\n");
    }
    b.append("<p class=\"legend\"><span><i class=\"sw\" style=\"background:#2b6cb0\"></i>observed</span>")
        .append("<span><i class=\"sw\" style=\"background:#a0aec0\"></i>configured</span>")
        .append("<span><i class=\"sw\" style=\"background:#dd8a1c\"></i>expected given availability</span></p>\n");
    for (ShareLedger l : r.ledger()) {
      shares(b, l);
    }
    b.append("<h3>Over the day, per 15 minutes</h3>\n");
    double[] seats = new double[r.buckets().size()];
    double[] queue = new double[seats.length];
    double[] waitMean = new double[seats.length];
    double[] waitMax = new double[seats.length];
    for (int i = 0; i < seats.length; i++) {
      LoadBucket k = r.buckets().get(i);
      seats[i] = k.meanSeatsHeld();
      queue[i] = k.peakQueueLength();
      waitMean[i] = k.meanWait().toMillis() / 1000.0;
      waitMax[i] = k.maxWait().toMillis() / 1000.0;
    }
    line(b, idPrefix + "seats", "concurrent load: mean seats held (R20)", seats, "#2b6cb0");
    line(b, idPrefix + "queue", "queue length: peak per slice (R22)", queue, "#c53030");
    line(b, idPrefix + "wait-mean", "mean wait of the consultations seated, seconds", waitMean, "#dd8a1c");
    line(b, idPrefix + "wait-max", "longest wait of the consultations seated, seconds", waitMax, "#805ad5");
  }

  private static void stepChart(StringBuilder b, SimulationReport r) {
    long max = 1;
    int n = 0;
    for (long c : r.decisionsByStep().values()) {
      max = Math.max(max, c);
      n += c > 0 ? 1 : 0;
    }
    int h = 22 * Math.max(1, n) + 6;
    b.append("<svg class=\"steps\" width=\"560\" height=\"").append(h).append("\" role=\"img\">\n");
    int y = 4;
    for (Map.Entry<RoutingStep, Long> e : r.decisionsByStep().entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      double w = 340.0 * e.getValue() / max;
      b.append(String.format(Locale.ROOT, "<g data-step=\"%s\" data-count=\"%d\"><text x=\"0\" y=\"%d\">%s</text>"
          + "<rect x=\"140\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#4a5568\"></rect><text x=\"%.1f\" y=\"%d\">"
          + "%,d</text></g>\n", e.getKey(), e.getValue(), y + 12, e.getKey(), y, Math.max(1, w), 146 + w, y + 12,
          e.getValue()));
      y += 22;
    }
    b.append("</svg>\n");
  }

  private static void shares(StringBuilder b, ShareLedger l) {
    b.append("<h3>").append(esc(l.scope())).append(String.format(Locale.ROOT, ": %,d consultations, %s, ",
        l.decisions(), l.shareMode())).append(l.withinChance() ? "<span class=\"WITHIN_CHANCE\">within chance</span>"
        : "<span class=\"BEYOND_CHANCE\">beyond chance</span>").append("</h3>\n");
    List<AgentShare> shown = l.shares().subList(0, Math.min(MAX_AGENTS, l.shares().size()));
    double max = 0.0001;
    for (AgentShare s : shown) {
      double expectedShare = l.decisions() == 0 ? 0 : s.expected() / l.decisions();
      max = Math.max(max, Math.max(s.observedShare(), Math.max(s.configuredShare(), expectedShare)));
    }
    int rowH = 34;
    b.append("<svg class=\"shares\" width=\"620\" height=\"").append(rowH * shown.size() + 6)
        .append("\" role=\"img\">\n");
    int y = 4;
    for (AgentShare s : shown) {
      double expectedShare = l.decisions() == 0 ? 0 : Math.min(1, s.expected() / l.decisions());
      b.append(String.format(Locale.ROOT, "<g class=\"share\" data-agent=\"%s\" data-observed=\"%.4f\""
          + " data-configured=\"%.4f\" data-expected=\"%.4f\" data-verdict=\"%s\">", esc(s.agent().toString()),
          s.observedShare(), s.configuredShare(), expectedShare, s.verdict()));
      b.append("<text x=\"0\" y=\"").append(y + 18).append("\">").append(esc(s.agent().toString())).append("</text>");
      bar(b, y, s.observedShare(), max, "#2b6cb0");
      bar(b, y + 10, s.configuredShare(), max, "#a0aec0");
      bar(b, y + 20, expectedShare, max, "#dd8a1c");
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", 500, y + 18, pct(s.observedShare())));
      b.append("</g>\n");
      y += rowH;
    }
    b.append("</svg>\n");
    b.append("<table><tr><th>agent</th><th>weight</th><th>observed</th><th>observed share</th><th>configured</th>")
        .append("<th>available</th><th>expected</th><th>z</th><th>verdict</th></tr>\n");
    for (AgentShare s : shown) {
      b.append(String.format(Locale.ROOT, "<tr data-agent=\"%s\"><td>%s</td><td class=\"num\">%d</td>"
          + "<td class=\"num\">%,d</td><td class=\"num observed\">%s</td><td class=\"num\">%s</td>"
          + "<td class=\"num\">%s</td><td class=\"num\">%.1f</td><td class=\"num\">%.2f</td>"
          + "<td class=\"%s\">%s</td></tr>\n", esc(s.agent().toString()), esc(s.agent().toString()), s.weight(),
          s.observed(), pct(s.observedShare()), pct(s.configuredShare()), pct(s.availability()), s.expected(),
          s.zScore(), s.verdict(), s.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    }
    b.append("</table>\n");
    if (shown.size() < l.shares().size()) {
      b.append("<p>… and ").append(l.shares().size() - shown.size()).append(" more agents, not shown.</p>\n");
    }
  }

  private static void bar(StringBuilder b, int y, double share, double max, String colour) {
    b.append(String.format(Locale.ROOT, "<rect x=\"130\" y=\"%d\" width=\"%.1f\" height=\"8\" fill=\"%s\"></rect>",
        y + 2, Math.max(0.5, 360 * share / max), colour));
  }

  private static void line(StringBuilder b, String id, String title, double[] values, String colour) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    int w = 640;
    int h = 150;
    double scale = max > 0 ? (h - 30) / max : 0;
    double step = values.length > 1 ? (double) (w - 60) / (values.length - 1) : 0;
    b.append("<svg class=\"day\" id=\"").append(esc(id)).append("\" width=\"").append(w).append("\" height=\"")
        .append(h).append("\" role=\"img\" data-max=\"").append(String.format(Locale.ROOT, "%.3f", max))
        .append("\">\n<text x=\"4\" y=\"12\">").append(esc(title)).append(String.format(Locale.ROOT,
            " — max %.1f", max)).append("</text>\n");
    b.append(String.format(Locale.ROOT, "<line x1=\"50\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"></line>\n",
        h - 10, w - 10, h - 10));
    StringBuilder points = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      double x = 50 + i * step;
      double y = h - 10 - values[i] * scale;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.5\" fill=\"%s\" data-bucket=\"%d\""
          + " data-value=\"%.3f\"></circle>", x, y, colour, i, values[i]));
      if (i % 16 == 0) {
        dots.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%dh</text>", x - 6, h, i / 4));
      }
    }
    b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
        .append(points.toString().trim()).append("\"></polyline>\n").append(dots).append("\n</svg>\n");
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
