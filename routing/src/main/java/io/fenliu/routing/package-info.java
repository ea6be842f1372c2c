/**
 * Routing (R10–R19): routing settings, the router and its decisions. Nothing here is null unless marked
 * {@code @Nullable}.
 *
 * <p>Rule ids (R1–R26) cited here and in messages are explained in {@code docs/RULES.md} in the repository.
 */
@NullMarked
package io.fenliu.routing;

import org.jspecify.annotations.NullMarked;
