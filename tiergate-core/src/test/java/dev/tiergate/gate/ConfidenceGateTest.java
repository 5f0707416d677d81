package dev.tiergate.gate;

import static dev.tiergate.gate.Answers.check;
import static dev.tiergate.gate.Answers.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.chat.ChatRequest;
import org.junit.jupiter.api.Test;

class ConfidenceGateTest {
    private final ConfidenceGate mean = ConfidenceGate.read(options("{type: confidence, threshold: -0.5}"));
    private final ConfidenceGate min = ConfidenceGate.read(options("{type: confidence, stat: min, threshold: -1.0}"));

    @Test
    void meanLogprobAtOrAboveTheThresholdPasses() {
        GateResult result = check(mean, Answers.ask("q"), Answers.withLogprobs("Paris", -0.1, -0.3));
        assertThat(result.passed()).isTrue();
        assertThat(result.reason()).isEqualTo("mean token logprob -0.200 >= -0.5");
    }

    @Test
    void unsureAnswersFail() {
        assertThat(check(mean, Answers.ask("q"), Answers.withLogprobs("Lyon", -0.2, -1.4)).reason())
                .isEqualTo("mean token logprob -0.800 < -0.5");
        // one very unsure token sinks the min statistic even when the mean looks fine
        assertThat(check(min, Answers.ask("q"), Answers.withLogprobs("x", -0.01, -0.01, -2.5)).passed()).isFalse();
        assertThat(check(min, Answers.ask("q"), Answers.withLogprobs("x", -0.01, -0.9)).passed()).isTrue();
    }

    @Test
    void missingLogprobsFailClosedUnlessConfiguredToPass() {
        assertThat(check(mean, "Paris").reason()).isEqualTo("the provider returned no token logprobs; failing closed");
        ConfidenceGate lenient = ConfidenceGate.read(options("{type: confidence, threshold: -0.5, if_missing: pass}"));
        assertThat(check(lenient, "Paris").passed()).isTrue();
    }

    @Test
    void itAsksTheUpstreamForLogprobs() {
        ChatRequest prepared = mean.prepare(Answers.ask("q"), true);
        assertThat(prepared.body().path("logprobs").asBoolean()).isTrue();
    }

    @Test
    void theThresholdIsALogProbability() {
        assertThatThrownBy(() -> ConfidenceGate.read(options("{type: confidence, threshold: 0.5}")))
                .hasMessageContaining("routes[0].gates[0].threshold: 0.5 is out of range");
        assertThatThrownBy(() -> ConfidenceGate.read(options("{type: confidence}")))
                .hasMessageContaining("threshold: is required");
        assertThatThrownBy(() -> ConfidenceGate.read(options("{type: confidence, threshold: -1, stat: median}")))
                .hasMessageContaining("unknown stat 'median'");
    }
}
