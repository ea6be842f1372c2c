/**
 * Anomaly detection and transfer (R1–R8): scans, campaign audiences, target checks and bulk transfers. Nothing
 * here is null unless marked {@code @Nullable}.
 *
 * <p>Rule ids (R1–R26) cited here and in messages are explained in {@code docs/RULES.md} in the repository.
 */
@NullMarked
package io.fenliu.anomaly;

import org.jspecify.annotations.NullMarked;
