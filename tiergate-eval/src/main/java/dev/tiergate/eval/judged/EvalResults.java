package dev.tiergate.eval.judged;

import java.util.List;

/** The report and its rows, in the eval set's order. */
public record EvalResults(EvalReport report, List<ScoredRow> rows) {
    public EvalResults {
        rows = List.copyOf(rows);
    }
}
