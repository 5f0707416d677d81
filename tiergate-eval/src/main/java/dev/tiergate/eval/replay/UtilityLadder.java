package dev.tiergate.eval.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.eval.data.ReferencePrices;
import dev.tiergate.eval.data.Row;
import dev.tiergate.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * N-model replay with a cost-aware rule: each row goes to the model maximising {@code P(acceptable) - lambda *
 * log(meanCost)}, where {@code meanCost} is the model's mean cost per call over the replayed rows (a price list:
 * known before routing, not the row's own cost). Sweeping lambda from 0 (predicted-best model) upwards traces a
 * quality–cost frontier, compared with every single model like {@link LadderReplay}. On the routerbench-train
 * out-of-fold predictions this dominates the gap-to-frontier rule at every budget up to ~70% of gpt-4's cost, but
 * never reaches gpt-4's quality (see docs/BENCHMARKS.md).
 */
public final class UtilityLadder {

    public record Point(double lambda, double quality, double cost) {}

    public final List<String> ladder;
    public final List<Point> frontier = new ArrayList<>();
    public final List<LadderReplay.Single> singles = new ArrayList<>();

    public UtilityLadder(List<String> ladder, List<Row> rows, double[][] predicted) {
        this.ladder = List.copyOf(ladder);
        int m = ladder.size();
        int n = rows.size();
        double[][] cost = new double[n][m];
        double[] logMean = new double[m];
        for (int j = 0; j < m; j++) {
            double q = 0, c = 0;
            for (int i = 0; i < n; i++) {
                cost[i][j] = ReferencePrices.cost(rows.get(i), ladder.get(j));
                q += rows.get(i).score(ladder.get(j));
                c += cost[i][j];
            }
            singles.add(new LadderReplay.Single(ladder.get(j), q / n, c));
            logMean[j] = Math.log(Math.max(1e-12, c / n));
        }
        List<Point> sweep = new ArrayList<>();
        for (int s = 0; s <= 600; s++) {
            double lambda = s == 0 ? 0 : 1e-4 * Math.pow(10, s / 100.0); // 1e-4 .. 1e2
            double q = 0, c = 0;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestU = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    double u = predicted[i][j] - lambda * logMean[j];
                    if (u > bestU) {
                        bestU = u;
                        best = j;
                    }
                }
                q += rows.get(i).score(ladder.get(best));
                c += cost[i][best];
            }
            sweep.add(new Point(lambda, q / n, c));
        }
        sweep.sort(Comparator.comparingDouble(Point::cost).thenComparing(p -> -p.quality()));
        double best = Double.NEGATIVE_INFINITY;
        for (Point p : sweep) {
            if (p.quality() > best + 1e-12) {
                frontier.add(p);
                best = p.quality();
            }
        }
    }

    public boolean dominates(LadderReplay.Single s) {
        return frontier.stream().anyMatch(p -> p.cost() <= s.cost() + 1e-12 && p.quality() >= s.quality() - 1e-12);
    }

    /** Best frontier quality at a cost of at most {@code budget} (NaN if none). */
    public double qualityWithin(double budget) {
        return frontier.stream().filter(p -> p.cost() <= budget + 1e-12).mapToDouble(Point::quality).max().orElse(Double.NaN);
    }

    public ObjectNode metrics() {
        ObjectNode m = Json.object();
        m.put("rule", "argmax P - lambda*log(mean cost)");
        LadderReplay.Single top = singles.get(singles.size() - 1);
        ArrayNode s = m.putArray("single_models");
        boolean all = true;
        for (LadderReplay.Single x : singles) {
            ObjectNode o = s.addObject();
            o.put("model", x.model());
            o.put("quality", x.quality());
            o.put("cost_usd", x.cost());
            boolean d = dominates(x);
            o.put("dominated_by_router", d);
            all &= d;
        }
        m.put("dominates_every_single_model", all);
        Point reach = frontier.stream().filter(p -> p.quality() >= top.quality() - 1e-12).findFirst().orElse(null);
        m.put("reaches_" + top.model().replace('/', '_'), reach != null);
        if (reach != null) {
            m.put("cost_ratio_at_" + top.model().replace('/', '_') + "_quality", reach.cost() / top.cost());
        }
        ObjectNode budgets = m.putObject("quality_at_cost_fraction_of_" + top.model().replace('/', '_'));
        for (double f : new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.0}) {
            budgets.put(String.valueOf(f), qualityWithin(f * top.cost()));
        }
        ArrayNode fr = m.putArray("frontier");
        for (Point p : frontier) {
            fr.addObject().put("lambda", p.lambda()).put("quality", p.quality()).put("cost_usd", p.cost());
        }
        return m;
    }
}
