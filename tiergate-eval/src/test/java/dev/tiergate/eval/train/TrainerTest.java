package dev.tiergate.eval.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.eval.data.Outcome;
import dev.tiergate.eval.data.Row;
import dev.tiergate.router.learned.NeuralQualityModel;
import dev.tiergate.router.learned.QualityModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tiny synthetic data, no embedding model: the fitters learn an obvious signal and are deterministic. */
class TrainerTest {

    /** Rows whose 2-d "embedding" says whether the weak model fails. */
    static Featurized synthetic(int n, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        List<float[]> emb = new ArrayList<>();
        double[][] feats = new double[n][];
        for (int i = 0; i < n; i++) {
            boolean hard = r.nextBoolean();
            double weak = hard ? (r.nextDouble() < 0.2 ? 1 : 0) : (r.nextDouble() < 0.9 ? 1 : 0);
            double strong = r.nextDouble() < 0.9 ? 1 : 0;
            rows.add(new Row("r" + i, i % 2 == 0 ? "a" : "b", "", "p" + i, List.of(),
                    Map.of("S", new Outcome(strong, 1, 1, 0.01), "W", new Outcome(weak, 1, 1, 0.001))));
            float x = hard ? 0.9f : 0.1f;
            emb.add(new float[] {x, (float) Math.sqrt(1 - x * x)});
            feats[i] = new double[] {r.nextGaussian()};
        }
        return new Featurized(rows, List.of("S", "W"), emb, feats);
    }

    @Test
    void everyCandidateLearnsTheSignalAndCrossValidationBeatsRandom() {
        Featurized d = synthetic(400, 1);
        for (String spec : List.of("ridge:0.01", "logistic:0.001:30", "mlp:8:0.001:30", "mf:2:0.001:30", "knn:20:10:1")) {
            Candidate c = Candidate.parse(spec, 7);
            double[][] oof = CrossValidation.outOfFold(c, d, CrossValidation.folds(d, 5, 7));
            Trainer.Config cfg = new Trainer.Config(spec, Trainer.DEFAULT_EMBEDDING, 32, 0, Trainer.DEFAULT_RULE, 7, "S", "W");
            double apgr = Trainer.twoTier(d, oof, cfg, row -> true).path("apgr").asDouble();
            assertThat(apgr).as(spec).isGreaterThan(0.6);
        }
    }

    @Test
    void trainingIsDeterministicForASeed() {
        Featurized d = synthetic(200, 2);
        QualityModel a = Candidate.parse("mlp:8:0.001:10", 11).fit(d);
        QualityModel b = Candidate.parse("mlp:8:0.001:10", 11).fit(d);
        float[] x = {0.5f, 0.5f};
        assertThat(a.predict(x, new double[] {0})).containsExactly(b.predict(x, new double[] {0}));
        assertThat(a).isInstanceOf(NeuralQualityModel.class);
    }
}
