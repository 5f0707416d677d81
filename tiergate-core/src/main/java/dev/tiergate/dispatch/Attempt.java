package dev.tiergate.dispatch;

import dev.tiergate.chat.Usage;
import java.time.Duration;
import java.time.Instant;

/**
 * One upstream call made for a request: what it cost and how it went. A request with retries, failover or
 * escalation has several; all of them are paid for, so all of them are recorded.
 *
 * @param ttft      time to first token for streams, time to the full answer otherwise; null when none came
 * @param error     why it failed, null on success
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
        String error) {

    public enum Status { OK, ERROR, TIMEOUT, CANCELLED }

    public boolean succeeded() {
        return status == Status.OK;
    }
}
