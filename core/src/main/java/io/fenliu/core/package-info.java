/**
 * Fenliu's domain model: shops, accounts, buyers, exclusive relationships, consultations, relationship health
 * (R1) and agent eligibility (R17), and the exceptions every module throws. Nothing here is null unless marked
 * {@code @Nullable}.
 *
 * <p>Rule ids (R1–R26) cited here and in messages are explained in {@code docs/RULES.md} in the repository.
 */
@NullMarked
package io.fenliu.core;

import org.jspecify.annotations.NullMarked;
