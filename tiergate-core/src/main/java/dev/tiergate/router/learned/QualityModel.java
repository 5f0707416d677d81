package dev.tiergate.router.learned;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** Predicts, for each known model, the probability that its answer to a prompt is acceptable. Thread-safe. */
public interface QualityModel {

    /** The model names, in the order {@link #predict} returns probabilities. */
    List<String> models();

    /**
     * @param embedding the L2-normalised prompt embedding
     * @param features  raw {@link dev.tiergate.router.features.PromptFeatures}
     */
    double[] predict(float[] embedding, double[] features);

    /** A short identifier written in the model file ("mlp", "logistic", "mf", "knn", "resid"). */
    String kind();

    void write(DataOutputStream out) throws IOException;

    static QualityModel read(String kind, DataInputStream in) throws IOException {
        return switch (kind) {
            case "knn" -> KnnQualityModel.readBody(in);
            case ResidualCorrectedModel.KIND -> ResidualCorrectedModel.readBody(in);
            default -> NeuralQualityModel.readBody(kind, in);
        };
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
