package dev.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.json.Json;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.testing.ScriptedProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quality gates over HTTP: the verdict headers, the 422 in OpenAI's error shape, and gated streams. */
class GatedRoutesServerTest {
    private static final String CONFIG = """
            server: {host: 127.0.0.1, port: 0}
            models:
              - {name: cheap, provider: openai, model: gpt-5.4-nano, api_key: k}
              - {name: frontier, provider: anthropic, model: claude-opus-4-7, api_key: k}
            ladder: [cheap, frontier]
            routes:
              - {name: safe, strategy: cascade, gates: [refusal, {type: min_length, chars: 20}]}
              - {name: strict, strategy: cascade, on_failure: fail, gates: [{type: contains, text: Paris}]}
            """;
    private static final String GOOD = "The capital of France is Paris, on the Seine.";

    private final ScriptedProvider cheap = new ScriptedProvider("gpt-5.4-nano").defaultText(GOOD);
    private final ScriptedProvider frontier = new ScriptedProvider("claude-opus-4-7").defaultText(GOOD);
    private final HttpClient http = HttpClient.newHttpClient();
    private TiergateApp app;

    @BeforeEach
    void start() {
        TiergateConfig config = new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled()).parse(CONFIG, "test.yaml", false);
        Map<String, ScriptedProvider> providers = Map.of("cheap", cheap, "frontier", frontier);
        app = TiergateApp.start(config, endpoint -> providers.get(endpoint.name()));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> post(String model, boolean stream) throws Exception {
        String body = """
                {"model": "%s", "stream": %s, "messages": [{"role": "user", "content": "What is the capital of France?"}]}
                """.formatted(model, stream);
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String streamedText(HttpResponse<String> response) throws Exception {
        List<String> events = List.of(response.body().split("\n\n"));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            text.append(Json.parse(event.substring("data: ".length())).path("choices").path(0).path("delta").path("content").asText(""));
        }
        return text.toString();
    }

    @Test
    void anEscalatedAnswerSaysSoInItsHeaders() throws Exception {
        cheap.answer("I don't know.");

        HttpResponse<String> response = post("safe", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tiergate-tier")).contains("frontier");
        assertThat(response.headers().firstValue("x-tiergate-gate")).contains("passed");
        assertThat(response.headers().firstValue("x-tiergate-escalations")).contains("1");
        assertThat(Json.parse(response.body()).path("choices").path(0).path("message").path("content").asText()).isEqualTo(GOOD);
    }

    @Test
    void bestEffortAnswersWithTheFailedHeaderAndReasons() throws Exception {
        cheap.answer("I don't know.");
        frontier.answer("Paris.");

        HttpResponse<String> response = post("safe", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tiergate-gate")).contains("failed");
        assertThat(response.headers().firstValue("x-tiergate-gate-reasons")).contains("frontier: min_length: only 6 chars, below the minimum of 20");
        assertThat(Json.parse(response.body()).path("choices").path(0).path("message").path("content").asText()).isEqualTo("Paris.");
    }

    @Test
    void failIsA422InOpenAisErrorShapeWithTheReasons() throws Exception {
        cheap.answer("Lyon.");
        frontier.answer("Marseille.");

        HttpResponse<String> response = post("strict", false);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = Json.parse(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("quality_gate_error");
        assertThat(error.path("code").asText()).isEqualTo("quality_gate_failed");
        assertThat(error.path("param").isNull()).isTrue();
        assertThat(error.path("message").asText()).contains("cheap: contains: missing ['Paris']").contains("frontier: contains: missing ['Paris']");
    }

    @Test
    void aGatedStreamCarriesOnlyThePassingAnswerAndItsVerdict() throws Exception {
        cheap.answer("I don't know.");

        HttpResponse<String> response = post("safe", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tiergate-model")).contains("frontier");
        assertThat(response.headers().firstValue("x-tiergate-gate")).contains("passed");
        assertThat(streamedText(response)).isEqualTo(GOOD);
    }

    @Test
    void aStreamThatFailsItsGatesIsA422NotABrokenStream() throws Exception {
        cheap.answer("Lyon.");
        frontier.answer("Marseille.");

        HttpResponse<String> response = post("strict", true);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(Json.parse(response.body()).path("error").path("code").asText()).isEqualTo("quality_gate_failed");
    }

    @Test
    void aStreamedBestEffortAnswerCarriesTheFailedHeader() throws Exception {
        cheap.answer("I don't know.");
        frontier.answer("Paris.");

        HttpResponse<String> response = post("safe", true);

        assertThat(response.headers().firstValue("x-tiergate-gate")).contains("failed");
        assertThat(streamedText(response)).isEqualTo("Paris.");
    }
}
