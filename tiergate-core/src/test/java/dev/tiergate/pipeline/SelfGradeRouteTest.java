package dev.tiergate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tiergate.dispatch.Attempt;
import dev.tiergate.provider.Provider;
import dev.tiergate.testing.ScriptedProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** self_grade through the dispatcher: the judge is a configured model, paid for, and fails closed. */
class SelfGradeRouteTest {
    private static final String ROUTES = """
            routes:
              - {name: graded, strategy: cascade, gates: [{type: min_length, chars: 3}, {type: self_grade, model: judge, pass_mark: 4, timeout: 300ms}]}
              - {name: graded-strict, strategy: cascade, max_escalations: 1, on_failure: fail, gates: [{type: self_grade, model: judge, timeout: 300ms}]}
            """;
    private static final String GOOD = "The capital of France is Paris.";

    private final ScriptedProvider cheap = new ScriptedProvider("cheap-1").defaultText(GOOD);
    private final ScriptedProvider mid = new ScriptedProvider("mid-1").defaultText(GOOD);
    private final ScriptedProvider frontier = new ScriptedProvider("frontier-1").defaultText(GOOD);
    private final ScriptedProvider judge = new ScriptedProvider("judge-1").defaultText("SCORE: 5");

    private GatedGateway gateway(Provider judgeProvider) {
        return new GatedGateway(ROUTES, Map.of("cheap", cheap, "mid", mid, "frontier", frontier, "judge", judgeProvider));
    }

    @Test
    void aWellGradedAnswerPassesAndTheJudgeIsPaidFor() {
        GatewayResult result = gateway(judge).ask("graded", "Capital of France?");

        assertThat(result.tier().name()).isEqualTo("cheap");
        assertThat(result.attempts()).extracting(Attempt::tierName).containsExactly("cheap", "judge");
        Attempt judged = result.attempts().get(1);
        assertThat(judged.endpoint()).isEqualTo("judge");
        assertThat(judged.costUsd()).isPositive();
        assertThat(result.costUsd()).isEqualTo(result.attempts().get(0).costUsd() + judged.costUsd());
        assertThat(result.attempts().get(0).gates()).extracting(g -> g.reason()).contains("judge scored 5/5 (pass mark 4)");
        assertThat(judge.requests().get(0).messages().get(1).path("content").asText()).contains("Capital of France?").contains(GOOD);
    }

    @Test
    void aPoorGradeClimbsAndEveryJudgeCallIsRecorded() {
        judge.answer("SCORE: 2");

        GatewayResult result = gateway(judge).ask("graded", "Capital of France?");

        assertThat(result.attempts()).extracting(Attempt::tierName).containsExactly("cheap", "judge", "mid", "judge");
        assertThat(result.tier().name()).isEqualTo("mid");
    }

    @Test
    void theJudgeIsSkippedWhenACheapGateAlreadyFailed() {
        cheap.answer("no");

        GatewayResult result = gateway(judge).ask("graded", "Capital of France?");

        assertThat(result.attempts()).extracting(Attempt::tierName).containsExactly("cheap", "mid", "judge");
        assertThat(judge.calls()).isEqualTo(1);
    }

    @Test
    void malformedJudgeOutputFailsClosed() {
        judge.answer("What a lovely answer!");

        GatewayResult result = gateway(judge).ask("graded", "Capital of France?");

        assertThat(result.tier().name()).isEqualTo("mid");
        assertThat(result.attempts().get(0).gates().get(1).reason()).startsWith("malformed judge output 'What a lovely answer!'");
    }

    @Test
    void aJudgeTimeoutFailsClosedWithinTheGatesTimeout() {
        Instant start = Instant.now();

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> gateway(new TestProviders.Hanging()).ask("graded-strict", "Capital of France?"));

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).contains("cheap: self_grade: the judge judge timed out after 300ms; failing closed")
                .contains("mid: self_grade: the judge judge timed out");
        assertThat(e.attempts()).extracting(Attempt::tierName).containsExactly("cheap", "judge", "mid", "judge");
        assertThat(e.attempts().get(1).status()).isEqualTo(Attempt.Status.TIMEOUT);
    }
}
