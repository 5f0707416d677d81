package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole eval against loopback upstreams (see {@link EvalFixture} for the script): the figures below follow from
 * the scripted answers, token counts and prices alone, so each is asserted exactly.
 */
class EvalEndToEndTest {
    private static final double EXACT = 1e-12;
    private final EvalFixture fixture = new EvalFixture();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        fixture.close();
    }

    /** USD of a token sum already multiplied by prices in USD per 1M tokens. */
    private static double usd(double tokensTimesPrice) {
        return tokensTimesPrice / 1e6;
    }

    @Test
    void theReportFiguresFollowExactlyFromTheScriptedRun() throws IOException {
        fixture.script();

        RunOutcome outcome = fixture.runner(EvalFixture.settings()).run(EvalFixture.items(), dir);
        EvalReport report = outcome.results().report();

        assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(outcome.ranNow()).isEqualTo(9);
        // N = 5 judged rows + x1, whose route failed (scored 1); preserved: q1 (5), q2 (3), c1 (4), m1 (5)
        EvalReport.Headline h = report.headline();
        assertThat(h.preserved()).isEqualTo(4);
        assertThat(h.scored()).isEqualTo(6);
        assertThat(h.preservedRate()).isCloseTo(4 / 6.0, within(EXACT));
        double baseline = usd(2 * (100 * 20 + 20 * 50) + 2 * (200 * 20 + 100 * 50) + (150 * 20 + 60 * 50) + (100 * 20 + 10 * 50));
        double routed = usd(2 * (100 * 1 + 10 * 2)                       // q1, q2: cheap
                + (200 * 1 + 5 * 2) + (200 * 4 + 80 * 10)                    // c1: cheap refused, mid answered
                + (200 * 1 + 50 * 2)                                         // c2: cheap
                + (150 * 1 + 8 * 2) + (150 * 4 + 5 * 10) + (150 * 20 + 60 * 50)); // m1: cheap, mid, frontier; x1: a 400 costs 0
        assertThat(h.baselineCostUsd()).isCloseTo(baseline, within(EXACT));
        assertThat(h.routedCostUsd()).isCloseTo(routed, within(EXACT));
        assertThat(h.costReduction()).isCloseTo(1 - 9166.0 / 32500.0, within(EXACT));
        assertThat(h.judgeCostUsd()).isCloseTo(usd(6 * (300 * 0.5 + 20 * 1) + 7 * (300 * 1 + 20 * 3)), within(EXACT));
        assertThat(report.run().spentUsd()).isCloseTo(usd(50_900 + 9_796 + 3_540), within(EXACT));
        assertThat(h.evalCostUsd()).isCloseTo(report.run().spentUsd(), within(EXACT));

        assertThat(report.scoreDistribution()).containsExactly(entry("1", 1), entry("2", 1), entry("3", 1), entry("4", 1), entry("5", 2));
        assertThat(report.byCategory()).extracting(EvalReport.Group::name, EvalReport.Group::scored, EvalReport.Group::preserved,
                EvalReport.Group::excluded).containsExactly(
                org.assertj.core.groups.Tuple.tuple("code", 2, 1, 0),
                org.assertj.core.groups.Tuple.tuple("extraction", 1, 0, 0),
                org.assertj.core.groups.Tuple.tuple("math", 1, 1, 1),
                org.assertj.core.groups.Tuple.tuple("qa", 2, 2, 0),
                org.assertj.core.groups.Tuple.tuple("writing", 0, 0, 2));
        assertThat(report.byCategory()).extracting(EvalReport.Group::rate).containsExactly(0.5, 0.0, 1.0, 1.0, null);
        EvalReport.Group code = report.byCategory().get(0);
        assertThat(code.baselineCostUsd()).isCloseTo(usd(2 * (200 * 20 + 100 * 50)), within(EXACT));
        assertThat(code.routedCostUsd()).isCloseTo(usd(210 + 1600 + 300), within(EXACT));
        assertThat(report.byComplexity()).extracting(EvalReport.Group::name, EvalReport.Group::scored, EvalReport.Group::preserved,
                EvalReport.Group::excluded).containsExactly(
                org.assertj.core.groups.Tuple.tuple("low", 3, 2, 1),
                org.assertj.core.groups.Tuple.tuple("medium", 1, 1, 2),
                org.assertj.core.groups.Tuple.tuple("high", 2, 1, 0));

        // routed answers: q1 q2 c2 m2 w1 on cheap, c1 on mid, m1 on the frontier; c1 and m1 escalated; x1 failed
        EvalReport.Routing routing = report.routing();
        assertThat(routing.tierMix()).extracting(EvalReport.TierShare::tier, EvalReport.TierShare::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cheap", 5), org.assertj.core.groups.Tuple.tuple("mid", 1),
                        org.assertj.core.groups.Tuple.tuple("frontier", 1));
        assertThat(routing.answered()).isEqualTo(7);
        assertThat(routing.escalated()).isEqualTo(2);
        assertThat(routing.escalationRate()).isCloseTo(2 / 7.0, within(EXACT));
        assertThat(routing.failed()).isEqualTo(1);

        // judge 2 on the five rows both judges scored: (5,5) (3,2) (4,4) (2,2) (5,4); kappa worked out in KappaTest
        EvalReport.Agreement agreement = report.agreement();
        assertThat(agreement.pairs()).isEqualTo(5);
        assertThat(agreement.exactAgreement()).isCloseTo(0.6, within(EXACT));
        assertThat(agreement.kappa()).isCloseTo(0.36 / 0.76, within(EXACT));
        assertThat(agreement.kappaPreserved()).isCloseTo(0.24 / 0.44, within(EXACT));
        assertThat(agreement.preservedByJudge2()).isEqualTo(3);

        // every scripted reply was used, and nothing more was called
        assertThat(List.of(fixture.cheap, fixture.mid, fixture.frontier, fixture.judge, fixture.judge2))
                .extracting(s -> s.requests().size()).containsExactly(8, 2, 10, 7, 7);
        assertThat(Files.readString(dir.resolve(ReportWriter.JSON))).isEqualTo(ReportWriter.json(report));
    }

    @Test
    void judgeFailuresAreCountedAndExcludedNeverDropped() throws IOException {
        fixture.script();

        EvalReport report = fixture.runner(EvalFixture.settings()).run(EvalFixture.items(), dir).results().report();

        assertThat(report.exclusions()).containsExactly(entry("baseline failed", 1), entry("judge call failed", 1),
                entry("judge reply not a score", 1));
        assertThat(report.headline().excluded()).isEqualTo(3);
        assertThat(report.run().finished()).isEqualTo(9);
        List<JsonNode> rows = Files.readAllLines(dir.resolve(ReportWriter.ROWS)).stream().map(EvalEndToEndTest::json).toList();
        assertThat(rows).extracting(r -> r.path("id").asText()).containsExactly("q1", "q2", "c1", "c2", "m1", "m2", "w1", "w2", "x1");
        JsonNode m2 = rows.get(5);
        assertThat(m2.path("figures").path("exclusion").asText()).isEqualTo("judge reply not a score");
        assertThat(m2.path("judge").path("raw").asText()).isEqualTo("Looks fine to me, 4 out of 5.");
        assertThat(m2.path("figures").path("score").isNull()).isTrue();
        assertThat(rows.get(6).path("figures").path("exclusion").asText()).isEqualTo("judge call failed");
        assertThat(rows.get(6).path("judge").path("error").asText()).contains("judge overloaded");
        assertThat(rows.get(7).path("figures").path("exclusion").asText()).isEqualTo("baseline failed");
        assertThat(rows.get(7).path("routed").isNull()).isTrue();
        // x1's route failed: not excluded, scored 1 without a judge call
        assertThat(rows.get(8).path("figures").path("score").asInt()).isEqualTo(1);
        assertThat(rows.get(8).path("routed").path("error").asText()).contains("HTTP 400");
    }

    @Test
    void aRunStoppedAtTheSpendingCapAndResumedGivesTheSameReport(@TempDir Path straight) throws IOException {
        fixture.script();
        fixture.runner(EvalFixture.settings()).run(EvalFixture.items(), straight);
        fixture.script();

        // q1..q4 cost 3650, 3650, 11340 and 9830 (×1e-6 USD): after four prompts 28 470 ≥ 20 000, so the fifth never starts
        RunOutcome capped = fixture.runner(EvalFixture.settings().withMaxSpend(0.02)).run(EvalFixture.items(), dir);

        assertThat(capped.status()).isEqualTo(RunStatus.SPENDING_CAP);
        assertThat(capped.results().report().run().finished()).isEqualTo(4);
        assertThat(capped.results().report().run().notRun()).isEqualTo(5);
        assertThat(capped.results().report().run().spentUsd()).isCloseTo(usd(28_470), within(EXACT));
        assertThat(Files.readString(dir.resolve(ReportWriter.HTML))).contains("Stopped at the spending cap");

        RunOutcome resumed = fixture.runner(EvalFixture.settings()).run(EvalFixture.items(), dir);

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(resumed.resumed()).isEqualTo(4);
        assertThat(resumed.ranNow()).isEqualTo(5);
        assertSameReport(straight, dir);
        // the capped run left exactly the other prompts' replies queued, and the resumed run used them all
        assertThat(fixture.upstreams()).extracting(s -> s.requests().size()).containsExactly(16, 4, 20, 14, 14);
    }

    @Test
    void anInterruptedRunWithATornCheckpointLineResumesToTheSameReport(@TempDir Path straight) throws IOException {
        fixture.script();
        fixture.runner(EvalFixture.settings()).run(EvalFixture.items(), straight);
        fixture.script();
        EvalRunner runner = fixture.runner(EvalFixture.settings());

        RunOutcome interrupted = runner.run(EvalFixture.items(), dir, (row, finished) -> {
            if (finished == 3) {
                runner.interrupt(); // what the Ctrl-C shutdown hook does
            }
        });

        assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(Files.readAllLines(dir.resolve(Checkpoint.FILE))).hasSize(3);
        // a kill in the middle of an append leaves half a line behind
        Files.writeString(dir.resolve(Checkpoint.FILE), "{\"id\":\"c2\",\"category\":\"co", java.nio.file.StandardOpenOption.APPEND);

        RunOutcome resumed = fixture.runner(EvalFixture.settings()).run(EvalFixture.items(), dir);

        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETE);
        assertThat(resumed.resumed()).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve(Checkpoint.FILE))).hasSize(9);
        assertSameReport(straight, dir);
        assertThat(fixture.upstreams()).extracting(s -> s.requests().size()).containsExactly(16, 4, 20, 14, 14);
    }

    @Test
    void aPriceOverlayRepricesTheRecordedTokensWithoutNewCallsAndSaysItIsAProjection(@TempDir Path overlayDir) throws IOException {
        fixture.script();
        fixture.runner(EvalFixture.settings()).run(EvalFixture.items(), dir);
        int callsBefore = fixture.upstreams().stream().mapToInt(s -> s.requests().size()).sum();
        Path overlayFile = overlayDir.resolve("opus-prices.yaml");
        Files.writeString(overlayFile, """
                claude-opus-4-7: {input: 15, output: 75}     # by upstream id: the baseline and m1's frontier answer
                cheap: {input: 0.1, output: 0.4}             # by config name
                """);

        EvalReport report = fixture.runner(EvalFixture.settings().withOverlay(PriceOverlay.read(overlayFile)))
                .run(EvalFixture.items(), dir).results().report();

        assertThat(fixture.upstreams().stream().mapToInt(s -> s.requests().size()).sum()).isEqualTo(callsBefore);
        assertThat(report.run().projection()).isTrue();
        assertThat(report.run().repriced()).containsExactly("cheap", "frontier");
        assertThat(report.headline().baselineCostUsd()).isCloseTo(usd(3000 + 3000 + 10_500 + 10_500 + 6750 + 2250), within(EXACT));
        assertThat(report.headline().routedCostUsd()).isCloseTo(usd(14 + 14 + (22 + 1600) + 40 + (18.2 + 650 + 6750)), within(EXACT));
        assertThat(report.headline().costReduction()).isCloseTo(1 - 9108.2 / 36_000, within(EXACT));
        assertThat(report.run().spentUsd()).isCloseTo(usd(64_236), within(EXACT)); // what was really paid does not change
        assertThat(Files.readString(dir.resolve(ReportWriter.HTML))).contains("Projection:").contains("opus-prices.yaml");
    }

    @Test
    void aJudgeOfTheCandidatesFamilyIsRefusedBeforeAnyCall() {
        EvalSettings sameFamily = EvalSettings.of("auto", "frontier", "mid", null);

        assertThatThrownBy(() -> fixture.runner(sameFamily).run(EvalFixture.items(), dir))
                .isInstanceOf(EvalException.class)
                .hasMessageContaining("the judge mid (claude-haiku-4-5) is from the anthropic family")
                .hasMessageContaining("--allow-same-family-judge");
        assertThat(fixture.upstreams()).allSatisfy(s -> assertThat(s.requests()).isEmpty());
        assertThat(EvalModels.resolve(fixture.config, sameFamily.withAllowSameFamilyJudge(true)).judge().name()).isEqualTo("mid");
    }

    @Test
    void aDirectoryOfAnotherRunIsRefused() throws IOException {
        fixture.script();
        fixture.runner(EvalFixture.settings()).run(EvalFixture.items(), dir);

        assertThatThrownBy(() -> fixture.runner(EvalSettings.of("auto", "mid", "judge", "judge2")).run(EvalFixture.items(), dir))
                .isInstanceOf(EvalException.class)
                .hasMessageContaining("baseline was frontier=claude-opus-4-7, now mid=claude-haiku-4-5");
    }

    private static void assertSameReport(Path expected, Path actual) throws IOException {
        for (String file : List.of(ReportWriter.JSON, ReportWriter.ROWS, ReportWriter.HTML)) {
            assertThat(Files.readString(actual.resolve(file))).as(file).isEqualTo(Files.readString(expected.resolve(file)));
        }
    }

    private static JsonNode json(String line) {
        try {
            return Json.parse(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
