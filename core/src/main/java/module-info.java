/**
 * Fenliu's domain model: shops and their accounts, buyers, exclusive relationships, order statuses,
 * entry pages and consultations, plus the two rules both engines share — relationship health (R1)
 * and agent eligibility (R17) — and the exceptions every module throws.
 *
 * <p>Everything exported is an immutable, validated value; the module has no run-time
 * dependencies (the JSpecify nullness annotations are read at compile time only) and does no I/O.
 * {@code io.fenliu.core.internal} (argument checks, duration wording) is shared with Fenliu's own modules
 * only.
 */
module io.fenliu.core {
  requires static transitive org.jspecify;

  exports io.fenliu.core;
  exports io.fenliu.core.internal to io.fenliu.routing, io.fenliu.anomaly, io.fenliu.jdbc;
}
