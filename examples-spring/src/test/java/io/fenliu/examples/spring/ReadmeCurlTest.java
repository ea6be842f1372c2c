package io.fenliu.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's three {@code curl} calls, made with the JDK's HTTP client against the application on a random
 * port, in the README's order, each answering exactly the JSON the README shows (R19's decision, R20's end, R22's
 * queue). The calls and answers are read from the README itself, so it cannot go stale. The actuator endpoint
 * answers for the shop too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeCurlTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired Environment environment;

  /** A curl call and the answer the README shows under it. */
  record Call(String method, String path, String body, String expected) {}

  @Test
  void theReadmesCurlCallsAnswerWhatTheReadmeShows() throws Exception {
    List<Call> calls = calls(Files.readString(Path.of("README.md")));
    assertEquals(3, calls.size(), "the README shows three curl calls");
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://localhost:" + environment.getRequiredProperty("local.server.port");
    for (Call call : calls) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()));
      request = call.body().isEmpty() ? request.method(call.method(), HttpRequest.BodyPublishers.noBody())
          : request.header("Content-Type", "application/json")
              .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), call + " → " + response.body());
      assertEquals(JSON.readTree(call.expected()), JSON.readTree(response.body()), call.toString());
    }

    HttpResponse<String> endpoint = http.send(HttpRequest.newBuilder(URI.create(base
        + "/actuator/fenliu/tea-house")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, endpoint.statusCode(), endpoint.body());
    JsonNode shop = JSON.readTree(endpoint.body());
    assertEquals(0, shop.get("queueLength").intValue(), endpoint.body());
    assertEquals(1, shop.get("decisions").intValue(), endpoint.body());
  }

  /** Each {@code curl} line of a {@code sh} block, with the {@code json} block that follows it. */
  static List<Call> calls(String readme) {
    List<Call> calls = new ArrayList<>();
    List<String> lines = readme.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (!line.startsWith("curl ")) {
        continue;
      }
      int open = i + 1;
      while (!lines.get(open).trim().equals("```json")) {
        open++;
      }
      StringBuilder expected = new StringBuilder();
      for (int j = open + 1; !lines.get(j).trim().equals("```"); j++) {
        expected.append(lines.get(j)).append('\n');
      }
      calls.add(parse(line, expected.toString()));
    }
    return calls;
  }

  /** The method, path and body of one curl command line (-X, -H, -d, a localhost URL; single quotes). */
  static Call parse(String command, String expected) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    words.add(word.toString());
    String method = "GET";
    String path = "";
    String body = "";
    for (int k = 1; k < words.size(); k++) {
      String w = words.get(k);
      switch (w) {
        case "-X" -> method = words.get(++k);
        case "-d" -> body = words.get(++k);
        case "-H" -> k++;
        case "-s" -> { }
        default -> {
          assertTrue(w.startsWith("localhost:8080/"), "a URL on localhost:8080: " + w);
          path = w.substring("localhost:8080".length());
        }
      }
    }
    if (!body.isEmpty() && method.equals("GET")) {
      method = "POST";
    }
    return new Call(method, path, body, expected);
  }
}
