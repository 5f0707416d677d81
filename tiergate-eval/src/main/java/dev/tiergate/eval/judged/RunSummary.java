package dev.tiergate.eval.judged;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The few lines {@code tiergate eval run} prints when it ends: the headline, what was left out, and where the report is. */
public final class RunSummary {
    private RunSummary() {}

    public static List<String> lines(RunOutcome outcome) {
        EvalReport r = outcome.results().report();
        EvalReport.Headline h = r.headline();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "route %s: quality preserved %s (%d / %d), cost reduction %s (%s → %s%s)",
                r.run().route(), Html.percent(h.preservedRate()), h.preserved(), h.scored(), Html.percent(h.costReduction()),
                Html.usd(h.baselineCostUsd()), Html.usd(h.routedCostUsd()), r.run().projection() ? ", projected with " + r.run().priceOverlay() : ""));
        List<String> reasons = new ArrayList<>();
        r.exclusions().forEach((reason, n) -> {
            if (n > 0) {
                reasons.add(reason + " " + n);
            }
        });
        lines.add(String.format(Locale.ROOT, "excluded %d%s · escalation rate %s · eval spend %s", h.excluded(),
                reasons.isEmpty() ? "" : " (" + String.join(", ", reasons) + ")", Html.percent(r.routing().escalationRate()),
                Html.usd(r.run().spentUsd())));
        String status = r.run().statusText() + ": " + r.run().finished() + " of " + r.run().prompts() + " prompts finished";
        if (outcome.resumed() > 0) {
            status += " (" + outcome.resumed() + " from an earlier run)";
        }
        if (outcome.status() == RunStatus.SPENDING_CAP) {
            status += "; rerun with a higher --max-spend to continue";
        } else if (outcome.status() != RunStatus.COMPLETE) {
            status += "; rerun the same command to continue";
        }
        lines.add(status);
        if (outcome.firstError() != null) {
            lines.add(outcome.errors() + " prompt(s) failed unexpectedly and will run again next time; first: " + outcome.firstError());
        }
        lines.add("wrote " + outcome.dir().resolve(ReportWriter.HTML) + " (and " + ReportWriter.JSON + ", " + ReportWriter.ROWS + ")");
        return lines;
    }
}
