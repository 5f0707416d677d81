package dev.tiergate.pricing;

import dev.tiergate.chat.Usage;

/**
 * USD per one million tokens. Cached input is billed at its own (usually discounted) rate; when a provider
 * does not discount cache hits, {@code cachedInputPerMillion} equals {@code inputPerMillion}.
 */
public record Price(double inputPerMillion, double outputPerMillion, double cachedInputPerMillion) {
    public static final Price FREE = new Price(0, 0, 0);

    public Price {
        if (inputPerMillion < 0 || outputPerMillion < 0 || cachedInputPerMillion < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    public static Price of(double input, double output) {
        return new Price(input, output, input);
    }

    /** Cost of one call: uncached input, cached input and output each at their own rate. */
    public double cost(Usage usage) {
        long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens());
        return (uncached * inputPerMillion
                + usage.cachedInputTokens() * cachedInputPerMillion
                + usage.outputTokens() * outputPerMillion) / 1_000_000.0;
    }
}
