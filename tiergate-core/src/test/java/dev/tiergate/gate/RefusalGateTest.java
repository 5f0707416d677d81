package dev.tiergate.gate;

import static dev.tiergate.gate.Answers.check;
import static dev.tiergate.gate.Answers.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiergate.chat.ChatRequest;
import org.junit.jupiter.api.Test;

class RefusalGateTest {
    private final RefusalGate gate = RefusalGate.read(options("{type: refusal, sentinel: UNSURE, phrases: ['no comment']}"));

    @Test
    void aRealAnswerPasses() {
        assertThat(check(gate, "The capital of France is Paris.").reason()).isEqualTo("no refusal found");
        // refusal words deep inside a real answer are not a refusal
        assertThat(check(gate, "Paris. " + "x".repeat(400) + " I don't know why you ask.").passed()).isTrue();
    }

    @Test
    void refusalPhrasesNearTheStartFail() {
        GateResult result = check(gate, "I’m sorry, but I can’t help with that request.");
        assertThat(result.passed()).isFalse();
        assertThat(result.reason()).isEqualTo("looks like a refusal or abstention: 'i can't help with'");
        assertThat(check(gate, "I don't know.").passed()).isFalse();
        assertThat(check(gate, "No comment on that.").reason()).contains("'no comment'");
    }

    @Test
    void theSentinelFails() {
        assertThat(check(gate, "UNSURE").reason()).isEqualTo("the model answered with the unsure sentinel 'UNSURE'");
    }

    @Test
    void structuredRefusalsEmptyAnswersAndContentFiltersFail() {
        var refused = Answers.message("{\"role\": \"assistant\", \"content\": null, \"refusal\": \"I can't do that.\"}", "stop");
        assertThat(check(gate, Answers.ask("q"), refused).reason()).isEqualTo("the model refused: I can't do that.");
        assertThat(check(gate, "").reason()).isEqualTo("the answer is empty");
        var filtered = Answers.message("{\"role\": \"assistant\", \"content\": \"\"}", "content_filter");
        assertThat(check(gate, Answers.ask("q"), filtered).reason()).isEqualTo("the answer was stopped by a content filter");
    }

    @Test
    void instructTellsTheModelTheSentinelOnlyWhileItCanEscalate() {
        RefusalGate instructing = RefusalGate.read(options("{type: refusal, sentinel: UNSURE, instruct: true}"));
        ChatRequest request = Answers.ask("What is 2+2?");

        ChatRequest prepared = instructing.prepare(request, true);
        assertThat(prepared.messages()).hasSize(2);
        assertThat(prepared.messages().get(0).path("role").asText()).isEqualTo("system");
        assertThat(prepared.messages().get(0).path("content").asText()).contains("reply with exactly UNSURE");
        assertThat(request.messages()).hasSize(1);
        assertThat(instructing.prepare(request, false)).isSameAs(request);
    }

    @Test
    void instructWithoutASentinelIsAConfigError() {
        assertThatThrownBy(() -> RefusalGate.read(options("{type: refusal, instruct: true}")))
                .hasMessageContaining("routes[0].gates[0].instruct: instruct needs a sentinel");
    }
}
