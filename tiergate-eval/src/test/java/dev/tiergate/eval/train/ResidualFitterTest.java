package dev.tiergate.eval.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.eval.data.Outcome;
import dev.tiergate.eval.data.Row;
import dev.tiergate.router.features.PromptFeatures;
import dev.tiergate.router.learned.ResidualCorrectedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The residual correction learns from a cheap feature what the embedding cannot see. */
class ResidualFitterTest {

    private static final int QUESTION_CHARS = PromptFeatures.NAMES.indexOf("log_question_chars");

    /** Embeddings are noise; the weak model fails long questions and passes short ones; the strong one passes all. */
    static Featurized lengthDrivenRows(int n, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        List<float[]> emb = new ArrayList<>();
        double[][] feats = new double[n][];
        for (int i = 0; i < n; i++) {
            double logChars = 3 + 4 * r.nextDouble();
            double pWeak = logChars > 5 ? 0.15 : 0.9;
            double weak = r.nextDouble() < pWeak ? 1 : 0;
            rows.add(new Row("r" + i, i % 2 == 0 ? "a" : "b", "", "p" + i, List.of(),
                    Map.of("S", new Outcome(1, 1, 1, 0.01), "W", new Outcome(weak, 1, 1, 0.001))));
            float[] v = {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()};
            double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            for (int d = 0; d < 3; d++) {
                v[d] /= (float) norm;
            }
            emb.add(v);
            feats[i] = new double[PromptFeatures.size()];
            feats[i][QUESTION_CHARS] = logChars;
        }
        return new Featurized(rows, List.of("S", "W"), emb, feats);
    }

    private static double apgr(String spec, Featurized d) {
        double[][] oof = CrossValidation.outOfFold(Candidate.parse(spec, 7), d, CrossValidation.folds(d, 5, 7));
        Trainer.Config cfg = new Trainer.Config(spec, Trainer.DEFAULT_EMBEDDING, 32, 0, Trainer.DEFAULT_RULE, 7, "S", "W");
        return Trainer.twoTier(d, oof, cfg, row -> true).path("apgr").asDouble();
    }

    @Test
    void routingImprovesWhenTheSignalIsInTheFeatureAndNotTheEmbedding() {
        Featurized d = lengthDrivenRows(600, 1);

        double knnOnly = apgr("knn:30:10:5", d);
        double corrected = apgr("knn:30:10:5/resid:10:log_question_chars", d);

        assertThat(knnOnly).isLessThan(0.6);
        assertThat(corrected).isGreaterThan(0.68).isGreaterThan(knnOnly + 0.1);
    }

    @Test
    void theWeakModelGetsANegativeCoefficientAndTheAlwaysRightModelNone() {
        Featurized d = lengthDrivenRows(600, 2);
        var m = (ResidualCorrectedModel) Candidate.parse("knn:30:10:5/resid:10:log_question_chars", 7).fit(d);

        assertThat(m.featureNames()).containsExactly("log_question_chars");
        assertThat(m.coefficient(m.models().indexOf("W"), 0)).isLessThan(-0.2);
        assertThat(m.coefficient(m.models().indexOf("S"), 0)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void aVeryLargePenaltySwitchesTheCorrectionOff() {
        Featurized d = lengthDrivenRows(300, 3);
        var m = (ResidualCorrectedModel) Candidate.parse("knn:30:10:5/resid:1e9:log_question_chars", 7).fit(d);

        assertThat(Math.abs(m.coefficient(m.models().indexOf("W"), 0))).isLessThan(1e-5);
    }

    @Test
    void anUnknownFeatureOrCorrectionIsNamedInTheError() {
        assertThatThrownBy(() -> Candidate.parse("knn:30:10:5/resid:10:log_emoji_count", 7))
                .hasMessageContaining("log_emoji_count")
                .hasMessageContaining("log_question_chars");
        assertThatThrownBy(() -> Candidate.parse("knn:30:10:5/shrink:10", 7))
                .hasMessageContaining("resid:LAMBDA:FEATURES");
    }
}
