package io.fenliu.routing.internal;

import io.fenliu.core.AccountId;

/**
 * One member's raw fairness-ledger counters in a scope (R13, R23): its weight, the consultations the scope gave
 * it, its exposure (the sum, over the scope's decisions while it was available, of 1 ÷ the weight then available)
 * and how many of the scope's decisions it was available for.
 */
public record MemberCounts(AccountId agent, long weight, long observed, double exposure, long availableDecisions) {}
