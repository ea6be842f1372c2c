/**
 * Fenliu's what-if simulator (issue 21): runs a generated or recorded day of a shop through the real router
 * (R25) and reports each agent's observed, configured and availability-expected share (R13, R23), load, queue
 * and waits over the day (R20, R22), decisions per step (R19); compares two settings on the same events; lints
 * settings (R11–R22); and writes a self-contained HTML report.
 *
 * <p>Only {@code io.fenliu.simulator} is exported; the event loop, samplers and HTML writer live in {@code
 * io.fenliu.simulator.internal}. fenliu-jackson is used to read a host's JSON by {@link
 * io.fenliu.simulator.SimulatorMain} only, so it is not a transitive requirement.
 */
module io.fenliu.simulator {
  requires transitive io.fenliu.routing;
  requires io.fenliu.jackson;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports io.fenliu.simulator;
}
