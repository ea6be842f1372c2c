package io.fenliu.jdbc;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DurableChild} (or another test main, such as {@link TransferPlanChild}) in a JVM of its own, started
 * from this test run's classes, whose output lines are collected as they come; killed with SIGKILL, paused with
 * SIGSTOP.
 *
 * <p>The kill goes through {@link ProcessHandle#destroyForcibly()}, not {@link Process#destroyForcibly()}: the latter
 * also closes this side of the child's stdout, so whatever the child wrote just before dying and the reader had not
 * read yet was lost ("Stream closed"), and the crash test saw commits the child had announced as never announced.
 * Output cut short by anything but its end is an error of the harness, never silently a shorter output.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;
  private volatile @Nullable IOException readFailure;

  private ChildJvm(Process process) {
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException e) {
        readFailure = e;
      }
    }, "child-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@link DurableChild} with {@code args}. */
  static ChildJvm start(List<String> args) {
    return start(DurableChild.class, args);
  }

  /** Starts the {@code main} of {@code mainClass} (a test class, e.g. {@link TransferPlanChild}) with {@code args}. */
  static ChildJvm start(Class<?> mainClass, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        new File(System.getProperty("java.home"), "bin/java").getPath(),
        "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
        "-cp", classPath(), mainClass.getName()));
    command.addAll(args);
    try {
      return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This run's classes on a class path: the tests run on the module path, patched into {@code io.fenliu.jdbc}, so
   * the module path, the class path and the test classes together.
   */
  private static String classPath() {
    Set<String> parts = new LinkedHashSet<>();
    parts.add(new File("target/test-classes").getAbsolutePath());
    parts.add(new File("target/classes").getAbsolutePath());
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        for (String p : value.split(File.pathSeparator, -1)) {
          if (!p.isBlank()) {
            parts.add(p);
          }
        }
      }
    }
    return String.join(File.pathSeparator, parts);
  }

  long pid() {
    return process.pid();
  }

  /** The lines so far. */
  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Waits until {@code count} lines satisfy {@code test}, or the process ended, or {@code timeout}. */
  boolean await(Predicate<String> test, int count, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      for (;;) {
        if (lines.stream().filter(test).count() >= count) {
          return true;
        }
        long left = end - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
          return false;
        }
        try {
          lines.wait(Math.max(1, Math.min(100, left / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  /**
   * SIGKILL, then waits for the process and the end of its output.
   *
   * @throws IllegalStateException if the process outlived the wait or its output could not be read to its end
   */
  void kill() {
    process.toHandle().destroyForcibly();
    if (waitFor(Duration.ofSeconds(30)) == -1 || reader.isAlive()) {
      throw new IllegalStateException("child " + process.pid() + " still runs, or its output is still open, 30 s "
          + "after SIGKILL");
    }
    IOException failure = readFailure;
    if (failure != null) {
      throw new IllegalStateException("the output of child " + process.pid() + " was cut short", failure);
    }
  }

  /** Waits for the process and its output to end; its exit code, or -1 if it still runs. */
  int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        return -1;
      }
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    return process.exitValue();
  }

  /** Sends {@code signal} (e.g. "STOP", "CONT") to the process. */
  void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
