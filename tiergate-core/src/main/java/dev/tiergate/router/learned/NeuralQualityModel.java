package dev.tiergate.router.learned;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-head model over x = [embedding, standardised features]: logistic regression (no hidden layer), a small MLP
 * (ReLU hidden layer) or matrix factorisation (linear low-rank projection shared by the per-model heads, as in
 * RouteLLM's MF router: logit_m = v_m · (P x) + b_m). One sigmoid head per model. Kind "ridge" is a linear
 * probability model (ridge regression of the score, no hidden layer), clamped to [0, 1] instead of a sigmoid.
 */
public final class NeuralQualityModel implements QualityModel {

    public enum Activation { NONE, RELU }

    private final String kind;
    private final List<String> models;
    private final double[] featMean;
    private final double[] featStd;
    private final int inputDim;
    private final int hidden;          // 0 = logistic
    private final Activation activation;
    private final float[] w1;          // hidden x inputDim (or models x inputDim when hidden == 0)
    private final float[] b1;
    private final float[] w2;          // models x hidden
    private final float[] b2;
    private final boolean linearOutput;

    public NeuralQualityModel(String kind, List<String> models, double[] featMean, double[] featStd, int inputDim,
                              int hidden, Activation activation, float[] w1, float[] b1, float[] w2, float[] b2) {
        this.kind = kind;
        this.models = List.copyOf(models);
        this.featMean = featMean;
        this.featStd = featStd;
        this.inputDim = inputDim;
        this.hidden = hidden;
        this.activation = activation;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.linearOutput = "ridge".equals(kind);
        int rows = hidden == 0 ? models.size() : hidden;
        if (w1.length != rows * inputDim || b1.length != rows
                || (hidden > 0 && (w2.length != models.size() * hidden || b2.length != models.size()))) {
            throw new IllegalArgumentException("weight shapes do not match");
        }
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public String kind() {
        return kind;
    }

    public int inputDim() {
        return inputDim;
    }

    /** The input vector: embedding then standardised features. */
    public float[] input(float[] embedding, double[] features) {
        return input(embedding, features, featMean, featStd, inputDim);
    }

    public static float[] input(float[] embedding, double[] features, double[] mean, double[] std, int inputDim) {
        float[] x = new float[inputDim];
        int e = Math.min(embedding.length, inputDim);
        System.arraycopy(embedding, 0, x, 0, e);
        for (int j = 0; j < mean.length && e + j < inputDim; j++) {
            x[e + j] = (float) (std[j] > 0 ? (features[j] - mean[j]) / std[j] : 0);
        }
        return x;
    }

    @Override
    public double[] predict(float[] embedding, double[] features) {
        float[] x = input(embedding, features);
        int m = models.size();
        double[] out = new double[m];
        if (hidden == 0) {
            for (int k = 0; k < m; k++) {
                double z = dot(w1, k * inputDim, x, inputDim) + b1[k];
                out[k] = linearOutput ? Math.max(0, Math.min(1, z)) : QualityModel.sigmoid(z);
            }
            return out;
        }
        float[] h = new float[hidden];
        for (int j = 0; j < hidden; j++) {
            double z = dot(w1, j * inputDim, x, inputDim) + b1[j];
            h[j] = (float) (activation == Activation.RELU ? Math.max(0, z) : z);
        }
        for (int k = 0; k < m; k++) {
            out[k] = QualityModel.sigmoid(dot(w2, k * hidden, h, hidden) + b2[k]);
        }
        return out;
    }

    private static double dot(float[] w, int offset, float[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += w[offset + i] * x[i];
        }
        return s;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(models.size());
        for (String model : models) {
            out.writeUTF(model);
        }
        ModelIO.writeDoubles(out, featMean);
        ModelIO.writeDoubles(out, featStd);
        out.writeInt(inputDim);
        out.writeInt(hidden);
        out.writeUTF(activation.name());
        ModelIO.writeFloats(out, w1);
        ModelIO.writeFloats(out, b1);
        ModelIO.writeFloats(out, w2);
        ModelIO.writeFloats(out, b2);
    }

    static NeuralQualityModel readBody(String kind, DataInputStream in) throws IOException {
        int m = in.readInt();
        List<String> models = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            models.add(in.readUTF());
        }
        double[] mean = ModelIO.readDoubles(in);
        double[] std = ModelIO.readDoubles(in);
        int inputDim = in.readInt();
        int hidden = in.readInt();
        Activation act = Activation.valueOf(in.readUTF());
        return new NeuralQualityModel(kind, models, mean, std, inputDim, hidden, act,
                ModelIO.readFloats(in), ModelIO.readFloats(in), ModelIO.readFloats(in), ModelIO.readFloats(in));
    }
}
