package dev.tiergate.eval.train;

import dev.tiergate.router.learned.NeuralQualityModel;
import java.util.List;

/**
 * Closed-form ridge regression of each model's score on x (a linear probability model), fitted on the rows where that
 * model was run. Linear in the targets, so the two-tier GAP score is exactly a ridge regression of the strong-weak
 * gain. The intercept is not penalised (targets and inputs are centred).
 */
public final class RidgeFitter {
    private RidgeFitter() {}

    public static NeuralQualityModel fit(List<String> models, float[][] x, float[][] y, double lambda,
                                         double[] featMean, double[] featStd) {
        int n = x.length;
        int d = x[0].length;
        int m = models.size();
        float[] w = new float[m * d];
        float[] b = new float[m];
        for (int k = 0; k < m; k++) {
            double[] mean = new double[d];
            double ym = 0;
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (Float.isNaN(y[i][k])) {
                    continue;
                }
                c++;
                ym += y[i][k];
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i][j];
                }
            }
            if (c == 0) {
                b[k] = 0.5f;
                continue;
            }
            ym /= c;
            for (int j = 0; j < d; j++) {
                mean[j] /= c;
            }
            double[][] a = new double[d][d];
            double[] rhs = new double[d];
            double[] xc = new double[d];
            for (int i = 0; i < n; i++) {
                if (Float.isNaN(y[i][k])) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    xc[j] = x[i][j] - mean[j];
                }
                double yc = y[i][k] - ym;
                for (int p = 0; p < d; p++) {
                    double v = xc[p];
                    if (v == 0) {
                        continue;
                    }
                    rhs[p] += v * yc;
                    double[] row = a[p];
                    for (int q = p; q < d; q++) {
                        row[q] += v * xc[q];
                    }
                }
            }
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < p; q++) {
                    a[p][q] = a[q][p];
                }
                a[p][p] += lambda * c;
            }
            double[] beta = solveSpd(a, rhs);
            double intercept = ym;
            for (int j = 0; j < d; j++) {
                w[k * d + j] = (float) beta[j];
                intercept -= beta[j] * mean[j];
            }
            b[k] = (float) intercept;
        }
        return new NeuralQualityModel("ridge", models, featMean, featStd, d, 0,
                NeuralQualityModel.Activation.NONE, w, b, new float[0], new float[0]);
    }

    /** Cholesky solve of a symmetric positive-definite system (a is overwritten). */
    static double[] solveSpd(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double s = a[j][j];
            for (int k = 0; k < j; k++) {
                s -= a[j][k] * a[j][k];
            }
            double diag = Math.sqrt(Math.max(s, 1e-12));
            a[j][j] = diag;
            for (int i = j + 1; i < n; i++) {
                double t = a[i][j];
                for (int k = 0; k < j; k++) {
                    t -= a[i][k] * a[j][k];
                }
                a[i][j] = t / diag;
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double t = b[i];
            for (int k = 0; k < i; k++) {
                t -= a[i][k] * z[k];
            }
            z[i] = t / a[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double t = z[i];
            for (int k = i + 1; k < n; k++) {
                t -= a[k][i] * x[k];
            }
            x[i] = t / a[i][i];
        }
        return x;
    }
}
