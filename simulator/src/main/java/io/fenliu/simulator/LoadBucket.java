package io.fenliu.simulator;

import io.fenliu.simulator.internal.Checks;
import java.time.Duration;
import java.time.Instant;

/**
 * One 15-minute slice of a simulated day (R20, R22): the consultations that arrived in it, the seats held
 * (time-weighted mean and peak: the shop's concurrent load), the queue's length (mean and peak), the waits of the
 * consultations seated in it, the agents ONLINE and the messages sent to offline receivers (R16).
 *
 * @param start the slice's start
 * @param arrivals consultations that arrived in the slice
 * @param meanSeatsHeld the time-weighted mean of the seats held shop-wide
 * @param peakSeatsHeld the most seats held at once
 * @param meanQueueLength the time-weighted mean of the queue's length (R22)
 * @param peakQueueLength the longest the queue was
 * @param seated consultations seated in the slice, at once or from the queue
 * @param meanWait the mean wait of the consultations seated in the slice (zero for those seated at once)
 * @param maxWait the longest such wait
 * @param peakAgentsOnline the most agents ONLINE at once (R17)
 * @param offlineMessages consultations sent to offline receivers in the slice (R16, R22)
 */
public record LoadBucket(Instant start, long arrivals, double meanSeatsHeld, int peakSeatsHeld,
    double meanQueueLength, int peakQueueLength, long seated, Duration meanWait, Duration maxWait,
    int peakAgentsOnline, long offlineMessages) {
  /** The length of a slice. */
  public static final Duration WIDTH = Duration.ofMinutes(15);

  /**
   * Validates every component.
   *
   * @throws io.fenliu.core.InvalidValueException naming the field if a count or mean is negative
   */
  public LoadBucket {
    Checks.notNull(start, "start");
    Checks.notNull(meanWait, "mean wait");
    Checks.notNull(maxWait, "max wait");
    Checks.argument(arrivals >= 0 && seated >= 0 && offlineMessages >= 0 && peakSeatsHeld >= 0
        && peakQueueLength >= 0 && peakAgentsOnline >= 0, "counts", "R22", "counts must not be negative");
    Checks.nonNegative(meanSeatsHeld, "mean seats held", "R20");
    Checks.nonNegative(meanQueueLength, "mean queue length", "R22");
  }
}
