package dev.tiergate.ledger.report;

import dev.tiergate.ledger.store.RequestRow;
import dev.tiergate.ledger.store.ShadowRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds stored rows into a {@link SavingsReport}. The same Java code aggregates for SQLite and PostgreSQL, so both
 * stores give identical figures by construction; a report scans its window once.
 */
public final class ReportBuilder {
    private final Window window;
    private final Dimension by;
    private final long bucketMs;
    private final Tally totals = new Tally();
    private final Map<String, Tally> groups = new TreeMap<>();
    private final Map<Long, Tally> buckets = new TreeMap<>();
    private final Map<String, Integer> tierIndex = new HashMap<>();
    private final Map<String, Long> tierCounts = new HashMap<>();
    private final Map<String, List<Long>> latencies = new HashMap<>();
    private final Map<String, Long> estimates = new TreeMap<>();

    public ReportBuilder(Window window, Dimension by) {
        this.window = window;
        this.by = by;
        this.bucketMs = window.bucket().toMillis();
        for (long start = floor(window.since().toEpochMilli()); start < window.until().toEpochMilli(); start += bucketMs) {
            buckets.put(start, new Tally());
        }
    }

    public void add(RequestRow row) {
        if (!inWindow(row.atMillis())) {
            return;
        }
        totals.add(row);
        if (by != null) {
            groups.computeIfAbsent(by.keyOf(row), k -> new Tally()).add(row);
        }
        buckets.computeIfAbsent(floor(row.atMillis()), k -> new Tally()).add(row);
        estimates.merge(row.counterfactualEstimate() == null ? "none" : row.counterfactualEstimate(), 1L, Long::sum);
        if (row.tier() != null) {
            tierIndex.putIfAbsent(row.tier(), row.tierIndex());
            tierCounts.merge(row.tier(), 1L, Long::sum);
            latencies.computeIfAbsent(row.tier(), t -> new ArrayList<>()).add(row.latencyMs());
        }
    }

    public void add(ShadowRow row) {
        if (!inWindow(row.atMillis())) {
            return;
        }
        totals.add(row);
        if (by != null) {
            groups.computeIfAbsent(by.keyOf(row), k -> new Tally()).add(row);
        }
        buckets.computeIfAbsent(floor(row.atMillis()), k -> new Tally()).add(row);
    }

    public SavingsReport build() {
        List<String> tiers = new ArrayList<>(tierCounts.keySet());
        tiers.sort(Comparator.comparing((String t) -> tierIndex.getOrDefault(t, Integer.MAX_VALUE)).thenComparing(t -> t));
        long answered = tierCounts.values().stream().mapToLong(Long::longValue).sum();
        List<SavingsReport.TierShare> mix = new ArrayList<>();
        List<SavingsReport.TierLatency> latency = new ArrayList<>();
        for (String tier : tiers) {
            long n = tierCounts.get(tier);
            mix.add(new SavingsReport.TierShare(tier, n, (double) n / answered));
            List<Long> sorted = new ArrayList<>(latencies.get(tier));
            sorted.sort(null);
            latency.add(new SavingsReport.TierLatency(tier, sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.95)));
        }
        List<SavingsReport.Group> groupList = new ArrayList<>();
        groups.forEach((key, tally) -> groupList.add(new SavingsReport.Group(key, tally.figures())));
        groupList.sort(Comparator.comparingLong((SavingsReport.Group g) -> -g.figures().requests()).thenComparing(SavingsReport.Group::key));
        List<SavingsReport.Point> series = new ArrayList<>();
        buckets.forEach((start, tally) -> series.add(new SavingsReport.Point(Instant.ofEpochMilli(start), tally.figures())));
        return new SavingsReport(window, by, totals.figures(), mix, latency, groupList, series, new LinkedHashMap<>(estimates));
    }

    /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private boolean inWindow(long atMillis) {
        return atMillis >= window.since().toEpochMilli() && atMillis <= window.until().toEpochMilli();
    }

    private long floor(long millis) {
        return Math.floorDiv(millis, bucketMs) * bucketMs;
    }
}
