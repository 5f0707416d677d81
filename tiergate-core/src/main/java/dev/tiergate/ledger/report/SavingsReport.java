package dev.tiergate.ledger.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The savings report: what routing cost against what the frontier would have cost, with the quality evidence next
 * to it. Served as JSON by {@code GET /v1/report}, printed by {@code tiergate report}, drawn by the dashboard.
 *
 * @param by        the breakdown dimension, null for none
 * @param estimates how each counterfactual's output length was estimated, with counts (frontier, ratio, default, none)
 */
public record SavingsReport(Window window, Dimension by, Figures totals, List<TierShare> tierMix,
                            List<TierLatency> latency, List<Group> groups, List<Point> series, Map<String, Long> estimates) {

    public record TierShare(String tier, long requests, double share) {}

    /** Nearest-rank percentiles of whole-request latency, by the tier that answered. */
    public record TierLatency(String tier, long requests, long p50Ms, long p95Ms) {}

    public record Group(String key, Figures figures) {}

    /** One bucket of the time series. */
    public record Point(Instant start, Figures figures) {}

    public String headline() {
        return totals.headline();
    }
}
