package dev.tiergate.eval.cascade;

import dev.tiergate.eval.data.ReferencePrices;
import dev.tiergate.eval.data.Row;
import java.util.List;

/**
 * Rows that have outcomes for both the cheap and the strong model, with each model's score and cost per row.
 * A cheap answer is acceptable when its score is at least {@link #ACCEPTABLE} (the shared data is graded 0/1).
 */
public record PairedRows(List<Row> rows, String strong, String weak, double[] strongScore, double[] weakScore,
                         double[] strongCost, double[] weakCost) {
    public static final double ACCEPTABLE = 0.5;

    /** Keeps the rows with both models; costs are measured where recorded, else tokens × reference price. */
    public static PairedRows of(List<Row> all, String strong, String weak) {
        List<Row> rows = all.stream().filter(r -> r.has(strong) && r.has(weak)).toList();
        int n = rows.size();
        double[] ss = new double[n];
        double[] ws = new double[n];
        double[] sc = new double[n];
        double[] wc = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            ss[i] = r.score(strong);
            ws[i] = r.score(weak);
            sc[i] = ReferencePrices.cost(r, strong);
            wc[i] = ReferencePrices.cost(r, weak);
            if (Double.isNaN(sc[i]) || Double.isNaN(wc[i])) {
                throw new IllegalArgumentException("row " + r.id() + ": no cost and no reference price for " + strong + " / " + weak);
            }
        }
        return new PairedRows(rows, strong, weak, ss, ws, sc, wc);
    }

    public int size() {
        return rows.size();
    }

    public boolean weakAcceptable(int i) {
        return weakScore[i] >= ACCEPTABLE;
    }

    public String id(int i) {
        return rows.get(i).id();
    }
}
