package dev.tiergate.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.tiergate.dispatch.Attempt;
import dev.tiergate.testing.ScriptedProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A scoring router plus gates: the router picks the tier and a failed gate climbs from there; within the band
 * around the threshold the cheap attempt's confidence decides. The length router stands in for the classifier:
 * its score is prompt tokens / threshold, capped at 1, compared against 1.
 */
class ConfidenceBlendTest {
    private static final String ROUTES = """
            routes:
              - {name: blend, strategy: length, threshold: 100, band: 0.25, gates: [{type: confidence, threshold: -0.5, tiers: [cheap]}]}
              - {name: routed, strategy: length, threshold: 100, gates: [{type: min_length, chars: 20}]}
            """;
    private static final String GOOD = "The capital of France is Paris, on the Seine.";
    /** 100 estimated tokens: score 1.0, the frontier, right on the threshold. */
    private static final String HARD = "word ".repeat(80);
    /** 80 tokens: score 0.8, the mid tier, inside the band. */
    private static final String BORDERLINE = "word ".repeat(64);
    /** 60 tokens: score 0.6, the mid tier, outside the band. */
    private static final String MEDIUM = "word ".repeat(48);

    private final ScriptedProvider mid = new ScriptedProvider("mid-1").defaultText(GOOD);
    private final ScriptedProvider frontier = new ScriptedProvider("frontier-1").defaultText(GOOD);

    private TestProviders.WithLogprobs cheap;

    private GatedGateway gateway(double cheapLogprob) {
        cheap = new TestProviders.WithLogprobs(new ScriptedProvider("cheap-1").defaultText(GOOD), cheapLogprob);
        return new GatedGateway(ROUTES, Map.of("cheap", cheap, "mid", mid, "frontier", frontier));
    }

    @Test
    void inTheBandAConfidentCheapAnswerDecides() {
        GatewayResult result = gateway(-0.1).ask("blend", HARD);

        assertThat(result.decision().tierIndex()).isZero();
        assertThat(result.tier().name()).isEqualTo("cheap");
        assertThat(result.attempts()).singleElement().satisfies(a -> assertThat(a.gates().get(0).reason()).isEqualTo("mean token logprob -0.100 >= -0.5"));
        assertThat(cheap.askedForLogprobs).hasValue(1);
        assertThat(result.response().body().path("choices").path(0).path("logprobs").isNull())
                .as("logprobs the client did not ask for are removed").isTrue();
        assertThat(mid.calls() + frontier.calls()).isZero();
    }

    @Test
    void inTheBandAnUnsureCheapAnswerGoesBackToTheRoutersChoice() {
        GatedGateway gateway = gateway(-2.0);

        GatewayResult hard = gateway.ask("blend", HARD);
        assertThat(hard.attempts()).extracting(Attempt::tierName).containsExactly("cheap", "frontier");
        assertThat(hard.headers()).containsEntry("x-tiergate-escalations", "1");

        GatewayResult borderline = gateway.ask("blend", BORDERLINE);
        assertThat(borderline.attempts()).extracting(Attempt::tierName).containsExactly("cheap", "mid");
    }

    @Test
    void outsideTheBandTheRouterDecidesAlone() {
        GatewayResult result = gateway(-0.1).ask("blend", MEDIUM);

        assertThat(result.attempts()).extracting(Attempt::tierName).containsExactly("mid");
        assertThat(cheap.askedForLogprobs).hasValue(0);
    }

    @Test
    void aClientThatAskedForLogprobsKeepsThem() {
        GatedGateway gateway = gateway(-0.1);
        GatewayResult result = gateway.handle(GatedGateway.chat("blend", HARD).withField("logprobs", BooleanNode.TRUE), null);

        assertThat(result.response().logprobs()).isPresent();
    }

    @Test
    void aFailedGateClimbsFromTheRoutersTier() {
        GatedGateway gateway = gateway(-0.1);
        mid.answer("Paris.");

        GatewayResult result = gateway.ask("routed", MEDIUM);

        assertThat(result.attempts()).extracting(Attempt::tierName).containsExactly("mid", "frontier");
        assertThat(cheap.askedForLogprobs).hasValue(0);
        assertThat(result.response().text()).isEqualTo(GOOD);
    }
}
