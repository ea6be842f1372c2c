/**
 * The simulator's machinery, not exported: the event loop that feeds a router a day's events and measures what
 * it does ({@link io.fenliu.simulator.internal.DayRun}), the primitive heap of pending ends, the argument checks
 * and the HTML writer.
 */
@NullMarked
package io.fenliu.simulator.internal;

import org.jspecify.annotations.NullMarked;
