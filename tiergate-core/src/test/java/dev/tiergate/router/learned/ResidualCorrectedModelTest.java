package dev.tiergate.router.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.router.features.PromptFeatures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feature correction moves each model's probability by its coefficient per standard deviation, saved and loaded intact. */
class ResidualCorrectedModelTest {

    private static final int QUESTION_CHARS = PromptFeatures.NAMES.indexOf("log_question_chars");

    /** Two prompts' worth of kNN: strong always right, weak right half the time. */
    private static KnnQualityModel knn() {
        List<float[]> emb = List.of(new float[] {1, 0}, new float[] {0, 1});
        float[] scores = {1, 1, 1, 0};
        return KnnQualityModel.of(List.of("strong", "weak"), emb, scores, 2, 0, 0);
    }

    /** Weak loses 0.1 per standard deviation (0.5) of log question length above 4; strong is untouched. */
    private static ResidualCorrectedModel corrected() {
        return new ResidualCorrectedModel(knn(), new int[] {QUESTION_CHARS}, new double[] {4.0}, new double[] {0.5},
                new double[][] {{0.0}, {-0.1}});
    }

    private static double[] featuresWithQuestionChars(double logChars) {
        double[] f = new double[PromptFeatures.size()];
        f[QUESTION_CHARS] = logChars;
        return f;
    }

    @Test
    void aLongerQuestionLowersTheWeakModelAndLeavesTheStrongOne() {
        float[] e = {0.6f, 0.8f};
        double[] base = knn().predict(e, featuresWithQuestionChars(4.0));
        double[] atMean = corrected().predict(e, featuresWithQuestionChars(4.0));
        double[] longer = corrected().predict(e, featuresWithQuestionChars(5.0)); // two standard deviations

        assertThat(atMean).containsExactly(base);
        assertThat(longer[0]).isEqualTo(base[0]);
        assertThat(longer[1]).isCloseTo(base[1] - 0.2, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void probabilitiesStayWithinZeroAndOne() {
        double[] p = corrected().predict(new float[] {0.6f, 0.8f}, featuresWithQuestionChars(40.0));
        assertThat(p[1]).isZero();
        double[] q = new ResidualCorrectedModel(knn(), new int[] {QUESTION_CHARS}, new double[] {4.0},
                new double[] {0.5}, new double[][] {{0.3}, {0.3}}).predict(new float[] {0.6f, 0.8f}, featuresWithQuestionChars(40.0));
        assertThat(q).containsExactly(1.0, 1.0);
    }

    @Test
    void aSavedRouterModelPredictsBitForBitTheSame() throws IOException {
        RouterModel model = RouterModel.of(corrected(), PromptEmbedder.Model.ALL_MINILM_L6_V2_Q, 32, 0, "strong", "weak",
                ScoreRule.GAP, 0.1, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        RouterModel back = RouterModel.read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(back.quality()).isInstanceOf(ResidualCorrectedModel.class);
        assertThat(((ResidualCorrectedModel) back.quality()).featureNames()).containsExactly("log_question_chars");
        for (double chars : new double[] {2.0, 4.0, 4.7, 6.5}) {
            float[] e = {0.28f, 0.96f};
            assertThat(back.quality().predict(e, featuresWithQuestionChars(chars)))
                    .containsExactly(model.quality().predict(e, featuresWithQuestionChars(chars)));
        }
    }

    @Test
    void aFileNamingAFeatureThisVersionDoesNotKnowIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1);
        out.writeUTF("log_emoji_count");
        out.writeDouble(0);
        out.writeDouble(1);
        out.flush();

        assertThatThrownBy(() -> QualityModel.read("resid", new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("log_emoji_count");
    }

    @Test
    void aCorrectionShapedForOtherModelsIsRejected() {
        assertThatThrownBy(() -> new ResidualCorrectedModel(knn(), new int[] {QUESTION_CHARS}, new double[] {4.0},
                new double[] {0.5}, new double[][] {{0.0}}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
