package io.fenliu.core;

import java.time.Instant;

/**
 * The agent a buyer last talked to, and when (R18): routing sends the buyer back to that agent if
 * the contact lies within the shop's window and the agent is online and eligible.
 *
 * @param agent the agent's account id
 * @param at when the conversation took place
 */
public record RecentContact(AccountId agent, Instant at) {
  /** Validates both components. */
  public RecentContact {
    Checks.notNull(agent, "recent agent");
    Checks.notNull(at, "recent contact time");
  }
}
