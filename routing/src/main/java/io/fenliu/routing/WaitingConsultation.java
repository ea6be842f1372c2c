package io.fenliu.routing;

import io.fenliu.core.Consultation;
import io.fenliu.core.internal.Require;
import java.time.Instant;

/**
 * A consultation waiting in the shop's queue (R22), as exported in a {@link LiveState}.
 *
 * @param consultation the consultation, with everything routing needs when a seat frees
 * @param since when it started waiting; its maximum wait counts from here
 */
public record WaitingConsultation(Consultation consultation, Instant since) {
  /** Validates both components. */
  public WaitingConsultation {
    Require.notNull(consultation, "consultation");
    Require.notNull(since, "since");
  }
}
