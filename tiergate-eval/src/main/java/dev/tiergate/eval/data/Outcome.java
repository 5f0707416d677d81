package dev.tiergate.eval.data;

import dev.tiergate.pricing.Price;

/** One model's result on one prompt: score in [0,1], token counts, and the measured cost when the source had it. */
public record Outcome(double score, long inputTokens, long outputTokens, double costUsd) {

    public boolean hasCost() {
        return !Double.isNaN(costUsd);
    }

    /** The measured cost when present, else tokens × the given price (NaN when neither is known). */
    public double cost(Price price) {
        if (hasCost()) {
            return costUsd;
        }
        if (price == null) {
            return Double.NaN;
        }
        return (inputTokens * price.inputPerMillion() + outputTokens * price.outputPerMillion()) / 1_000_000.0;
    }
}
