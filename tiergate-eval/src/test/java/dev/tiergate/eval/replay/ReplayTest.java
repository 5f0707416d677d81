package dev.tiergate.eval.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.eval.data.Outcome;
import dev.tiergate.eval.data.Row;
import dev.tiergate.eval.data.Rows;
import dev.tiergate.json.Json;
import dev.tiergate.router.learned.ScoreRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
    static final String S = "strong-m";
    static final String W = "weak-m";

    static Row row(String id, double s, double w) {
        Map<String, Outcome> o = new LinkedHashMap<>();
        o.put(S, new Outcome(s, 100, 10, 0.010));
        o.put(W, new Outcome(w, 100, 10, 0.001));
        return new Row(id, "synthetic", "test", "prompt " + id, List.of(), o);
    }

    static final List<Row> ROWS = List.of(row("a", 1, 0), row("b", 1, 1), row("c", 0, 0), row("d", 1, 0));
    static final double[] SCORE = {0.9, 0.1, 0.5, 0.8};

    @Test
    void replayWritesDecisionsMetricsPlotAndPage(@TempDir Path dir) throws Exception {
        TwoTier t = new TwoTier(ROWS, SCORE, S, W);
        Replay.write(dir, t, null, "test-router");
        List<String> decisions = Files.readAllLines(dir.resolve("decisions.jsonl"));
        assertThat(decisions).hasSize(4);
        assertThat(Json.parse(decisions.get(0)).path("id").asText()).isEqualTo("a");
        assertThat(Json.parse(decisions.get(0)).path("score").asDouble()).isEqualTo(0.9);
        JsonNode m = Json.parse(Files.readString(dir.resolve("metrics.json")));
        assertThat(m.path("apgr").asDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(m.path("cpt50").asDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(m.path("cpt80").asDouble()).isCloseTo(0.40, within(1e-12));
        assertThat(m.path("strong_quality").asDouble()).isEqualTo(0.75);
        assertThat(m.path("weak_quality").asDouble()).isEqualTo(0.25);
        assertThat(m.path("oracle_quality").asDouble()).isEqualTo(0.75);
        assertThat(m.path("random_apgr").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(m.path("strong_cost_usd").asDouble()).isCloseTo(0.04, within(1e-12));
        // cost at cpt50 (25% strong): one strong call + three weak ones
        assertThat(m.path("at_cpt50").path("cost_usd").asDouble()).isCloseTo(0.013, within(1e-12));
        assertThat(Files.readString(dir.resolve("plot.svg"))).startsWith("<svg").contains("oracle").contains("random");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("APGR <b>0.750</b>");
    }

    @Test
    void calibrationPicksTheThresholdForAStrongShareOrAQualityTarget() {
        TwoTier t = new TwoTier(ROWS, SCORE, S, W);
        Calibration half = Calibration.forStrongFraction(t, 0.5);
        assertThat(half.threshold()).isEqualTo(0.8);
        assertThat(half.strongFraction()).isEqualTo(0.5);
        assertThat(half.quality()).isEqualTo(0.75);
        assertThat(half.costUsd()).isCloseTo(0.022, within(1e-12));
        // 60% of strong quality = 0.45: one strong call (row a) gives 0.5
        Calibration q60 = Calibration.forTargetQuality(t, 0.6);
        assertThat(q60.threshold()).isEqualTo(0.9);
        assertThat(q60.quality()).isEqualTo(0.5);
        // 100%: rows a and d must go strong, nothing more
        assertThat(Calibration.forTargetQuality(t, 1.0).threshold()).isEqualTo(0.8);
        assertThat(Calibration.forStrongFraction(t, 0).strongFraction()).isZero();
    }

    @Test
    void ladderFrontierAndDominance() {
        // three models; per-row predicted quality tells the router which model is enough
        Map<String, Outcome> o1 = Map.of("c", new Outcome(1, 0, 0, 1), "m", new Outcome(1, 0, 0, 2), "x", new Outcome(1, 0, 0, 10));
        Map<String, Outcome> o2 = Map.of("c", new Outcome(0, 0, 0, 1), "m", new Outcome(1, 0, 0, 2), "x", new Outcome(1, 0, 0, 10));
        Map<String, Outcome> o3 = Map.of("c", new Outcome(0, 0, 0, 1), "m", new Outcome(0, 0, 0, 2), "x", new Outcome(1, 0, 0, 10));
        List<Row> rows = List.of(new Row("1", "s", "", "p1", List.of(), o1), new Row("2", "s", "", "p2", List.of(), o2),
                new Row("3", "s", "", "p3", List.of(), o3));
        double[][] pred = {{0.9, 0.9, 0.95}, {0.2, 0.9, 0.95}, {0.1, 0.2, 0.95}};
        LadderReplay l = new LadderReplay(List.of("c", "m", "x"), rows, pred, ScoreRule.GAP);
        LadderReplay.Point p = l.at(0.1);
        assertThat(p.quality()).isEqualTo(1.0);
        assertThat(p.cost()).isEqualTo(1 + 2 + 10);
        assertThat(l.cheapestReaching(1.0).cost()).isEqualTo(13);
        assertThat(l.singles.get(2).cost()).isEqualTo(30);
        // frontier: all-cheap (3, 1/3) and the routed point (13, 1); model m (6, 2/3) lies above it
        assertThat(l.frontier).extracting(LadderReplay.Point::cost).containsExactly(3.0, 13.0);
        assertThat(l.dominates(l.singles.get(0))).isTrue();
        assertThat(l.strictlyDominates(l.singles.get(0))).isFalse();
        assertThat(l.dominates(l.singles.get(1))).isFalse();
        assertThat(l.strictlyDominates(l.singles.get(2))).isTrue();
        assertThat(l.metrics().path("dominates_every_single_model").asBoolean()).isFalse();
    }

    @Test
    void rowsParseFromTheSharedFormat(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("rows.jsonl");
        Files.writeString(f, """
                {"id": "x-1", "source": "mmlu", "category": "knowledge/a", "prompt": "Q?", "outcomes": {"gpt-4-1106-preview": {"score": 1.0, "input_tokens": 100, "output_tokens": 10}, "mixtral-8x7b-instruct":{"score": 0.0, "input_tokens": 100, "output_tokens": 10, "cost_usd": 0.5}}}
                {"id": "x-2", "source": "mt", "turns": ["first", "second"], "outcomes": {"gpt-4-1106-preview": {"score": 0.8}}}
                """);
        List<Row> rows = Rows.read(f);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).outcomes().get("mixtral-8x7b-instruct").cost(null)).isEqualTo(0.5);
        // tokens x README price: 100 * 10 / 1M + 10 * 30 / 1M
        assertThat(dev.tiergate.eval.data.ReferencePrices.cost(rows.get(0), "gpt-4-1106-preview")).isCloseTo(0.0013, within(1e-12));
        assertThat(rows.get(1).prompt()).isEqualTo("first");
        assertThat(Rows.models(rows)).containsExactly("gpt-4-1106-preview", "mixtral-8x7b-instruct");
    }
}
