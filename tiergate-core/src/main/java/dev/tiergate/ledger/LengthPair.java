package dev.tiergate.ledger;

/**
 * An observed pair of answer lengths for the same prompt: a lower tier's and the frontier's. Escalations and
 * shadow calls produce them; their ratio per category estimates the frontier's output in the counterfactual.
 *
 * @param source escalation | shadow
 */
public record LengthPair(String requestId, long atMillis, String category, String source, long lowerTokens,
                         long frontierTokens) implements LedgerEntry {}
