package io.fenliu.routing.internal;

/**
 * The random bits of a decision, derived rather than drawn (R25): a pure function of the router's seed, the
 * consultation's id and the shop's decision number, so that a decision needs no generator state carried from
 * one decision to the next. A router rebuilt from an exported state with the same seed therefore draws the
 * same bits for the same event, and a preview draws exactly what the route that follows it in an unchanged
 * state will draw.
 *
 * <h2>The generator</h2>
 *
 * A decision's <em>stream</em> is a 64-bit key mixed from the three inputs; its {@code k}-th draw is
 * SplitMix64's output for the state {@code stream + (k + 1) · γ}, γ = 0x9E3779B97F4A7C15 (the golden ratio,
 * odd). SplitMix64 (Steele, Lea and Flood, 2014) is the generator behind {@link java.util.SplittableRandom};
 * its output function is a bijection of the 64-bit state with full avalanche, and its sequence passes
 * BigCrush. Each draw is therefore uniform over the 2^64 values, and draws of different streams or indexes
 * are as independent as SplitMix64's successive outputs. Bounded draws use {@link
 * DynamicWeightedSampler#below} (multiply-high), whose bias is under {@code bound / 2^63}.
 *
 * <p>The consultation's id enters through {@link String#hashCode()} (cached by the string, so free on the hot
 * path): two ids with the same 32-bit hash still draw differently, because the decision number differs
 * between any two decisions of a shop. Not a cryptographic generator: a buyer who knew the seed could predict
 * its agent.
 *
 * <h2>What is reproduced</h2>
 *
 * Within one library version, the same (state, event, seed) gives the same bits and so the same outcome. A
 * later version reads earlier states (the codec's promise) but may draw differently — a new sampler, a new
 * step — and says so in its release notes; replays that must match a recorded day run on the version that
 * recorded it.
 */
public final class Draws {
  private static final long GAMMA = 0x9E3779B97F4A7C15L;
  /** An odd constant with well-mixed bits (xxHash64's second prime). */
  private static final long ID_MULTIPLIER = 0xC2B2AE3D27D4EB4FL;

  private Draws() {}

  /** The stream of one decision: seed, the consultation id's hash and the shop's decision number, mixed. */
  public static long stream(long seed, int idHash, long decision) {
    // Both inputs spread by odd multipliers before the first mix, so neighbouring ids or decision numbers
    // (sequential ids are the common case) differ in many bits; a second mix keys the result by the seed.
    return mix(seed ^ mix(decision * GAMMA + idHash * ID_MULTIPLIER));
  }

  /** The {@code k}-th 64 random bits of {@code stream} (k ≥ 0). */
  public static long bits(long stream, int k) {
    return mix(stream + (k + 1L) * GAMMA);
  }

  /** SplitMix64's output function (Stafford's variant 13): a bijection with full avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
