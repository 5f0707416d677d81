package dev.tiergate.eval.data;

import dev.tiergate.pricing.Price;
import java.util.Map;

/** USD per 1M tokens of the models in the shared routing data (its README); used when a row has no cost_usd. */
public final class ReferencePrices {
    private ReferencePrices() {}

    public static final Map<String, Price> PRICES = Map.of(
            "gpt-4-1106-preview", Price.of(10, 30),
            "mixtral-8x7b-instruct", Price.of(0.6, 0.6),
            "gpt-3.5-turbo-1106", Price.of(1, 2),
            "claude-v2", Price.of(8, 24),
            "claude-instant-v1", Price.of(0.8, 2.4),
            "meta/llama-2-70b-chat", Price.of(0.9, 0.9),
            "mistralai/mistral-7b-chat", Price.of(0.2, 0.2));

    /** The cost of a model's call on a row: cost_usd when recorded, else tokens × reference price (NaN if unknown). */
    public static double cost(Row row, String model) {
        Outcome o = row.outcomes().get(model);
        return o == null ? Double.NaN : o.cost(PRICES.get(model));
    }
}
