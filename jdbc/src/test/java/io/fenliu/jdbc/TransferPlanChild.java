package io.fenliu.jdbc;

import io.fenliu.anomaly.MoveOutcome;
import io.fenliu.anomaly.PlannedMove;
import io.fenliu.anomaly.TransferListener;
import io.fenliu.anomaly.TransferResult;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import io.fenliu.core.ShopId;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process {@link TransferPlanCrashTest} kills: resumes one saved transfer plan through {@link
 * JdbcRelationshipStore} and {@link JdbcTransferPlans} on one connection, as a host's worker would after a restart.
 * Its roster source takes a few milliseconds per chunk, as a host's read of its roster would, so that a kill can land
 * in any part of the resume: a chunk's writes, its outcomes' transaction, or between chunks. It prints, flushed, one
 * line per outcome ({@code R status buyer}, before that chunk's outcomes are recorded) and {@code DONE planned
 * counts} at the end.
 *
 * <p>Arguments: JDBC URL, shop id, plan id, milliseconds the roster source takes.
 */
public final class TransferPlanChild {
  private TransferPlanChild() {}

  public static void main(String[] args) throws InterruptedException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    OneConnection ds = new OneConnection(args[0]);
    ShopId shop = ShopId.of(args[1]);
    String planId = args[2];
    long rosterMillis = Long.parseLong(args[3]);
    Shop roster = TransferPlanCrashTest.roster(shop);
    JdbcRelationshipStore store = JdbcRelationshipStore.builder(ds, shop).build();
    JdbcTransferPlans plans = JdbcTransferPlans.of(ds, shop);
    TransferResult result = plans.resume(planId, () -> {
      try {
        Thread.sleep(rosterMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return roster;
    }, store, new TransferListener() {
      @Override
      public void moved(PlannedMove move, ExclusiveRelationship after) {}

      @Override
      public void reported(MoveOutcome outcome) {
        out.println("R " + outcome.status() + " " + outcome.move().buyer());
      }
    });
    out.println("DONE " + result.planned() + " " + result.counts());
  }
}
