package dev.tiergate.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiergate.config.TiergateConfig;
import dev.tiergate.json.Json;
import dev.tiergate.ledger.report.Reports;
import dev.tiergate.pipeline.Gateway;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Optional;

/** The HTTP shell around {@link Gateway}: OpenAI-compatible endpoints, health and Prometheus metrics. */
public final class GatewayServer implements AutoCloseable {
    private final WebServer server;
    private final String host;
    private final int requestedPort;

    public GatewayServer(Gateway gateway, PrometheusMeterRegistry registry) {
        this(gateway, registry, Optional.empty());
    }

    /** @param reports the ledger's reports, served at /v1/report and drawn by the dashboard at / */
    public GatewayServer(Gateway gateway, PrometheusMeterRegistry registry, Optional<Reports> reports) {
        TiergateConfig config = gateway.config();
        this.host = config.server().host();
        this.requestedPort = config.server().port();
        Authenticator authenticator = new Authenticator(config.auth());
        ChatCompletionsHandler chat = new ChatCompletionsHandler(gateway, authenticator, config.server());
        ModelsHandler models = new ModelsHandler(gateway, authenticator);
        ReportHandler report = new ReportHandler(reports, authenticator, Clock.systemUTC());
        DashboardHandler dashboard = new DashboardHandler();
        this.server = WebServer.builder()
                .host(config.server().host())
                .port(config.server().port())
                // our own limit answers 413 in OpenAI's shape; Helidon's is only a backstop above it
                .maxPayloadSize(config.server().maxBodyBytes() * 2 + 1024)
                .routing(routing -> routing
                        .post("/v1/chat/completions", chat)
                        .post("/chat/completions", chat)
                        .get("/v1/models", models)
                        .post("/v1/route", new RouteHandler(gateway, authenticator, config.server()))
                        .get("/v1/report", report)
                        .get("/", dashboard)
                        .get("/healthz", (req, res) -> HttpExchange.sendJson(res, 200, health(config)))
                        .get("/metrics", (req, res) -> {
                            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                            res.send(registry.scrape());
                        }))
                .build();
    }

    /** @throws IllegalStateException when the address cannot be bound (typically: the port is taken) */
    public GatewayServer start() {
        server.start();
        if (!server.isRunning()) {
            throw new IllegalStateException("cannot listen on " + host + ":" + requestedPort
                    + " (is another process using the port? choose another with server.port or --port)");
        }
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
