/**
 * Fenliu's values as JSON, through Jackson: register {@link io.fenliu.jackson.FenliuModule} with an {@code
 * ObjectMapper}. The JSON shape is documented, with an example per type, in {@code jackson/README.md}.
 */
@NullMarked
package io.fenliu.jackson;

import org.jspecify.annotations.NullMarked;
