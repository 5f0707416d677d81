package dev.tiergate.ledger.report;

import java.util.Locale;
import java.util.stream.Collectors;

/** The report as text for a terminal ({@code tiergate report}). */
public final class ReportText {
    private ReportText() {}

    public static String of(SavingsReport report) {
        StringBuilder out = new StringBuilder();
        Figures t = report.totals();
        out.append("Tiergate savings report, ").append(report.window().since()).append(" .. ").append(report.window().until())
                .append('\n');
        out.append("  ").append(report.headline()).append('\n');
        out.append(fmt("  requests %d (%d failed)   actual $%.4f   counterfactual (all at frontier) $%.4f%n",
                t.requests(), t.failed(), t.costUsd(), t.counterfactualUsd()));
        out.append(fmt("  escalation rate %.1f%%   gate-failure rate %.1f%%%n", t.escalationRate() * 100, t.gateFailureRate() * 100));
        out.append("  tier mix: ").append(report.tierMix().isEmpty() ? "(no answered requests)" : report.tierMix().stream()
                .map(m -> fmt("%s %.1f%%", m.tier(), m.share() * 100)).collect(Collectors.joining("  "))).append('\n');
        out.append("  latency p50/p95 by tier: ").append(report.latency().isEmpty() ? "-" : report.latency().stream()
                .map(l -> fmt("%s %d/%d ms", l.tier(), l.p50Ms(), l.p95Ms())).collect(Collectors.joining("  "))).append('\n');
        out.append("  counterfactual output estimate: ").append(report.estimates().isEmpty() ? "-" : report.estimates().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        if (report.by() != null) {
            out.append('\n').append("by ").append(report.by().label()).append('\n');
            out.append(fmt("  %-24s %9s %12s %14s %8s %9s %9s %8s%n", report.by().label(), "requests", "actual $",
                    "counterfact $", "savings", "escalated", "gate fail", "parity"));
            for (SavingsReport.Group g : report.groups()) {
                Figures f = g.figures();
                out.append(fmt("  %-24s %9d %12.4f %14.4f %7.1f%% %8.1f%% %8.1f%% %8s%n", truncate(g.key()), f.requests(), f.costUsd(),
                        f.counterfactualUsd(), f.savingsPct(), f.escalationRate() * 100, f.gateFailureRate() * 100,
                        f.parity() == null ? "-" : fmt("%.1f%%", f.parity() * 100)));
            }
        }
        return out.toString();
    }

    private static String truncate(String key) {
        return key.length() <= 24 ? key : key.substring(0, 23) + "…";
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
