package dev.tiergate.ledger.store;

/** The columns of a stored request that the report needs: a compact read model, one per request. */
public record RequestRow(long atMillis, String keyId, String route, String category, String tier, int tierIndex,
                         int status, boolean escalated, boolean gateFailed, double costUsd, double counterfactualUsd,
                         String counterfactualEstimate, long latencyMs) {}
