/**
 * JMH benchmarks of the routing and anomaly engines; not API, not published.
 */
@NullMarked
package io.fenliu.benchmarks;

import org.jspecify.annotations.NullMarked;
