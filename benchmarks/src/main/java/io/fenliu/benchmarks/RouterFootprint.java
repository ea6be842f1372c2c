package io.fenliu.benchmarks;

import io.fenliu.core.BuyerId;
import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.EntryPage;
import io.fenliu.core.OrderStatus;
import io.fenliu.core.Presence;
import io.fenliu.core.Shop;
import io.fenliu.routing.Router;
import io.fenliu.routing.RoutingSettings;
import java.util.SplittableRandom;
import org.openjdk.jol.info.GraphLayout;

/**
 * Issue 9's memory targets, measured with JOL: how many bytes a router retains for a shop of a given size,
 * with and without the roster it shares with the host (the {@link Shop} value the host built). Every agent is
 * online and has been chosen through every tier it belongs to, so every lazily prepared decision exists: the
 * worst case. Run it with {@code java -Djol.magicFieldOffset=true -cp benchmarks/target/benchmarks.jar
 * io.fenliu.benchmarks.RouterFootprint} (the flag lets JOL read record fields on JDK 17).
 */
public final class RouterFootprint {
  private RouterFootprint() {}

  /** Bytes retained by a router, whole and without its roster. */
  public record Footprint(int agents, int groups, long total, long roster) {
    /** What the router holds beyond the roster it shares with the host. */
    public long routerOnly() {
      return total - roster;
    }
  }

  /** Builds, warms and measures a router of {@code groups} groups of {@code perGroup} agents. */
  public static Footprint measure(int groups, int perGroup) {
    int n = groups * perGroup;
    Shop shop = SampleShops.shop(n);
    RoutingSettings settings = SampleShops.advanced(groups, perGroup);
    Router router = Router.builder(shop, settings).seed(1).build();
    for (int i = 0; i < n; i++) {
      router.setPresence(SampleShops.agent(i), Presence.ONLINE);
    }
    // Draw often enough that (nearly) every agent has its decision prepared in its group's tier.
    OrderStatus[] statuses = OrderStatus.values();
    for (int i = 0; i < 8 * n; i++) {
      router.preview(Consultation.of(ConsultationId.of("c"), BuyerId.of("b"), EntryPage.SHOP_HOME,
          statuses[i % Math.min(groups, statuses.length)]));
    }
    long total = GraphLayout.parseInstance(router).totalSize();
    long roster = GraphLayout.parseInstance(router.shop()).totalSize();
    return new Footprint(n, groups, total, roster);
  }

  /** Prints the figures for benchmarks/README.md. */
  public static void main(String[] args) {
    for (int[] size : new int[][] {{10, 100}, {1, 100_000}}) {
      Footprint f = measure(size[0], size[1]);
      System.out.printf("%,d agents in %d group(s): router %,d bytes in all, roster %,d, router without roster %,d%n",
          f.agents(), f.groups(), f.total(), f.roster(), f.routerOnly());
    }
  }
}
