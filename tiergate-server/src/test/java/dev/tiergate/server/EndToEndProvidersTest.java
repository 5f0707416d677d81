package dev.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.BadRequestException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.json.Json;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.provider.Providers;
import dev.tiergate.testing.LoopbackAnthropic;
import dev.tiergate.testing.LoopbackBedrock;
import dev.tiergate.testing.LoopbackOpenAi;
import dev.tiergate.testing.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK against the gateway, with real providers behind it talking to loopback servers
 * that speak OpenAI, Anthropic and Bedrock wire formats: one ladder, three protocols.
 */
class EndToEndProvidersTest {
    private final LoopbackOpenAi cheap = new LoopbackOpenAi();
    private final LoopbackOpenAi cheapBackup = new LoopbackOpenAi();
    private final LoopbackBedrock mid = new LoopbackBedrock();
    private final LoopbackAnthropic frontier = new LoopbackAnthropic();
    private TiergateApp app;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                defaults:
                  timeouts: {connect: 2s, first_token: 10s, total: 20s}   # generous: a loaded CI box is slow
                  retry: {max_retries: 1, initial_backoff: 1ms, max_backoff: 20ms, budget: 2s}
                models:
                  - {name: cheap, provider: openai, model: gpt-5.4-nano, base_url: "%s", api_key: sk-cheap}
                  - {name: cheap-backup, provider: openai, model: gpt-5.4-mini, base_url: "%s", api_key: sk-backup}
                  - name: mid
                    provider: bedrock
                    model: anthropic.claude-sonnet-4-6
                    region: us-east-1
                    base_url: "%s"
                    aws_access_key_id: %s
                    aws_secret_access_key: %s
                  - {name: frontier, provider: anthropic, model: claude-opus-4-7, base_url: "%s", api_key: sk-ant,
                     timeouts: {first_token: 1500ms}}
                ladder:
                  - {tier: cheap, models: [cheap, cheap-backup]}
                  - mid
                  - frontier
                routes:
                  - {name: auto, strategy: length, threshold: 200}
                """.formatted(cheap.baseUrl(), cheapBackup.baseUrl(), mid.baseUrl(),
                LoopbackBedrock.ACCESS_KEY_ID.value(), LoopbackBedrock.SECRET_ACCESS_KEY.value(), frontier.baseUrl());
        TiergateConfig config = new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled()).parse(yaml, "e2e.yaml", false);
        app = TiergateApp.start(config, Providers::create);
        client = OpenAIOkHttpClient.builder().baseUrl(app.baseUrl() + "/v1").apiKey("unused").maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        client.close();
        app.close();
        cheap.close();
        cheapBackup.close();
        mid.close();
        frontier.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addSystemMessage("Answer briefly.").addUserMessage(question);
    }

    @Test
    void nonStreamingThroughEachProtocol() {
        cheap.enqueue(Reply.text("Paris").withUsage(21, 0, 2));
        mid.enqueue(Reply.text("Sonnet says hi").withUsage(30, 0, 4));
        frontier.enqueue(Reply.text("Opus says hi").withUsage(40, 10, 4));

        ChatCompletion fromCheap = client.chat().completions().create(ask("auto", "Capital of France?").build());
        ChatCompletion fromMid = client.chat().completions().create(ask("mid", "Hello").build());
        ChatCompletion fromFrontier = client.chat().completions().create(ask("frontier", "Hello").build());

        assertThat(fromCheap.choices().get(0).message().content()).contains("Paris");
        assertThat(fromCheap.model()).isEqualTo("gpt-5.4-nano");
        assertThat(fromCheap.usage().orElseThrow().promptTokens()).isEqualTo(21);
        assertThat(fromMid.choices().get(0).message().content()).contains("Sonnet says hi");
        assertThat(fromMid.usage().orElseThrow().completionTokens()).isEqualTo(4);
        assertThat(fromFrontier.choices().get(0).message().content()).contains("Opus says hi");
        // 30 uncached + 10 cache reads on Anthropic's wire become OpenAI's prompt_tokens 40 with 10 cached
        assertThat(fromFrontier.usage().orElseThrow().promptTokens()).isEqualTo(40);
        assertThat(fromFrontier.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(10L);

        assertThat(cheap.lastRequest().header("authorization")).isEqualTo("Bearer sk-cheap");
        assertThat(cheap.lastRequest().body().path("model").asText()).isEqualTo("gpt-5.4-nano");
        assertThat(frontier.lastRequest().header("x-api-key")).isEqualTo("sk-ant");
        assertThat(frontier.lastRequest().body().path("system").toString()).contains("Answer briefly.");
        assertThat(mid.lastRequest().path()).contains("converse");
    }

    @Test
    void streamingThroughEachProtocolWithUsage() {
        cheap.enqueue(Reply.text("Pa", "ris").withUsage(21, 0, 2));
        mid.enqueue(Reply.text("Son", "net").withUsage(30, 0, 4));
        frontier.enqueue(Reply.text("Op", "us").withUsage(40, 0, 4));

        for (var expected : List.of(Map.entry("auto", "Paris"), Map.entry("mid", "Sonnet"), Map.entry("frontier", "Opus"))) {
            ChatCompletionCreateParams params = ask(expected.getKey(), "Hi")
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
                List<ChatCompletionChunk> chunks = stream.stream().toList();
                String text = chunks.stream().flatMap(c -> c.choices().stream())
                        .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
                assertThat(text).as(expected.getKey()).isEqualTo(expected.getValue());
                assertThat(chunks.stream().flatMap(c -> c.usage().stream()).findFirst())
                        .as("usage chunk for " + expected.getKey()).isPresent();
            }
        }
    }

    @Test
    void aToolCallRoundTripsThroughTheSdk() {
        frontier.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Oslo\"}"));
        cheap.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Lima\"}"));
        ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather").description("Current weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build()).build();

        ChatCompletion viaAnthropic = client.chat().completions().create(ask("frontier", "Weather in Oslo?").addTool(tool).build());
        ChatCompletionMessageFunctionToolCall call = viaAnthropic.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).contains("Oslo");
        assertThat(viaAnthropic.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(frontier.lastRequest().body().path("tools").path(0).path("input_schema").path("type").asText()).isEqualTo("object");

        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ask("cheap", "Weather in Lima?").addTool(tool).build())) {
            String arguments = stream.stream().flatMap(c -> c.choices().stream())
                    .flatMap(c -> c.delta().toolCalls().stream().flatMap(List::stream))
                    .map(t -> t.function().flatMap(f -> f.arguments()).orElse("")).collect(Collectors.joining());
            assertThat(arguments).isEqualTo("{\"city\":\"Lima\"}");
        }
    }

    @Test
    void failsOverWithinTheTierWhenAModelKeepsFailing() {
        cheap.enqueue(Reply.error(503, "overloaded"), Reply.error(503, "still overloaded"));
        cheapBackup.enqueue(Reply.text("from the backup"));

        ChatCompletion answer = client.chat().completions().create(ask("auto", "Hi").build());

        assertThat(answer.choices().get(0).message().content()).contains("from the backup");
        assertThat(answer.model()).isEqualTo("gpt-5.4-mini");
        assertThat(cheap.requests()).hasSize(2);
    }

    @Test
    void retriesARateLimitHonouringRetryAfter() throws Exception {
        cheap.enqueue(Reply.error(429, "slow down").withRetryAfter("0"), Reply.text("after the retry"));

        HttpResponse<String> response = post("cheap", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("after the retry");
        assertThat(cheap.requests()).hasSize(2);
    }

    @Test
    void aSlowFirstTokenTimesOutAs504() throws Exception {
        frontier.setDefaultReply(Reply.text("too late").delayHeaders(Duration.ofSeconds(5)));

        HttpResponse<String> response = post("frontier", false);

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(Json.parse(response.body()).path("error").path("code").asText()).isEqualTo("upstream_timeout");
    }

    @Test
    void anUpstreamStreamThatBreaksEndsWithAnErrorEvent() throws Exception {
        mid.enqueue(Reply.text("one ", "two ", "three ", "four ").breakAfter(3));

        HttpResponse<String> response = post("mid", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"error\"").doesNotContain("[DONE]");
    }

    @Test
    void sdkErrorsMapToTheirTypedExceptions() {
        assertThatThrownBy(() -> client.chat().completions().create(ask("no-such-model", "Hi").build()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-model");
        assertThatThrownBy(() -> client.chat().completions().create(ask("auto", "Hi").temperature(9.0).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("temperature");
    }

    private HttpResponse<String> post(String model, boolean stream) throws Exception {
        String body = """
                {"model": "%s", "stream": %s, "messages": [{"role": "user", "content": "Hi"}]}
                """.formatted(model, stream);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
