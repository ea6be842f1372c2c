package io.fenliu.flink;

import io.fenliu.core.InvalidValueException;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * The settings the router job's reply budget needs (R25), as a Flink {@link Configuration} to start the job's
 * environment with:
 *
 * <ul>
 *   <li><b>Heap state backend</b> ({@code state.backend.type: hashmap}): a shop's router is a live object read and
 *       changed on every entry; RocksDB would decode and re-encode the whole router per entry. A shop's state is a
 *       few kilobytes, so a million shops fit in a task manager's heap; RocksDB remains possible (the serializer
 *       works with it) for platforms whose state outgrows memory.
 *   <li><b>No generic types</b> ({@code pipeline.generic-types: false}): every record and every state of the job
 *       has its own serializer; any type that would fall back to Kryo fails the job at submission instead of
 *       silently serialising slowly (and needing {@code --add-opens} on JDK 17).
 *   <li><b>Maximum parallelism, set up front</b> ({@code pipeline.max-parallelism}): it fixes the number of key
 *       groups the shops are hashed into, and cannot change without losing state; the parallelism can later be
 *       anything up to it. Pick a power of two well above the parallelism you will ever need.
 *   <li><b>A network buffer timeout of {@link #BUFFER_TIMEOUT}</b> ({@code execution.buffer-timeout.interval}):
 *       Flink ships a network buffer when it is full or when this timeout passes. A chat's reply budget is well
 *       under a second, and the 100 ms default alone eats much of it (measured in one JVM: p50 60 ms / p99 110 ms
 *       event to decision at the default, about 0.1 ms / 8 ms at 0); a few milliseconds keep batching on busy
 *       edges and bound the wait on quiet ones.
 * </ul>
 *
 * <p>What the job's output promises is at-least-once (see {@link RouterOutput}): a transactional sink would show
 * decisions only when a checkpoint completes, seconds later; the router's determinism makes at-least-once
 * exactly-once in effect for a consumer that deduplicates by {@link RouterOutput#dedupKey()}.
 */
public final class RouterJobSettings {
  /** The network buffer timeout set: 5 ms. */
  public static final Duration BUFFER_TIMEOUT = Duration.ofMillis(5);

  private RouterJobSettings() {}

  /**
   * The settings above, for a job whose shops are hashed into {@code maxParallelism} key groups.
   *
   * @throws InvalidValueException if {@code maxParallelism} is not in [1, 32768], Flink's range
   */
  public static Configuration configuration(int maxParallelism) {
    if (maxParallelism < 1 || maxParallelism > 32_768) {
      throw new InvalidValueException("max parallelism", "R25",
          "the maximum parallelism must be in [1, 32768]: " + maxParallelism);
    }
    Configuration c = new Configuration();
    c.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    c.set(PipelineOptions.GENERIC_TYPES, false);
    c.set(PipelineOptions.MAX_PARALLELISM, maxParallelism);
    c.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
    return c;
  }
}
