package io.fenliu.flink;

import io.fenliu.flink.internal.AgentVerdictFunction;
import io.fenliu.flink.internal.FollowerFetchFunction;
import io.fenliu.flink.internal.RosterChange;
import io.fenliu.flink.internal.RosterChangeReader;
import io.fenliu.flink.internal.Types;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The streaming health job (R1, R9): platform-wide relationship health kept <em>per agent</em>, never per
 * relationship. A relationship's health depends only on its follower's account (R1), so the job keeps one verdict
 * per agent — a few bytes for each of millions of agents, where a platform has billions of relationships — and,
 * when a roster change alters an agent's verdict, reads that agent's relationships from the host's store by
 * follower and says which became anomalous, healthy again, or anomalous in another way, with R9's transfer plan
 * for them when the host gives targets.
 *
 * <pre>{@code
 * DataStream<SequencedEvent> log = env.fromSource(source, noWatermarks(), "log");   // the shops' logs
 * HealthJob.Streams health = HealthJob.builder(shop -> rosters.load(shop), shop -> stores.of(shop))
 *     .targets(shop -> targets.of(shop))          // optional: plan moves for what became anomalous (R9)
 *     .attach(log);
 * health.verdicts().sinkTo(agentVerdicts);        // one record per agent whose verdict changed
 * health.updates().sinkTo(relationshipHealth);     // one record per relationship whose health changed
 * health.diagnostics().sinkTo(deadLetters);        // malformed entries, unknown shops, duplicates
 * }</pre>
 *
 * <h2>Stages, keys and state</h2>
 *
 * <ol>
 *   <li><b>Reader</b> (stateless, uid {@link #READER_UID}, at the log's parallelism so that it is chained to it and
 *       each shop's entries keep their order): reads each entry of the shops' logs ({@link
 *       SequencedEvent}, the router job's input: the same log can feed both) and keeps the roster changes — {@code
 *       ACCOUNT_CHANGED} (status, permissions, routing participation) and {@code ACCOUNT_REMOVED} — with the R1
 *       kinds the changed account's own facts give; every other event is dropped, a malformed one to {@link
 *       #DIAGNOSTICS} with its reason.
 *   <li><b>Verdict</b> (keyed by shop and agent, uid {@link #VERDICT_UID}): keeps per agent its anomaly kinds and
 *       the last sequence applied to it, nine bytes in a {@code ValueState} of its own serializer; an agent gets
 *       state at its first change. The verdict before that is the agent's under the {@link RosterLoader}'s roster,
 *       read once per agent: give the roster <em>as of the start of the log</em> (the roster the first entry the
 *       job reads applies to), or a change already in the roster is not seen as one. Emits a {@link
 *       VerdictChange} when the kinds change. An entry whose sequence is not above the agent's last, an unknown
 *       shop, or a change naming the main account goes to {@link #DIAGNOSTICS}, the state unchanged.
 *   <li><b>Fetch</b> (async I/O, uid {@link #FETCH_UID}): for each verdict change, lists the agent's relationships
 *       with {@link io.fenliu.anomaly.RelationshipStore#forEachFollowedBy} on a pool of fetch threads, plans the
 *       moves of those anomalous after the change onto the {@link TransferTargets} (evenly, R3 checked), and emits
 *       one {@link RelationshipHealthUpdate} per relationship. Memory per fetch in flight is one agent's
 *       relationships; at most {@link Builder#capacity} fetches are in flight per subtask.
 * </ol>
 *
 * <h2>Order and delivery</h2>
 *
 * <p>One agent's changes are applied in its shop's log order (one key, one thread: a total order per key), so its
 * verdict changes leave in sequence order. The fetch stage is <em>ordered</em> ({@code AsyncDataStream
 * .orderedWait}): its output leaves in the order of its input, so one agent's updates leave in sequence order even
 * when two roster changes of the agent race — the second change's fetch may run before the first's completes, but
 * its updates wait behind the first's. A consumer that keeps the latest update per relationship (an upsert by shop
 * and buyer) is then right without comparing sequences. The price is head-of-line blocking: a slow fetch holds back
 * the output of later ones on its subtask (not their fetching), bounded by the capacity and the timeout. Both
 * fetches read the store as it is when they run, so both list the relationships of the moment, each with its own
 * change's kinds.
 *
 * <p>Delivery is at least once: Flink checkpoints the per-agent state and the fetch stage's changes in flight
 * together, and after a failure replays the log from the checkpoint and fetches the in-flight changes again. A
 * replayed verdict change equals the first; a replayed update may differ in what the store changed in between.
 * The consumer makes the output exactly once by keeping the first of each {@link VerdictChange#dedupKey()} ({@code
 * shop/agent#sequence}) and {@link RelationshipHealthUpdate#dedupKey()} ({@code shop/follower#sequence/buyer}), or
 * by writing idempotently by those keys. A fetch that fails (the store throws) or exceeds the timeout fails the job,
 * which restarts from its latest checkpoint and fetches again: no change is skipped.
 *
 * <h2>Equal to a batch recomputation</h2>
 *
 * <p>Over a log of roster changes from roster {@code before} to roster {@code after}, with the store unchanged, the
 * updates folded per relationship (its first {@code before}, its last {@code after}, dropped when equal) are
 * exactly {@code HealthChanges.between(before, after, store)}'s changes (R9), and the last update of each that is
 * anomalous after carries a move onto the targets, as {@code TransferPlanner.plan(changes, targets, even())} plans
 * one — spread evenly per changed agent rather than over all of them at once.
 */
public final class HealthJob {
  /** The diagnostics side output of the reader and the verdict stage: malformed entries, unknown shops, duplicates. */
  public static final OutputTag<Diagnostic> DIAGNOSTICS = new OutputTag<>("fenliu-health-diagnostics",
      Types.DIAGNOSTIC);
  /** The reader's uid. */
  public static final String READER_UID = "fenliu-health-reader";
  /** The verdict operator's uid: savepoints find the per-agent state by it, so it never changes between releases. */
  public static final String VERDICT_UID = "fenliu-health-verdict";
  /** The fetch operator's uid: savepoints find its in-flight changes by it. */
  public static final String FETCH_UID = "fenliu-health-fetch";

  private HealthJob() {}

  /**
   * A builder of the job, starting each agent from {@code rosters} and reading relationships from {@code
   * relationships}; no transfer plan unless {@link Builder#targets} is set.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(RosterLoader rosters, RelationshipLookup relationships) {
    return new Builder(Objects.requireNonNull(rosters, "rosters"),
        Objects.requireNonNull(relationships, "relationships"));
  }

  /** The key of a roster change: its shop and agent, unambiguous whatever characters the ids hold. */
  static String key(RosterChange change) {
    return change.key();
  }

  /** How the job is wired; every setting has a default. Not thread-safe; build on one thread. */
  public static final class Builder {
    private final RosterLoader rosters;
    private final RelationshipLookup relationships;
    private TransferTargets targets = TransferTargets.none();
    private int fetchThreads = 4;
    private int capacity = 100;
    private Duration timeout = Duration.ofSeconds(60);

    private Builder(RosterLoader rosters, RelationshipLookup relationships) {
      this.rosters = rosters;
      this.relationships = relationships;
    }

    /**
     * Plans R9's moves onto {@code targets}' accounts for the relationships of an agent anomalous after its change
     * (default: {@link TransferTargets#none()}, no plan).
     *
     * @throws NullPointerException if {@code targets} is null
     */
    public Builder targets(TransferTargets targets) {
      this.targets = Objects.requireNonNull(targets, "targets");
      return this;
    }

    /**
     * The threads each fetch subtask lists relationships on, in [1, 1024] (default 4): the store's calls block, so
     * this is how many run at once per subtask; match it to the store's connection pool.
     *
     * @throws IllegalArgumentException if {@code threads} is outside [1, 1024]
     */
    public Builder fetchThreads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("fetch threads must be in [1, 1024]: " + threads);
      }
      this.fetchThreads = threads;
      return this;
    }

    /**
     * The verdict changes in flight per fetch subtask, in [1, 100000] (default 100): beyond it the stage
     * back-pressures the verdict stage. Each holds one agent's relationships while its fetch completes or waits
     * for the earlier ones (ordered output).
     *
     * @throws IllegalArgumentException if {@code capacity} is outside [1, 100000]
     */
    public Builder capacity(int capacity) {
      if (capacity < 1 || capacity > 100_000) {
        throw new IllegalArgumentException("capacity must be in [1, 100000]: " + capacity);
      }
      this.capacity = capacity;
      return this;
    }

    /**
     * How long one fetch may take, positive (default 60 s); a fetch past it fails the job, which restarts from its
     * latest checkpoint and fetches again. Saturates at {@link Long#MAX_VALUE} milliseconds.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the fetch timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Adds the three stages after {@code log}, with the uids {@link #READER_UID}, {@link #VERDICT_UID} and {@link
     * #FETCH_UID}.
     *
     * @throws NullPointerException if {@code log} is null
     */
    public Streams attach(DataStream<SequencedEvent> log) {
      Objects.requireNonNull(log, "log");
      SingleOutputStreamOperator<RosterChange> changes = log
          .process(new RosterChangeReader(DIAGNOSTICS), Types.ROSTER_CHANGE)
          .name("fenliu-health-reader")
          .uid(READER_UID);
      if (log.getParallelism() > 0) {
        // At the log's parallelism, the reader is chained to it (forward): a different one would rebalance the
        // entries round-robin and lose each shop's order before the key by agent restores a per-key channel.
        changes.setParallelism(log.getParallelism());
      }
      SingleOutputStreamOperator<VerdictChange> verdicts = changes
          .keyBy(new ByAgent(), org.apache.flink.api.common.typeinfo.Types.STRING)
          .process(verdictFunction(rosters), Types.VERDICT_CHANGE)
          .name("fenliu-health-verdict")
          .uid(VERDICT_UID);
      long millis = saturatedMillis(timeout);
      SingleOutputStreamOperator<RelationshipHealthUpdate> updates = AsyncDataStream
          .orderedWait(verdicts, new FollowerFetchFunction(relationships, targets, fetchThreads), millis,
              TimeUnit.MILLISECONDS, capacity)
          .returns(Types.RELATIONSHIP_HEALTH_UPDATE)
          .name("fenliu-health-fetch")
          .uid(FETCH_UID);
      return new Streams(verdicts, updates, changes.getSideOutput(DIAGNOSTICS)
          .union(verdicts.getSideOutput(DIAGNOSTICS)));
    }

    private static long saturatedMillis(Duration d) {
      try {
        return d.toMillis();
      } catch (ArithmeticException tooLong) {
        return Long.MAX_VALUE;
      }
    }
  }

  /**
   * The verdict stage's keyed function alone, for a host that wires the operators itself (or a test harness):
   * keyed by shop and agent, fed the reader's output.
   *
   * @throws NullPointerException if {@code rosters} is null
   */
  static AgentVerdictFunction verdictFunction(RosterLoader rosters) {
    return new AgentVerdictFunction(Objects.requireNonNull(rosters, "rosters"), DIAGNOSTICS);
  }

  /** The three streams the health job produces. */
  public static final class Streams {
    private final DataStream<VerdictChange> verdicts;
    private final DataStream<RelationshipHealthUpdate> updates;
    private final DataStream<Diagnostic> diagnostics;

    private Streams(DataStream<VerdictChange> verdicts, DataStream<RelationshipHealthUpdate> updates,
        DataStream<Diagnostic> diagnostics) {
      this.verdicts = verdicts;
      this.updates = updates;
      this.diagnostics = diagnostics;
    }

    /** One record per agent whose verdict a roster change altered (R9), in each agent's log order. */
    public DataStream<VerdictChange> verdicts() {
      return verdicts;
    }

    /** One record per relationship whose health a roster change altered, with its planned move (R1, R9). */
    public DataStream<RelationshipHealthUpdate> updates() {
      return updates;
    }

    /** Entries not applied, and why: malformed, unknown shop, duplicate. */
    public DataStream<Diagnostic> diagnostics() {
      return diagnostics;
    }
  }

  /** The key selector: by shop and agent. */
  private static final class ByAgent implements KeySelector<RosterChange, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(RosterChange value) {
      return key(value);
    }
  }
}
