package dev.tiergate.eval.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tiergate.eval.data.Outcome;
import dev.tiergate.eval.data.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CascadeReplayTest {
    private static final String STRONG = "strong";
    private static final String WEAK = "weak";

    /** strong costs 10 per call, weak 1; scores as given. */
    private static Row row(String id, double strongScore, double weakScore) {
        return new Row(id, "test", "", "prompt " + id, List.of(), Map.of(
                STRONG, new Outcome(strongScore, 0, 0, 10.0),
                WEAK, new Outcome(weakScore, 0, 0, 1.0)));
    }

    /** a: weak right; b: weak wrong, strong right; c: both wrong; d: weak right, strong wrong. */
    private final PairedRows four = PairedRows.of(List.of(row("a", 1, 1), row("b", 1, 0), row("c", 0, 0), row("d", 0, 1)), STRONG, WEAK);

    @Test
    void theCascadePaysTwiceForEveryEscalatedRequest() {
        StrategyResult cascade = Strategies.cascade(four, new GateModel.Oracle());

        // b and c escalate: 4 cheap calls + 2 strong calls; quality a=1, b=1, c=0, d=1
        assertThat(cascade.costUsd()).isEqualTo(4 * 1.0 + 2 * 10.0);
        assertThat(cascade.quality()).isEqualTo(0.75);
        assertThat(cascade.escalatedShare()).isEqualTo(0.5);
        assertThat(cascade.strongShare()).isEqualTo(0.5);
        assertThat(cascade.doubleSpendUsd()).isEqualTo(2.0);
        assertThat(cascade.costPer1k()).isEqualTo(24.0 / 4 * 1000);
    }

    @Test
    void aGateThatCostsSomethingIsPaidOnEveryCheapAnswer() {
        GateModel judge = new GateModel.Noisy(1, 0, 1, 1.0);

        StrategyResult cascade = Strategies.cascade(four, judge);

        assertThat(cascade.costUsd()).isEqualTo(4 * 2.0 + 2 * 10.0);
        assertThat(cascade.doubleSpendUsd()).isEqualTo(4.0);
    }

    @Test
    void fixedStrategiesAreTheEndsOfTheClassifierSweep() {
        Sweep classifier = Strategies.classifier(four, new double[] {0.1, 0.9, 0.5, 0.2});

        assertThat(classifier.at(0).costUsd()).isEqualTo(Strategies.alwaysWeak(four).costUsd()).isEqualTo(4.0);
        assertThat(classifier.at(4).quality()).isEqualTo(Strategies.alwaysStrong(four).quality()).isEqualTo(0.5);
        assertThat(classifier.at(1).quality()).as("b, the best-scored row, goes strong").isEqualTo(0.75);
        assertThat(classifier.at(1).costUsd()).isEqualTo(13.0);
    }

    @Test
    void cheapestReachingFindsTheLeastCostlyPointAtTheBar() {
        Sweep classifier = Strategies.classifier(four, new double[] {0.1, 0.9, 0.5, 0.2});

        assertThat(classifier.cheapestReaching(0.75)).hasValueSatisfying(r -> assertThat(r.costUsd()).isEqualTo(13.0));
        assertThat(classifier.cheapestReaching(0.9)).isEmpty();
    }

    @Test
    void classifierPlusGateSendsTheTopStraightToStrongAndCascadesTheRest() {
        double[] score = {0.1, 0.9, 0.5, 0.2};
        Sweep withGate = Strategies.classifierWithGate(four, score, new GateModel.Oracle());

        StrategyResult none = withGate.at(0);
        StrategyResult cascade = Strategies.cascade(four, new GateModel.Oracle());
        assertThat(none.costUsd()).isEqualTo(cascade.costUsd());
        assertThat(none.quality()).isEqualTo(cascade.quality());
        // b straight to strong saves its wasted cheap call
        assertThat(withGate.at(1).costUsd()).isEqualTo(23.0);
        assertThat(withGate.at(1).doubleSpendUsd()).isEqualTo(1.0);
    }

    @Test
    void theNoisyGateIsDeterministicAndHasItsErrorRates() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(row("r" + i, 1, i % 4 == 0 ? 0 : 1));
        }
        PairedRows data = PairedRows.of(rows, STRONG, WEAK);
        GateModel.Noisy gate = new GateModel.Noisy(0.8, 0.1, 42);

        int wrongRejected = 0;
        int rightRejected = 0;
        for (int i = 0; i < data.size(); i++) {
            boolean ok = data.weakAcceptable(i);
            boolean rejected = gate.rejects(data.id(i), ok);
            assertThat(gate.rejects(data.id(i), ok)).isEqualTo(rejected);
            if (rejected) {
                if (ok) {
                    rightRejected++;
                } else {
                    wrongRejected++;
                }
            }
        }
        assertThat(wrongRejected / 5000.0).isCloseTo(0.8, within(0.02));
        assertThat(rightRejected / 15000.0).isCloseTo(0.1, within(0.01));
        // precision = 0.8 * 5000 / (0.8 * 5000 + 0.1 * 15000) ~ 0.73
        assertThat(Strategies.realizedPrecision(data, gate)).isCloseTo(0.727, within(0.02));
        assertThat(Strategies.cascade(data, gate)).isEqualTo(Strategies.cascade(data, new GateModel.Noisy(0.8, 0.1, 42)));
        assertThat(Strategies.cascade(data, gate)).isNotEqualTo(Strategies.cascade(data, new GateModel.Noisy(0.8, 0.1, 43)));
    }

    @Test
    void theReportComparesAtEqualQuality() {
        CascadeReport report = CascadeReplay.compare("four rows", four, new double[] {0.1, 0.9, 0.5, 0.2}, "test score",
                new GateModel.Noisy(0.8, 0.15, 42));

        assertThat(report.references()).extracting(StrategyResult::name).containsExactly(
                "always weak", "always strong", "cascade (oracle gate)", "cascade (recall 0.80, FPR 0.15, seed 42 gate)");
        assertThat(report.comparisons()).hasSize(4);
        assertThat(report.comparisons().get(0).quality()).isEqualTo(0.5);
        assertThat(report.markdown()).contains("### four rows (4 rows; weak weak, strong strong; classifier score: test score)")
                .contains("| cascade (oracle gate) | 0.750 | $6000.0000 | 50.0% | 50.0% | 8.3% of cost |")
                .contains("At equal quality: cascade (oracle gate) quality = 0.750")
                .contains("assumed recall 0.80");
    }

    @Test
    void scoresComeFromAReplaysDecisionsFile(@TempDir Path dir) throws Exception {
        Path decisions = dir.resolve("decisions.jsonl");
        Files.writeString(decisions, """
                {"id": "d", "score": 0.4}
                {"id": "a", "score": 0.1}
                {"id": "c", "score": 0.3}
                {"id": "b", "score": 0.2}
                """);

        assertThat(Scores.fromDecisions(decisions, four)).containsExactly(0.1, 0.2, 0.3, 0.4);
        assertThat(Scores.promptLength(four)).containsExactly(8, 8, 8, 8);
    }

    @Test
    void scoresComeFromOutOfFoldPredictions(@TempDir Path dir) throws Exception {
        Path oof = dir.resolve("oof.jsonl");
        Files.writeString(oof, """
                {"id": "a", "p": {"strong": 0.9, "weak": 0.8}}
                {"id": "b", "p": {"strong": 0.9, "weak": 0.2}}
                {"id": "c", "p": {"strong": 0.5, "weak": 0.5}}
                {"id": "d", "p": {"strong": 0.4, "weak": 0.9}}
                """);

        assertThat(Scores.fromOutOfFold(oof, four)).containsExactly(new double[] {0.1, 0.7, 0.0, -0.5}, within(1e-9));
        assertThat(Scores.fromSpec("oof:" + oof, four)).containsExactly(new double[] {0.1, 0.7, 0.0, -0.5}, within(1e-9));
        assertThat(Scores.describe("oof:" + oof)).isEqualTo("learned router, out-of-fold (oof.jsonl)");
        assertThat(Scores.fromSpec("length", four)).containsExactly(8, 8, 8, 8);
    }
}
