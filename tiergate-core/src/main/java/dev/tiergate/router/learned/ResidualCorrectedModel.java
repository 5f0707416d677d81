package dev.tiergate.router.learned;

import dev.tiergate.router.features.PromptFeatures;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * A quality model plus a linear correction on a few cheap prompt features: P(model ok) = base + coef · z(features),
 * clamped to [0, 1]. The coefficients are fitted (ridge) on what the base model gets wrong on prompts it did not see,
 * so a feature only moves the prediction where it explains the embedding model's residual error — for instance the
 * length of the final question, which similarity in embedding space does not see.
 */
public final class ResidualCorrectedModel implements QualityModel {

    static final String KIND = "resid";

    private final QualityModel base;
    private final int[] features;      // indices into PromptFeatures
    private final double[] mean;
    private final double[] std;
    private final double[][] coef;     // models x features, on standardised features

    public ResidualCorrectedModel(QualityModel base, int[] features, double[] mean, double[] std, double[][] coef) {
        if (mean.length != features.length || std.length != features.length || coef.length != base.models().size()) {
            throw new IllegalArgumentException("correction shape does not match the base model");
        }
        for (int f : features) {
            if (f < 0 || f >= PromptFeatures.size()) {
                throw new IllegalArgumentException("unknown prompt feature index " + f);
            }
        }
        this.base = base;
        this.features = features.clone();
        this.mean = mean.clone();
        this.std = std.clone();
        this.coef = new double[coef.length][];
        for (int j = 0; j < coef.length; j++) {
            if (coef[j].length != features.length) {
                throw new IllegalArgumentException("correction shape does not match the features");
            }
            this.coef[j] = coef[j].clone();
        }
    }

    public QualityModel base() {
        return base;
    }

    /** The feature names the correction reads. */
    public List<String> featureNames() {
        return java.util.Arrays.stream(features).mapToObj(PromptFeatures.NAMES::get).toList();
    }

    /** The coefficient of model {@code j} on feature {@code f} (per standard deviation of the feature). */
    public double coefficient(int j, int f) {
        return coef[j][f];
    }

    @Override
    public List<String> models() {
        return base.models();
    }

    @Override
    public double[] predict(float[] embedding, double[] x) {
        double[] p = base.predict(embedding, x);
        double[] z = new double[features.length];
        for (int f = 0; f < features.length; f++) {
            z[f] = std[f] == 0 ? 0 : (x[features[f]] - mean[f]) / std[f];
        }
        for (int j = 0; j < p.length; j++) {
            double v = p[j];
            for (int f = 0; f < z.length; f++) {
                v += coef[j][f] * z[f];
            }
            p[j] = Math.max(0, Math.min(1, v));
        }
        return p;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(features.length);
        for (int f = 0; f < features.length; f++) {
            out.writeUTF(PromptFeatures.NAMES.get(features[f]));
            out.writeDouble(mean[f]);
            out.writeDouble(std[f]);
        }
        out.writeInt(coef.length);
        for (double[] row : coef) {
            for (double c : row) {
                out.writeDouble(c);
            }
        }
        out.writeUTF(base.kind());
        base.write(out);
    }

    static ResidualCorrectedModel readBody(DataInputStream in) throws IOException {
        int nf = in.readInt();
        int[] features = new int[nf];
        double[] mean = new double[nf];
        double[] std = new double[nf];
        for (int f = 0; f < nf; f++) {
            String name = in.readUTF();
            features[f] = PromptFeatures.NAMES.indexOf(name);
            if (features[f] < 0) {
                throw new IOException("router model uses an unknown prompt feature: " + name);
            }
            mean[f] = in.readDouble();
            std[f] = in.readDouble();
        }
        double[][] coef = new double[in.readInt()][nf];
        for (double[] row : coef) {
            for (int f = 0; f < nf; f++) {
                row[f] = in.readDouble();
            }
        }
        QualityModel base = QualityModel.read(in.readUTF(), in);
        return new ResidualCorrectedModel(base, features, mean, std, coef);
    }
}
