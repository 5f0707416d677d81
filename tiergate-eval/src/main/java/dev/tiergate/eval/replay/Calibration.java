package dev.tiergate.eval.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.json.Json;
import java.util.Arrays;

/**
 * Picks the score threshold for an operating point and reports what it buys on the replayed data: the fraction of
 * strong calls, the mean quality, PGR and cost at that threshold (prompts with score >= threshold go strong).
 */
public record Calibration(double threshold, double strongFraction, double quality, double pgr, double costUsd,
                          double strongCostUsd, double weakCostUsd, double strongQuality, double weakQuality) {

    /** The threshold that sends (at least) {@code fraction} of the prompts to the strong model. */
    public static Calibration forStrongFraction(TwoTier t, double fraction) {
        double[] sorted = t.score.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int k = (int) Math.ceil(Math.max(0, Math.min(1, fraction)) * n - 1e-9);
        double threshold = k <= 0 ? Math.nextUp(sorted[n - 1]) : sorted[n - k];
        return at(t, threshold);
    }

    /**
     * The cheapest threshold whose quality reaches {@code target} × the strong model's quality (e.g. 0.95 = 95% of
     * the strong model's quality). Falls back to all-strong when unreachable.
     */
    public static Calibration forTargetQuality(TwoTier t, double target) {
        double goal = target * t.curve.strongQuality();
        double[] distinct = Arrays.stream(t.score).distinct().sorted().toArray();
        // walk thresholds from high (few strong calls) to low (many)
        Calibration best = at(t, Math.nextUp(distinct[distinct.length - 1]));
        if (best.quality >= goal) {
            return best;
        }
        for (int i = distinct.length - 1; i >= 0; i--) {
            Calibration c = at(t, distinct[i]);
            if (c.quality >= goal - 1e-12) {
                return c;
            }
            best = c;
        }
        return best;
    }

    /** What happens on the replayed rows at a given threshold. */
    public static Calibration at(TwoTier t, double threshold) {
        int n = t.score.length;
        double q = 0, cost = 0;
        int strong = 0;
        for (int i = 0; i < n; i++) {
            boolean s = t.score[i] >= threshold;
            if (s) {
                strong++;
            }
            q += s ? t.strong[i] : t.weak[i];
            cost += s ? t.strongCost[i] : t.weakCost[i];
        }
        double quality = q / n;
        double gap = t.curve.strongQuality() - t.curve.weakQuality();
        double pgr = gap == 0 ? 0 : (quality - t.curve.weakQuality()) / gap;
        return new Calibration(threshold, (double) strong / n, quality, pgr, cost, t.totalStrongCost(),
                t.totalWeakCost(), t.curve.strongQuality(), t.curve.weakQuality());
    }

    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("threshold", threshold);
        o.put("strong_fraction", strongFraction);
        o.put("quality", quality);
        o.put("pgr", pgr);
        o.put("cost_usd", costUsd);
        o.put("cost_vs_all_strong", strongCostUsd == 0 ? Double.NaN : costUsd / strongCostUsd);
        o.put("strong_quality", strongQuality);
        o.put("weak_quality", weakQuality);
        return o;
    }
}
