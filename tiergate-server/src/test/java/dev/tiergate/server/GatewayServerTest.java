package dev.tiergate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.config.ConfigLoader;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.json.Json;
import dev.tiergate.pricing.PriceCatalog;
import dev.tiergate.provider.ProviderException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP surface against in-memory providers: routing headers, SSE framing, bad input, auth, models, metrics. */
class GatewayServerTest {
    private static final String CONFIG = """
            server: {host: 127.0.0.1, port: 0, max_body_bytes: 2048}
            auth: {keys: [{id: team-a, key: "${GATEWAY_KEY}"}]}
            models:
              - {name: cheap, provider: openai, model: gpt-5.4-nano, api_key: k}
              - {name: frontier, provider: anthropic, model: claude-opus-4-7, api_key: k}
            ladder: [cheap, frontier]
            routes:
              - {name: auto, strategy: length, threshold: 50}
              - {name: pinned-top, strategy: fixed, tier: frontier}
            """;

    private final Map<String, ScriptedProvider> providers = Map.of(
            "cheap", new ScriptedProvider("gpt-5.4-nano").defaultText("cheap answer"),
            "frontier", new ScriptedProvider("claude-opus-4-7").defaultText("frontier answer"));
    private final HttpClient http = HttpClient.newHttpClient();
    private TiergateApp app;

    @BeforeEach
    void start() {
        TiergateConfig config = new ConfigLoader(Map.of("GATEWAY_KEY", "tg-secret-key")::get, PriceCatalog.bundled())
                .parse(CONFIG, "test.yaml", false);
        app = TiergateApp.start(config, endpoint -> providers.get(endpoint.name()));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, "tg-secret-key");
    }

    private HttpResponse<String> post(String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Authorization", "Bearer tg-secret-key").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(String model, String text, boolean stream) {
        return """
                {"model": "%s", "stream": %s, "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "%s"}]}
                """.formatted(model, stream, text);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.parse(response.body());
    }

    @Test
    void aShortPromptIsAnsweredByTheCheapTierWithRoutingHeaders() throws Exception {
        HttpResponse<String> response = post(chat("auto", "Hi", false));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-tiergate-route")).contains("auto");
        assertThat(response.headers().firstValue("x-tiergate-tier")).contains("cheap");
        assertThat(response.headers().firstValue("x-tiergate-model")).contains("cheap");
        assertThat(response.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("tg-"));
        JsonNode body = json(response);
        assertThat(body.path("model").asText()).isEqualTo("gpt-5.4-nano");
        assertThat(body.path("choices").path(0).path("message").path("content").asText()).isEqualTo("cheap answer");
        assertThat(body.path("usage").path("total_tokens").asInt()).isPositive();
    }

    @Test
    void aLongPromptClimbsToTheFrontier() throws Exception {
        HttpResponse<String> response = post(chat("auto", "word ".repeat(60), false));

        assertThat(response.headers().firstValue("x-tiergate-tier")).contains("frontier");
        assertThat(json(response).path("model").asText()).isEqualTo("claude-opus-4-7");
    }

    @Test
    void tiersAndModelsCanBeAddressedDirectly() throws Exception {
        assertThat(post(chat("frontier", "Hi", false)).headers().firstValue("x-tiergate-model")).contains("frontier");
        assertThat(post(chat("pinned-top", "Hi", false)).headers().firstValue("x-tiergate-tier")).contains("frontier");
    }

    @Test
    void streamsServerSentEventsEndingWithDone() throws Exception {
        HttpResponse<String> response = post(chat("auto", "Hi", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("x-tiergate-tier")).contains("cheap");
        List<String> events = List.of(response.body().split("\n\n"));
        assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            assertThat(event).startsWith("data: ");
            text.append(Json.parse(event.substring(6)).path("choices").path(0).path("delta").path("content").asText(""));
        }
        assertThat(text.toString()).isEqualTo("cheap answer");
    }

    @Test
    void usageIsStreamedOnlyWhenTheClientAsksForIt() throws Exception {
        String withUsage = post("""
                {"model": "auto", "stream": true, "stream_options": {"include_usage": true}, "messages": [{"role": "user", "content": "Hi"}]}
                """).body();
        String without = post(chat("auto", "Hi", true)).body();

        assertThat(withUsage).contains("\"completion_tokens\"");
        assertThat(without).doesNotContain("\"usage\"");
    }

    @Test
    void aStreamThatBreaksMidwayEndsWithAnErrorEventAndNoDone() throws Exception {
        providers.get("cheap").breakAfter("one two three four", 2, ProviderException.http(500, "connection reset by upstream", null));

        HttpResponse<String> response = post(chat("cheap", "Hi", true));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = List.of(response.body().split("\n\n"));
        assertThat(events).hasSize(3);
        JsonNode last = Json.parse(events.get(2).substring("data: ".length()));
        assertThat(last.path("error").path("code").asText()).isEqualTo("upstream_stream_broken");
        assertThat(response.body()).doesNotContain("[DONE]");
    }

    @Test
    void aStreamingClientThatDisconnectsCancelsTheUpstreamCall() throws Exception {
        // 30 s of stream if nobody cancels it: far longer than the wait below, even on a loaded machine
        providers.get("cheap").slowly("word ".repeat(300), java.time.Duration.ofMillis(100));
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer tg-secret-key")
                .POST(HttpRequest.BodyPublishers.ofString(chat("cheap", "Hi", true))).build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            assertThat(body.read(new byte[16])).isPositive();
        }

        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!providers.get("cheap").sawCancellation() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(providers.get("cheap").sawCancellation()).as("upstream cancelled after the client left").isTrue();
    }

    @Test
    void aStreamThatFailsBeforeItsFirstTokenIsAPlainJsonError() throws Exception {
        for (int i = 0; i < 3; i++) {
            providers.get("cheap").fail(ProviderException.http(500, "upstream exploded", null));
        }
        HttpResponse<String> response = post(chat("cheap", "Hi", true));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("upstream_error");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON          | {"model": "auto", "messages": [          | 400 | invalid_json  |
            not an object           | [1, 2, 3]                                 | 400 | invalid_value |
            missing model           | {"messages": [{"role": "user", "content": "x"}]} | 400 | invalid_value | model
            missing messages        | {"model": "auto"}                         | 400 | invalid_value | messages
            empty messages          | {"model": "auto", "messages": []}         | 400 | invalid_value | messages
            bad role                | {"model": "auto", "messages": [{"role": "robot", "content": "x"}]} | 400 | invalid_value | messages[0].role
            missing content         | {"model": "auto", "messages": [{"role": "user"}]} | 400 | invalid_value | messages[0].content
            temperature out of range | {"model": "auto", "temperature": 7, "messages": [{"role": "user", "content": "x"}]} | 400 | invalid_value | temperature
            stream not boolean      | {"model": "auto", "stream": "yes", "messages": [{"role": "user", "content": "x"}]} | 400 | invalid_value | stream
            bad response_format     | {"model": "auto", "response_format": {"type": "xml"}, "messages": [{"role": "user", "content": "x"}]} | 400 | invalid_value | response_format.type
            tool without name       | {"model": "auto", "tools": [{"type": "function", "function": {}}], "messages": [{"role": "user", "content": "x"}]} | 400 | invalid_value | tools[0].function.name
            unknown model           | {"model": "gpt-17", "messages": [{"role": "user", "content": "x"}]} | 404 | model_not_found | model
            """)
    void badInputGetsOpenAisErrorShape(String name, String body, int status, String code, String param) throws Exception {
        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode error = json(response).path("error");
        assertThat(error.path("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        if (param != null) {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
        assertThat(providers.values()).allSatisfy(p -> assertThat(p.calls()).isZero());
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> response = post(chat("auto", "x".repeat(4096), false));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).path("error").path("code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void requestsWithoutAValidKeyAreRejected() throws Exception {
        HttpResponse<String> missing = post(chat("auto", "Hi", false), null);
        HttpResponse<String> wrong = post(chat("auto", "Hi", false), "tg-secret-kez");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("error").path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(wrong.body()).doesNotContain("tg-secret");
    }

    @Test
    void upstreamExhaustionIs502AndTimeoutIs504() throws Exception {
        for (int i = 0; i < 3; i++) {
            providers.get("cheap").fail(ProviderException.http(503, "overloaded", null));
            providers.get("frontier").fail(new ProviderException(ProviderException.Kind.TIMEOUT_FIRST_TOKEN, "no first token within 2s"));
        }
        assertThat(post(chat("cheap", "Hi", false)).statusCode()).isEqualTo(502);
        HttpResponse<String> timeout = post(chat("frontier", "Hi", false));
        assertThat(timeout.statusCode()).isEqualTo(504);
        assertThat(json(timeout).path("error").path("code").asText()).isEqualTo("upstream_timeout");
    }

    @Test
    void routeExplainsTheDecisionWithoutCallingAnyModel() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/route"))
                .header("Authorization", "Bearer tg-secret-key")
                .POST(HttpRequest.BodyPublishers.ofString(chat("auto", "Hi", false))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode decision = json(response);
        assertThat(decision.path("tier").asText()).isEqualTo("cheap");
        assertThat(decision.path("model").asText()).isEqualTo("cheap");
        assertThat(decision.path("strategy").asText()).isEqualTo("length");
        assertThat(decision.path("threshold").asDouble()).isEqualTo(1.0);
        assertThat(decision.path("projected_cost_usd").asDouble())
                .isPositive().isLessThan(decision.path("frontier_cost_usd").asDouble());
        assertThat(providers.values()).allSatisfy(p -> assertThat(p.calls()).isZero());
    }

    @Test
    void modelsListsRoutesTiersAndModels() throws Exception {
        JsonNode body = json(get("/v1/models"));

        assertThat(body.path("object").asText()).isEqualTo("list");
        List<String> ids = body.path("data").findValuesAsText("id");
        assertThat(ids).containsExactly("auto", "pinned-top", "cheap", "frontier");
    }

    @Test
    void healthAndPrometheusMetricsAreServed() throws Exception {
        post(chat("auto", "Hi", false));

        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("tiergate_requests_total{")
                .contains("route=\"auto\"")
                .contains("tiergate_cost_usd_total")
                .contains("tiergate_counterfactual_cost_usd_total")
                .contains("tiergate_router_decision_seconds");
    }
}
