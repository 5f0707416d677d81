package dev.tiergate.eval.train;

import dev.tiergate.router.learned.NeuralQualityModel;
import dev.tiergate.router.learned.NeuralQualityModel.Activation;
import java.util.List;
import java.util.Random;

/**
 * Trains {@link NeuralQualityModel}s: masked binary cross-entropy with soft labels (scores in [0, 1]; NaN = the model
 * was not run on that prompt), mini-batch Adam, L2 weight decay, fixed seed, single-threaded, so results are
 * bit-for-bit reproducible.
 */
public final class NeuralFitter {

    /**
     * @param hidden     0 = logistic regression; otherwise the hidden width (MLP) or rank (MF)
     * @param activation RELU for an MLP, NONE for matrix factorisation
     */
    public record Params(String kind, int hidden, Activation activation, int epochs, double lr, double l2,
                         int batch, long seed) {
        public static Params logistic(double l2, int epochs, long seed) {
            return new Params("logistic", 0, Activation.NONE, epochs, 0.01, l2, 64, seed);
        }

        public static Params mlp(int hidden, double l2, int epochs, long seed) {
            return new Params("mlp", hidden, Activation.RELU, epochs, 0.002, l2, 64, seed);
        }

        public static Params mf(int rank, double l2, int epochs, long seed) {
            return new Params("mf", rank, Activation.NONE, epochs, 0.002, l2, 64, seed);
        }
    }

    private NeuralFitter() {}

    /**
     * @param x        inputs (already [embedding, standardised features])
     * @param y        targets, n x models, NaN = unknown
     * @param featMean feature standardisation to store with the model
     */
    public static NeuralQualityModel fit(Params p, List<String> models, float[][] x, float[][] y,
                                         double[] featMean, double[] featStd) {
        int n = x.length;
        int d = x[0].length;
        int m = models.size();
        int h = p.hidden();
        Random rnd = new Random(p.seed());
        int rows1 = h == 0 ? m : h;
        float[] w1 = new float[rows1 * d];
        float[] b1 = new float[rows1];
        float[] w2 = new float[h == 0 ? 0 : m * h];
        float[] b2 = new float[h == 0 ? 0 : m];
        double lim1 = Math.sqrt(6.0 / (d + rows1));
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) ((rnd.nextDouble() * 2 - 1) * (h == 0 ? 0.01 : lim1));
        }
        if (h > 0) {
            double lim2 = Math.sqrt(6.0 / (h + m));
            for (int i = 0; i < w2.length; i++) {
                w2[i] = (float) ((rnd.nextDouble() * 2 - 1) * lim2);
            }
        }
        // start every head at its base rate
        float[] headBias = h == 0 ? b1 : b2;
        for (int k = 0; k < m; k++) {
            double s = 0;
            int c = 0;
            for (float[] row : y) {
                if (!Float.isNaN(row[k])) {
                    s += row[k];
                    c++;
                }
            }
            double rate = c == 0 ? 0.5 : Math.min(0.99, Math.max(0.01, s / c));
            headBias[k] = (float) Math.log(rate / (1 - rate));
        }
        Adam a1 = new Adam(w1.length), ab1 = new Adam(b1.length), a2 = new Adam(w2.length), ab2 = new Adam(b2.length);
        float[] gw1 = new float[w1.length], gb1 = new float[b1.length], gw2 = new float[w2.length], gb2 = new float[b2.length];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] hid = new float[Math.max(h, 1)];
        float[] dh = new float[Math.max(h, 1)];
        float[] dz = new float[m];
        int step = 0;
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += p.batch()) {
                int end = Math.min(n, start + p.batch());
                java.util.Arrays.fill(gw1, 0);
                java.util.Arrays.fill(gb1, 0);
                java.util.Arrays.fill(gw2, 0);
                java.util.Arrays.fill(gb2, 0);
                for (int s = start; s < end; s++) {
                    float[] xi = x[order[s]];
                    float[] yi = y[order[s]];
                    if (h == 0) {
                        for (int k = 0; k < m; k++) {
                            if (Float.isNaN(yi[k])) {
                                continue;
                            }
                            double z = b1[k] + dot(w1, k * d, xi, d);
                            float g = (float) (sigmoid(z) - yi[k]);
                            axpy(gw1, k * d, g, xi, d);
                            gb1[k] += g;
                        }
                        continue;
                    }
                    for (int j = 0; j < h; j++) {
                        double z = b1[j] + dot(w1, j * d, xi, d);
                        hid[j] = (float) (p.activation() == Activation.RELU ? Math.max(0, z) : z);
                    }
                    boolean any = false;
                    for (int k = 0; k < m; k++) {
                        if (Float.isNaN(yi[k])) {
                            dz[k] = 0;
                            continue;
                        }
                        any = true;
                        double z = b2[k] + dot(w2, k * h, hid, h);
                        dz[k] = (float) (sigmoid(z) - yi[k]);
                    }
                    if (!any) {
                        continue;
                    }
                    java.util.Arrays.fill(dh, 0);
                    for (int k = 0; k < m; k++) {
                        if (dz[k] == 0) {
                            continue;
                        }
                        axpy(gw2, k * h, dz[k], hid, h);
                        gb2[k] += dz[k];
                        for (int j = 0; j < h; j++) {
                            dh[j] += dz[k] * w2[k * h + j];
                        }
                    }
                    for (int j = 0; j < h; j++) {
                        float g = p.activation() == Activation.RELU && hid[j] <= 0 ? 0 : dh[j];
                        if (g != 0) {
                            axpy(gw1, j * d, g, xi, d);
                            gb1[j] += g;
                        }
                    }
                }
                float scale = 1f / (end - start);
                step++;
                a1.update(w1, gw1, scale, p.lr(), p.l2(), step);
                ab1.update(b1, gb1, scale, p.lr(), 0, step);
                a2.update(w2, gw2, scale, p.lr(), p.l2(), step);
                ab2.update(b2, gb2, scale, p.lr(), 0, step);
            }
        }
        return new NeuralQualityModel(p.kind(), models, featMean, featStd, d, h, p.activation(), w1, b1, w2, b2);
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    private static double dot(float[] w, int off, float[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += w[off + i] * x[i];
        }
        return s;
    }

    private static void axpy(float[] g, int off, float a, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            g[off + i] += a * x[i];
        }
    }

    /** Adam with decoupled weight decay (AdamW). */
    private static final class Adam {
        final float[] mom;
        final float[] vel;

        Adam(int n) {
            mom = new float[n];
            vel = new float[n];
        }

        void update(float[] w, float[] g, float scale, double lr, double l2, int t) {
            double b1 = 0.9, b2 = 0.999, eps = 1e-8;
            double c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] * scale;
                mom[i] = (float) (b1 * mom[i] + (1 - b1) * gi);
                vel[i] = (float) (b2 * vel[i] + (1 - b2) * gi * gi);
                double step = lr * (mom[i] / c1) / (Math.sqrt(vel[i] / c2) + eps);
                w[i] = (float) (w[i] - step - lr * l2 * w[i]);
            }
        }
    }
}
