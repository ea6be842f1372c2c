package io.fenliu.spring.boot;

import io.fenliu.core.ShopId;
import io.fenliu.routing.AgentShare;
import io.fenliu.routing.LiveState;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.Router;
import io.fenliu.routing.RouterRegistry;
import io.fenliu.routing.RouterStats;
import io.fenliu.routing.ShareLedger;
import io.fenliu.routing.WaitingConsultation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code fenliu} actuator endpoint: {@code /actuator/fenliu} lists the shops whose routers the registry holds;
 * {@code /actuator/fenliu/{shop}} shows one shop's queue (R22: who waits, since when, in which place), its seats
 * (R20: open consultations per agent) and its fairness ledger (R13, R23: each agent's observed share against its
 * configured and expected share, with the verdict). It reads only: nothing is loaded, a shop that is not loaded
 * answers 404, and each answer is read at one instant per router (R24).
 *
 * <p>Answers are plain maps of strings and numbers, so they read the same whatever JSON mapper the actuator uses.
 * Only what an operator needs to see is shown: buyer ids are left out of the queue.
 */
@Endpoint(id = "fenliu")
public class FenliuEndpoint {
  private final RouterRegistry registry;

  /** An endpoint over {@code registry}. */
  public FenliuEndpoint(RouterRegistry registry) {
    this.registry = registry;
  }

  /** The shops held, in order of their ids. */
  @ReadOperation
  public Map<String, Object> shops() {
    TreeSet<String> ids = new TreeSet<>();
    for (ShopId shop : registry.shops()) {
      ids.add(shop.value());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("shops", List.copyOf(ids));
    return answer;
  }

  /** One shop's queue, seats and fairness ledger; null (404) when the shop is not loaded. */
  @ReadOperation
  public @Nullable Map<String, Object> shop(@Selector String shop) {
    Optional<Router> loaded;
    try {
      loaded = registry.ifLoaded(ShopId.of(shop));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (loaded.isEmpty()) {
      return null;
    }
    Router router = loaded.get();
    LiveState live = router.liveState();
    RouterStats stats = router.stats();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("shop", shop);
    answer.put("queueLength", live.waiting().size());
    List<Map<String, Object>> queue = new ArrayList<>();
    int position = 1;
    for (WaitingConsultation w : live.waiting()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("position", position++);
      line.put("consultation", w.consultation().id().value());
      line.put("waitingSince", w.since().toString());
      queue.add(line);
    }
    answer.put("queue", queue);
    Map<String, Integer> seats = new TreeMap<>();
    for (OpenConsultation o : live.open()) {
      seats.merge(o.agent().value(), 1, Integer::sum);
    }
    answer.put("seatsHeld", seats);
    answer.put("decisions", stats.decisions());
    List<Map<String, Object>> ledger = new ArrayList<>();
    for (ShareLedger l : stats.ledger()) {
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("scope", l.scope());
      scope.put("shareMode", l.shareMode().name());
      scope.put("decisions", l.decisions());
      scope.put("withinChance", l.withinChance());
      List<Map<String, Object>> shares = new ArrayList<>();
      for (AgentShare s : l.shares()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("agent", s.agent().value());
        line.put("weight", s.weight());
        line.put("configuredShare", s.configuredShare());
        line.put("observed", s.observed());
        line.put("observedShare", s.observedShare());
        line.put("availability", s.availability());
        line.put("expected", s.expected());
        line.put("zScore", s.zScore());
        line.put("verdict", s.verdict().name());
        line.put("explanation", s.explanation());
        shares.add(line);
      }
      scope.put("shares", shares);
      ledger.add(scope);
    }
    answer.put("ledger", ledger);
    return answer;
  }
}
