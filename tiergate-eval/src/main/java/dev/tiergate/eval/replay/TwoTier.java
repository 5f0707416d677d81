package dev.tiergate.eval.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.eval.data.ReferencePrices;
import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.metrics.RoutingCurve;
import dev.tiergate.json.Json;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Two-tier replay of scores against real outcomes: the routing curve (quality vs fraction of strong calls) and cost
 * at each operating point, with the random and oracle references.
 */
public final class TwoTier {
    public final List<Row> rows;
    public final double[] score;
    public final double[] strong;
    public final double[] weak;
    public final double[] strongCost;
    public final double[] weakCost;
    public final String strongModel;
    public final String weakModel;
    public final RoutingCurve curve;
    public final RoutingCurve random;
    public final RoutingCurve oracle;

    /** Only rows where both models ran are kept (the others are dropped by the caller, see {@link #usable}). */
    public TwoTier(List<Row> rows, double[] score, String strongModel, String weakModel) {
        this.rows = rows;
        this.score = score;
        this.strongModel = strongModel;
        this.weakModel = weakModel;
        int n = rows.size();
        strong = new double[n];
        weak = new double[n];
        strongCost = new double[n];
        weakCost = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            strong[i] = r.score(strongModel);
            weak[i] = r.score(weakModel);
            strongCost[i] = ReferencePrices.cost(r, strongModel);
            weakCost[i] = ReferencePrices.cost(r, weakModel);
        }
        curve = RoutingCurve.of(score, strong, weak);
        random = RoutingCurve.random(strong, weak);
        oracle = RoutingCurve.oracle(strong, weak);
    }

    public static boolean usable(Row r, String strongModel, String weakModel) {
        return r.has(strongModel) && r.has(weakModel);
    }

    /** Total cost when the top {@code fraction} by score goes to the strong model (ties broken by row order). */
    public double costAt(double fraction) {
        return costAt(score, fraction);
    }

    public double costAt(double[] by, double fraction) {
        int n = rows.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -by[i]));
        double exact = fraction * n;
        int k = (int) Math.floor(exact);
        double total = 0;
        for (int j = 0; j < n; j++) {
            int i = order[j];
            double w = j < k ? 1 : (j == k ? exact - k : 0);
            total += w * strongCost[i] + (1 - w) * weakCost[i];
        }
        return total;
    }

    public double totalStrongCost() {
        return Arrays.stream(strongCost).sum();
    }

    public double totalWeakCost() {
        return Arrays.stream(weakCost).sum();
    }

    /** Fraction of prompts whose score is >= threshold. */
    public double strongFraction(double threshold) {
        long k = Arrays.stream(score).filter(s -> s >= threshold).count();
        return (double) k / score.length;
    }

    public ObjectNode metrics() {
        ObjectNode m = Json.object();
        m.put("rows", rows.size());
        m.put("strong_model", strongModel);
        m.put("weak_model", weakModel);
        m.put("apgr", curve.apgr());
        m.put("cpt50", curve.cpt(0.5));
        m.put("cpt80", curve.cpt(0.8));
        m.put("strong_quality", curve.strongQuality());
        m.put("weak_quality", curve.weakQuality());
        double oracleQuality = 0;
        for (int i = 0; i < strong.length; i++) {
            oracleQuality += Math.max(strong[i], weak[i]);
        }
        m.put("oracle_quality", oracleQuality / strong.length);
        m.put("oracle_apgr", oracle.apgr());
        m.put("random_quality_at_50", random.qualityAt(0.5));
        m.put("random_apgr", random.apgr());
        m.put("strong_cost_usd", totalStrongCost());
        m.put("weak_cost_usd", totalWeakCost());
        ArrayNode points = m.putArray("operating_points");
        double cpt50 = curve.cpt(0.5);
        double cpt80 = curve.cpt(0.8);
        double[] fractions = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        for (double c : fractions) {
            points.add(point(c, "c=" + c));
        }
        if (!Double.isNaN(cpt50)) {
            m.set("at_cpt50", point(cpt50, "cpt50"));
        }
        if (!Double.isNaN(cpt80)) {
            m.set("at_cpt80", point(cpt80, "cpt80"));
        }
        return m;
    }

    private ObjectNode point(double c, String label) {
        ObjectNode p = Json.object();
        p.put("label", label);
        p.put("strong_fraction", c);
        p.put("quality", curve.qualityAt(c));
        p.put("pgr", curve.pgrAt(c));
        p.put("cost_usd", costAt(c));
        p.put("random_quality", random.qualityAt(c));
        p.put("oracle_quality", oracle.qualityAt(c));
        // the score threshold that sends this fraction to the strong model
        double[] sorted = score.clone();
        Arrays.sort(sorted);
        int k = (int) Math.round(c * sorted.length);
        p.put("threshold", k <= 0 ? Double.POSITIVE_INFINITY : sorted[sorted.length - k]);
        return p;
    }
}
