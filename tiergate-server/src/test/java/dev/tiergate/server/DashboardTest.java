package dev.tiergate.server;

import dev.tiergate.testing.HeadlessChromium;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger end to end over HTTP: traffic (with shadow parity on) through a running gateway, the report at
 * /v1/report, and the dashboard at / rendered in headless Chromium with non-empty charts and a screenshot saved to
 * target/dashboard.png.
 */
class DashboardTest {
    @TempDir
    Path dir;

    private final Map<String, ScriptedProvider> providers = Map.of(
            "cheap", new ScriptedProvider("gpt-5.4-nano").defaultText("a short cheap answer"),
            "frontier", new ScriptedProvider("claude-opus-4-7").defaultText("a somewhat longer frontier answer here"),
            "judge", new ScriptedProvider("gemini-2.5-flash").defaultText("TIE"));
    private final HttpClient http = HttpClient.newHttpClient();
    private TiergateApp app;

    @BeforeEach
    void start() throws Exception {
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                models:
                  - {name: cheap, provider: openai, model: gpt-5.4-nano, api_key: k}
                  - {name: frontier, provider: anthropic, model: claude-opus-4-7, api_key: k}
                  - {name: judge, provider: openai, model: gemini-2.5-flash, api_key: k}
                ladder: [cheap, frontier]
                routes:
                  - {name: auto, strategy: length, threshold: 40}
                ledger: {path: "%s", spool: "%s", flush_interval: 5ms}
                shadow: {rate: 1.0, judge: judge, max_daily_usd: 5, max_concurrent: 16}
                """.formatted(dir.resolve("ledger.db"), dir.resolve("ledger.spool"));
        TiergateConfig config = new ConfigLoader(Map.<String, String>of()::get, PriceCatalog.bundled()).parse(yaml, "test.yaml", false);
        app = TiergateApp.start(config, endpoint -> providers.get(endpoint.name()));
        String[] prompts = {"What is 2 + 2?", "Write a python function to add numbers", "Hi there",
                "Explain why the sky is blue, with the physics of scattering. ".repeat(4)}; // long: the frontier answers
        for (int i = 0; i < 12; i++) {
            post(prompts[i % prompts.length]);
        }
        app.ledger().shadow().orElseThrow().awaitIdle(Duration.ofSeconds(20));
        assertThat(app.ledger().writer().orElseThrow().awaitIdle(Duration.ofSeconds(20))).isTrue();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void post(String text) throws Exception {
        String body = Json.text(Json.MAPPER.createObjectNode().put("model", "auto")
                .set("messages", Json.array().add(Json.object().put("role", "user").put("content", text))));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReportEndpointSaysHowMuchCheaperAtWhatParity() throws Exception {
        HttpResponse<String> response = get("/v1/report?since=24h&by=route");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = Json.parse(response.body());
        assertThat(report.path("totals").path("requests").asInt()).isEqualTo(12);
        assertThat(report.path("totals").path("savings_pct").asDouble()).isPositive();
        assertThat(report.path("totals").path("parity").asDouble()).isEqualTo(1.0); // the judge always says TIE
        assertThat(report.path("totals").path("parity_samples").asInt()).isEqualTo(9); // the 9 routed-down requests
        assertThat(report.path("headline").asText()).matches("\\d+\\.\\d% cheaper at 100\\.0% parity \\(9 shadow samples\\)");
        assertThat(report.path("groups").path(0).path("key").asText()).isEqualTo("auto");
        assertThat(report.path("tier_mix")).hasSize(2);

        assertThat(get("/v1/report?by=model").statusCode()).isEqualTo(400);
        assertThat(Json.parse(get("/v1/report?since=soon").body()).path("error").path("param").asText()).isEqualTo("since");
    }

    @Test
    void theDashboardIsOneOfflinePage() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
        assertThat(page.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");
    }

    @Test
    void theDashboardRendersNonEmptyChartsInChromium() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();

        String dom = chromium.dumpDom(app.baseUrl() + "/");

        assertThat(dom).contains("data-state=\"ready\"");
        for (String chart : new String[] {"chart-cost", "chart-savings", "chart-rates", "chart-parity", "chart-mix"}) {
            assertThat(dataAttribute(dom, chart, "points")).as(chart + " points").isPositive();
        }
        assertThat(dom).contains("<polyline");
        assertThat(dataAttribute(dom, "categories", "rows")).isPositive();
        assertThat(dom).containsPattern("\\d+\\.\\d% cheaper at 100\\.0% parity");

        Path png = Path.of("target", "dashboard.png");
        chromium.screenshot(app.baseUrl() + "/", png, 1280, 1500);
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(20_000);
        System.out.println("dashboard screenshot: " + png.toAbsolutePath());
    }

    private static int dataAttribute(String dom, String id, String name) {
        Matcher m = Pattern.compile("<[^>]*id=\"" + id + "\"[^>]*data-" + name + "=\"(\\d+)\"").matcher(dom);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
