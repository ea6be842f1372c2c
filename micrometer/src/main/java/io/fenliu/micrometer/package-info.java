/**
 * Micrometer bindings for Fenliu: {@link io.fenliu.micrometer.RouterMetrics} publishes a router's statistics
 * and fairness ledger, or those of every router a host holds, as meters tagged by shop. Nothing here is null
 * unless marked {@code @Nullable}.
 *
 * <p>Rule ids (R1–R26) cited here are explained in {@code docs/RULES.md} in the repository.
 */
@NullMarked
package io.fenliu.micrometer;

import org.jspecify.annotations.NullMarked;
