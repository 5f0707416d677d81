package dev.tiergate.eval.train;

import dev.tiergate.router.learned.KnnQualityModel;
import dev.tiergate.router.learned.NeuralQualityModel;
import dev.tiergate.router.learned.QualityModel;
import java.util.ArrayList;
import java.util.List;

/** A trainable router model family with fixed hyper-parameters. */
public interface Candidate {

    String name();

    QualityModel fit(Featurized train);

    /** Neural models (logistic, MLP, MF) over [embedding, standardised features]. */
    static Candidate neural(String name, NeuralFitter.Params params, boolean useEmbedding, boolean useFeatures) {
        return new Candidate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public QualityModel fit(Featurized t) {
                return neuralFit(t, params, useEmbedding, useFeatures, 1.0);
            }
        };
    }

    /** Ridge (linear probability) heads; {@code embScale} weighs the embedding block against the features. */
    static Candidate ridge(String name, double lambda, double embScale, boolean useFeatures) {
        NeuralFitter.Params marker = new NeuralFitter.Params("ridge", 0, NeuralQualityModel.Activation.NONE, 0, 0, lambda, 0, 0);
        return new Candidate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public QualityModel fit(Featurized t) {
                return neuralFit(t, marker, true, useFeatures, embScale);
            }
        };
    }

    /**
     * Parses a candidate spec: {@code ridge:LAMBDA[:EMB_SCALE]}, {@code logistic:L2:EPOCHS},
     * {@code mlp:HIDDEN:L2:EPOCHS}, {@code mf:RANK:L2:EPOCHS}, {@code knn:K:GAMMA:PRIOR}, {@code features} (logistic on
     * the cheap features only); any of them followed by {@code /resid:LAMBDA:FEATURES} adds a ridge correction of its
     * out-of-fold residuals on those prompt features (comma-separated names, or {@code all}).
     */
    static Candidate parse(String spec, long seed) {
        int slash = spec.indexOf('/');
        if (slash >= 0) {
            return residual(spec, parse(spec.substring(0, slash), seed), spec.substring(slash + 1), seed);
        }
        String[] p = spec.split(":");
        return switch (p[0]) {
            case "ridge" -> ridge(spec, Double.parseDouble(p[1]), p.length > 2 ? Double.parseDouble(p[2]) : 1.0, true);
            case "logistic" -> neural(spec, NeuralFitter.Params.logistic(Double.parseDouble(p[1]), Integer.parseInt(p[2]), seed), true, true);
            case "mlp" -> neural(spec, NeuralFitter.Params.mlp(Integer.parseInt(p[1]), Double.parseDouble(p[2]), Integer.parseInt(p[3]), seed), true, true);
            case "mf" -> neural(spec, NeuralFitter.Params.mf(Integer.parseInt(p[1]), Double.parseDouble(p[2]), Integer.parseInt(p[3]), seed), true, true);
            case "knn" -> knn(spec, Integer.parseInt(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3]));
            case "features" -> neural(spec, NeuralFitter.Params.logistic(1e-3, 60, seed), false, true);
            default -> throw new IllegalArgumentException("unknown candidate " + spec
                    + " (ridge:L, logistic:L2:E, mlp:H:L2:E, mf:R:L2:E, knn:K:G:P, features)");
        };
    }

    static Candidate residual(String name, Candidate base, String correction, long seed) {
        String[] p = correction.split(":");
        if (p.length != 3 || !"resid".equals(p[0])) {
            throw new IllegalArgumentException("unknown correction " + correction + " (resid:LAMBDA:FEATURES)");
        }
        double lambda = Double.parseDouble(p[1]);
        int[] features = ResidualFitter.features(p[2]);
        return new Candidate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public QualityModel fit(Featurized t) {
                return ResidualFitter.fit(base, t, features, lambda, seed);
            }
        };
    }

    static Candidate knn(String name, int k, double gamma, double prior) {
        return new Candidate() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public QualityModel fit(Featurized t) {
                int m = t.models.size();
                float[] scores = new float[t.size() * m];
                for (int i = 0; i < t.size(); i++) {
                    System.arraycopy(t.scores[i], 0, scores, i * m, m);
                }
                return KnnQualityModel.of(t.models, new ArrayList<>(t.embeddings), scores, k, gamma, prior);
            }
        };
    }
    static QualityModel neuralFit(Featurized t, NeuralFitter.Params params, boolean useEmbedding, boolean useFeatures,
                                  double embScale) {
        int n = t.size();
        int f = useFeatures ? t.features[0].length : 0;
        double[] mean = new double[f];
        double[] std = new double[f];
        for (int j = 0; j < f; j++) {
            double s = 0, ss = 0;
            for (double[] row : t.features) {
                s += row[j];
                ss += row[j] * row[j];
            }
            mean[j] = s / n;
            std[j] = Math.sqrt(Math.max(0, ss / n - mean[j] * mean[j]));
            if (std[j] < 1e-9) {
                std[j] = 0;
            }
        }
        // features are stored pre-divided by 1/embScale so that the embedding block effectively weighs embScale
        double[] stdScaled = new double[f];
        for (int j = 0; j < f; j++) {
            stdScaled[j] = std[j] * embScale;
        }
        int e = t.embeddings.get(0).length;
        int dim = e + f;
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] emb = useEmbedding ? t.embeddings.get(i) : new float[e];
            x[i] = NeuralQualityModel.input(emb, t.features[i], mean, stdScaled, dim);
        }
        NeuralQualityModel model = "ridge".equals(params.kind())
                ? RidgeFitter.fit(t.models, x, t.scores, params.l2(), mean, stdScaled)
                : NeuralFitter.fit(params, t.models, x, t.scores, mean, stdScaled);
        if (useEmbedding) {
            return model;
        }
        return new QualityModel() { // features only: blank the embedding at prediction time too
            @Override
            public List<String> models() {
                return model.models();
            }

            @Override
            public double[] predict(float[] embedding, double[] features) {
                return model.predict(new float[embedding.length], features);
            }

            @Override
            public String kind() {
                return model.kind();
            }

            @Override
            public void write(java.io.DataOutputStream out) throws java.io.IOException {
                model.write(out);
            }
        };
    }
}
