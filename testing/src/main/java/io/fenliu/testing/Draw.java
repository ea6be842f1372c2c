package io.fenliu.testing;

/**
 * One source of bounded integers behind both generator façades: QuickTheories' shrinking {@code
 * RandomnessSource} ({@link FenliuGenerators}) and a plain {@link java.util.random.RandomGenerator} ({@link
 * RandomFenliu}). The generation logic in {@link Generation} is written once against it, so both façades draw
 * the same shapes of shop, settings and consultation.
 */
@FunctionalInterface
interface Draw {
  /** An int in {@code [min, max]}, both inclusive; {@code min <= max}. */
  int between(int min, int max);
}
