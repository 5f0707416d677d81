package dev.tiergate.eval.cascade;

import java.util.List;
import java.util.Locale;

/** A cascade replay's results for one set of rows, renderable as the Markdown tables of the benchmark doc. */
public record CascadeReport(String label, String scoreName, int rows, String strong, String weak,
                            List<StrategyResult> references, List<EqualQuality> comparisons, List<String> notes) {

    public CascadeReport {
        references = List.copyOf(references);
        comparisons = List.copyOf(comparisons);
        notes = List.copyOf(notes);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(label).append(" (").append(rows).append(" rows; weak ").append(weak)
                .append(", strong ").append(strong).append("; classifier score: ").append(scoreName).append(")\n\n");
        md.append("| strategy | quality | cost / 1k requests | strong calls | escalated (paid twice) | double spend |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        references.forEach(r -> row(md, r.name(), r));
        for (EqualQuality eq : comparisons) {
            md.append("\nAt equal quality: ").append(eq.target()).append(String.format(Locale.ROOT, " = %.3f", eq.quality())).append("\n\n");
            md.append("| strategy | quality | cost / 1k requests | strong calls | escalated (paid twice) | double spend |\n");
            md.append("|---|---:|---:|---:|---:|---:|\n");
            for (EqualQuality.Entry e : eq.entries()) {
                if (e.result() == null) {
                    md.append("| ").append(e.strategy()).append(" | cannot reach it | | | | |\n");
                } else {
                    row(md, e.result().name(), e.result());
                }
            }
        }
        notes.forEach(n -> md.append("\n").append(n).append("\n"));
        return md.toString();
    }

    private static void row(StringBuilder md, String name, StrategyResult r) {
        md.append(String.format(Locale.ROOT, "| %s | %.3f | $%.4f | %.1f%% | %.1f%% | %.1f%% of cost |%n", name, r.quality(), r.costPer1k(),
                100 * r.strongShare(), 100 * r.escalatedShare(), r.costUsd() == 0 ? 0 : 100 * r.doubleSpendUsd() / r.costUsd()));
    }
}
