import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a running examples-spring application (base URL as the argument) what a newcomer asks first: is it up, and
 * where does a consultation go. Exits 1 on any unexpected answer, so the CI step fails. Run as a source file.
 */
public class DispatchSmoke {
  public static void main(String[] args) throws Exception {
    String base = args[0];
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String health = "";
    while (System.nanoTime() < deadline) {
      try {
        health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (health.contains("\"UP\"")) {
          break;
        }
      } catch (java.io.IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    check(health.contains("\"UP\""), "health: " + health);
    String decision = http.send(HttpRequest.newBuilder(URI.create(base + "/shops/tea-house/consultations"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"id\":\"ci-1\",\"buyer\":\"buyer-ci\",\"entryPage\":\"PRODUCT_DETAIL\",\"orderStatus\":\"NO_ORDER\"}"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    System.out.println("decision: " + decision);
    check(decision.contains("\"agent\":\"alice\""), "the only online agent answers: " + decision);
    String queue = http.send(HttpRequest.newBuilder(URI.create(base + "/shops/tea-house/queue")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    System.out.println("queue: " + queue);
    check(queue.contains("\"shop\":\"tea-house\""), "queue: " + queue);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.err.println("unexpected: " + what);
      System.exit(1);
    }
  }
}
