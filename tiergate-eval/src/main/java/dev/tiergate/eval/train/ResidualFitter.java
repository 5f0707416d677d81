package dev.tiergate.eval.train;

import dev.tiergate.router.features.PromptFeatures;
import dev.tiergate.router.learned.QualityModel;
import dev.tiergate.router.learned.ResidualCorrectedModel;
import java.util.List;

/**
 * Fits {@link ResidualCorrectedModel}: the base candidate's 5-fold out-of-fold predictions on the training rows (seeded,
 * stratified by source) give its residual errors; a ridge regression per model of those residuals on the standardised
 * chosen features gives the correction; the base is then refitted on all training rows. Fitting on out-of-fold
 * residuals matters: a kNN scored on its own training rows finds each prompt itself and has almost no residual.
 */
final class ResidualFitter {
    private ResidualFitter() {}

    static QualityModel fit(Candidate base, Featurized t, int[] features, double lambda, long seed) {
        int n = t.size();
        int m = t.models.size();
        int nf = features.length;
        double[] mean = new double[nf];
        double[] std = new double[nf];
        for (int f = 0; f < nf; f++) {
            double s = 0;
            double ss = 0;
            for (double[] row : t.features) {
                s += row[features[f]];
                ss += row[features[f]] * row[features[f]];
            }
            mean[f] = s / n;
            std[f] = Math.sqrt(Math.max(0, ss / n - mean[f] * mean[f]));
            if (std[f] < 1e-9) {
                std[f] = 0;
            }
        }
        double[][] oof = CrossValidation.outOfFold(base, t, CrossValidation.folds(t, 5, seed));
        double[][] coef = new double[m][];
        for (int j = 0; j < m; j++) {
            double[][] a = new double[nf][nf];
            double[] rhs = new double[nf];
            double[] z = new double[nf];
            for (int i = 0; i < n; i++) {
                float y = t.scores[i][j];
                if (Float.isNaN(y) || oof[i] == null || Double.isNaN(oof[i][j])) {
                    continue;
                }
                double r = y - oof[i][j];
                for (int f = 0; f < nf; f++) {
                    z[f] = std[f] == 0 ? 0 : (t.features[i][features[f]] - mean[f]) / std[f];
                }
                for (int p = 0; p < nf; p++) {
                    rhs[p] += z[p] * r;
                    for (int q = 0; q < nf; q++) {
                        a[p][q] += z[p] * z[q];
                    }
                }
            }
            for (int p = 0; p < nf; p++) {
                a[p][p] += lambda;
            }
            coef[j] = RidgeFitter.solveSpd(a, rhs);
        }
        return new ResidualCorrectedModel(base.fit(t), features, mean, std, coef);
    }

    /** Feature indices from a comma-separated list of {@link PromptFeatures#NAMES}, or {@code all}. */
    static int[] features(String spec) {
        if ("all".equals(spec)) {
            return java.util.stream.IntStream.range(0, PromptFeatures.size()).toArray();
        }
        List<String> names = List.of(spec.split(","));
        int[] idx = new int[names.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = PromptFeatures.NAMES.indexOf(names.get(i));
            if (idx[i] < 0) {
                throw new IllegalArgumentException("unknown prompt feature " + names.get(i) + "; known: "
                        + String.join(", ", PromptFeatures.NAMES));
            }
        }
        return idx;
    }
}
