/**
 * The serializers and the keyed function behind {@code io.fenliu.flink}; not an API, and may change in any
 * release. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.fenliu.flink.internal;

import org.jspecify.annotations.NullMarked;
