package dev.tiergate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tiergate.testing.ScriptedProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Streams through gates: held back and replayed when a gate needs the whole answer, straight through otherwise. */
class GatedStreamingTest {
    private static final String ROUTES = """
            routes:
              - {name: safe, strategy: cascade, gates: [refusal, {type: min_length, chars: 20}]}
              - {name: plain, strategy: fixed}
              - {name: cheap-checked, strategy: cascade, gates: [{type: min_length, chars: 20, tiers: [cheap]}]}
              - {name: strict, strategy: cascade, on_failure: fail, gates: [{type: contains, text: Paris}]}
              - {name: capped, strategy: cascade, max_escalations: 1, gates: [{type: min_length, chars: 20}]}
            """;
    private static final String GOOD = "The capital of France is Paris, on the Seine.";

    private final RecordingSink client = new RecordingSink();
    private final TestProviders.Observing cheap = new TestProviders.Observing(new ScriptedProvider("cheap-1").defaultText(GOOD), client::chunkCount);
    private final ScriptedProvider midScript = new ScriptedProvider("mid-1").defaultText(GOOD);
    private final TestProviders.Observing mid = new TestProviders.Observing(midScript, client::chunkCount);
    private final ScriptedProvider frontier = new ScriptedProvider("frontier-1").defaultText(GOOD);
    private final ScriptedProvider cheapScript = new ScriptedProvider("cheap-1").defaultText(GOOD);

    private GatedGateway gateway(TestProviders.Observing cheapProvider) {
        return new GatedGateway(ROUTES, Map.of("cheap", cheapProvider, "mid", mid, "frontier", frontier));
    }

    @Test
    void aGatedRouteStreamsOnlyTheAttemptThatPassed() {
        TestProviders.Observing unsure = new TestProviders.Observing(cheapScript.answer("I don't know."), client::chunkCount);

        GatewayResult result = gateway(unsure).handle(GatedGateway.streamed("safe", "Capital of France?"), client);

        assertThat(unsure.clientChunksAfterFirst).as("the cheap attempt was held back").isZero();
        assertThat(client.text()).isEqualTo(GOOD);
        assertThat(client.starts).singleElement().satisfies(start -> {
            assertThat(start.endpointName()).isEqualTo("mid");
            assertThat(start.headers()).containsEntry("x-tiergate-gate", "passed").containsEntry("x-tiergate-escalations", "1");
        });
        assertThat(result.attempts()).hasSize(2);
        assertThat(result.response().text()).isEqualTo(GOOD);
    }

    @Test
    void aRouteWithoutGatesStreamsStraightThrough() {
        gateway(cheap).handle(GatedGateway.streamed("plain", "Capital of France?"), client);

        assertThat(cheap.clientChunksAfterFirst).as("the client had the first chunk before the second was produced").isEqualTo(1);
        assertThat(client.text()).isEqualTo(GOOD);
        assertThat(client.starts).singleElement().satisfies(start -> assertThat(start.headers()).isEmpty());
    }

    @Test
    void aTierWithoutGatesStreamsStraightThroughEvenOnAGatedRoute() {
        TestProviders.Observing terse = new TestProviders.Observing(cheapScript.answer("Paris."), client::chunkCount);

        gateway(terse).handle(GatedGateway.streamed("cheap-checked", "Capital of France?"), client);

        assertThat(terse.clientChunksAfterFirst).isZero();
        assertThat(mid.clientChunksAfterFirst).isEqualTo(1);
        assertThat(client.text()).isEqualTo(GOOD);
    }

    @Test
    void failingEveryTierIsA422BeforeAnyByteIsSent() {
        TestProviders.Observing wrong = new TestProviders.Observing(cheapScript.answer("Lyon."), client::chunkCount);
        midScript.answer("Lyon!");
        frontier.answer("Marseille.");

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> gateway(wrong).handle(GatedGateway.streamed("strict", "Capital of France?"), client));

        assertThat(e.status()).isEqualTo(422);
        assertThat(client.starts).isEmpty();
        assertThat(client.chunks).isEmpty();
    }

    @Test
    void bestEffortStreamsTheBestAnswerWithTheVerdictInItsHeaders() {
        TestProviders.Observing terse = new TestProviders.Observing(cheapScript.answer("Paris."), client::chunkCount);
        midScript.answer("Paris!");

        gateway(terse).handle(GatedGateway.streamed("capped", "Capital of France?"), client);

        assertThat(client.text()).isEqualTo("Paris!");
        assertThat(client.starts).singleElement().satisfies(start -> assertThat(start.headers())
                .containsEntry("x-tiergate-gate", "failed")
                .containsEntry("x-tiergate-gate-reasons", "mid: min_length: only 6 chars, below the minimum of 20"));
        assertThat(frontier.calls()).isZero();
    }
}
