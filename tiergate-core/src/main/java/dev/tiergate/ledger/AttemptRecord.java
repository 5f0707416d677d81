package dev.tiergate.ledger;

import java.util.List;

/**
 * One upstream call of a request, as stored: every attempt is paid for, failed ones included.
 *
 * @param seq      0-based order within the request
 * @param model    the configured model name ("cheap")
 * @param ttftMs   time to first token; null when none came
 * @param status   ok | error | timeout | cancelled
 * @param error    a short reason for a failed attempt (truncated), null on success
 * @param gates    gate verdicts on this attempt; empty when no gate ran
 */
public record AttemptRecord(int seq, String model, String upstreamModel, String tier, int tierIndex,
                            long inputTokens, long cachedTokens, long outputTokens, double costUsd,
                            long latencyMs, Long ttftMs, String status, int httpStatus, String error,
                            List<GateOutcome> gates) {
    public AttemptRecord {
        gates = gates == null ? List.of() : List.copyOf(gates);
    }

    public boolean succeeded() {
        return "ok".equals(status);
    }

    public boolean gateFailed() {
        return gates.stream().anyMatch(g -> !g.passed());
    }
}
