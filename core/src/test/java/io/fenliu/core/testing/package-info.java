/**
 * QuickTheories generators of valid Fenliu values, shipped in the core test-jar for the other modules' tests.
 */
@NullMarked
package io.fenliu.core.testing;

import org.jspecify.annotations.NullMarked;
