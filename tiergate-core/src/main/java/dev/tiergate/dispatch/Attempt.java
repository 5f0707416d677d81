package dev.tiergate.dispatch;

import dev.tiergate.chat.Usage;
import dev.tiergate.gate.GateResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One upstream call made for a request: what it cost and how it went. A request with retries, failover or
 * escalation has several; all of them are paid for, so all of them are recorded.
 *
 * @param tierIndex the ladder tier it was made for; -1 (tier name "judge") for a gate's judge call, which belongs to
 *                  no tier but is paid for like any other attempt
 * @param ttft      time to first token for streams, time to the full answer otherwise; null when none came
 * @param error     why it failed, null on success
 * @param gates     the quality gates' verdicts on this attempt's answer; empty when none ran (a failed attempt, a
 *                  route without gates)
 */
public record Attempt(
        String endpoint,
        String upstreamModel,
        int tierIndex,
        String tierName,
        Instant startedAt,
        Duration latency,
        Duration ttft,
        Usage usage,
        double costUsd,
        Status status,
        int httpStatus,
        String error,
        List<GateResult> gates) {

    public enum Status { OK, ERROR, TIMEOUT, CANCELLED }

    public Attempt {
        gates = List.copyOf(gates);
    }

    /** The same attempt with the gates' verdicts on its answer. */
    public Attempt withGates(List<GateResult> verdicts) {
        return new Attempt(endpoint, upstreamModel, tierIndex, tierName, startedAt, latency, ttft, usage, costUsd, status,
                httpStatus, error, verdicts);
    }

    /** True when gates ran and one rejected the answer. */
    public boolean gateFailed() {
        return gates.stream().anyMatch(g -> !g.passed());
    }

    public boolean succeeded() {
        return status == Status.OK;
    }
}
