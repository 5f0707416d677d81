package dev.tiergate.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiergate.json.Json;
import dev.tiergate.pipeline.GatewayException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/** Small helpers for writing JSON and errors with Helidon. */
final class HttpExchange {
    private HttpExchange() {}

    static void sendJson(ServerResponse res, int status, JsonNode body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(body));
    }

    static void sendError(ServerResponse res, GatewayException e) {
        sendJson(res, e.status(), ErrorBodies.of(e));
    }
}
