package io.fenliu.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fenliu.anomaly.HealthChange;
import io.fenliu.core.AccountId;
import io.fenliu.core.ShopId;
import io.fenliu.core.SubAccount;
import io.fenliu.flink.internal.FollowerFetchFunction;
import io.fenliu.flink.internal.Json;
import io.fenliu.flink.internal.RosterChange;
import io.fenliu.flink.internal.RosterChangeReader;
import io.fenliu.routing.ShopEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * R1, R9 through Flink's operators: seeded logs of roster changes (status, permissions, routing, removals, returns,
 * with presence changes between them) read by the health job's reader, applied by its per-agent operator —
 * snapshotted at a random point and restored into a fresh one — and each verdict change fetched against the shop's
 * in-memory store. The updates, folded per relationship, equal {@code HealthChanges.between(start, end, store)} and
 * the moves {@code TransferPlanner.plan(changes, targets, even())} plans; the state has one entry per changed agent,
 * however many relationships it follows; bad entries are side-output with their reason and change nothing.
 */
// The harness's close() declares Exception (so InterruptedException too): nothing to do about it in a test.
@SuppressWarnings("try")
class HealthJobHarnessTest {
  private static final int SEEDS = 12;

  @Test
  void updatesAfterALogOfRosterChangesEqualABatchRecomputation() throws Exception {
    Set<HealthChange.Direction> directions = EnumSet.noneOf(HealthChange.Direction.class);
    int moved = 0;
    for (int trial = 0; trial < SEEDS; trial++) {
      long seed = 0x4EA1_0000L + trial;
      HealthWorld w = HealthWorld.generate(seed, 1 + trial % 3);
      List<RosterChange> changes = read(w.log, new ArrayList<>());
      int cut = new SplittableRandom(seed).nextInt(changes.size() + 1);
      Run run = apply(w, changes, cut);

      Set<HealthChange> batch = w.batchChanges();
      assertEquals(batch, HealthWorld.netChanges(run.updates), "seed " + seed);
      assertEquals(w.batchMoves(), HealthWorld.netMoves(run.updates), "seed " + seed + ": moved buyers");
      for (RelationshipHealthUpdate u : run.updates) {
        Set<AccountId> targets = new HashSet<>();
        w.targets.get(u.shop()).subAccounts().forEach(s -> targets.add(s.id()));
        assertEquals(!u.after().isEmpty(), u.moveTo().isPresent(), "seed " + seed + ": " + u);
        u.moveTo().ifPresent(t -> assertTrue(targets.contains(t), "seed " + seed + ": " + u));
        assertEquals(Optional.empty(), u.unplanned(), "seed " + seed + ": " + u);
      }
      batch.forEach(c -> directions.add(c.direction()));
      moved += HealthWorld.netMoves(run.updates).values().stream().mapToInt(Set::size).sum();

      // Health is kept per agent: one state entry per agent a roster change named, not one per relationship.
      Set<String> agents = new HashSet<>();
      changes.forEach(c -> agents.add(c.key()));
      assertEquals(agents.size(), run.stateEntries, "seed " + seed);
      assertTrue(run.stateEntries < w.relationships, "seed " + seed + ": " + run.stateEntries + " entries for "
          + w.relationships + " relationships");
    }
    // The property is only as good as its cases: every direction of change, and moves, must occur.
    assertEquals(EnumSet.allOf(HealthChange.Direction.class), directions);
    assertTrue(moved > 50, "moves planned: " + moved);
  }

  @Test
  void aRestoredOperatorSendsWhatAnUninterruptedOneSends() throws Exception {
    for (int trial = 0; trial < SEEDS; trial++) {
      long seed = 0x4EA2_0000L + trial;
      HealthWorld w = HealthWorld.generate(seed, 2);
      List<RosterChange> changes = read(w.log, new ArrayList<>());
      Run whole = apply(w, changes, -1);
      for (int cut : List.of(0, changes.size() / 3, changes.size() - 1, changes.size())) {
        Run restored = apply(w, changes, cut);
        assertEquals(whole.verdicts, restored.verdicts, "seed " + seed + ", snapshot after " + cut);
        assertEquals(whole.updates, restored.updates, "seed " + seed + ", snapshot after " + cut);
        assertEquals(whole.stateEntries, restored.stateEntries, "seed " + seed);
      }
    }
  }

  @Test
  void badEntriesAreReportedAndChangeNothing() throws Exception {
    HealthWorld w = HealthWorld.generate(0x4EA3_0000L, 1);
    ShopId shop = w.starts.keySet().iterator().next();
    List<SequencedEvent> fed = new ArrayList<>();
    int inserted = 0;
    for (SequencedEvent e : w.log) {
      fed.add(e);
      boolean rosterChange = e.json().contains("ACCOUNT_");
      if (rosterChange && inserted == 0) {
        long t = e.timestamp();
        long next = e.sequence() + 1;
        fed.add(e); // redelivered
        fed.add(SequencedEvent.ofJson(shop, next, t, "{not json"));
        fed.add(SequencedEvent.ofJson(shop, next, t, Json.write(ShopEvent.accountRemoved(ShopId.of("elsewhere"),
            AccountId.of("agent-0")).at(Instant.ofEpochMilli(t)))));
        fed.add(SequencedEvent.of(1, ShopEvent.accountRemoved(ShopId.of("nobody"), AccountId.of("agent-0"))
            .at(Instant.ofEpochMilli(t))));
        SubAccount owner = SubAccount.builder(w.starts.get(shop).mainAccount().id(), "owner").build();
        fed.add(SequencedEvent.of(next, ShopEvent.accountChanged(shop, owner).at(Instant.ofEpochMilli(t))));
        inserted++;
      }
    }
    List<Diagnostic> readerDiagnostics = new ArrayList<>();
    List<RosterChange> changes = read(fed, readerDiagnostics);
    Run clean = apply(w, read(w.log, new ArrayList<>()), -1);
    Run dirty = apply(w, changes, -1);
    assertEquals(clean.verdicts, dirty.verdicts);
    assertEquals(clean.updates, dirty.updates);
    assertEquals(clean.stateEntries, dirty.stateEntries, "no state for an unknown shop or the main account");

    assertEquals(List.of(Diagnostic.Kind.MALFORMED, Diagnostic.Kind.MALFORMED),
        readerDiagnostics.stream().map(Diagnostic::kind).toList(), readerDiagnostics.toString());
    assertTrue(readerDiagnostics.get(0).detail().startsWith("not a valid event"), readerDiagnostics.toString());
    assertTrue(readerDiagnostics.get(1).detail().contains("elsewhere"), readerDiagnostics.toString());
    assertEquals(List.of(Diagnostic.Kind.DUPLICATE, Diagnostic.Kind.UNKNOWN_SHOP, Diagnostic.Kind.MALFORMED),
        dirty.diagnostics.stream().map(Diagnostic::kind).toList(), dirty.diagnostics.toString());
    assertTrue(dirty.diagnostics.get(1).detail().contains("nobody"), dirty.diagnostics.toString());
    assertTrue(dirty.diagnostics.get(2).detail().contains("R1.5"), dirty.diagnostics.toString());
  }

  /** What one run of the per-agent operator (and the fetches of its verdict changes) gave. */
  static final class Run {
    final List<VerdictChange> verdicts = new ArrayList<>();
    final List<RelationshipHealthUpdate> updates = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    int stateEntries;
  }

  /** The log through the reader: the roster changes, and the malformed entries into {@code diagnostics}. */
  static List<RosterChange> read(List<SequencedEvent> log, List<Diagnostic> diagnostics) throws Exception {
    try (OneInputStreamOperatorTestHarness<SequencedEvent, RosterChange> h =
        ProcessFunctionTestHarnesses.forProcessFunction(new RosterChangeReader(HealthJob.DIAGNOSTICS))) {
      for (SequencedEvent e : log) {
        h.processElement(new StreamRecord<>(e, e.timestamp()));
      }
      var side = h.getSideOutput(HealthJob.DIAGNOSTICS);
      if (side != null) {
        side.forEach(r -> diagnostics.add(r.getValue()));
      }
      return List.copyOf(h.extractOutputValues());
    }
  }

  /**
   * The changes through the per-agent operator, snapshotted after the first {@code cut} and restored into a fresh
   * operator for the rest ({@code cut} negative: no snapshot); each verdict change fetched as the fetch stage does.
   */
  static Run apply(HealthWorld w, List<RosterChange> changes, int cut) throws Exception {
    Run run = new Run();
    OperatorSubtaskState snapshot = null;
    int from = 0;
    if (cut >= 0) {
      try (KeyedOneInputStreamOperatorTestHarness<String, RosterChange, VerdictChange> h = harness(w)) {
        h.open();
        for (int i = 0; i < cut; i++) {
          h.processElement(new StreamRecord<>(changes.get(i)));
        }
        snapshot = h.snapshot(1, 1);
        collect(h, w, run);
      }
      from = cut;
    }
    try (KeyedOneInputStreamOperatorTestHarness<String, RosterChange, VerdictChange> h = harness(w)) {
      if (snapshot != null) {
        h.initializeState(snapshot);
      }
      h.open();
      for (int i = from; i < changes.size(); i++) {
        h.processElement(new StreamRecord<>(changes.get(i)));
      }
      collect(h, w, run);
      run.stateEntries = h.numKeyedStateEntries();
    }
    return run;
  }

  private static void collect(KeyedOneInputStreamOperatorTestHarness<String, RosterChange, VerdictChange> h,
      HealthWorld w, Run run) {
    for (VerdictChange v : h.extractOutputValues()) {
      run.verdicts.add(v);
      run.updates.addAll(FollowerFetchFunction.updates(v, w.stores.get(v.shop()),
          Optional.of(w.targets.get(v.shop()))));
    }
    var side = h.getSideOutput(HealthJob.DIAGNOSTICS);
    if (side != null) {
      side.forEach(r -> run.diagnostics.add(r.getValue()));
    }
  }

  static KeyedOneInputStreamOperatorTestHarness<String, RosterChange, VerdictChange> harness(HealthWorld w)
      throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, RosterChange, VerdictChange> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(HealthJob.verdictFunction(w.rosterLoader())), HealthJob::key, Types.STRING);
    ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
    return h;
  }
}
