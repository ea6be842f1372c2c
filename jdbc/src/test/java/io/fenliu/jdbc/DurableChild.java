package io.fenliu.jdbc;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.ShopId;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.ShopEvent;
import io.fenliu.routing.WaitingConsultation;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The process the crash and fencing tests kill and pause: takes the shops it is given and applies a seeded stream of
 * events to them, round robin, as fast as the database commits. It prints, one line each and flushed before going
 * on: {@code TAKEN k epoch seq} per shop, {@code E k seq event} before applying an event (seq: the one it commits
 * as, if it commits), {@code C k seq} after the commit, {@code X k message} after a failed write, {@code FENCED k
 * epoch current} (then exits with 3) when a newer owner took a shop, {@code DONE} after the last event.
 *
 * <p>Arguments: JDBC URL, seed, consultation id prefix, number of events (0: no end), whether to change limits
 * (true/false), then the shop ids.
 */
public final class DurableChild {
  private DurableChild() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    OneConnection ds = new OneConnection(args[0]);
    long seed = Long.parseLong(args[1]);
    String prefix = args[2];
    long max = Long.parseLong(args[3]);
    boolean rosterChanges = Boolean.parseBoolean(args[4]);
    List<DurableRouter> shops = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    for (int i = 5; i < args.length; i++) {
      DurableRouter d = DurableRouter.builder(ds, ShopId.of(args[i])).take();
      shops.add(d);
      times.add(d.liveState().time().orElse(Instant.parse("2026-12-01T09:00:00Z")));
      out.println("TAKEN " + (i - 5) + " " + d.epoch() + " " + d.sequence());
    }
    DurableWorkload work = new DurableWorkload(seed, prefix, rosterChanges);
    for (long n = 0; max == 0 || n < max; n++) {
      int k = (int) (n % shops.size());
      DurableRouter d = shops.get(k);
      try {
        Instant t = times.get(k).plusMillis(700);
        times.set(k, t);
        List<ConsultationId> open = new ArrayList<>();
        for (OpenConsultation o : d.openConsultations()) {
          open.add(o.id());
        }
        List<ConsultationId> waiting = new ArrayList<>();
        for (WaitingConsultation w : d.liveState().waiting()) {
          waiting.add(w.consultation().id());
        }
        ShopEvent e = work.next(d.shop(), t, open, waiting);
        out.println("E " + k + " " + (d.sequence() + 1) + " " + DurableWorkload.write(e));
        d.apply(e);
        out.println("C " + k + " " + d.sequence());
      } catch (ShopFencedException f) {
        out.println("FENCED " + k + " " + f.epoch() + " " + f.currentEpoch());
        System.exit(3);
      } catch (JdbcStoreException x) {
        out.println("X " + k + " " + x.getMessage().replace('\n', ' '));
        ds.reset();
      }
    }
    out.println("DONE");
  }
}
