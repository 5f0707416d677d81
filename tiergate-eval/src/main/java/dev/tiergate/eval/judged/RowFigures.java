package dev.tiergate.eval.judged;

/**
 * One row as the report reads it: its score and costs at the report's prices.
 *
 * @param score     null for an excluded row
 * @param preserved null for an excluded row
 * @param exclusion the reason's label, null when the row counts
 */
public record RowFigures(Integer score, Boolean preserved, String exclusion, String routedTier, int escalations,
                         double baselineCostUsd, double routedCostUsd, double judgeCostUsd, long baselineInputTokens,
                         long baselineOutputTokens, long routedInputTokens, long routedOutputTokens) {}
