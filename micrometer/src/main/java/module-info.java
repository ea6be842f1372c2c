/**
 * Fenliu's Micrometer binding: {@link io.fenliu.micrometer.RouterMetrics} publishes routers' statistics and
 * fairness ledgers as meters tagged by shop.
 *
 * <p>Only {@code io.fenliu.micrometer} is exported. Micrometer is required transitively because {@code
 * MeterBinder}, {@code MeterRegistry} and {@code Tag} appear in the API; micrometer-core is an automatic module
 * ({@code micrometer.core}, from its manifest), which is why the two lints about automatic modules are suppressed here.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.fenliu.micrometer {
  requires transitive io.fenliu.routing;
  requires transitive micrometer.core;
  requires static transitive org.jspecify;

  exports io.fenliu.micrometer;
}
