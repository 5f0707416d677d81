package dev.tiergate.eval.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code tiergate replay --strategy cascade}: replays the cascade on rows with recorded outcomes and compares it with
 * the classifier and with classifier + gate at equal quality. Every escalated request is charged for both calls
 * (the double spend), which is the cascade's real price and what makes the comparison honest.
 */
public final class CascadeReplay {
    private CascadeReplay() {}

    /** A quality bar every strategy is asked to reach. */
    private record Bar(String name, double quality) {}

    /**
     * @param score     the classifier's score per row of {@code data} (higher = needs the strong model)
     * @param realistic the imperfect gate to compare alongside the oracle gate
     */
    public static CascadeReport compare(String label, PairedRows data, double[] score, String scoreName, GateModel.Noisy realistic) {
        GateModel oracle = new GateModel.Oracle();
        StrategyResult weak = Strategies.alwaysWeak(data);
        StrategyResult strong = Strategies.alwaysStrong(data);
        StrategyResult cascadeOracle = Strategies.cascade(data, oracle);
        StrategyResult cascadeRealistic = Strategies.cascade(data, realistic);
        Sweep classifier = Strategies.classifier(data, score);
        Sweep withRealistic = Strategies.classifierWithGate(data, score, realistic);
        Sweep withOracle = Strategies.classifierWithGate(data, score, oracle);

        List<Bar> bars = List.of(
                new Bar("halfway from " + weak.name() + " to " + strong.name() + " (PGR 0.5)", (weak.quality() + strong.quality()) / 2),
                new Bar(cascadeRealistic.name(), cascadeRealistic.quality()),
                new Bar(strong.name(), strong.quality()),
                new Bar(cascadeOracle.name(), cascadeOracle.quality()));
        List<EqualQuality> comparisons = new ArrayList<>();
        for (Bar bar : bars) {
            List<EqualQuality.Entry> entries = new ArrayList<>();
            entries.add(new EqualQuality.Entry("classifier", classifier.cheapestReaching(bar.quality()).orElse(null)));
            entries.add(new EqualQuality.Entry("classifier + " + realistic.describe() + " gate",
                    withRealistic.cheapestReaching(bar.quality()).orElse(null)));
            entries.add(new EqualQuality.Entry("classifier + oracle gate", withOracle.cheapestReaching(bar.quality()).orElse(null)));
            for (StrategyResult cascade : List.of(cascadeRealistic, cascadeOracle)) {
                entries.add(new EqualQuality.Entry(cascade.name(), cascade.quality() >= bar.quality() - 1e-12 ? cascade : null));
            }
            comparisons.add(new EqualQuality(bar.name() + " quality", bar.quality(), entries));
        }
        String gateNote = String.format(Locale.ROOT,
                "Realistic gate: assumed recall %.2f (share of wrong cheap answers it rejects) and false-positive rate %.2f "
                        + "(share of right ones it rejects), drawn per row from seed %d; on these rows, where the cheap model is "
                        + "wrong on %.1f%% of requests, its precision was %.2f. Checking an answer costs %.1fx the cheap call.",
                realistic.recall(), realistic.falsePositiveRate(), realistic.seed(), 100 * wrongShare(data),
                Strategies.realizedPrecision(data, realistic), realistic.checkCostRatio());
        return new CascadeReport(label, scoreName, data.size(), data.strong(), data.weak(),
                List.of(weak, strong, cascadeOracle, cascadeRealistic), comparisons, List.of(gateNote));
    }

    private static double wrongShare(PairedRows data) {
        int wrong = 0;
        for (int i = 0; i < data.size(); i++) {
            wrong += data.weakAcceptable(i) ? 0 : 1;
        }
        return data.size() == 0 ? 0 : (double) wrong / data.size();
    }
}
