package dev.tiergate.ledger;

import java.util.List;

/** Hand-made ledger records for store and report tests. */
public final class Records {
    private Records() {}

    public static AttemptRecord attempt(int seq, String tier, int tierIndex, long in, long out, double cost, String status,
                                        List<GateOutcome> gates) {
        return new AttemptRecord(seq, tier, tier + "-model", tier, tierIndex, in, 0, out, cost, 100 + seq, "ok".equals(status) ? 40L : null,
                status, "ok".equals(status) ? 200 : 500, "ok".equals(status) ? null : "SERVER_ERROR: boom", gates);
    }

    /** A request answered by {@code tier}, one attempt, with the given figures. */
    public static RequestRecord answered(String id, long at, String route, String category, String key, String tier, int tierIndex,
                                         double cost, double counterfactual, long latencyMs) {
        return new RequestRecord(id, at, key, route, "length", 0.4, 0.5, category, tier, tier, tierIndex, tier, 200, null,
                false, false, false, false, 100, 0, 50, cost, counterfactual, 50, "default", latencyMs, 40L, null,
                List.of(attempt(0, tier, tierIndex, 100, 50, cost, "ok", List.of())));
    }

    public static RequestRecord with(RequestRecord r, boolean escalated, boolean gateFailed, int status, List<AttemptRecord> attempts) {
        return new RequestRecord(r.id(), r.atMillis(), r.keyId(), r.route(), r.strategy(), r.score(), r.threshold(), r.category(),
                r.routedTier(), status == 200 ? r.tier() : null, status == 200 ? r.tierIndex() : -1, status == 200 ? r.model() : null,
                status, status == 200 ? null : "upstream_error", r.streamed(), escalated, false, gateFailed, r.inputTokens(),
                r.cachedTokens(), r.outputTokens(), r.costUsd(), r.counterfactualUsd(), r.counterfactualOutputTokens(),
                r.counterfactualEstimate(), r.latencyMs(), r.ttftMs(), r.prompt(), attempts);
    }
}
