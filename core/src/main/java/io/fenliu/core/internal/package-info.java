/**
 * Argument checks and duration wording shared by Fenliu's own modules; not API.
 */
@NullMarked
package io.fenliu.core.internal;

import org.jspecify.annotations.NullMarked;
