package dev.tiergate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.chat.ChatResponse;
import dev.tiergate.config.Secret;
import dev.tiergate.ladder.ModelEndpoint;
import dev.tiergate.provider.CallContext;
import dev.tiergate.provider.Provider;
import dev.tiergate.provider.ProviderContractTest;
import dev.tiergate.provider.ProviderException;
import dev.tiergate.testing.LoopbackOpenAi;
import dev.tiergate.testing.LoopbackServer;
import dev.tiergate.testing.RecordedRequest;
import dev.tiergate.testing.RecordingListener;
import dev.tiergate.testing.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest extends ProviderContractTest {

    @Override
    protected LoopbackServer startLoopback() {
        return new LoopbackOpenAi();
    }

    private static final String RICH_REQUEST = """
            {"model": "auto", "stream": true, "stream_options": {"include_usage": false},
             "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
             "logit_bias": {"50256": -100}, "x_vendor_extension": {"keep": "me"}, "seed": 7}""";

    @Test
    void passesTheBodyThroughWithTheUpstreamModel() throws Exception {
        provider().complete(request(RICH_REQUEST), CallContext.unbounded());

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        JsonNode body = sent.body();
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).as("OpenAI rejects stream_options without stream").isFalse();
        assertThat(body.path("x_vendor_extension")).isEqualTo(json("{\"keep\": \"me\"}"));
        assertThat(body.path("logit_bias")).isEqualTo(json("{\"50256\": -100}"));
        assertThat(body.path("seed").asInt()).isEqualTo(7);
        assertThat(body.path("messages")).isEqualTo(request(RICH_REQUEST).messages());
        assertThat(sent.header("authorization")).isEqualTo("Bearer loopback-key");
        assertThat(sent.header("content-type")).startsWith("application/json");
    }

    @Test
    void streamingAlwaysAsksForUsageAndForwardsTheUsageChunk() throws Exception {
        upstream.enqueue(Reply.text("Hi").withUsage(9, 0, 1));
        RecordingListener listener = RecordingListener.recording();

        ChatResponse response = provider().stream(request(RICH_REQUEST), CallContext.unbounded(), listener);

        JsonNode body = upstream.lastRequest().body();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(listener.chunks().get(listener.chunks().size() - 1).path("usage").path("prompt_tokens").asLong())
                .isEqualTo(9);
        assertThat(response.usage().inputTokens()).isEqualTo(9);
    }

    @Test
    void keepsWhatTheUpstreamReported() throws Exception {
        upstream.enqueue(Reply.text("Hi").withModel("gpt-5.4-nano-2026-01-01"));

        ChatResponse response = provider().complete(hello(), CallContext.unbounded());

        assertThat(response.model()).isEqualTo("gpt-5.4-nano-2026-01-01");
        assertThat(response.body().path("system_fingerprint").asText()).isEqualTo("fp_loopback");
        assertThat(response.body().path("usage").path("completion_tokens_details").path("reasoning_tokens").isNumber())
                .isTrue();
    }

    @Test
    void sendsExtraHeadersAndNoAuthorizationWithoutAKey() throws Exception {
        ModelEndpoint base = upstream.endpoint();
        ModelEndpoint keyless = new ModelEndpoint(base.name(), base.provider(), base.model(), base.baseUrl(), Secret.NONE,
                base.region(), base.price(), base.timeouts(), base.retry(), Map.of("HTTP-Referer", "https://tiergate.dev"),
                Secret.NONE, Secret.NONE, base.missingEnv());
        try (Provider provider = new OpenAiProvider(keyless)) {
            provider.complete(hello(), CallContext.unbounded());
        }

        RecordedRequest sent = upstream.lastRequest();
        assertThat(sent.header("authorization")).isNull();
        assertThat(sent.header("http-referer")).isEqualTo("https://tiergate.dev");
    }

    @Test
    void neverRepeatsAnApiKeyFromAnErrorMessage() {
        upstream.enqueue(Reply.error(401, "Incorrect API key provided: loopback-key and sk-proj-abcdef123456"));

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider().complete(hello(), CallContext.unbounded()));

        assertThat(e.getMessage()).contains("Incorrect API key provided").doesNotContain("loopback-key")
                .doesNotContain("sk-proj-abcdef123456");
    }
}
