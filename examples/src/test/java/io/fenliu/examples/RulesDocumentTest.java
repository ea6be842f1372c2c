package io.fenliu.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule id the code cites is explained in docs/RULES.md, and the documents link to each other. */
class RulesDocumentTest {
  private static final Pattern DEFINED = Pattern.compile("^\\*\\*R(\\d+) — ", Pattern.MULTILINE);
  private static final Pattern CITED = Pattern.compile("\\bR(\\d+)\\b");
  /** The rules DOMAIN.md defines, R1 to R26. */
  private static final int LAST_RULE = 26;

  @Test
  void rulesMdDefinesEveryRuleOnceEachInOrder() throws IOException {
    List<Integer> defined = new ArrayList<>();
    Matcher m = DEFINED.matcher(Files.readString(root().resolve("docs/RULES.md")));
    while (m.find()) {
      defined.add(Integer.parseInt(m.group(1)));
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= LAST_RULE; i++) {
      expected.add(i);
    }
    assertEquals(expected, defined);
  }

  @Test
  void everyRuleCitedInTheSourcesIsDefined() throws IOException {
    Set<String> undefined = new TreeSet<>();
    for (String module : List.of("core", "routing", "anomaly", "simulator", "examples", "jackson3",
        "spring-boot-starter", "examples-spring")) {
      try (Stream<Path> files = Files.walk(root().resolve(module).resolve("src"))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
          Matcher m = CITED.matcher(read(f));
          while (m.find()) {
            int id = Integer.parseInt(m.group(1));
            if (id < 1 || id > LAST_RULE) {
              undefined.add(root().relativize(f) + ": R" + id);
            }
          }
        });
      }
    }
    assertTrue(undefined.isEmpty(), "rule ids not in docs/RULES.md: " + undefined);
  }

  @Test
  void theReadmePointsAtTheRulesInTheRepository() throws IOException {
    String readme = Files.readString(root().resolve("README.md"));
    assertTrue(readme.contains("(docs/RULES.md)") && readme.contains("(docs/OPERATIONS.md)"), "README links the docs");
    assertTrue(!readme.contains("shared/DOMAIN.md"), "README points outside the repository");
    assertTrue(Files.readString(root().resolve("docs/OPERATIONS.md")).contains("## Reading the fairness ledger"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("README.md")) || !Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    return root;
  }
}
