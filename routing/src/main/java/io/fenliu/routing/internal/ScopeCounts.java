package io.fenliu.routing.internal;

import io.fenliu.routing.ShareMode;
import java.util.List;

/**
 * One fairness-ledger scope's raw counters (R13, R23), as the engine's {@link StatsRecorder} hands them to {@link
 * io.fenliu.routing.RouterStats}, which judges them: the scope's name, how it shares, its decisions and its members.
 */
public record ScopeCounts(String name, ShareMode mode, long decisions, List<MemberCounts> members) {}
