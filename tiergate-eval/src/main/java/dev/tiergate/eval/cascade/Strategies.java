package dev.tiergate.eval.cascade;

/**
 * The strategies replay compares, on recorded outcomes: fixed models, the classifier (its score decides), the
 * cascade (cheap first, a gate decides whether to pay for the strong model too) and the classifier with a gate on
 * the requests it sends to the cheap model.
 */
public final class Strategies {
    private Strategies() {}

    public static StrategyResult alwaysWeak(PairedRows d) {
        return fixed("always " + d.weak(), d, false);
    }

    public static StrategyResult alwaysStrong(PairedRows d) {
        return fixed("always " + d.strong(), d, true);
    }

    public static StrategyResult cascade(PairedRows d, GateModel gate) {
        return new Sweep("cascade, " + gate.describe() + " gate", d, new double[d.size()], i -> RowOutcome.cascade(d, i, gate))
                .at(0).withName("cascade (" + gate.describe() + " gate)");
    }

    public static Sweep classifier(PairedRows d, double[] score) {
        return new Sweep("classifier", d, score, i -> RowOutcome.weak(d, i));
    }

    public static Sweep classifierWithGate(PairedRows d, double[] score, GateModel gate) {
        return new Sweep("classifier + " + gate.describe() + " gate", d, score, i -> RowOutcome.cascade(d, i, gate));
    }

    /** How often the gate's rejections were right, on these rows: it depends on how often the cheap model errs. */
    public static double realizedPrecision(PairedRows d, GateModel gate) {
        int rejected = 0;
        int rightly = 0;
        for (int i = 0; i < d.size(); i++) {
            boolean acceptable = d.weakAcceptable(i);
            if (gate.rejects(d.id(i), acceptable)) {
                rejected++;
                rightly += acceptable ? 0 : 1;
            }
        }
        return rejected == 0 ? Double.NaN : (double) rightly / rejected;
    }

    private static StrategyResult fixed(String name, PairedRows d, boolean strong) {
        Sweep sweep = new Sweep(name, d, new double[d.size()], i -> strong ? RowOutcome.strong(d, i) : RowOutcome.weak(d, i));
        return sweep.at(0).withName(name);
    }
}
