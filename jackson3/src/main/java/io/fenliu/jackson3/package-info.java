/**
 * Fenliu's JSON shapes for Jackson 3 ({@code tools.jackson}), the same as fenliu-jackson's for Jackson 2.
 */
@NullMarked
package io.fenliu.jackson3;

import org.jspecify.annotations.NullMarked;
