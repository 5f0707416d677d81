package dev.tiergate.router.learned;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Similarity-weighted kNN (RouteLLM's SW ranking, simplified to outcome averaging): the k most similar training
 * prompts vote with weight exp(gamma * (sim - maxSim)); each model's probability is the weighted mean of its scores,
 * shrunk towards the model's global mean by {@code prior} pseudo-votes. Training embeddings are stored as int8.
 */
public final class KnnQualityModel implements QualityModel {

    private final List<String> models;
    private final int dim;
    private final byte[] vectors;     // n x dim, int8, per-row scale
    private final float[] scales;
    private final float[] scores;     // n x models, NaN = unknown
    private final double[] globalMean;
    private final float[] dequantised; // n x dim floats (vector x scale), for a fast dot product
    private final int k;
    private final double gamma;
    private final double prior;

    public KnnQualityModel(List<String> models, int dim, byte[] vectors, float[] scales, float[] scores,
                           int k, double gamma, double prior) {
        this.models = List.copyOf(models);
        this.dim = dim;
        this.vectors = vectors;
        this.scales = scales;
        this.scores = scores;
        this.k = k;
        this.gamma = gamma;
        this.prior = prior;
        int n = scales.length;
        int m = models.size();
        this.dequantised = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                dequantised[i * dim + d] = vectors[i * dim + d] * scales[i];
            }
        }
        this.globalMean = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            int c = 0;
            for (int i = 0; i < n; i++) {
                float v = scores[i * m + j];
                if (!Float.isNaN(v)) {
                    s += v;
                    c++;
                }
            }
            globalMean[j] = c == 0 ? 0.5 : s / c;
        }
    }

    /** Builds the model from float embeddings (quantised to int8 here). */
    public static KnnQualityModel of(List<String> models, List<float[]> embeddings, float[] scores,
                                     int k, double gamma, double prior) {
        int n = embeddings.size();
        int dim = embeddings.get(0).length;
        byte[] q = new byte[n * dim];
        float[] scales = new float[n];
        for (int i = 0; i < n; i++) {
            float[] e = embeddings.get(i);
            float max = 1e-12f;
            for (float v : e) {
                max = Math.max(max, Math.abs(v));
            }
            scales[i] = max / 127f;
            for (int d = 0; d < dim; d++) {
                q[i * dim + d] = (byte) Math.round(e[d] / scales[i]);
            }
        }
        return new KnnQualityModel(models, dim, q, scales, scores, k, gamma, prior);
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public String kind() {
        return "knn";
    }

    @Override
    public double[] predict(float[] embedding, double[] features) {
        int n = scales.length;
        int m = models.size();
        double[] sims = new double[n];
        for (int i = 0; i < n; i++) {
            sims[i] = DotProducts.dot(dequantised, i * dim, embedding, dim);
        }
        int kk = Math.min(k, n);
        int[] top = topK(sims, kk);
        double maxSim = sims[top[0]];
        double[] num = new double[m];
        double[] den = new double[m];
        for (int t = 0; t < kk; t++) {
            int i = top[t];
            double w = Math.exp(gamma * (sims[i] - maxSim));
            for (int j = 0; j < m; j++) {
                float v = scores[i * m + j];
                if (!Float.isNaN(v)) {
                    num[j] += w * v;
                    den[j] += w;
                }
            }
        }
        double[] out = new double[m];
        for (int j = 0; j < m; j++) {
            out[j] = (num[j] + prior * globalMean[j]) / (den[j] + prior);
        }
        return out;
    }

    private static int[] topK(double[] values, int k) {
        // partial selection with a small insertion-sorted buffer: k is tiny (<= a few hundred)
        int[] idx = new int[k];
        double[] best = new double[k];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v <= best[k - 1]) {
                continue;
            }
            int p = k - 1;
            while (p > 0 && best[p - 1] < v) {
                best[p] = best[p - 1];
                idx[p] = idx[p - 1];
                p--;
            }
            best[p] = v;
            idx[p] = i;
        }
        return idx;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(models.size());
        for (String model : models) {
            out.writeUTF(model);
        }
        out.writeInt(dim);
        out.writeInt(k);
        out.writeDouble(gamma);
        out.writeDouble(prior);
        out.writeInt(vectors.length);
        out.write(vectors);
        ModelIO.writeFloats(out, scales);
        ModelIO.writeFloats(out, scores);
    }

    static KnnQualityModel readBody(DataInputStream in) throws IOException {
        int m = in.readInt();
        List<String> models = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            models.add(in.readUTF());
        }
        int dim = in.readInt();
        int k = in.readInt();
        double gamma = in.readDouble();
        double prior = in.readDouble();
        byte[] vectors = new byte[in.readInt()];
        in.readFully(vectors);
        return new KnnQualityModel(models, dim, vectors, ModelIO.readFloats(in), ModelIO.readFloats(in), k, gamma, prior);
    }
}
