package dev.tiergate.router.learned;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.chat.ChatRequest;
import dev.tiergate.config.RouteConfig;
import dev.tiergate.json.Json;
import dev.tiergate.ladder.Ladder;
import dev.tiergate.ladder.Tier;
import dev.tiergate.pricing.Price;
import dev.tiergate.router.RoutingDecision;
import dev.tiergate.testing.Endpoints;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnedRouterTest {

    static Ladder ladder(String... models) {
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < models.length; i++) {
            tiers.add(new Tier(i, "t" + i, List.of(Endpoints.scripted(models[i], Price.of(i + 1, i + 1))), Tier.Balance.FAILOVER));
        }
        return new Ladder(tiers);
    }

    /** A quality model that always predicts the given probabilities. */
    record Fixed(List<String> models, double[] p) implements QualityModel {
        @Override
        public double[] predict(float[] embedding, double[] features) {
            return p.clone();
        }

        @Override
        public String kind() {
            return "fixed";
        }

        @Override
        public void write(DataOutputStream out) {
            throw new UnsupportedOperationException();
        }
    }

    static LearnedRouter router(ScoreRule rule, double threshold, List<String> models, double... p) {
        RouterModel m = RouterModel.of(new Fixed(models, p), PromptEmbedder.Model.ALL_MINILM_L6_V2_Q, 32, 0,
                "strong", "weak", rule, 0.1, null);
        return new LearnedRouter(m, null, threshold, Map.of());
    }

    @Test
    void picksTheCheapestTierClearingTheThresholdOnAnNTierLadder() {
        List<String> models = List.of("weak", "small", "medium", "strong");
        double[] p = {0.40, 0.70, 0.85, 0.90};
        Ladder ladder = ladder("weak", "small", "medium", "strong");
        // GAP: a tier clears when P(frontier) - P(tier) < threshold
        assertThat(router(ScoreRule.GAP, 0.25, models, p).decide(p, ladder).tierIndex()).isEqualTo(1);
        assertThat(router(ScoreRule.GAP, 0.10, models, p).decide(p, ladder).tierIndex()).isEqualTo(2);
        assertThat(router(ScoreRule.GAP, 0.01, models, p).decide(p, ladder).tierIndex()).isEqualTo(3);
        assertThat(router(ScoreRule.GAP, 0.60, models, p).decide(p, ladder).tierIndex()).isEqualTo(0);
        // WEAK_FAIL: a tier clears when P(tier) >= 1 - threshold
        assertThat(router(ScoreRule.WEAK_FAIL, 0.2, models, p).decide(p, ladder).tierIndex()).isEqualTo(2);
        assertThat(router(ScoreRule.WEAK_FAIL, 0.05, models, p).decide(p, ladder).tierIndex()).isEqualTo(3);
    }

    @Test
    void twoTiersUseTheSingleNeedsStrongScore() {
        List<String> models = List.of("weak", "strong");
        double[] p = {0.6, 0.9};
        Ladder ladder = ladder("weak", "strong");
        RoutingDecision d = router(ScoreRule.GAP, 0.2, models, p).decide(p, ladder);
        assertThat(d.score()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.tierIndex()).isEqualTo(1);
        assertThat(d.threshold()).isEqualTo(0.2);
        assertThat(router(ScoreRule.GAP, 0.35, models, p).decide(p, ladder).tierIndex()).isZero();
    }

    @Test
    void unknownTierModelsAreInterpolatedBetweenWeakAndStrong() {
        List<String> models = List.of("weak", "strong");
        double[] p = {0.5, 0.9};
        Ladder ladder = ladder("cheap-x", "mid-y", "top-z");
        LearnedRouter r = router(ScoreRule.GAP, 0.25, models, p);
        assertThat(r.tierQualities(p, ladder)).containsExactly(0.5, 0.7, 0.9);
        assertThat(r.decide(p, ladder).tierIndex()).isEqualTo(1);
    }

    @Test
    void modelFilesRoundTrip() throws Exception {
        List<String> models = List.of("weak", "strong");
        List<float[]> emb = List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0.7f, 0.7f});
        float[] scores = {1, 1, 0, 1, Float.NaN, 0};
        KnnQualityModel knn = KnnQualityModel.of(models, emb, scores, 2, 5, 1);
        RouterModel m = RouterModel.of(knn, PromptEmbedder.Model.ALL_MINILM_L6_V2_Q, 32, 0, "strong", "weak",
                ScoreRule.GAP, 0.12, Json.object().put("seed", 7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        RouterModel back = RouterModel.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(back.models()).isEqualTo(models);
        assertThat(back.defaultThreshold()).isEqualTo(0.12);
        assertThat(back.rule()).isEqualTo(ScoreRule.GAP);
        assertThat(back.header().path("info").path("seed").asInt()).isEqualTo(7);
        float[] q = {1, 0};
        assertThat(back.quality().predict(q, new double[0])).containsExactly(knn.predict(q, new double[0]));

        NeuralQualityModel mlp = new NeuralQualityModel("mlp", models, new double[] {1}, new double[] {2}, 3, 2,
                NeuralQualityModel.Activation.RELU, new float[] {1, 0, 0.5f, 0, 1, -0.5f}, new float[] {0, 0},
                new float[] {1, -1, -1, 1}, new float[] {0, 0});
        out.reset();
        RouterModel.of(mlp, PromptEmbedder.Model.ALL_MINILM_L6_V2_Q, 32, 0, "strong", "weak", ScoreRule.GAP, 0, null).write(out);
        QualityModel mlpBack = RouterModel.read(new ByteArrayInputStream(out.toByteArray())).quality();
        assertThat(mlpBack.predict(new float[] {0.3f, 0.1f}, new double[] {3}))
                .containsExactly(mlp.predict(new float[] {0.3f, 0.1f}, new double[] {3}));
    }

    @Test
    void theBundledModelLoadsOfflineAndScoresARequest() {
        ObjectNode raw = Json.object();
        LearnedRouter router = LearnedRouter.fromConfig(new RouteConfig("auto", "classifier", Double.NaN, null, raw));
        assertThat(router.strategy()).isEqualTo("classifier");
        assertThat(router.model().models()).contains("gpt-4-1106-preview", "mixtral-8x7b-instruct");
        ObjectNode body = Json.object();
        body.put("model", "auto");
        body.putArray("messages").addObject().put("role", "user")
                .put("content", "Prove that the square root of 2 is irrational.");
        Ladder ladder = ladder("mixtral-8x7b-instruct", "gpt-4-1106-preview");
        RoutingDecision d = router.decide(new ChatRequest(body), ladder);
        assertThat(d.tierIndex()).isBetween(0, 1);
        assertThat(d.score()).isFinite();
        assertThat(d.threshold()).isEqualTo(router.model().defaultThreshold());
        assertThat(d.strategy()).isEqualTo("classifier");
        // same prompt, same decision (deterministic) and a cache hit the second time
        long hits = router.embedder().cacheHits();
        assertThat(router.decide(new ChatRequest(body), ladder)).isEqualTo(d);
        assertThat(router.embedder().cacheHits()).isEqualTo(hits + 1);
    }
}
