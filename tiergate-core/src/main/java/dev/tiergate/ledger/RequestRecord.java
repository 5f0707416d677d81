package dev.tiergate.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One request as the ledger stores it: how it was routed, what every attempt cost, and what the frontier would
 * have cost. Compact on purpose (spend logs bloat): no prompt unless {@code ledger.store_prompts} is on, and never
 * the client's key, only its id.
 *
 * @param score            the router's score, null when the strategy has none
 * @param threshold        the threshold the score was compared with, null when none
 * @param routedTier       the tier the first attempt went to (the router's pick)
 * @param tier             the tier that gave the final answer, null when nothing answered
 * @param status           HTTP status the client got (200 on success)
 * @param errorCode        OpenAI-style error code on failure, else null
 * @param escalated        attempts span more than one tier (a gate or failure moved the request up)
 * @param terminal         the top tier's answer failed its gates too and the route's terminal behaviour applied
 * @param gateFailed       at least one gate failed on some attempt
 * @param inputTokens      tokens of the answering attempt (or of the largest failed one)
 * @param costUsd          every attempt's cost, escalation double-spend included
 * @param counterfactualUsd what the frontier would have cost for this request
 * @param counterfactualOutputTokens the output length that estimate assumed
 * @param counterfactualEstimate how the output length was estimated: frontier | ratio | default | none
 * @param prompt           the request text, only with {@code store_prompts: true}
 */
public record RequestRecord(
        String id, long atMillis, String keyId, String route, String strategy, Double score, Double threshold,
        String category, String routedTier, String tier, int tierIndex, String model,
        int status, String errorCode, boolean streamed, boolean escalated, boolean terminal, boolean gateFailed,
        long inputTokens, long cachedTokens, long outputTokens, double costUsd,
        double counterfactualUsd, long counterfactualOutputTokens, String counterfactualEstimate,
        long latencyMs, Long ttftMs, String prompt, List<AttemptRecord> attempts) implements LedgerEntry {

    public RequestRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public Instant at() {
        return Instant.ofEpochMilli(atMillis);
    }

    public boolean succeeded() {
        return status == 200;
    }
}
