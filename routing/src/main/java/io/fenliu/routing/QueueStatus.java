package io.fenliu.routing;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a waiting consultation stands (R22).
 *
 * @param consultation the consultation's id
 * @param position its place in the queue, 1 being next
 * @param waitingSince when it started waiting
 * @param estimatedWait how much longer it may wait: position × the shop's recent mean service time ÷ the
 *     seats of the agents online, or empty until the router has seen a consultation end; never negative
 */
public record QueueStatus(ConsultationId consultation, int position, Instant waitingSince,
    Optional<Duration> estimatedWait) {
  /**
   * Validates every component.
   *
   * @throws NullPointerException if a component, or the estimated wait inside its optional, is null
   * @throws io.fenliu.core.InvalidValueException if {@code position} is below 1 or the estimated wait is
   *     negative (R22)
   */
  public QueueStatus {
    Require.notNull(consultation, "consultation");
    Require.positive(position, "position", "R22");
    Require.notNull(waitingSince, "waiting since");
    Require.notNull(estimatedWait, "estimated wait");
    estimatedWait.ifPresent(w -> Require.argument(!w.isNegative(), "estimated wait", "R22",
        "estimated wait must not be negative (R22): %s", w));
  }
}
