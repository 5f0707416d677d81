package dev.tiergate.eval.judged;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Derives the report from the finished rows. Sums run in the eval set's order, so a run resumed from a checkpoint
 * gives exactly the same figures as one that ran straight through.
 */
final class ReportBuilder {
    private final EvalSettings settings;
    private final List<String> tierOrder;
    private final Pricing pricing;

    /** @param tierOrder the ladder's tier names, cheapest first: the order of the tier mix */
    ReportBuilder(EvalSettings settings, List<String> tierOrder) {
        this.settings = settings;
        this.tierOrder = List.copyOf(tierOrder);
        this.pricing = new Pricing(settings.overlay());
    }

    EvalResults build(List<EvalItem> items, Map<String, EvalRow> finished, RunStatus status) {
        List<ScoredRow> rows = new ArrayList<>();
        for (EvalItem item : items) {
            EvalRow row = finished.get(item.id());
            if (row != null) {
                rows.add(new ScoredRow(row, figures(row)));
            }
        }
        EvalReport report = new EvalReport(run(items.size(), rows, status), headline(rows),
                groups(rows, r -> r.row().complexity(), complexityOrder()), groups(rows, r -> r.row().category(), Comparator.naturalOrder()),
                scores(rows), routing(rows), exclusions(rows), agreement(rows));
        return new EvalResults(report, rows);
    }

    RowFigures figures(EvalRow row) {
        Exclusion exclusion = row.exclusion();
        Integer score = row.score();
        PassResult routed = row.routed();
        List<ModelCall> judgeCalls = new ArrayList<>();
        if (row.judge() != null) {
            judgeCalls.addAll(row.judge().calls());
        }
        if (row.judge2() != null) {
            judgeCalls.addAll(row.judge2().calls());
        }
        List<ModelCall> routedCalls = routed == null ? List.of() : routed.calls();
        return new RowFigures(score, score == null ? null : score >= settings.passScore(), exclusion == null ? null : exclusion.label(),
                routed == null ? null : routed.tier(), routed == null ? 0 : routed.escalations(),
                pricing.cost(row.baseline().calls()), pricing.cost(routedCalls), pricing.cost(judgeCalls),
                row.baseline().calls().stream().mapToLong(ModelCall::inputTokens).sum(),
                row.baseline().calls().stream().mapToLong(ModelCall::outputTokens).sum(),
                routedCalls.stream().mapToLong(ModelCall::inputTokens).sum(),
                routedCalls.stream().mapToLong(ModelCall::outputTokens).sum());
    }

    private EvalReport.Run run(int prompts, List<ScoredRow> rows, RunStatus status) {
        double spent = 0;
        TreeSet<String> repriced = new TreeSet<>();
        for (ScoredRow r : rows) {
            for (ModelCall call : r.row().allCalls()) {
                spent += call.costUsd();
                if (pricing.repriced(call)) {
                    repriced.add(call.model());
                }
            }
        }
        Double cap = Double.isInfinite(settings.maxSpendUsd()) ? null : settings.maxSpendUsd();
        return new EvalReport.Run(status.name().toLowerCase(java.util.Locale.ROOT), status.label(), settings.route(), settings.baseline(),
                settings.judge(), settings.judge2(), settings.passScore(), prompts, rows.size(), prompts - rows.size(), spent, cap,
                settings.overlay().source(), settings.overlay().active(), List.copyOf(repriced));
    }

    private EvalReport.Headline headline(List<ScoredRow> rows) {
        Tally all = new Tally();
        double judge = 0;
        double everything = 0;
        for (ScoredRow r : rows) {
            all.add(r.figures());
            judge += r.figures().judgeCostUsd();
            everything += r.figures().baselineCostUsd() + r.figures().routedCostUsd() + r.figures().judgeCostUsd();
        }
        return new EvalReport.Headline(all.preserved, all.scored, all.rate(), all.baselineCost, all.routedCost, all.reduction(),
                all.excluded, judge, everything);
    }

    private static List<EvalReport.Group> groups(List<ScoredRow> rows, Function<ScoredRow, String> key, Comparator<String> order) {
        Map<String, Tally> tallies = new java.util.TreeMap<>(order);
        for (ScoredRow r : rows) {
            tallies.computeIfAbsent(key.apply(r), k -> new Tally()).add(r.figures());
        }
        List<EvalReport.Group> groups = new ArrayList<>();
        tallies.forEach((name, t) -> groups.add(new EvalReport.Group(name, t.scored, t.preserved, t.rate(), t.excluded,
                t.baselineCost, t.routedCost, t.reduction())));
        return groups;
    }

    /** low, medium, high, then anything else (unspecified) alphabetically. */
    private static Comparator<String> complexityOrder() {
        return Comparator.<String>comparingInt(c -> EvalItem.COMPLEXITIES.contains(c) ? EvalItem.COMPLEXITIES.indexOf(c) : 99)
                .thenComparing(Comparator.naturalOrder());
    }

    private static Map<String, Integer> scores(List<ScoredRow> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int s = 1; s <= 5; s++) {
            counts.put(Integer.toString(s), 0);
        }
        rows.stream().map(r -> r.figures().score()).filter(java.util.Objects::nonNull)
                .forEach(s -> counts.merge(Integer.toString(s), 1, Integer::sum));
        return counts;
    }

    private EvalReport.Routing routing(List<ScoredRow> rows) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        tierOrder.forEach(t -> mix.put(t, 0));
        int answered = 0;
        int escalated = 0;
        int failed = 0;
        for (ScoredRow r : rows) {
            PassResult routed = r.row().routed();
            if (routed == null) {
                continue;
            }
            if (!routed.answered()) {
                failed++;
                continue;
            }
            answered++;
            mix.merge(routed.tier(), 1, Integer::sum);
            if (routed.escalations() > 0) {
                escalated++;
            }
        }
        int total = answered;
        List<EvalReport.TierShare> shares = new ArrayList<>();
        mix.forEach((tier, count) -> shares.add(new EvalReport.TierShare(tier, count, ratio(count, total))));
        return new EvalReport.Routing(shares, answered, escalated, ratio(escalated, answered), failed);
    }

    private static Map<String, Integer> exclusions(List<ScoredRow> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Exclusion e : Exclusion.values()) {
            counts.put(e.label(), 0);
        }
        rows.stream().map(r -> r.figures().exclusion()).filter(java.util.Objects::nonNull).forEach(e -> counts.merge(e, 1, Integer::sum));
        return counts;
    }

    private EvalReport.Agreement agreement(List<ScoredRow> rows) {
        if (settings.judge2() == null) {
            return null;
        }
        List<Kappa.Pair> scores = new ArrayList<>();
        List<Kappa.Pair> passes = new ArrayList<>();
        int exact = 0;
        int preservedBySecond = 0;
        for (ScoredRow r : rows) {
            JudgeVerdict first = r.row().judge();
            JudgeVerdict second = r.row().judge2();
            if (first == null || second == null || !first.scored() || !second.scored()) {
                continue;
            }
            scores.add(new Kappa.Pair(first.score() - 1, second.score() - 1));
            boolean firstPass = first.score() >= settings.passScore();
            boolean secondPass = second.score() >= settings.passScore();
            passes.add(new Kappa.Pair(firstPass ? 1 : 0, secondPass ? 1 : 0));
            exact += first.score().equals(second.score()) ? 1 : 0;
            preservedBySecond += secondPass ? 1 : 0;
        }
        return new EvalReport.Agreement(settings.judge2(), scores.size(), ratio(exact, scores.size()),
                defined(Kappa.cohen(scores, 5)), defined(Kappa.cohen(passes, 2)), preservedBySecond);
    }

    private static Double ratio(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double defined(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** Counts and cost sums of a group of rows; costs only of rows that count, so they match the quality figure. */
    private static final class Tally {
        int scored;
        int preserved;
        int excluded;
        double baselineCost;
        double routedCost;

        void add(RowFigures f) {
            if (f.score() == null) {
                excluded++;
                return;
            }
            scored++;
            preserved += f.preserved() ? 1 : 0;
            baselineCost += f.baselineCostUsd();
            routedCost += f.routedCostUsd();
        }

        Double rate() {
            return ratio(preserved, scored);
        }

        Double reduction() {
            return baselineCost > 0 ? 1 - routedCost / baselineCost : null;
        }
    }
}
