/**
 * Fenliu's domain model: shops, accounts, buyers, exclusive relationships, consultations, relationship health
 * (R1) and agent eligibility (R17), and the exceptions every module throws. Nothing here is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.fenliu.core;

import org.jspecify.annotations.NullMarked;
