/**
 * Fenliu's domain model: shops and their accounts, buyers, exclusive relationships, order statuses,
 * entry pages and consultations, plus the two rules both engines share — relationship health (R1)
 * and agent eligibility (R17).
 *
 * <p>Everything here is an immutable, validated value; the module has no dependencies and does no I/O.
 */
module io.fenliu.core {
  exports io.fenliu.core;
}
