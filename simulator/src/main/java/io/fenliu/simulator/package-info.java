/**
 * The simulator's API: {@link io.fenliu.simulator.Workload} (a generated day or a recorded event log), {@link
 * io.fenliu.simulator.Simulation} (run and compare through the real router, R25), {@link
 * io.fenliu.simulator.SimulationReport}, {@link io.fenliu.simulator.SettingsLinter} and its {@link
 * io.fenliu.simulator.Finding}s, and {@link io.fenliu.simulator.HtmlReport}. Nothing here is null unless marked
 * {@code @Nullable}.
 *
 * <p>Rule ids (R11–R25) cited here and in messages are explained in {@code docs/RULES.md} in the repository.
 */
@NullMarked
package io.fenliu.simulator;

import org.jspecify.annotations.NullMarked;
