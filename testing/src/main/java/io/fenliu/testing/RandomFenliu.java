package io.fenliu.testing;

import io.fenliu.core.Consultation;
import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.Shop;
import io.fenliu.routing.OpenConsultation;
import io.fenliu.routing.RoutingSettings;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The shapes {@link FenliuGenerators} draws — valid shops, relationships (R1), routing settings (R10–R18),
 * consultations (R18) and open consultations (R20) — drawn from any {@link RandomGenerator} instead, so that
 * any property-testing library, or a user's own loop, can wrap them. Same ids, same mix, no shrinking.
 *
 * <pre>{@code
 * RandomGenerator rnd = new SplittableRandom(seed);
 * Shop shop = RandomFenliu.shop(rnd, 1, 12);
 * List<ExclusiveRelationship> relationships = RandomFenliu.relationships(rnd, shop, 500);
 * }</pre>
 *
 * <p>Each method draws only from the generator it is given, so a fixed seed reproduces the same values.
 */
public final class RandomFenliu {
  private RandomFenliu() {}

  /** A shop with {@code minAgents} to {@code maxAgents} sub-accounts; see {@link FenliuGenerators#shops(int, int)}. */
  public static Shop shop(RandomGenerator random, int minAgents, int maxAgents) {
    FenliuGenerators.checkRange(minAgents, maxAgents, "agents");
    return Generation.shop(draws(random), minAgents, maxAgents);
  }

  /**
   * Exactly {@code count} relationships, of buyers {@code buyer-0 … buyer-(count-1)}; see {@link
   * FenliuGenerators#relationships(Shop, int)} for the mix.
   */
  public static List<ExclusiveRelationship> relationships(RandomGenerator random, Shop shop, int count) {
    Checks.notNull(shop, "shop");
    FenliuGenerators.checkRange(count, count, "relationships");
    return Generation.relationships(draws(random), shop, count, count);
  }

  /** Valid routing settings over {@code shop}'s agents; see {@link FenliuGenerators#settings(Shop)}. */
  public static RoutingSettings settings(RandomGenerator random, Shop shop) {
    return Generation.settings(draws(random), Checks.notNull(shop, "shop"));
  }

  /** The {@code i}-th consultation over {@code shop}; see {@link FenliuGenerators#consultations(Shop, int)}. */
  public static Consultation consultation(RandomGenerator random, Shop shop, int i) {
    return Generation.consultation(draws(random), Checks.notNull(shop, "shop"), i);
  }

  /** The {@code i}-th open consultation; see {@link FenliuGenerators#openConsultations(Shop, int)}. */
  public static OpenConsultation openConsultation(RandomGenerator random, Shop shop, int i) {
    return Generation.openConsultation(draws(random), Checks.notNull(shop, "shop"), i);
  }

  private static Draw draws(RandomGenerator random) {
    Checks.notNull(random, "random generator");
    return (min, max) -> max == Integer.MAX_VALUE ? (int) random.nextLong(min, (long) max + 1) : random.nextInt(min, max + 1);
  }
}
