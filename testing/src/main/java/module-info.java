/**
 * Fenliu's test kit, for users' tests and Fenliu's own: generators of valid shops, agents, relationships,
 * routing settings and consultations ({@link io.fenliu.testing.FenliuGenerators} for QuickTheories, {@link
 * io.fenliu.testing.RandomFenliu} for any source of randomness), and the contract tests a store implementation
 * extends to prove itself ({@link io.fenliu.testing.RelationshipStoreContract}, {@link
 * io.fenliu.testing.RecentContactStoreContract}, {@link io.fenliu.testing.OpenConsultationStoreContract}).
 *
 * <p>Only {@code io.fenliu.testing} is exported.
 */
module io.fenliu.testing {
  requires transitive io.fenliu.core;
  requires static transitive org.jspecify;
  requires transitive io.fenliu.routing;
  requires transitive io.fenliu.anomaly;
  requires transitive org.junit.jupiter.api;
  requires transitive quicktheories;

  exports io.fenliu.testing;
}
