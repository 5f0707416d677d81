package dev.tiergate.gate;

import static dev.tiergate.gate.Answers.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.chat.ChatRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelfGradeGateTest {
    private final List<ChatRequest> judged = new ArrayList<>();
    private final SelfGradeGate gate = SelfGradeGate.read(options("{type: self_grade, model: judge, pass_mark: 4, timeout: 2s}"), Set.of("judge", "cheap"));

    private GateResult grade(ModelCaller judge) {
        return gate.check(new GateInput(Answers.ask("What is the capital of France?"), Answers.text("Paris."), "cheap", judge));
    }

    private ModelCaller replying(String verdict) {
        return (model, request, timeout) -> {
            assertThat(model).isEqualTo("judge");
            assertThat(timeout).isEqualTo(Duration.ofSeconds(2));
            judged.add(request);
            return Answers.text(verdict);
        };
    }

    @Test
    void aScoreAtThePassMarkPasses() {
        GateResult result = grade(replying("SCORE: 4"));

        assertThat(result.passed()).isTrue();
        assertThat(result.reason()).isEqualTo("judge scored 4/5 (pass mark 4)");
        ChatRequest request = judged.get(0);
        assertThat(request.messages().get(0).path("content").asText()).contains("SCORE: <1-5>");
        assertThat(request.lastUserText()).contains("What is the capital of France?").contains("Paris.");
    }

    @Test
    void aLowScoreFails() {
        GateResult result = grade(replying("The answer is thin.\nSCORE: 2"));
        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("judge scored 2/5, below the pass mark 4");
    }

    @Test
    void malformedJudgeOutputFailsClosed() {
        for (String output : List.of("Looks great to me!", "SCORE: 4.5", "SCORE: 9", "", "score: five")) {
            GateResult result = grade(replying(output));
            assertThat(result.passed()).as(output).isFalse();
            assertThat(result.reason()).as(output).startsWith("malformed judge output").endsWith("failing closed");
        }
    }

    @Test
    void aJudgeTimeoutFailsClosed() {
        GateResult result = grade((model, request, timeout) -> {
            throw new ModelCallException("timed out after 2000ms", true);
        });
        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("the judge judge timed out after 2000ms; failing closed");
    }

    @Test
    void aFailingJudgeFailsClosed() {
        GateResult result = grade((model, request, timeout) -> {
            throw new ModelCallException("HTTP 500", false);
        });
        assertThat(result.reason()).isEqualTo("the judge judge failed: HTTP 500; failing closed");
    }

    @Test
    void scoresAreReadFromCommonShapes() {
        assertThat(SelfGradeGate.score("5")).isEqualTo(5);
        assertThat(SelfGradeGate.score("Score = 3")).isEqualTo(3);
        assertThat(SelfGradeGate.score("**SCORE:** 1")).isEqualTo(1);
        assertThat(SelfGradeGate.score("SCORE: 45")).isNull();
    }

    @Test
    void theJudgeMustBeAConfiguredModelAndItRunsLast() {
        assertThatThrownBy(() -> SelfGradeGate.read(options("{type: self_grade, model: nope}"), Set.of("judge")))
                .hasMessageContaining("routes[0].gates[0].model: no model named 'nope'");
        assertThatThrownBy(() -> SelfGradeGate.read(options("{type: self_grade, model: judge, pass_mark: 6}"), Set.of("judge")))
                .hasMessageContaining("pass_mark: 6 is out of range");
        assertThat(gate.expensive()).isTrue();
        assertThat(SelfGradeGate.bundledRubric()).contains("5 -").contains("1 -");
    }
}
