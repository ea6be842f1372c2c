/**
 * Anomaly detection and transfer (R1–R8): scans, campaign audiences, target checks and bulk transfers. Nothing
 * here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.fenliu.anomaly;

import org.jspecify.annotations.NullMarked;
