package io.fenliu.anomaly;

import io.fenliu.core.ExclusiveRelationship;

/**
 * Observes a transfer as it is applied (R8), e.g. for an audit log: each relationship written, and each
 * planned buyer's outcome. Called on the applying thread.
 *
 * <p>An exception a listener throws (a {@link RuntimeException} or a checked one thrown sneakily) is logged
 * and changes nothing: the move stands, the transfer goes on and the buyer's outcome is as it was. An {@link
 * Error} stops further writes; the buyers not yet written are reported FAILED, the report is completed and the
 * Error is then rethrown.
 */
@FunctionalInterface
public interface TransferListener {
  /**
   * {@code move} was written; {@code after} is the stored relationship. Told once per plan: a plan remembers
   * which of its moves it has told of, so two appliers racing on one plan, or a re-application, do not tell
   * twice. A write whose acknowledgement the store lost (it threw after writing, or could not confirm, so the
   * move was reported FAILED) is told on the next application of the same plan that finds the relationship
   * exactly where that write would have put it (at the target, one version past the planned one), whichever
   * listener that application has. A relationship someone else moved to the same target is not told.
   */
  void moved(PlannedMove move, ExclusiveRelationship after);

  /**
   * The outcome of one planned buyer: called exactly once per planned buyer on every application, in plan
   * order, after the buyer's write (if any). The visitor of a {@link TransferResult}: a host that needs every
   * outcome of a large plan collects or streams them here. Does nothing by default.
   */
  default void reported(MoveOutcome outcome) {}
}
