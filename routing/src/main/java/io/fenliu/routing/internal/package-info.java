/**
 * The router's snapshots, weighted samplers and tables; not API.
 */
@NullMarked
package io.fenliu.routing.internal;

import org.jspecify.annotations.NullMarked;
