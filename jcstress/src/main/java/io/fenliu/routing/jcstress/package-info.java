/**
 * jcstress tests of {@link io.fenliu.routing.Router#preview}, which decides on a lock-free optimistic read (R24);
 * not API, not published.
 *
 * <p>Each test races one writer (presence, seats, the roster) against one preview, on a router whose every state
 * the test lists, and declares FORBIDDEN every answer that no single one of those states gives: an agent without a
 * free seat, a queue while a seat is free, nobody while somebody is online, a repeat for a consultation that was
 * never routed, an exception. Such an answer can only come from a read that mixed two states — a torn read the
 * optimistic path failed to discard (Caffeine's {@code jcstress} tests have the same shape). Model checking under
 * sequential consistency, as the Lincheck test does, cannot see these races; jcstress runs them on real threads
 * under the JIT, many millions of times.
 *
 * <p>A separate package from {@code io.fenliu.routing}, so the compiler holds the tests to the public API: they
 * survive any move of the engine's internals.
 */
@NullMarked
package io.fenliu.routing.jcstress;

import org.jspecify.annotations.NullMarked;
