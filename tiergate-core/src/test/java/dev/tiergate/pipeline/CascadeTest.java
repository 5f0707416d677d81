package dev.tiergate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tiergate.dispatch.Attempt;
import dev.tiergate.gate.GateResult;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.testing.ScriptedProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cascade over in-memory models: climbing, accounting, the cap and both terminal behaviours. */
class CascadeTest {
    private static final String ROUTES = """
            routes:
              - {name: safe, strategy: cascade, gates: [refusal, {type: min_length, chars: 20}]}
              - {name: capped, strategy: cascade, max_escalations: 1, gates: [refusal, {type: min_length, chars: 20}]}
              - {name: strict, strategy: cascade, on_failure: fail, gates: [{type: contains, text: Paris}]}
              - {name: lenient, strategy: cascade, gates: [{type: contains, all: [Paris, Seine]}]}
            """;
    private static final String GOOD = "The capital of France is Paris, on the Seine.";

    private final ScriptedProvider cheap = new ScriptedProvider("cheap-1").defaultText(GOOD);
    private final ScriptedProvider mid = new ScriptedProvider("mid-1").defaultText(GOOD);
    private final ScriptedProvider frontier = new ScriptedProvider("frontier-1").defaultText(GOOD);
    private final GatedGateway gateway = new GatedGateway(ROUTES, Map.of("cheap", cheap, "mid", mid, "frontier", frontier));

    @Test
    void aPassingCheapAnswerIsTheAnswer() {
        GatewayResult result = gateway.ask("safe", "What is the capital of France?");

        assertThat(result.tier().name()).isEqualTo("cheap");
        assertThat(result.attempts()).singleElement().satisfies(a -> assertThat(a.gates()).allMatch(GateResult::passed));
        assertThat(result.headers()).containsEntry("x-tiergate-gate", "passed").containsEntry("x-tiergate-escalations", "0");
        assertThat(mid.calls() + frontier.calls()).isZero();
    }

    @Test
    void climbsCheapMidFrontierRecordingEveryAttemptsTokensCostAndVerdicts() {
        cheap.answer("I don't know.");
        mid.answer("Paris.");

        GatewayResult result = gateway.ask("safe", "What is the capital of France?");

        assertThat(result.tier().name()).isEqualTo("frontier");
        assertThat(result.answeredBy().name()).isEqualTo("frontier");
        assertThat(result.response().text()).isEqualTo(GOOD);
        assertThat(result.attempts()).extracting(Attempt::tierName).containsExactly("cheap", "mid", "frontier");
        for (Attempt attempt : result.attempts()) {
            String tier = attempt.tierName();
            assertThat(attempt.status()).as(tier).isEqualTo(Attempt.Status.OK);
            assertThat(attempt.usage().inputTokens()).as(tier).isPositive();
            assertThat(attempt.usage().outputTokens()).as(tier).isPositive();
            double price = gateway.config.model(tier).orElseThrow().price().cost(attempt.usage());
            assertThat(attempt.costUsd()).as(tier).isPositive().isEqualTo(price);
        }
        assertThat(result.attempts().get(0).gates()).extracting(GateResult::gate, GateResult::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("refusal", false), org.assertj.core.groups.Tuple.tuple("min_length", false));
        assertThat(result.attempts().get(1).gates()).extracting(GateResult::passed).containsExactly(true, false);
        assertThat(result.attempts().get(2).gates()).allMatch(GateResult::passed);
        assertThat(result.costUsd()).isEqualTo(result.attempts().stream().mapToDouble(Attempt::costUsd).sum());
        assertThat(result.headers()).containsEntry("x-tiergate-gate", "passed").containsEntry("x-tiergate-escalations", "2");
        assertThat(result.decision().reason()).startsWith("escalated: mid: min_length: only 6 chars");
        assertThat(gateway.registry.counter("tiergate.gate.failures", "route", "safe", "tier", "cheap", "gate", "refusal").count()).isEqualTo(1);
        assertThat(gateway.registry.counter("tiergate.escalations", "route", "safe", "from", "mid", "to", "frontier", "cause", "gate_failed").count()).isEqualTo(1);
    }

    @Test
    void theEscalationCapIsRespected() {
        cheap.answer("I don't know.");
        mid.answer("Paris.");

        GatewayResult result = gateway.ask("capped", "What is the capital of France?");

        assertThat(frontier.calls()).isZero();
        assertThat(result.attempts()).extracting(Attempt::tierName).containsExactly("cheap", "mid");
        assertThat(result.tier().name()).isEqualTo("mid"); // best effort: fewer failed gates than the cheap answer
        assertThat(result.response().text()).isEqualTo("Paris.");
        assertThat(result.headers()).containsEntry("x-tiergate-gate", "failed").containsEntry("x-tiergate-escalations", "1");
        assertThat(result.headers().get("x-tiergate-gate-reasons")).isEqualTo("mid: min_length: only 6 chars, below the minimum of 20");
    }

    @Test
    void bestEffortAmongEqualFailuresPrefersTheStrongerTier() {
        cheap.answer("Paris.");
        mid.answer("Lyon, on the Rhone.");
        frontier.answer("Marseille.");

        GatewayResult result = gateway.ask("lenient", "What is the capital of France?");

        assertThat(result.attempts()).hasSize(3);
        assertThat(result.response().text()).isEqualTo("Marseille.");
        assertThat(result.headers().get("x-tiergate-gate-reasons")).isEqualTo("frontier: contains: missing ['Paris', 'Seine']");
    }

    @Test
    void failIsA422ListingEveryTiersGateReasonsWithAllAttempts() {
        cheap.answer("Lyon.");
        mid.answer("Lyon!");
        frontier.answer("Marseille.");

        GatewayException e = catchThrowableOfType(GatewayException.class, () -> gateway.ask("strict", "Capital of France?"));

        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("quality_gate_failed");
        assertThat(e.type()).isEqualTo("quality_gate_error");
        assertThat(e.getMessage()).startsWith("No answer passed the route's quality gates (tried cheap, mid, frontier).")
                .contains("cheap: contains: missing ['Paris']").contains("frontier: contains: missing ['Paris']");
        assertThat(e.attempts()).hasSize(3).allMatch(Attempt::gateFailed);
    }

    @Test
    void anUpstreamFailureClimbsToTheNextTier() {
        for (int i = 0; i < 3; i++) {
            cheap.fail(ProviderException.http(503, "overloaded", null));
        }

        GatewayResult result = gateway.ask("safe", "What is the capital of France?");

        assertThat(result.tier().name()).isEqualTo("mid");
        assertThat(result.attempts()).extracting(Attempt::status)
                .containsExactly(Attempt.Status.ERROR, Attempt.Status.ERROR, Attempt.Status.ERROR, Attempt.Status.OK);
        assertThat(result.headers()).containsEntry("x-tiergate-escalations", "1");
        assertThat(gateway.registry.counter("tiergate.escalations", "route", "safe", "from", "cheap", "to", "mid", "cause", "upstream_failed").count()).isEqualTo(1);
    }

    @Test
    void aRejectedRequestDoesNotClimb() {
        cheap.fail(ProviderException.http(400, "context too long", null));

        GatewayException e = catchThrowableOfType(GatewayException.class, () -> gateway.ask("safe", "Hi"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(mid.calls()).isZero();
    }

    @Test
    void aLaterUpstreamFailureStillServesTheEarlierAnswerBestEffort() {
        cheap.answer("I don't know.");
        for (int i = 0; i < 3; i++) {
            mid.fail(ProviderException.http(500, "down", null));
        }

        GatewayResult result = gateway.ask("capped", "What is the capital of France?");

        assertThat(result.tier().name()).isEqualTo("cheap");
        assertThat(result.headers()).containsEntry("x-tiergate-gate", "failed");
        assertThat(result.attempts()).hasSize(4);
    }

    @Test
    void aTierOrModelAskedForByNameIsNotGated() {
        cheap.answer("I don't know.");

        GatewayResult result = gateway.ask("cheap", "What is the capital of France?");

        assertThat(result.response().text()).isEqualTo("I don't know.");
        assertThat(result.headers()).isEmpty();
        assertThat(result.attempts()).singleElement().satisfies(a -> assertThat(a.gates()).isEmpty());
    }
}
