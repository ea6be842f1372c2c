/**
 * Fenliu's test kit: generators of valid values (QuickTheories and plain {@link java.util.random.RandomGenerator})
 * and the contract tests a relationship (R8, R9), recent-contact (R18, R21) or open-consultation (R20) store
 * extends. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.fenliu.testing;

import org.jspecify.annotations.NullMarked;
