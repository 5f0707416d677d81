package dev.tiergate.ledger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observed frontier/lower output-length ratios per category. A cheap model's answer is often shorter or longer
 * than the frontier's would have been, so pricing the counterfactual at the cheap answer's own length (ratio 1.0)
 * is only the fallback: once a category has {@code minSamples} observed pairs, the ratio of their sums is used.
 */
public final class OutputRatios {
    /** A ratio far outside this range says more about a broken observation than about answer lengths. */
    private static final double MIN_RATIO = 0.1;
    private static final double MAX_RATIO = 10.0;

    private final int minSamples;
    private final Map<String, Sums> byCategory = new ConcurrentHashMap<>();

    public OutputRatios(int minSamples) {
        this.minSamples = minSamples;
    }

    /** What to assume for a category: the observed ratio, or 1.0 with the reason. */
    public record Estimate(double ratio, String source, long samples) {
        public static final String RATIO = "ratio";
        public static final String DEFAULT = "default";
    }

    private static final class Sums {
        final LongAdder pairs = new LongAdder();
        final LongAdder lower = new LongAdder();
        final LongAdder frontier = new LongAdder();
    }

    public void record(String category, long lowerTokens, long frontierTokens) {
        if (lowerTokens <= 0 || frontierTokens <= 0) {
            return; // an empty answer says nothing about length
        }
        seed(category, 1, lowerTokens, frontierTokens);
    }

    /** Adds aggregated pairs, e.g. those stored by earlier runs. */
    public void seed(String category, long pairs, long lowerTokens, long frontierTokens) {
        Sums sums = byCategory.computeIfAbsent(category, c -> new Sums());
        sums.pairs.add(pairs);
        sums.lower.add(lowerTokens);
        sums.frontier.add(frontierTokens);
    }

    public Estimate estimate(String category) {
        Sums sums = byCategory.get(category);
        if (sums == null || sums.pairs.sum() < minSamples || sums.lower.sum() <= 0) {
            return new Estimate(1.0, Estimate.DEFAULT, sums == null ? 0 : sums.pairs.sum());
        }
        double ratio = (double) sums.frontier.sum() / sums.lower.sum();
        return new Estimate(Math.max(MIN_RATIO, Math.min(MAX_RATIO, ratio)), Estimate.RATIO, sums.pairs.sum());
    }
}
