package dev.tiergate.eval.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Quality as a function of the fraction c of prompts sent to the strong model, when prompts are sent in decreasing
 * order of the router's score (RouteLLM, arXiv 2406.18665). Ties are split evenly: a group of equal scores is routed
 * as a block, so the curve is linear across it. PGR(c) = (quality(c) - weak) / (strong - weak); APGR is the area under
 * PGR over c in [0, 1] (exact, the curve is piecewise linear); CPT(x) is the smallest c with PGR(c) >= x.
 */
public final class RoutingCurve {

    private final double[] c;        // breakpoints, 0 .. 1
    private final double[] quality;  // mean quality at each breakpoint
    private final double strong;
    private final double weak;

    private RoutingCurve(double[] c, double[] quality, double strong, double weak) {
        this.c = c;
        this.quality = quality;
        this.strong = strong;
        this.weak = weak;
    }

    /**
     * @param score       router score per row, higher = send to strong
     * @param strongScore the strong model's score per row
     * @param weakScore   the weak model's score per row
     */
    public static RoutingCurve of(double[] score, double[] strongScore, double[] weakScore) {
        int n = score.length;
        if (n == 0 || strongScore.length != n || weakScore.length != n) {
            throw new IllegalArgumentException("need equally long, non-empty arrays");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -score[i]));
        double weakSum = 0;
        double strongSum = 0;
        for (int i = 0; i < n; i++) {
            weakSum += weakScore[i];
            strongSum += strongScore[i];
        }
        double[] cs = new double[n + 1];
        double[] qs = new double[n + 1];
        int points = 0;
        cs[points] = 0;
        qs[points++] = weakSum / n;
        double sum = weakSum;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) {
                sum += strongScore[order[j]] - weakScore[order[j]];
                j++;
            }
            cs[points] = (double) j / n;
            qs[points++] = sum / n;
            i = j;
        }
        return new RoutingCurve(Arrays.copyOf(cs, points), Arrays.copyOf(qs, points), strongSum / n, weakSum / n);
    }

    /** Random routing: the straight line from weak to strong. */
    public static RoutingCurve random(double[] strongScore, double[] weakScore) {
        return of(new double[strongScore.length], strongScore, weakScore);
    }

    /** The oracle: strong exactly where it helps most. */
    public static RoutingCurve oracle(double[] strongScore, double[] weakScore) {
        double[] gain = new double[strongScore.length];
        for (int i = 0; i < gain.length; i++) {
            gain[i] = strongScore[i] - weakScore[i];
        }
        return of(gain, strongScore, weakScore);
    }

    public double strongQuality() {
        return strong;
    }

    public double weakQuality() {
        return weak;
    }

    /** Mean quality when the top {@code fraction} of prompts go to the strong model. */
    public double qualityAt(double fraction) {
        double f = Math.max(0, Math.min(1, fraction));
        int k = Arrays.binarySearch(c, f);
        if (k >= 0) {
            return quality[k];
        }
        int hi = -k - 1;
        int lo = hi - 1;
        double t = (f - c[lo]) / (c[hi] - c[lo]);
        return quality[lo] + t * (quality[hi] - quality[lo]);
    }

    public double pgrAt(double fraction) {
        return pgr(qualityAt(fraction));
    }

    private double pgr(double q) {
        double gap = strong - weak;
        return gap == 0 ? 0 : (q - weak) / gap;
    }

    /** Area under PGR(c), c in [0, 1]. */
    public double apgr() {
        double area = 0;
        for (int k = 1; k < c.length; k++) {
            area += (c[k] - c[k - 1]) * (pgr(quality[k]) + pgr(quality[k - 1])) / 2;
        }
        return area;
    }

    /** The smallest fraction of strong calls with PGR >= x (NaN if never reached). */
    public double cpt(double x) {
        if (pgr(quality[0]) >= x) {
            return 0;
        }
        for (int k = 1; k < c.length; k++) {
            double p1 = pgr(quality[k]);
            if (p1 >= x) {
                double p0 = pgr(quality[k - 1]);
                double t = p1 == p0 ? 1 : (x - p0) / (p1 - p0);
                return c[k - 1] + t * (c[k] - c[k - 1]);
            }
        }
        return Double.NaN;
    }

    /** Breakpoints for plotting: fraction of strong calls. */
    public double[] fractions() {
        return c.clone();
    }

    /** Quality at each breakpoint of {@link #fractions()}. */
    public double[] qualities() {
        return quality.clone();
    }
}
