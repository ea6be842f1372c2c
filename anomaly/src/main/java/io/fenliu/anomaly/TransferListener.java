package io.fenliu.anomaly;

import io.fenliu.core.ExclusiveRelationship;

/**
 * Observes each relationship a transfer writes, e.g. for an audit log (R8). Called on the applying thread
 * after the write; an exception it throws is logged and does not stop the transfer or undo the move.
 */
@FunctionalInterface
public interface TransferListener {
  /** {@code move} was written; {@code after} is the stored relationship. */
  void moved(PlannedMove move, ExclusiveRelationship after);
}
