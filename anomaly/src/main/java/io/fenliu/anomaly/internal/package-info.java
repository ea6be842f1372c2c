/**
 * The anomaly engine's per-follower health index and transfer allocation; not API.
 */
@NullMarked
package io.fenliu.anomaly.internal;

import org.jspecify.annotations.NullMarked;
