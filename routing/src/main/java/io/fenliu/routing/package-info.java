/**
 * Routing (R10–R19): routing settings, the router and its decisions. Nothing here is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.fenliu.routing;

import org.jspecify.annotations.NullMarked;
