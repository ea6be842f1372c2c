package io.fenliu.routing.internal;

/**
 * The kinds of reason a tier's draw gives (R11–R14, R18): a page set, a group bound to the order status, the
 * ungrouped and "any online" tiers give {@link #OWN_STEP}; a group drawn in R14's pooled tier gives {@link
 * #OTHER_AFTER_MATCHED} when a group was bound to the status but had nobody, {@link #UNBOUND} when none was.
 * Indexes a tier's reasons by ordinal.
 */
enum TierReason {
  /** The tier's own step: the page set, the matched group, the ungrouped agents, any online agent. */
  OWN_STEP,
  /** R14: another group, after the group bound to the status had nobody available. */
  OTHER_AFTER_MATCHED,
  /** R14: a group, when no group is bound to the status. */
  UNBOUND;

  /** The values by ordinal, without the copy {@code values()} makes. */
  static final TierReason[] BY_ORDINAL = values();
}
