package dev.tiergate.eval.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.eval.data.ReferencePrices;
import dev.tiergate.eval.data.Row;
import dev.tiergate.json.Json;
import dev.tiergate.router.learned.ScoreRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * N-model replay: each row goes to the cheapest ladder model that clears the threshold given its predicted quality
 * ({@link ScoreRule#chooseTier}); sweeping the threshold traces the router's quality–cost frontier, compared with
 * every single model. Rows missing any ladder model are skipped.
 */
public final class LadderReplay {

    public record Point(double threshold, double quality, double cost, double[] share) {}

    public record Single(String model, double quality, double cost) {}

    public final List<String> ladder;
    public final List<Row> rows;
    public final double[][] predicted;   // rows x ladder
    public final ScoreRule rule;
    public final List<Point> sweep = new ArrayList<>();
    public final List<Point> frontier = new ArrayList<>();
    public final List<Single> singles = new ArrayList<>();

    public LadderReplay(List<String> ladder, List<Row> rows, double[][] predicted, ScoreRule rule) {
        this.ladder = List.copyOf(ladder);
        this.rows = rows;
        this.predicted = predicted;
        this.rule = rule;
        int n = rows.size();
        int m = ladder.size();
        for (String model : ladder) {
            double q = 0, c = 0;
            for (Row r : rows) {
                q += r.score(model);
                c += ReferencePrices.cost(r, model);
            }
            singles.add(new Single(model, q / n, c));
        }
        // candidate thresholds: every tier score that occurs (plus the extremes)
        TreeSet<Double> thresholds = new TreeSet<>();
        for (double[] q : predicted) {
            for (int i = 0; i < m; i++) {
                thresholds.add(rule.tierScore(q, i));
            }
        }
        List<Double> grid = new ArrayList<>(thresholds);
        int step = Math.max(1, grid.size() / 400);
        List<Double> chosen = new ArrayList<>();
        for (int i = 0; i < grid.size(); i += step) {
            chosen.add(grid.get(i));
        }
        chosen.add(Double.NEGATIVE_INFINITY);
        chosen.add(Double.POSITIVE_INFINITY);
        chosen.add(grid.isEmpty() ? 0 : Math.nextUp(grid.get(grid.size() - 1)));
        for (double t : chosen) {
            sweep.add(at(t));
        }
        sweep.sort((a, b) -> Double.compare(a.cost, b.cost));
        double best = Double.NEGATIVE_INFINITY;
        for (Point p : sweep) {
            if (p.quality > best + 1e-12) {
                frontier.add(p);
                best = p.quality;
            }
        }
    }

    public Point at(double threshold) {
        int m = ladder.size();
        double q = 0, c = 0;
        double[] share = new double[m];
        for (int i = 0; i < rows.size(); i++) {
            int t = rule.chooseTier(predicted[i], threshold);
            Row r = rows.get(i);
            q += r.score(ladder.get(t));
            c += ReferencePrices.cost(r, ladder.get(t));
            share[t]++;
        }
        for (int t = 0; t < m; t++) {
            share[t] /= rows.size();
        }
        return new Point(threshold, q / rows.size(), c, share);
    }

    /** The cheapest frontier point at least as good as {@code quality} (null if none). */
    public Point cheapestReaching(double quality) {
        return frontier.stream().filter(p -> p.quality >= quality - 1e-12)
                .min((a, b) -> Double.compare(a.cost, b.cost)).orElse(null);
    }

    /**
     * Whether some frontier point costs no more and scores no less than the model. (Weak dominance: the cheapest
     * model can only be matched — its own point, all traffic on tier 0, is on the frontier.)
     */
    public boolean dominates(Single s) {
        return frontier.stream().anyMatch(p -> p.cost <= s.cost() + 1e-12 && p.quality >= s.quality() - 1e-12);
    }

    /** Some frontier point is at least as good on both axes and strictly better on one. */
    public boolean strictlyDominates(Single s) {
        return frontier.stream().anyMatch(p -> p.cost <= s.cost() + 1e-12 && p.quality >= s.quality() - 1e-12
                && (p.cost < s.cost() - 1e-12 || p.quality > s.quality() + 1e-12));
    }

    public ObjectNode metrics() {
        ObjectNode m = Json.object();
        m.put("rows", rows.size());
        m.putPOJO("ladder", ladder);
        m.put("rule", rule.name());
        Single top = singles.get(singles.size() - 1);
        Single best = singles.stream().max((a, b) -> Double.compare(a.quality(), b.quality())).orElseThrow();
        ArrayNode s = m.putArray("single_models");
        boolean all = true;
        for (Single x : singles) {
            ObjectNode o = s.addObject();
            o.put("model", x.model());
            o.put("quality", x.quality());
            o.put("cost_usd", x.cost());
            boolean d = dominates(x);
            o.put("dominated_by_router", d);
            o.put("strictly_dominated_by_router", strictlyDominates(x));
            all &= d;
        }
        m.put("dominates_every_single_model", all);
        for (Single ref : new LinkedHashSetOf(top, best).items) {
            Point p = cheapestReaching(ref.quality());
            ObjectNode o = m.putObject("reach_" + ref.model().replace('/', '_'));
            o.put("target_quality", ref.quality());
            o.put("target_cost_usd", ref.cost());
            o.put("reached", p != null);
            if (p != null) {
                o.put("router_cost_usd", p.cost);
                o.put("cost_ratio", p.cost / ref.cost());
                o.put("router_quality", p.quality);
                o.put("threshold", p.threshold);
            }
        }
        ArrayNode f = m.putArray("frontier");
        for (Point p : frontier) {
            ObjectNode o = f.addObject();
            o.put("threshold", p.threshold);
            o.put("quality", p.quality);
            o.put("cost_usd", p.cost);
            ArrayNode share = o.putArray("share");
            Arrays.stream(p.share).forEach(share::add);
        }
        return m;
    }

    private static final class LinkedHashSetOf {
        final List<Single> items = new ArrayList<>();

        LinkedHashSetOf(Single a, Single b) {
            items.add(a);
            if (!b.model().equals(a.model())) {
                items.add(b);
            }
        }
    }
}
