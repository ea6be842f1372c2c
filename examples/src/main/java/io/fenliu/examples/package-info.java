/**
 * The end-to-end demo; not API, not published.
 */
@NullMarked
package io.fenliu.examples;

import org.jspecify.annotations.NullMarked;
