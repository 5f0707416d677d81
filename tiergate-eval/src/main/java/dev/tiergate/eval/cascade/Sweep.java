package dev.tiergate.eval.cascade;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Every operating point of a score-driven strategy: point k sends the k highest-scoring requests straight to the
 * strong model and routes the rest the base way (cheap only, or the cascade). Built incrementally in O(n log n).
 */
public final class Sweep {
    private final String name;
    private final int n;
    private final double[] quality;
    private final double[] cost;
    private final int[] strongCalls;
    private final int[] escalated;
    private final double[] wasted;

    /**
     * @param score higher = more likely to need the strong model; ties keep row order
     * @param base  how a request not sent to the strong model is handled
     */
    Sweep(String name, PairedRows d, double[] score, IntFunction<RowOutcome> base) {
        this.name = name;
        this.n = d.size();
        if (score.length != n) {
            throw new IllegalArgumentException("one score per row: " + score.length + " scores for " + n + " rows");
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        quality = new double[n + 1];
        cost = new double[n + 1];
        strongCalls = new int[n + 1];
        escalated = new int[n + 1];
        wasted = new double[n + 1];
        RowOutcome[] current = new RowOutcome[n];
        for (int i = 0; i < n; i++) {
            current[i] = base.apply(i);
            add(0, current[i], 1);
        }
        for (int k = 1; k <= n; k++) {
            quality[k] = quality[k - 1];
            cost[k] = cost[k - 1];
            strongCalls[k] = strongCalls[k - 1];
            escalated[k] = escalated[k - 1];
            wasted[k] = wasted[k - 1];
            int i = order[k - 1];
            add(k, current[i], -1);
            add(k, RowOutcome.strong(d, i), 1);
        }
    }

    private void add(int k, RowOutcome o, int sign) {
        quality[k] += sign * o.quality();
        cost[k] += sign * o.cost();
        strongCalls[k] += sign * (o.strongCalled() ? 1 : 0);
        escalated[k] += sign * (o.escalated() ? 1 : 0);
        wasted[k] += sign * o.wasted();
    }

    /** The point that sends the top {@code k} requests to the strong model. */
    public StrategyResult at(int k) {
        return new StrategyResult(name + " (top " + pct(k) + " to strong)", n, quality[k] / n, cost[k],
                (double) strongCalls[k] / n, (double) escalated[k] / n, wasted[k]);
    }

    /** The cheapest point whose quality reaches {@code target}, if any does. */
    public Optional<StrategyResult> cheapestReaching(double target) {
        int best = -1;
        for (int k = 0; k <= n; k++) {
            // a hair of tolerance: qualities are sums of 0/1 scores divided by n
            if (quality[k] / n >= target - 1e-12 && (best < 0 || cost[k] < cost[best])) {
                best = k;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(at(best));
    }

    private String pct(int k) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * k / n);
    }
}
