package dev.tiergate.ledger;

import dev.tiergate.chat.Usage;
import dev.tiergate.pricing.Price;

/**
 * What the frontier would have cost for a request: its input tokens at the frontier's input (and cached-input)
 * price, plus an estimate of the frontier's output length at its output price. When the frontier itself answered,
 * its real output length is used; otherwise the observed per-category ratio, else 1.0.
 */
public final class Counterfactual {
    public static final String FRONTIER = "frontier";
    public static final String NONE = "none";

    private final Price frontierPrice;
    private final OutputRatios ratios;

    public Counterfactual(Price frontierPrice, OutputRatios ratios) {
        this.frontierPrice = frontierPrice;
        this.ratios = ratios;
    }

    public record Cost(double usd, long outputTokens, String estimate) {}

    /**
     * @param usage             the answering attempt's tokens (or the largest failed attempt's)
     * @param answeredByFrontier the frontier tier produced {@code usage}
     */
    public Cost of(Usage usage, boolean answeredByFrontier, String category) {
        if (usage.totalTokens() == 0) {
            return new Cost(0, 0, NONE);
        }
        if (answeredByFrontier) {
            return new Cost(frontierPrice.cost(usage), usage.outputTokens(), FRONTIER);
        }
        OutputRatios.Estimate estimate = ratios.estimate(category);
        long output = Math.round(usage.outputTokens() * estimate.ratio());
        Usage projected = new Usage(usage.inputTokens(), usage.cachedInputTokens(), output);
        return new Cost(frontierPrice.cost(projected), output, estimate.source());
    }
}
