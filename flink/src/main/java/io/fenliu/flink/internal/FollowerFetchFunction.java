package io.fenliu.flink.internal;

import io.fenliu.anomaly.Distribution;
import io.fenliu.anomaly.HealthChange;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.RelationshipStore;
import io.fenliu.anomaly.Selection;
import io.fenliu.anomaly.TransferPlan;
import io.fenliu.anomaly.TransferPlanner;
import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.InvalidValueException;
import io.fenliu.core.RuleRefusedException;
import io.fenliu.core.Shop;
import io.fenliu.core.SubAccount;
import io.fenliu.core.UnknownIdException;
import io.fenliu.flink.RelationshipHealthUpdate;
import io.fenliu.flink.RelationshipLookup;
import io.fenliu.flink.TransferTargets;
import io.fenliu.flink.VerdictChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.jspecify.annotations.Nullable;

/**
 * The health job's fetch stage (R9): for each {@link VerdictChange}, lists the agent's relationships from the host's
 * store by follower ({@link RelationshipStore#forEachFollowedBy}), plans the R9 transfer of those anomalous after
 * the change when the host gives targets, and emits one {@link RelationshipHealthUpdate} per relationship.
 *
 * <p>Design: the store is a blocking interface (a JDBC store waits on its connection), so each fetch runs on a
 * fixed pool of {@code threads} daemon threads owned by this function instance — started in {@code open}, stopped
 * in {@code close} — and completes Flink's {@link ResultFuture} from there; Flink's async operator bounds how many
 * fetches are in flight (its capacity) and how long one may take (its timeout), and checkpoints the changes still
 * in flight, fetching them again after a restore. The pool is the only shared state: {@link #updates} is a pure
 * function of the change, the store's answer and the targets, and each fetch builds its own answer.
 *
 * <p>The answer is as weakly consistent as the store's listing: the relationships as they are when the fetch runs,
 * not as they were when the roster changed. The kinds before and after come from the change itself.
 */
public final class FollowerFetchFunction extends RichAsyncFunction<VerdictChange, RelationshipHealthUpdate> {
  private static final long serialVersionUID = 1L;

  private final RelationshipLookup relationships;
  private final TransferTargets targets;
  private final int threads;
  private transient @Nullable ExecutorService executor;

  /** A fetch reading from {@code relationships}, planning onto {@code targets}, on {@code threads} threads. */
  public FollowerFetchFunction(RelationshipLookup relationships, TransferTargets targets, int threads) {
    this.relationships = relationships;
    this.targets = targets;
    this.threads = threads;
  }

  @Override
  public void open(OpenContext openContext) {
    AtomicInteger n = new AtomicInteger();
    String name = "fenliu-health-fetch-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "-";
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, name + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    executor = Executors.newFixedThreadPool(threads, factory);
  }

  @Override
  public void close() {
    ExecutorService e = executor;
    if (e != null) {
      e.shutdownNow();
      executor = null;
    }
  }

  @Override
  public void asyncInvoke(VerdictChange change, ResultFuture<RelationshipHealthUpdate> resultFuture) {
    ExecutorService e = executor;
    if (e == null) {
      throw new IllegalStateException("the fetch function is used before Flink opened it");
    }
    e.execute(() -> {
      try {
        RelationshipStore store = relationships.store(change.shop());
        Optional<Shop> planOnto = change.after().isEmpty() ? Optional.empty() : targets.targets(change.shop());
        resultFuture.complete(updates(change, store, planOnto));
      } catch (Throwable t) {
        resultFuture.completeExceptionally(t);
      }
    });
  }

  /**
   * The updates of one verdict change: one per relationship {@code store} lists for the agent, in buyer-id order,
   * each with its planned target when {@code targets} holds a roster of targets and the agent is anomalous after
   * the change (R9), or the planner's reason for planning nothing (R3).
   *
   * @throws IllegalStateException if {@code store} is another shop's
   * @throws RuntimeException whatever the store throws while listing
   */
  public static List<RelationshipHealthUpdate> updates(VerdictChange change, RelationshipStore store,
      Optional<Shop> targets) {
    if (!store.shop().equals(change.shop())) {
      throw new IllegalStateException("the relationship lookup gave the store of shop " + store.shop()
          + " for shop " + change.shop());
    }
    AccountId agent = change.agent();
    List<ExclusiveRelationship> listed = new ArrayList<>();
    store.forEachFollowedBy(agent, r -> {
      if (r.isFollowedBy(agent)) {
        listed.add(r);
      }
    });
    listed.sort(Comparator.comparing(r -> r.buyer().value()));
    Map<BuyerId, AccountId> moves = Collections.emptyMap();
    Optional<String> unplanned = Optional.empty();
    if (!change.after().isEmpty() && targets.isPresent() && !listed.isEmpty()) {
      Shop roster = targets.get();
      List<AccountId> ids = new ArrayList<>();
      for (SubAccount s : roster.subAccounts()) {
        if (!s.id().equals(agent)) {
          ids.add(s.id());
        }
      }
      if (!roster.id().equals(change.shop())) {
        unplanned = Optional.of("the transfer targets given are shop " + roster.id() + "'s, not shop "
            + change.shop() + "'s (R3)");
      } else if (ids.isEmpty() && !roster.subAccounts().isEmpty()) {
        unplanned = Optional.of("the only transfer target given is " + agent + ", the agent whose relationships"
            + " are to move (R3)");
      } else if (!ids.isEmpty()) {
        try {
          TransferPlan plan = TransferPlanner.plan(roster, listed, Selection.fromFollower(agent), ids,
              Distribution.even());
          moves = new HashMap<>();
          for (PlannedMove m : plan.moves()) {
            moves.put(m.buyer(), m.to());
          }
        } catch (RuleRefusedException | UnknownIdException | InvalidValueException refused) {
          unplanned = Optional.of(String.valueOf(refused.getMessage()));
        }
      }
    }
    List<RelationshipHealthUpdate> out = new ArrayList<>(listed.size());
    for (ExclusiveRelationship r : listed) {
      AccountId to = moves.get(r.buyer());
      out.add(RelationshipHealthUpdate.of(change.shop(), change.sequence(), change.timestamp(),
          new HealthChange(r, change.before(), change.after()), Optional.ofNullable(to),
          to == null ? unplanned : Optional.empty()));
    }
    return out;
  }
}
