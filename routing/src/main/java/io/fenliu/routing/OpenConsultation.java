package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.ConsultationId;
import io.fenliu.core.internal.Require;
import java.time.Instant;

/**
 * A consultation that holds a seat (R20): routed to a live agent, or seated by the host, and not yet ended.
 * What a host persists while a chat is open and hands back to a router after a restart.
 *
 * @param id the host's id for the consultation
 * @param buyer the buyer
 * @param agent the agent holding the seat
 * @param seatedAt when the seat was taken
 */
public record OpenConsultation(ConsultationId id, BuyerId buyer, AccountId agent, Instant seatedAt) {
  /** Validates every component. */
  public OpenConsultation {
    Require.notNull(id, "consultation id");
    Require.notNull(buyer, "buyer");
    Require.notNull(agent, "agent");
    Require.notNull(seatedAt, "seated at");
  }
}
