package dev.tiergate.eval.judged;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiergate.config.RetryPolicy;
import dev.tiergate.config.Secret;
import dev.tiergate.config.Timeouts;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.pricing.Price;
import dev.tiergate.provider.ProviderKind;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeFamiliesTest {

    private static ModelEndpoint model(String name, ProviderKind provider, String id) {
        return new ModelEndpoint(name, provider, id, URI.create("http://127.0.0.1:9"), Secret.NONE, "us-east-1", Price.FREE,
                Timeouts.DEFAULT, RetryPolicy.NONE, Map.of(), Secret.NONE, Secret.NONE, List.of());
    }

    @Test
    void familiesComeFromTheModelIdAndTheProvider() {
        assertThat(JudgeFamilies.family(model("a", ProviderKind.OPENAI, "gpt-5.4-nano"))).isEqualTo("openai");
        assertThat(JudgeFamilies.family(model("b", ProviderKind.OPENAI, "o3-mini"))).isEqualTo("openai");
        assertThat(JudgeFamilies.family(model("c", ProviderKind.BEDROCK, "anthropic.claude-sonnet-4-6"))).isEqualTo("anthropic");
        assertThat(JudgeFamilies.family(model("d", ProviderKind.BEDROCK, "meta.llama3-3-70b-instruct-v1:0"))).isEqualTo("meta");
        assertThat(JudgeFamilies.family(model("e", ProviderKind.BEDROCK, "amazon.nova-pro-v1:0"))).isEqualTo("amazon");
        assertThat(JudgeFamilies.family(model("f", ProviderKind.OPENAI, "gemini-2.5-flash"))).isEqualTo("google");
        assertThat(JudgeFamilies.family(model("g", ProviderKind.OPENAI, "mixtral-8x7b-instruct"))).isEqualTo("mistral");
        // the id says nothing, but the Anthropic API serves only Claude
        assertThat(JudgeFamilies.family(model("h", ProviderKind.ANTHROPIC, "my-alias"))).isEqualTo("anthropic");
    }

    @Test
    void aJudgeOfAnotherFamilyPassesAndOneOfTheSameOrAnUnknownFamilyIsRefused() {
        List<ModelEndpoint> candidates = List.of(model("cheap", ProviderKind.OPENAI, "gpt-5.4-nano"),
                model("frontier", ProviderKind.ANTHROPIC, "claude-opus-4-7"));

        assertThat(JudgeFamilies.problem(model("judge", ProviderKind.OPENAI, "gemini-2.5-pro"), candidates)).isEmpty();
        assertThat(JudgeFamilies.problem(model("judge", ProviderKind.BEDROCK, "anthropic.claude-haiku-4-5"), candidates))
                .hasValueSatisfying(p -> assertThat(p).contains("anthropic family", "frontier (claude-opus-4-7)", "--allow-same-family-judge"));
        assertThat(JudgeFamilies.problem(model("judge", ProviderKind.OPENAI, "local-finetune"), candidates))
                .hasValueSatisfying(p -> assertThat(p).contains("cannot tell which model family the judge"));
        assertThat(JudgeFamilies.problem(model("judge", ProviderKind.OPENAI, "gemini-2.5-pro"),
                List.of(model("cheap", ProviderKind.OPENAI, "house-model"))))
                .hasValueSatisfying(p -> assertThat(p).contains("cannot tell the model family of cheap (house-model)"));
    }
}
