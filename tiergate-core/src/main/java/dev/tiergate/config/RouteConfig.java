package dev.tiergate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of {@code routes:}. Clients select a route by sending its name as {@code model}.
 *
 * @param name      what clients send as {@code model} ("auto")
 * @param strategy  router strategy: fixed, length, random, classifier, ...
 * @param threshold score threshold of score-based strategies (NaN = the strategy's default)
 * @param tier      the tier a {@code fixed} route sends to (null = cheapest)
 * @param raw       the whole entry after env interpolation, for strategy-specific settings
 */
public record RouteConfig(String name, String strategy, double threshold, String tier, ObjectNode raw) {

    public double thresholdOr(double fallback) {
        return Double.isNaN(threshold) ? fallback : threshold;
    }
}
