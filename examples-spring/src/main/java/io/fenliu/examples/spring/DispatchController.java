package io.fenliu.examples.spring;

import io.fenliu.core.Consultation;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.ShopId;
import io.fenliu.core.UnknownIdException;
import io.fenliu.routing.EndResult;
import io.fenliu.routing.QueueStatus;
import io.fenliu.routing.RouterRegistry;
import io.fenliu.routing.RoutingDecision;
import io.fenliu.routing.WaitingConsultation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP API. Requests and answers are Fenliu's own values in its documented JSON shape (jackson/README.md),
 * read and written by Boot's mapper with the module the starter registered: a consultation in, a routing decision
 * (R19) out; an end result with whoever left the queue for the freed seat (R20, R22); the queue in order.
 */
@RestController
public class DispatchController {
  private final RouterRegistry registry;

  DispatchController(RouterRegistry registry) {
    this.registry = registry;
  }

  /** Routes a consultation (R10–R23): the agent, the step that chose it and why, or its place in the queue. */
  @PostMapping("/shops/{shop}/consultations")
  public RoutingDecision route(@PathVariable String shop, @RequestBody Consultation consultation) {
    return registry.withRouter(ShopId.of(shop), router -> router.route(consultation));
  }

  /** Ends a consultation, freeing its seat (R20); the answer lists who was seated from the queue (R22). */
  @PostMapping("/shops/{shop}/consultations/{consultation}/end")
  public EndResult end(@PathVariable String shop, @PathVariable String consultation) {
    return registry.withRouter(ShopId.of(shop), router -> router.end(ConsultationId.of(consultation)));
  }

  /** The shop's queue, head first, with each consultation's place and estimated wait (R22). */
  @GetMapping("/shops/{shop}/queue")
  public Map<String, Object> queue(@PathVariable String shop) {
    return registry.withRouter(ShopId.of(shop), router -> {
      List<QueueStatus> waiting = new ArrayList<>();
      for (WaitingConsultation w : router.liveState().waiting()) {
        router.queueStatus(w.consultation().id()).ifPresent(waiting::add);
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("shop", shop);
      answer.put("length", waiting.size());
      answer.put("waiting", waiting);
      return answer;
    });
  }

  /** A shop the roster does not know. */
  @ExceptionHandler(UnknownIdException.class)
  ResponseEntity<Map<String, String>> unknown(UnknownIdException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", String.valueOf(e.getMessage())));
  }

  /** A value the library refused (a blank id, R-cited message). */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> refused(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
  }
}
