/**
 * Fenliu on Apache Flink (R25): every shop's router as keyed state of one job, keyed by shop id so that each shop
 * has one total order, its replay log. {@link io.fenliu.flink.RouterJob} wires the job, {@link
 * io.fenliu.flink.RouterJobSettings} sets what the reply budget needs. {@link io.fenliu.flink.HealthJob} keeps
 * relationship health per agent and reports what a roster change made anomalous (R9); {@link
 * io.fenliu.flink.AnomalyReportJob} is the batch scan (R1). Nothing here is null unless marked
 * {@code @Nullable}.
 *
 * <p>Rule ids (R1–R26) cited here and in messages are explained in {@code docs/RULES.md} in the repository.
 */
@NullMarked
package io.fenliu.flink;

import org.jspecify.annotations.NullMarked;
