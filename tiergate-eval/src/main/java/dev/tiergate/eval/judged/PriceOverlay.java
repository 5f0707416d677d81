package dev.tiergate.eval.judged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tiergate.pricing.Price;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Another rate card for the same measured token counts ({@code --price-overlay FILE}), for example frontier API
 * prices applied to a run on open models: the report then shows what the route would cost there, and says that
 * the figure is a projection. The file (YAML or JSON) maps a model — its config name or its upstream id — to USD
 * per million tokens: {@code claude-opus-4-7: {input: 15, output: 75, cached_input: 1.5}}.
 *
 * @param source the file, for the report; null for no overlay
 */
public record PriceOverlay(String source, Map<String, Price> prices) {
    public static final PriceOverlay NONE = new PriceOverlay(null, Map.of());
    private static final Set<String> KEYS = Set.of("input", "output", "cached_input");

    public PriceOverlay {
        prices = Map.copyOf(prices);
    }

    public static PriceOverlay read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new EvalException("cannot read the price overlay " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new EvalException(file + ": expected a mapping of model → {input, output, cached_input} in USD per 1M tokens");
        }
        Map<String, Price> prices = new LinkedHashMap<>();
        root.fields().forEachRemaining(entry -> prices.put(entry.getKey(), price(file, entry.getKey(), entry.getValue())));
        return new PriceOverlay(file.toString(), prices);
    }

    public boolean active() {
        return !prices.isEmpty();
    }

    /** The overlay's price for a call: by config name first, else by upstream model id. */
    Optional<Price> find(String model, String upstreamModel) {
        Price byName = prices.get(model);
        return Optional.ofNullable(byName != null ? byName : prices.get(upstreamModel));
    }

    private static Price price(Path file, String model, JsonNode node) {
        String where = file + ": " + model + ": ";
        if (!node.isObject()) {
            throw new EvalException(where + "expected {input: USD, output: USD, cached_input: USD} per 1M tokens");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new EvalException(where + "unknown key '" + key + "'; use input, output and cached_input");
            }
        });
        double input = number(node, "input", where, Double.NaN);
        double output = number(node, "output", where, Double.NaN);
        double cached = number(node, "cached_input", where, input);
        return new Price(input, output, cached);
    }

    private static double number(JsonNode node, String key, String where, double fallback) {
        JsonNode value = node.get(key);
        if (value == null) {
            if (Double.isNaN(fallback)) {
                throw new EvalException(where + key + " is required (USD per 1M tokens)");
            }
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw new EvalException(where + key + " must be a number of USD per 1M tokens, at least 0");
        }
        return value.asDouble();
    }
}
