package dev.tiergate.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.json.Json;
import dev.tiergate.pipeline.Gateway;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The HTTP shell around {@link Gateway}: OpenAI-compatible endpoints, health and Prometheus metrics. */
public final class GatewayServer implements AutoCloseable {
    private final WebServer server;

    public GatewayServer(Gateway gateway, PrometheusMeterRegistry registry) {
        TiergateConfig config = gateway.config();
        Authenticator authenticator = new Authenticator(config.auth());
        ChatCompletionsHandler chat = new ChatCompletionsHandler(gateway, authenticator, config.server());
        ModelsHandler models = new ModelsHandler(gateway, authenticator);
        this.server = WebServer.builder()
                .host(config.server().host())
                .port(config.server().port())
                // our own limit answers 413 in OpenAI's shape; Helidon's is only a backstop above it
                .maxPayloadSize(config.server().maxBodyBytes() * 2 + 1024)
                .routing(routing -> routing
                        .post("/v1/chat/completions", chat)
                        .post("/chat/completions", chat)
                        .get("/v1/models", models)
                        .get("/healthz", (req, res) -> HttpExchange.sendJson(res, 200, health(config)))
                        .get("/metrics", (req, res) -> {
                            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                            res.send(registry.scrape());
                        }))
                .build();
    }

    public GatewayServer start() {
        server.start();
        return this;
    }

    /** The bound port (useful when the config asked for port 0). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static ObjectNode health(TiergateConfig config) {
        ObjectNode body = Json.object();
        body.put("status", "ok");
        body.put("config", config.source());
        var missing = body.putArray("missing_env");
        config.missingEnv().forEach(missing::add);
        return body;
    }
}
