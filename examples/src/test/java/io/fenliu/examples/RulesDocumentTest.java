package io.fenliu.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every rule id the code cites is explained in docs/RULES.md, the documents link to each other, and the rules' "where"
 * table names code and tests that exist: every class#method it names is a method of a class of the build (found by
 * reflection), and every rule has at least one test class, a source file of the repository that cites the rule.
 */
class RulesDocumentTest {
  private static final Pattern DEFINED = Pattern.compile("^\\*\\*R(\\d+) — ", Pattern.MULTILINE);
  private static final Pattern CITED = Pattern.compile("\\bR(\\d+)\\b");
  /** A row of the "where" table: | R1 | `a.B#m`, … | `a.BTest`, … |. */
  private static final Pattern WHERE_ROW = Pattern.compile("^\\| R(\\d+) \\|([^|]*)\\|([^|]*)\\|\\s*$", Pattern.MULTILINE);
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  /** The rules DOMAIN.md defines, R1 to R26. */
  private static final int LAST_RULE = 26;
  /**
   * Rules no module of this repository implements yet, so they have no code and no test to name: R26 (one owner per
   * shop, by epoch) belongs to the durable stores and the stream engine's integration, still under way. Its row says
   * "not yet implemented"; the day it names code, it must name its tests too and leave this set.
   */
  private static final Set<Integer> NOT_YET_IMPLEMENTED = Set.of();

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

  @Test
  void everyRuleHasAWhereRowNamingCodeThatExistsAndTestsThatCiteIt() throws IOException {
    String rules = Files.readString(root().resolve("docs/RULES.md"));
    TreeMap<Integer, String[]> rows = new TreeMap<>();
    Matcher m = WHERE_ROW.matcher(rules);
    while (m.find()) {
      int id = Integer.parseInt(m.group(1));
      assertTrue(rows.put(id, new String[] {m.group(2), m.group(3)}) == null, "two where rows for R" + id);
    }
    List<String> problems = new ArrayList<>();
    for (int id = 1; id <= LAST_RULE; id++) {
      String[] row = rows.get(id);
      if (row == null) {
        problems.add("R" + id + ": no row in the where table");
        continue;
      }
      List<String> code = codeSpans(row[0]);
      List<String> tests = codeSpans(row[1]);
      if (NOT_YET_IMPLEMENTED.contains(id)) {
        if (!code.isEmpty() || !tests.isEmpty() || !row[0].contains("not yet implemented")) {
          problems.add("R" + id + " is listed as not yet implemented: its row must say so and name nothing");
        }
        continue;
      }
      if (code.isEmpty()) {
        problems.add("R" + id + ": names no implementing class#method");
      }
      if (tests.isEmpty()) {
        problems.add("R" + id + ": names no test class");
      }
      for (String where : code) {
        String problem = missingMethod(where);
        if (problem != null) {
          problems.add("R" + id + ": " + problem);
        }
      }
      for (String test : tests) {
        String problem = missingTest(test, id);
        if (problem != null) {
          problems.add("R" + id + ": " + problem);
        }
      }
    }
    assertEquals(Set.of(), rows.keySet().stream().filter(id -> id < 1 || id > LAST_RULE).collect(Collectors.toSet()),
        "where rows for rules that do not exist");
    assertTrue(problems.isEmpty(), "docs/RULES.md's where table:\n" + String.join("\n", problems));
  }

  /** The negative case: the checks above find a method, a class or a test that does not exist. */
  @Test
  void theWhereChecksRefuseWhatDoesNotExist() {
    assertEquals(null, missingMethod("io.fenliu.core.RelationshipHealth#anomalies"));
    assertTrue(missingMethod("io.fenliu.core.RelationshipHealth#noSuchMethod") != null);
    assertTrue(missingMethod("io.fenliu.core.NoSuchClass#anomalies") != null);
    assertTrue(missingMethod("io.fenliu.core.RelationshipHealth") != null, "a class alone names no method");
    assertEquals(null, missingTest("io.fenliu.core.RelationshipHealthTest", 1));
    assertTrue(missingTest("io.fenliu.core.NoSuchTest", 1) != null);
    assertTrue(missingTest("io.fenliu.core.RelationshipHealthTest", 22) != null, "a test that never cites the rule");
  }

  private static List<String> codeSpans(String cell) {
    List<String> spans = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      spans.add(m.group(1));
    }
    return spans;
  }

  /** Null when {@code where} ("a.b.Class#method") names a method declared by a class of the build; else why not. */
  static String missingMethod(String where) {
    int hash = where.indexOf('#');
    if (hash < 0) {
      return where + ": not of the form package.Class#method";
    }
    String className = where.substring(0, hash);
    String method = where.substring(hash + 1);
    Class<?> type;
    try {
      type = Class.forName(className, false, RulesDocumentTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return where + ": no class " + className;
    }
    boolean declared = method.equals(type.getSimpleName()) ? type.getDeclaredConstructors().length > 0
        : Arrays.stream(type.getDeclaredMethods()).map(Method::getName).anyMatch(method::equals);
    return declared ? null : where + ": " + className + " declares no method " + method;
  }

  /**
   * Null when {@code test} ("a.b.SomeTest") is a test source of one of the repository's modules that cites rule
   * {@code id}; else why not.
   */
  static String missingTest(String test, int id) {
    String relative = "src/test/java/" + test.replace('.', '/') + ".java";
    try (Stream<Path> modules = Files.list(root())) {
      List<Path> found = modules.map(dir -> dir.resolve(relative)).filter(Files::isRegularFile).toList();
      if (found.isEmpty()) {
        return test + ": no such test class in any module";
      }
      boolean cites = found.stream().anyMatch(f -> Pattern.compile("\\bR" + id + "\\b").matcher(read(f)).find());
      return cites ? null : test + " never cites R" + id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
