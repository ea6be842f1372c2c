/**
 * Fenliu's JSON shapes for Jackson 3: {@link io.fenliu.jackson3.FenliuJackson3Module} hands every Fenliu value to
 * fenliu-jackson's own readers and writers, so Jackson 2 and Jackson 3 read and write one documented shape from one
 * copy of the mapping.
 *
 * <p>Only {@code io.fenliu.jackson3} is exported. Jackson 3's databind is a {@code requires transitive}: the
 * module's public type is a Jackson 3 {@code JacksonModule}.
 */
@SuppressWarnings("module") // the terminal digit names the Jackson line, as the artifact fenliu-jackson3 does
module io.fenliu.jackson3 {
  requires transitive io.fenliu.jackson;
  requires transitive tools.jackson.databind;
  requires static transitive org.jspecify;

  exports io.fenliu.jackson3;
}
